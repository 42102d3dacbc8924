"""`invoke check`: read and check all content as a build would, without writing the site."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from plugins.bilingual.state import BilingualState
from plugins.bilingual.translations import last_change
from plugins.common.sources import display_path, where
from plugins.newsroom.model import CHECK_ONLY, ContentRead
from plugins.report.manifest import SCHEDULED

from .links import check_links, published_items

logger = logging.getLogger(__name__)


def report_translations(state: BilingualState, content: str) -> None:
    """Warn of stories in one language only and of translations left behind."""
    root = Path(content)
    for story in state.stories.values():
        versions = list(story.versions.values())
        missing = story.missing
        if missing and len(versions) == 1:
            (version,) = versions
            logger.warning(
                "%s:1: no %s version of this story — add it (same file name, .%s.md), or "
                "leave it if the story is for one language",
                display_path(version.source_path, root),
                " or ".join(repr(code) for code in missing),
                missing[0],
            )
        newest = max(versions, key=last_change)
        for lang in story.outdated:
            version = story.versions[lang]
            path, line = where(
                version, "Modified" if getattr(version, "modified", None) else "Date"
            )
            logger.warning(
                "%s:%d: the %r version was modified %s, after this one — bring this "
                "translation up to date and set its 'Modified:'",
                path,
                line,
                newest.lang,
                f"{last_change(newest):%Y-%m-%d %H:%M}",
            )


def run_check(settings_file: str, content: str | None = None) -> int:
    """Check every content file; print findings and scheduled stories; return the exit code."""
    # Nothing is written, and nothing deleted: the build stops once its content is read.
    overrides: dict[str, Any] = {CHECK_ONLY: True, "DELETE_OUTPUT_DIRECTORY": False}
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    try:
        Pelican(read_settings(settings_file, override=overrides)).run()
    except ContentRead as read:
        build = read.build
    else:  # pragma: no cover - the site's plugin always stops a check
        raise RuntimeError("the build did not stop once its content was read")
    context = build.context
    check_links(context, published_items(context), build.output_urls())
    report_translations(build.languages, context["PATH"])
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
    console.print(
        f"Checked {len(entries)} files: {report.counter.describe()}.",
        markup=False,
        highlight=False,
    )
    return 1 if report.counter.errors else 0
