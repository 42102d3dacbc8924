"""Signal glue of the checks plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals

from .files import check_shown_files, check_static_files, exclude_linked_folders
from .links import LinkCheckGenerator
from .reader import CheckedMarkdownReader, report_findings
from .settings import ChecksSettings


def register() -> None:
    """Connect the checks plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.initialized.connect(exclude_linked_folders)
    signals.readers_init.connect(check_markdown_sources)
    signals.article_generator_context.connect(report_findings)
    signals.page_generator_context.connect(report_findings)
    signals.article_generator_context.connect(check_shown_files)
    signals.page_generator_context.connect(check_shown_files)
    signals.static_generator_finalized.connect(check_static_files)
    signals.get_generators.connect(add_link_check)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `CHECKS` is invalid."""
    ChecksSettings.from_settings(pelican.settings)


def check_markdown_sources(readers: Any) -> None:
    """Read Markdown with a reader that checks each file first."""
    for extension in CheckedMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = CheckedMarkdownReader


def add_link_check(pelican: Any) -> type[LinkCheckGenerator]:
    """Add the generator that checks internal links."""
    return LinkCheckGenerator
