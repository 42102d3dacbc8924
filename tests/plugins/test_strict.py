"""Strict builds report every problem, then fail."""

from __future__ import annotations

import logging

import pytest

from plugins.common.errors import SettingsError
from plugins.strict.settings import StrictSettings
from tests.conftest import SiteBuilder

NO_ALT = "Title: Photo\nDate: 2023-10-01\nCategory: news\n\n![]({static}/images/x.png)\n"


def test_a_warning_fails_a_strict_build_after_the_build(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={"articles/photo.en.md": NO_ALT, "images/x.png": "png"},
        STRICT={"fail_on": "warning"},
    )
    assert site.messages(logging.WARNING)
    assert site.failure is not None
    assert "0 errors and 1 warning reported above" in site.failure
    assert site.exists("/en/2023/10/photo/")


def test_a_warning_does_not_fail_a_build_strict_on_errors(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={"articles/photo.en.md": NO_ALT, "images/x.png": "png"},
        STRICT={"fail_on": "error"},
    )
    assert site.failure is None


def test_a_clean_strict_build_succeeds(site_builder: SiteBuilder) -> None:
    assert site_builder("basic", settings="publishconf.py").failure is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"fail_on": "warnings"}, "'warnings' is not one of"),
        ({"level": "warning"}, "STRICT['level']: unknown key"),
        ("yes", "STRICT must be a dict"),
    ],
)
def test_invalid_strict_settings_are_named(raw: object, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        StrictSettings.from_settings({"STRICT": raw})
    assert expected in str(caught.value)
