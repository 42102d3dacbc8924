"""Settings dicts read from their tables: defaults, every problem at once, today's messages."""

from __future__ import annotations

import pytest

from pelicanconf import BILINGUAL, FEEDS, PUBLICATIONS
from plugins.common.errors import SettingsError
from plugins.feeds.settings import FeedsSettings
from plugins.metadata.settings import MetadataSettings
from plugins.newsroom.model import Settings
from plugins.search.settings import SearchSettings


def test_an_unset_dict_takes_every_default() -> None:
    assert SearchSettings.from_settings({}) == SearchSettings(
        enabled=True, url="{lang}/search/", index=True
    )
    assert MetadataSettings.from_settings({}) == MetadataSettings(logo=None, twitter=None)


def test_every_problem_of_a_dict_is_named_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        SearchSettings.from_settings(
            {"SEARCH": {"enabled": "yes", "url": "/search/", "colour": "blue"}}
        )
    assert caught.value.problems == (
        "SEARCH['colour']: unknown key — known keys: enabled, url, index",
        "SEARCH['enabled']: 'yes' must be True or False",
        "SEARCH['url']: '/search/' must be a string containing {lang}",
    )


def test_a_dict_that_is_not_a_dict_stops_at_once() -> None:
    with pytest.raises(SettingsError, match=r"SEARCH must be a dict, not list"):
        SearchSettings.from_settings({"SEARCH": ["enabled"]})


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ({"twitter": "ombudsman"}, "METADATA['twitter']: 'ombudsman' must be an account"),
        ({"logo": "/logo.svg"}, "METADATA['logo']: '/logo.svg' must be a path on the site"),
    ],
)
def test_optional_values_are_checked_when_given(metadata: dict[str, str], problem: str) -> None:
    with pytest.raises(SettingsError) as caught:
        MetadataSettings.from_settings({"METADATA": metadata})
    assert caught.value.problems[0].startswith(problem)


def test_url_patterns_lay_over_the_defaults_and_keep_their_placeholders() -> None:
    site = {"SITEURL": "https://press.example.org"}
    feeds = FeedsSettings.from_settings(
        {**site, "FEEDS": {**FEEDS, "urls": {"all": "{lang}/all.{format}"}}}
    )
    assert feeds.urls["all"] == "{lang}/all.{format}"
    assert feeds.urls["category"] == "{lang}/feeds/category/{slug}.{format}.xml"
    with pytest.raises(SettingsError) as caught:
        FeedsSettings.from_settings(
            {**site, "FEEDS": {**FEEDS, "email": "press", "urls": {"tags": "x", "all": "all"}}}
        )
    assert set(caught.value.problems) == {
        "FEEDS['email']: 'press' must be an email address",
        "FEEDS['urls']['tags']: unknown feed kind — known: all, category, speaker, organisation, "
        "publications",
        "FEEDS['urls']['all']: 'all' must be a string containing {lang} and {format}",
    }


def test_the_site_reads_every_dict_and_stops_at_the_first_invalid_one() -> None:
    valid = {
        "BILINGUAL": BILINGUAL,
        "FEEDS": FEEDS,
        "PUBLICATIONS": PUBLICATIONS,
        "SITEURL": "https://press.example.org",
    }
    settings = Settings.read(valid)
    assert settings.search.enabled
    assert settings.feeds.max_items == FEEDS["max_items"]
    with pytest.raises(SettingsError, match=r"REPORT\['fail_on'\]"):
        Settings.read({**valid, "REPORT": {"fail_on": "info"}})
