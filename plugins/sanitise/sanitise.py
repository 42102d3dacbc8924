"""Signal glue of the sanitise plugin: which signal calls which handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican import signals

from .cleaner import clean
from .settings import SanitiseSettings

Read = Callable[[str], tuple[str, dict[str, Any]]]


def register() -> None:
    """Connect the sanitise plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(sanitise_what_readers_make)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `SANITISE` is invalid."""
    SanitiseSettings.from_settings(pelican.settings)


def sanitise_what_readers_make(generator: Any) -> None:
    """Clean the HTML of every file a generator reads (stories, pages, publications).

    Each reader's output is cleaned as it is read, before Pelican's content cache keeps
    it: a file served from the cache is not cleaned again. Generators get their readers
    when they are made, every plugin's reader already in place.
    """
    if not SanitiseSettings.from_settings(generator.settings).enabled:
        return
    for reader in generator.readers.readers.values():  # each generator has readers of its own
        reader.read = _cleaning(reader.read)


def _cleaning(read: Read) -> Read:
    def read_and_clean(source_path: str) -> tuple[str, dict[str, Any]]:
        """Read a file, then clean its body and its summary."""
        content, metadata = read(source_path)
        summary = metadata.get("summary")
        if summary:
            metadata["summary"] = clean(str(summary))
        return (clean(content) if content else content), metadata

    return read_and_clean
