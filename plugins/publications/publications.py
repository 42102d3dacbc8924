"""Signal glue of the publications plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import PublicationsGenerator
from .settings import PublicationsSettings


def register() -> None:
    """Connect the publications plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(add_publications_generator)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `PUBLICATIONS` is invalid."""
    PublicationsSettings.from_settings(pelican.settings)


def add_publications_generator(pelican: Any) -> type[PublicationsGenerator]:
    """Add the generator that reads publications and writes their pages."""
    return PublicationsGenerator
