"""Signal glue of the writer plugin: which signal calls which handler."""

from __future__ import annotations

import contextlib
import weakref
from typing import Any

from pelican import signals
from pelican.generators import Generator

from plugins.common.errors import WRITE_FIXES, StopBuild, cannot_write, shown_path
from plugins.common.outputs import OUTPUT_FILES
from plugins.common.perbuild import context_publisher

from .files import OutputFiles
from .pages import SiteWriter
from .settings import WriterSettings

# This site's plugins: the package this plugin is in.
SITE_PLUGINS = __name__.partition(".")[0] + "."
# Signals after which a plugin may read the files just written.
WRITING_SIGNALS = (
    signals.content_written,
    signals.article_writer_finalized,
    signals.page_writer_finalized,
)


def register() -> None:
    """Connect the writer plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(start_output_files)
    signals.get_writer.connect(write_with_site_writer)
    signals.all_generators_finalized.connect(wait_for_files_after_writing)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `WRITER` is invalid."""
    WriterSettings.from_settings(pelican.settings)


def start_output_files(pelican: Any) -> type[Generator]:
    """Start this build's output files, and hand them to the context.

    Files are written in the background unless another plugin listens for written files:
    such a plugin (a minifier) may read a file as soon as it is told of it.
    """
    settings = WriterSettings.from_settings(pelican.settings)
    files = OutputFiles(
        pelican.settings["OUTPUT_PATH"],
        background=settings.background and not others_read_written_files(),
    )
    return context_publisher(OUTPUT_FILES, files)


def others_read_written_files() -> bool:
    """Whether a plugin other than this site's own listens for pages being written:
    Pelican's `content_written`, or the end of its stories' or pages' writing."""
    for signal in WRITING_SIGNALS:
        for receiver in signal.receivers.values():
            function = receiver() if isinstance(receiver, weakref.ref) else receiver
            module = str(getattr(function, "__module__", ""))
            if function is not None and not module.startswith(SITE_PLUGINS):
                return True
    return False


def write_with_site_writer(pelican: Any) -> type[SiteWriter]:
    """Write the site's pages with the site's writer."""
    del pelican
    return SiteWriter


def wait_for_files_after_writing(generators: list[Any]) -> None:
    """Make the generators wait for the files still being written: the last one when it
    is done, any one when it fails.

    Pelican sends `finalized` right after the last one: its handlers (the search index,
    the sweep of stale files, other plugins) find every file on disk. A build that fails
    waits too, and leaves no `tar` running. A file that cannot be written (Pelican's own
    copying too) stops the build in one sentence.
    """
    writing = [g for g in generators if hasattr(g, "generate_output")]
    files = writing[-1].context.get(OUTPUT_FILES) if writing else None
    if not isinstance(files, OutputFiles):
        return
    for generator in writing:
        generator.generate_output = _waiting(
            generator.generate_output, files, generator is writing[-1]
        )


def _waiting(generate: Any, files: OutputFiles, last: bool) -> Any:
    """A generator's `generate_output` that waits for the files when it fails, or when it
    is done if it is the last."""

    def generate_then_wait(writer: Any) -> None:
        try:
            generate(writer)
        except BaseException as error:
            with contextlib.suppress(Exception, StopBuild):  # the first failure is shown
                files.wait()
            if isinstance(error, OSError):
                raise StopBuild(os_failure(error, files)) from error
            raise
        if last:
            files.wait()

    return generate_then_wait


def os_failure(error: OSError, files: OutputFiles) -> str:
    """One sentence for an operating system's error while writing the output: the file
    (the copy's destination for a copy), why, and what to do."""
    named = (name for name in (error.filename2, error.filename) if isinstance(name, str))
    path = next(named, str(files.root))
    if error.errno in WRITE_FIXES:
        return cannot_write(path, error)
    return f"{shown_path(path)}: {error.strerror or error} — check it and build again"
