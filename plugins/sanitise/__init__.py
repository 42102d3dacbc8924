"""Sanitising raw HTML written in Markdown: scripts, event handlers and javascript: URLs go."""
