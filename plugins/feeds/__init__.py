"""Feeds: per-language RSS 2.0 and Atom 1.0 for all stories, each category and each speaker."""
