"""Incremental previews: a page is rendered again only when something it shows changed."""
