"""Searching the sample site in a real browser, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_pages import axe_violations
from tests.conftest import BuiltSite


def search(browser: Browser, base: str, lang: str, query: str) -> tuple[Page, list[str]]:
    """Open a language's search page with a query; return the page and the result links."""
    page = browser.new_page()
    page.goto(f"{base}/{lang}/search/?q={query}")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('“')", timeout=10_000
    )
    links = page.eval_on_selector_all("#search-list a", "links => links.map(a => a.pathname)")
    return page, links


@pytest.mark.parametrize(
    ("lang", "query"),
    [("az", "Əliyeva"), ("en", "Aliyeva"), ("az", "uşaq"), ("az", "UNICEF"), ("en", "UNICEF")],
)
def test_search_finds_stories_in_the_page_language(
    browser: Browser, served: tuple[str, BuiltSite], lang: str, query: str
) -> None:
    base, site = served
    page, links = search(browser, base, lang, query)
    assert links, f"no result for {query!r} in {lang}"
    for link in links:
        assert link.startswith(f"/{lang}/")
        assert site.exists(link)
        assert query.lower() in site.html(link).select_one("article").get_text().lower()
    assert str(len(links)) in page.locator("#search-status").inner_text()
    page.close()


def test_embargoed_and_draft_stories_are_not_in_the_index(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    for lang, query in [("en", "Majlis"), ("az", "Məclisə"), ("en", "previewed")]:
        page, links = search(browser, base, lang, query)
        assert links == [], f"{query!r} found {links}"
        page.close()


def test_listings_are_not_indexed(browser: Browser, served: tuple[str, BuiltSite]) -> None:
    base, _ = served
    page, links = search(browser, base, "en", "Sabina")
    assert links
    assert all("/speakers/" not in link and "/category/" not in link for link in links)
    page.close()


def test_header_search_box_leads_to_results(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/en/")
    page.fill("#header-search-query", "certificates")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/en/search/?q=certificates")
    page.wait_for_function("document.querySelectorAll('#search-list a').length > 0")
    assert page.locator("#search-status").inner_text().startswith("Results for “certificates”")
    page.close()


def test_search_page_is_accessible_with_results(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    for lang, query in [("az", "Əliyeva"), ("en", "UNICEF")]:
        page, links = search(browser, base, lang, query)
        assert links
        assert axe_violations(page) == []
        page.close()


def test_without_javascript_the_page_says_so_and_links_to_the_archive(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/az/search/?q=uşaq")
    main = page.locator("main")
    assert "Axtarış üçün JavaScript lazımdır" in main.inner_text()
    assert main.locator('a[href$="/az/archive/"]').count() == 1
    assert page.locator("#search-list li").count() == 0
    context.close()


def test_excerpts_come_from_the_text_and_speakers_stay_searchable(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, site = served
    # Named in the training story's speakers box only, not in its text: found all the same.
    page, links = search(browser, base, "en", "Gasimova")
    bodies = [site.html(link).select_one(".story__body").get_text() for link in links]
    assert any("Gasimova" not in body for body in bodies), links
    page.close()
    for lang, query in [("en", "Aliyeva"), ("en", "UNICEF"), ("az", "ombudsman"), ("en", "report")]:
        page, links = search(browser, base, lang, query)
        assert links, query
        excerpts = page.locator("#search-list li p").all_inner_texts()
        assert excerpts
        for excerpt in excerpts:
            for boilerplate in (
                "Speakers",
                "Çıxış edənlər",
                "Tags",
                "Mövzular",
                "Download",
                "yükləyin",
            ):
                assert boilerplate not in excerpt, (query, excerpt)
        page.close()
