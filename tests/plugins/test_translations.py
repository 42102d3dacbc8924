"""Pairing language versions by story key, and translation status."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.bilingual.stories import identify
from plugins.bilingual.translations import (
    COMPLETE,
    OUTDATED,
    PARTIAL,
    SINGLE,
    pair_translations,
    translation_report,
)

BAKU = ZoneInfo("Asia/Baku")


@dataclass
class Item:
    lang: str
    story: str
    source_path: str
    date: datetime
    modified: datetime | None = None


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2023, 10, day, hour, tzinfo=BAKU)


def test_a_suffix_in_capitals_is_a_language_only_when_configured() -> None:
    assert identify("articles/visit.EN.md", {}, "az", ("az", "en")).lang == "en"
    unknown = identify("articles/visit.UN.md", {}, "az", ("az", "en"))
    assert (unknown.lang, unknown.story) == ("az", "visit.UN")
    assert identify("articles/visit.fr.md", {}, "az", ("az", "en")).lang == "fr"  # reported


@pytest.mark.parametrize(
    ("path", "metadata", "lang", "story"),
    [
        ("articles/2023/2023-10-27-training.az.md", {}, "az", "2023-10-27-training"),
        ("articles/2023/2023-10-27-training.en.md", {}, "en", "2023-10-27-training"),
        ("pages/about.ru.md", {}, "ru", "about"),
        ("articles/x.en.md", {"lang": "az"}, "az", "x"),
        ("articles/x.md", {}, "az", "x"),
        ("articles/x.md", {"lang": "en", "story": "y"}, "en", "y"),
        ("articles/x.fr.md", {}, "fr", "x"),
        ("articles/report.v2.az.md", {}, "az", "report.v2"),
        ("articles/x.EN.md", {}, "en", "x"),
        ("articles/x.md", {"lang": "EN"}, "en", "x"),
    ],
)
def test_language_and_story_come_from_file_name_unless_headers_say(
    path: str, metadata: dict[str, str], lang: str, story: str
) -> None:
    identity = identify(path, metadata, default_lang="az")
    assert (identity.lang, identity.story) == (lang, story)


def test_versions_pair_by_story_key_not_by_title_or_slug() -> None:
    items = [
        Item("az", "a", "a.az.md", at(27)),
        Item("en", "a", "a-english-name.en.md", at(27)),
        Item("en", "b", "b.en.md", at(28)),
    ]
    stories, duplicates = pair_translations(items, ["az", "en"])
    assert duplicates == []
    assert set(stories) == {"a", "b"}
    assert list(stories["a"].versions) == ["az", "en"]
    assert stories["a"].status == COMPLETE
    assert stories["b"].status == SINGLE


def test_two_files_of_one_story_in_one_language_are_reported() -> None:
    first = Item("az", "a", "a.az.md", at(27))
    second = Item("az", "a", "b.az.md", at(27))
    stories, duplicates = pair_translations([second, first], ["az", "en"])
    assert [(d.kept, d.other) for d in duplicates] == [(first, second)]
    assert stories["a"].versions == {"az": first}


def test_version_modified_after_the_other_makes_the_other_outdated() -> None:
    az = Item("az", "a", "a.az.md", at(27))
    en = Item("en", "a", "a.en.md", at(27), modified=at(30))
    stories, _ = pair_translations([az, en], ["az", "en"])
    assert stories["a"].status == OUTDATED
    assert stories["a"].outdated == ("az",)


def test_versions_modified_together_are_complete() -> None:
    az = Item("az", "a", "a.az.md", at(27), modified=at(30))
    en = Item("en", "a", "a.en.md", at(27), modified=at(30))
    stories, _ = pair_translations([az, en], ["az", "en"])
    assert stories["a"].status == COMPLETE


def test_versions_published_at_different_times_are_not_outdated() -> None:
    az = Item("az", "a", "a.az.md", at(27, 10))
    en = Item("en", "a", "a.en.md", at(27, 15))
    stories, _ = pair_translations([az, en], ["az", "en"])
    assert stories["a"].status == COMPLETE


def test_report_groups_stories_by_status() -> None:
    items = [
        Item("az", "a", "a.az.md", at(27)),
        Item("en", "a", "a.en.md", at(27)),
        Item("az", "b", "b.az.md", at(27)),
        Item("az", "c", "c.az.md", at(27)),
        Item("en", "c", "c.en.md", at(27), modified=at(29)),
    ]
    stories, _ = pair_translations(items, ["az", "en"])
    report = translation_report(stories.values())
    assert {status: [s.key for s in group] for status, group in report.items()} == {
        COMPLETE: ["a"],
        PARTIAL: [],
        SINGLE: ["b"],
        OUTDATED: ["c"],
    }


def test_with_three_languages_a_story_in_two_is_partial() -> None:
    items = [Item("az", "a", "a.az.md", at(27)), Item("en", "a", "a.en.md", at(27))]
    stories, _ = pair_translations(items, ["az", "en", "ru"])
    assert stories["a"].status == PARTIAL
    assert stories["a"].missing == ("ru",)
