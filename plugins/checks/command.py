"""`invoke check`: read and check all content as a build would, without writing the site."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.log import console
from pelican.settings import read_settings

from plugins.bilingual.state import CONTEXT_KEY as BILINGUAL
from plugins.bilingual.translations import last_change
from plugins.common.sources import display_path, where
from plugins.report.manifest import SCHEDULED

from .links import check_links, published_items

logger = logging.getLogger(__name__)


def read_content(pelican: Any) -> dict[str, Any]:
    """Run the reading half of a build (what Pelican's `run` does before writing)."""
    settings = pelican.settings
    context = settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    return dict(context)


def report_translations(context: Mapping[str, Any]) -> None:
    """Warn of stories in one language only and of translations left behind."""
    state = context[BILINGUAL]
    root = Path(context["PATH"])
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
    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    settings = read_settings(settings_file, override=overrides)
    pelican = Pelican(settings)
    context = read_content(pelican)
    check_links(context, published_items(context))
    report_translations(context)
    report = pelican.build_report
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
