"""Pairing the language versions of a story, and the state of its translation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

COMPLETE = "complete"
SINGLE = "single-language"
PARTIAL = "partial"  # in some languages, not all (with three languages or more)
OUTDATED = "outdated"


class Version(Protocol):
    """What pairing needs of a content item."""

    lang: str
    story: str
    source_path: str
    date: datetime


@dataclass
class Story:
    """All language versions of one story (or page), keyed by language code."""

    key: str
    versions: dict[str, Version] = field(default_factory=dict)
    outdated: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # configured languages it has no version in

    @property
    def status(self) -> str:
        """`complete`, `single-language`, `partial` or `outdated`."""
        if len(self.versions) < 2:
            return SINGLE
        if self.outdated:
            return OUTDATED
        return PARTIAL if self.missing else COMPLETE


@dataclass(frozen=True)
class Duplicate:
    """Two files claiming the same story in the same language."""

    story: str
    lang: str
    kept: Version
    other: Version


def last_change(version: Version) -> datetime:
    """Return when a version last changed: its `Modified` date, else its `Date`."""
    modified: datetime | None = getattr(version, "modified", None)
    return modified or version.date


def pair_translations(
    items: Iterable[Version], languages: Sequence[str]
) -> tuple[dict[str, Story], list[Duplicate]]:
    """Group items into stories by story key; report two files of one story in one language.

    Of two such files the one whose path sorts first is kept, so the result does not
    depend on the order files were read in. Only configured languages are paired.
    """
    order = {code: index for index, code in enumerate(languages)}
    stories: dict[str, Story] = {}
    duplicates: list[Duplicate] = []
    for item in sorted(items, key=lambda item: item.source_path):
        if item.lang not in order:
            continue
        story = stories.setdefault(item.story, Story(item.story))
        kept = story.versions.get(item.lang)
        if kept is not None:
            duplicates.append(Duplicate(item.story, item.lang, kept, item))
            continue
        story.versions[item.lang] = item
    for story in stories.values():
        story.versions = dict(sorted(story.versions.items(), key=lambda kv: order[kv[0]]))
        story.outdated = outdated_languages(story.versions)
        story.missing = tuple(code for code in languages if code not in story.versions)
    return stories, duplicates


def outdated_languages(versions: Mapping[str, Version]) -> tuple[str, ...]:
    """Return the languages whose version is older than another version's `Modified` date.

    A translation is outdated when another language version was modified after it last
    changed. Versions published at different times without any `Modified` are not.
    """
    modified = [m for v in versions.values() if (m := getattr(v, "modified", None))]
    if not modified:
        return ()
    newest = max(modified)
    return tuple(lang for lang, version in versions.items() if last_change(version) < newest)


def translation_report(stories: Iterable[Story]) -> dict[str, list[Story]]:
    """Group stories by translation status, each group in story-key order."""
    report: dict[str, list[Story]] = defaultdict(list)
    for story in sorted(stories, key=lambda story: story.key):
        report[story.status].append(story)
    return {status: report.get(status, []) for status in (COMPLETE, PARTIAL, SINGLE, OUTDATED)}
