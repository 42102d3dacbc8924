"""Speakers: a registry of people, speaker boxes on stories, speaker and organisation pages."""

from .speakers import register

__all__ = ["register"]
