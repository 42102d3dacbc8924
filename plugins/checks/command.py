"""`invoke check`: read and check all content as a build would, without writing the site."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from plugins.common.sources import display_path
from plugins.newsroom.model import CHECK_ONLY, Build, ContentRead
from plugins.report.manifest import SCHEDULED

from .links import check_links, written_items


def read_content(settings_file: str, overrides: Mapping[str, Any]) -> Build:
    """Read and check every content file as a build would, and stop there: nothing is
    written, and nothing deleted."""
    settings = read_settings(
        settings_file,
        override={**overrides, CHECK_ONLY: True, "DELETE_OUTPUT_DIRECTORY": False},
    )
    try:
        Pelican(settings).run()
    except ContentRead as read:
        return read.build
    raise RuntimeError("the build did not stop once its content was read")  # pragma: no cover


def run_check(settings_file: str, content: str | None = None) -> int:
    """Check every content file; print findings, scheduled stories and drafts still without
    a title; return the exit code."""
    build = read_content(settings_file, {"PATH": str(Path(content).resolve())} if content else {})
    context = build.context
    check_links(context, written_items(context), build.output_urls())
    report = build.report
    report.stop()
    entries = report.entries(context)
    for entry in entries:
        if entry.status == SCHEDULED and entry.release:
            console.print(
                f"{entry.source}: scheduled for {entry.release:%Y-%m-%d %H:%M} "
                f"({entry.release.tzname()}) — it appears with the first build after that",
                soft_wrap=True,
                markup=False,
                highlight=False,
            )
    untitled = [
        item.source_path
        for item in context["generated_content"].values()
        if getattr(item, "untitled", False)
    ]
    for source in sorted(untitled):
        console.print(
            f"{display_path(source, context['PATH'])}: a draft that still needs a title — write "
            "its 'Title:' before it is published",
            soft_wrap=True,
            markup=False,
            highlight=False,
        )
    console.print(
        f"Checked {len(entries)} files: {report.counter.describe()}.",
        markup=False,
        highlight=False,
    )
    return 1 if report.counter.errors else 0
