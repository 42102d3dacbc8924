"""The site's writer: pages render in the build, their files are written beside it."""

from .writer import register

__all__ = ["register"]
