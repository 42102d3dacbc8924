"""Strict builds: fail after the whole build when any warning or error was logged."""

from .strict import register

__all__ = ["register"]
