"""Incremental previews: a page is rendered again only when something it shows changed."""

from .incremental import register

__all__ = ["register"]
