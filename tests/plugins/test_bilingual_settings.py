"""`BILINGUAL` validation: one clear message naming every problem."""

from pathlib import Path
from typing import Any

import pytest

from plugins.bilingual.settings import BilingualSettings
from plugins.common.errors import SettingsError
from tests.conftest import REPO, copy_case, run_pelican

THEME = str(REPO / "theme")
CATEGORIES = {"news": "News", "events": "Events"}


def language(**changes: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": "X",
        "locale": "en_GB",
        "sitename": "Site",
        "categories": CATEGORIES,
    }
    spec.update(changes)
    return spec


def settings(**changes: Any) -> dict[str, Any]:
    bilingual: dict[str, Any] = {
        "default_language": "az",
        "categories": ["news", "events"],
        "languages": {"az": language(locale="az"), "en": language()},
    }
    bilingual.update(changes)
    return {"BILINGUAL": bilingual, "THEME": THEME, "DEFAULT_LANG": "az"}


def test_valid_settings_keep_language_order_and_defaults() -> None:
    parsed = BilingualSettings.from_settings(settings())
    assert parsed.codes == ("az", "en")
    assert parsed.default_language == "az"
    assert parsed.url("category", lang="en", slug="news") == "en/category/news/"
    assert parsed.save_as("home", lang="az") == "az/index.html"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"colour": "blue"}, "BILINGUAL['colour']: unknown key"),
        ({"default_language": "fr"}, "'fr' is not a configured language"),
        (
            {"languages": {"az": language(locale="az"), "xx": language()}},
            "no translation catalogue at",
        ),
        (
            {"languages": {"az": language(locale="az"), "en": language(locale="zz_QQ")}},
            "'zz_QQ' is not a locale Babel knows",
        ),
        (
            {
                "languages": {
                    "az": language(locale="az"),
                    "en": language(categories={"news": "News"}),
                }
            },
            "no name for category 'events'",
        ),
        (
            {"languages": {"az": language(locale="az"), "en": language(sitename="")}},
            "'sitename' is missing",
        ),
        (
            {"languages": {"az": language(locale="az"), "en": language(flag="gb")}},
            "['flag']: unknown key",
        ),
        ({"urls": {"home": "home/"}}, "must be a string containing {lang}"),
        ({"urls": {"feeds": "{lang}/feeds/"}}, "unknown listing"),
        (
            {"urls": {"tag": "{lang}/tags/"}},
            "['tag']: '{lang}/tags/' must be a string containing {lang} and {slug}",
        ),
        ({"urls": {"archive": "/{lang}/archive/"}}, "must be relative to the site"),
        ({"languages": {}}, "must map each language code"),
        ({"categories": None}, "BILINGUAL['categories']: must be a list of category ids"),
        ({"languages": {"az": language(), "EN": language()}}, "'EN' is not a language code"),
        ({"catalogues": ["x"]}, "BILINGUAL['catalogues']: ['x'] must be a folder's path"),
    ],
)
def test_invalid_settings_raise_one_error_naming_the_problem(
    changes: dict[str, Any], expected: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        BilingualSettings.from_settings(settings(**changes))
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("pelican", "expected"),
    [
        ({"ARTICLE_TRANSLATION_ID": "slug"}, "ARTICLE_TRANSLATION_ID is 'slug'"),
        (
            {"ARTICLE_URL": "{lang}/{slug}/", "ARTICLE_LANG_URL": "{slug}-{lang}.html"},
            "ARTICLE_LANG_URL differs from ARTICLE_URL",
        ),
    ],
)
def test_pelican_s_own_translation_settings_are_refused(
    pelican: dict[str, str], expected: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        BilingualSettings.from_settings({**settings(), **pelican})
    assert expected in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        BilingualSettings.from_settings(
            settings(colour="blue", default_language="fr", urls={"tag": "tags/"})
        )
    assert len(caught.value.problems) == 3


def test_default_language_must_agree_with_pelican_default_lang() -> None:
    with pytest.raises(SettingsError, match="DEFAULT_LANG is 'en'"):
        BilingualSettings.from_settings({**settings(), "DEFAULT_LANG": "en"})


def test_settings_error_stops_the_build_with_exit_status_one() -> None:
    with pytest.raises(SettingsError) as caught:
        BilingualSettings.from_settings(settings(colour="blue"))
    assert isinstance(caught.value, SystemExit)
    assert caught.value.code == str(caught.value)


def test_invalid_settings_stop_the_command_line_build_without_a_traceback(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    result = run_pelican(content, tmp_path / "output", "pelicanconf.py", "-e", 'DEFAULT_LANG="en"')
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip() == (
        "BILINGUAL settings are invalid — fix them in the settings file:\n"
        "  - DEFAULT_LANG is 'en' but BILINGUAL['default_language'] is 'az' — set both to the "
        "same language"
    )
    assert not (tmp_path / "output").exists()
