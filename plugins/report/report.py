"""Signal glue of the report plugin: which signal calls which handler."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.log import console

from plugins.common.errors import StopBuild
from plugins.common.perbuild import context_publisher

from .manifest import write_manifest
from .record import CONTEXT_KEY, BuildReport
from .settings import ReportSettings


def register() -> None:
    """Connect the report plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(start_build_report)
    signals.article_generator_preread.connect(show_reading_progress)
    signals.page_generator_preread.connect(show_reading_progress)
    signals.content_written.connect(show_writing_progress)
    signals.finalized.connect(finish_build_report)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `REPORT` is invalid."""
    ReportSettings.from_settings(pelican.settings)


def start_build_report(pelican: Any) -> type[Generator]:
    """Start a fresh report for this build (Pelican's autoreload runs many builds).

    The report is kept on the Pelican object for `finalized`, and handed to the context
    by a generator class made for this build.
    """
    report = BuildReport(ReportSettings.from_settings(pelican.settings))
    report.start()
    pelican.build_report = report
    return context_publisher(CONTEXT_KEY, report)


def show_reading_progress(generator: Any) -> None:
    """Print a line now and then while a long build reads its content."""
    report = generator.context.get(CONTEXT_KEY)
    line = report.tick_read() if isinstance(report, BuildReport) else None
    if line:
        console.print(line, highlight=False)


def show_writing_progress(path: str, context: Any) -> None:
    """Print a line now and then while a long build writes its pages."""
    del path
    report = context.get(CONTEXT_KEY)
    line = report.tick_written() if isinstance(report, BuildReport) else None
    if line:
        console.print(line, highlight=False)


def finish_build_report(pelican: Any) -> None:
    """Write the manifest, print the summary line, and fail a strict build with problems."""
    report: BuildReport | None = getattr(pelican, "build_report", None)
    context = getattr(report, "context", None)
    if report is None:
        return
    report.stop()
    pelican.build_report = None
    if context is not None:
        entries = report.entries(context)
        manifest = Path(pelican.settings["OUTPUT_PATH"]).parent / report.settings.manifest
        write_manifest(manifest, entries)
        console.print(report.summary(entries), soft_wrap=True, markup=False, highlight=False)
    level = report.settings.level
    if level is not None and report.counter.count(level):
        raise StopBuild(
            f"Build failed: {report.counter.describe()} reported above, and this build is "
            f"strict (REPORT fails on {report.settings.fail_on}s) — fix them and build again."
        )
