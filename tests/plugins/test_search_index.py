"""The search index and pages of a tiny site: stories only, one index per language."""

from __future__ import annotations

import json

import pytest

from plugins.common.errors import SettingsError
from plugins.search.settings import SearchSettings
from tests.conftest import BASE, BuiltSite, SiteBuilder, build_site


def test_index_holds_each_language_s_published_stories_only(site_builder: SiteBuilder) -> None:
    draft = "Title: Draft\nDate: 2023-11-01 10:00\nCategory: news\nStatus: draft\n\nText.\n"
    site = site_builder("basic", settings="publishconf.py", files={"articles/d.en.md": draft})
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    counts = {lang: data["page_count"] for lang, data in entry["languages"].items()}
    assert counts == {"az": 5, "en": 5}
    assert list(entry) == sorted(entry)


def test_every_language_has_a_search_page_search_engines_may_list(
    basic_production: BuiltSite,
) -> None:
    site = basic_production
    for lang, other in (("az", "en"), ("en", "az")):
        page = site.html(f"/{lang}/search/")
        assert page.html["lang"] == lang
        assert page.select_one('meta[name="robots"]') is None
        assert page.select_one('link[rel="canonical"]')["href"] == f"{BASE}/{lang}/search/"
        assert page.select_one("nav.language-switcher a")["href"].endswith(f"/{other}/search/")
        assert page.select_one('script[type="module"]')["src"].endswith("/theme/js/search.js")
        header_form = site.html(f"/{lang}/").select_one("form.header-search")
        assert header_form["action"].endswith(f"/{lang}/search/")
    listed = site.sitemap()
    assert f"{BASE}/en/" in listed
    assert listed[f"{BASE}/en/search/"] == {
        "az": f"{BASE}/az/search/",
        "en": f"{BASE}/en/search/",
    }


def test_search_can_be_switched_off(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", SEARCH={"enabled": False})
    assert not (site.output / "pagefind").exists()
    assert not site.exists("/en/search/")
    assert site.html("/en/").select_one("form.header-search") is None


def test_a_preview_says_it_has_no_index_and_keeps_no_stale_one(
    site_builder: SiteBuilder, basic_production: BuiltSite
) -> None:
    site = site_builder("basic")  # previews: pelicanconf.py, no index
    notice = site.html("/en/search/").select_one("p.search-preview")
    assert notice is not None
    assert "invoke publish" in notice.get_text()
    az_notice = site.html("/az/search/").select_one("p.search-preview")
    assert az_notice.get_text().startswith("Bu önizləmədə")
    stale = site.output / "pagefind" / "pagefind.js"
    stale.parent.mkdir()
    stale.write_text("old index", encoding="utf-8")
    rebuilt = build_site(site.content, site.output)
    assert rebuilt.failure is None
    assert not (site.output / "pagefind").exists()
    published = basic_production
    assert published.html("/en/search/").select_one("p.search-preview") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("search/", "must be a string containing {lang}"),
        ("/{lang}/search/", "must be relative to the site"),
        ("{lang}/{slug}/", "must use only {lang}"),
    ],
)
def test_invalid_search_urls_are_named(url: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        SearchSettings.from_settings({"SEARCH": {"url": url}})
    assert f"SEARCH['url']: {url!r} {expected}" in str(caught.value)


def test_search_switches_must_be_true_or_false() -> None:
    with pytest.raises(SettingsError) as caught:
        SearchSettings.from_settings({"SEARCH": {"enabled": 1, "index": "no"}})
    assert "SEARCH['enabled']: 1 must be True or False" in str(caught.value)
    assert "SEARCH['index']: 'no' must be True or False" in str(caught.value)
