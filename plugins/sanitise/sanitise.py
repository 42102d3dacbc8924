"""Signal glue of the sanitise plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.contents import Article, Page

from .cleaner import clean
from .settings import SanitiseSettings


def register() -> None:
    """Connect the sanitise plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.content_object_init.connect(sanitise_content)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `SANITISE` is invalid."""
    SanitiseSettings.from_settings(pelican.settings)


def sanitise_content(content: Any) -> None:
    """Clean a story's or page's HTML, and its summary, as soon as it is read."""
    if not isinstance(content, Article | Page):
        return
    if not SanitiseSettings.from_settings(content.settings).enabled:
        return
    content._content = clean(content._content or "")
    summary = content.metadata.get("summary")
    if summary:
        content.metadata["summary"] = content._summary = clean(str(summary))
