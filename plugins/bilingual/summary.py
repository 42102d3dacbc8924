"""The translation summary printed once per build."""

from __future__ import annotations

from collections.abc import Iterable

from plugins.common.sources import display_path

from .translations import (
    COMPLETE,
    OUTDATED,
    PARTIAL,
    SINGLE,
    Story,
    last_change,
    translation_report,
)


def summarise_translations(stories: Iterable[Story], content_path: str) -> list[str]:
    """Return the summary lines: counts by status, then each outdated or one-language file."""
    report = translation_report(stories)
    partial = f"{len(report[PARTIAL])} missing a language, " if report[PARTIAL] else ""
    lines = [
        f"Translations: {len(report[COMPLETE])} complete, {partial}"
        f"{len(report[SINGLE])} in one language only, {len(report[OUTDATED])} outdated."
    ]
    for story in report[OUTDATED]:
        newest = max(story.versions.values(), key=last_change)
        for lang in story.outdated:
            version = story.versions[lang]
            lines.append(
                f"  outdated: {display_path(version.source_path, content_path)} "
                f"(the {newest.lang} version was modified {last_change(newest):%Y-%m-%d %H:%M})"
            )
    for story in report[PARTIAL]:
        version = next(iter(story.versions.values()))
        lines.append(
            f"  not in {', '.join(story.missing)}: "
            f"{display_path(version.source_path, content_path)}"
        )
    for story in report[SINGLE]:
        (lang, version), *_ = story.versions.items()
        lines.append(f"  only in {lang}: {display_path(version.source_path, content_path)}")
    return lines
