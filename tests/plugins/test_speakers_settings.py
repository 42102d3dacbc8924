"""`SPEAKERS` validation: one clear message naming every problem."""

from typing import Any

import pytest

from plugins.common.errors import SettingsError
from plugins.speakers.settings import SpeakersSettings


def test_defaults() -> None:
    parsed = SpeakersSettings.from_settings({})
    assert parsed.registry == "speakers.yml"
    assert parsed.url("speaker", lang="az", id="x") == "az/speakers/x/"


def test_urls_can_be_changed() -> None:
    parsed = SpeakersSettings.from_settings({"SPEAKERS": {"urls": {"index": "{lang}/people/"}}})
    assert parsed.url("index", lang="en") == "en/people/"
    assert parsed.url("organisations", lang="en") == "en/organisations/"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"registy": "speakers.yml"}, "SPEAKERS['registy']: unknown key"),
        ({"registry": "speakers.json"}, "must be a YAML file name"),
        ({"urls": {"speaker": "{lang}/speakers/"}}, "must be a string containing {lang} and {id}"),
        ({"urls": {"people": "{lang}/people/"}}, "unknown page kind"),
        ({"urls": {"speaker": "../{lang}/{id}/"}}, "must be relative to the site"),
        ([], "SPEAKERS must be a dict"),
    ],
)
def test_invalid_settings_are_named(raw: Any, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        SpeakersSettings.from_settings({"SPEAKERS": raw})
    assert expected in str(caught.value)
