"""Strict builds report every problem, then fail."""

from __future__ import annotations

import logging

import pytest

from plugins.checks.settings import ChecksSettings
from plugins.common.errors import SettingsError
from plugins.report.settings import ReportSettings
from tests.conftest import BuiltSite, SiteBuilder

# An unknown header is a warning: the story is built, the typo reported.
ODD_HEADER = "Title: Photo\nDate: 2023-10-01\nCategory: news\nSubtitle: More\n\nText.\n"


def test_a_warning_fails_a_strict_build_after_the_build(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={"articles/photo.en.md": ODD_HEADER},
        REPORT={"fail_on": "warning"},
    )
    assert site.messages(logging.WARNING)
    assert site.failure is not None
    assert "0 errors and 1 warning reported above" in site.failure
    assert site.exists("/en/2023/10/photo/")


def test_a_warning_does_not_fail_a_build_strict_on_errors(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={"articles/photo.en.md": ODD_HEADER},
        REPORT={"fail_on": "error"},
    )
    assert site.failure is None


def test_a_clean_strict_build_succeeds(basic_production: BuiltSite) -> None:
    assert basic_production.failure is None
    assert basic_production.exists("/en/")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"fail_on": "warnings"}, "'warnings' is not one of"),
        ({"fail_on": ["warning"]}, "['warning'] is not one of"),
        ({"level": "warning"}, "REPORT['level']: unknown key"),
        ("yes", "REPORT must be a dict"),
    ],
)
def test_invalid_strict_settings_are_named(raw: object, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        ReportSettings.from_settings({"REPORT": raw})
    assert expected in str(caught.value)


@pytest.mark.parametrize("extra", [None, "Source", ["Source", 3]])
def test_invalid_extra_header_names_are_named(extra: object) -> None:
    with pytest.raises(SettingsError) as caught:
        ChecksSettings.from_settings({"CHECKS": {"extra_keys": extra}})
    assert "CHECKS['extra_keys']: must be a list of header names" in str(caught.value)


def test_extra_header_names_are_accepted() -> None:
    known = ChecksSettings.from_settings({"CHECKS": {"extra_keys": ["Source"]}}).known_keys
    assert "source" in known
