"""Content checks: every story checked before it is built, and its internal links after."""

from .checks import register

__all__ = ["register"]
