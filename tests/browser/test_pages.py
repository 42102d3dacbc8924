"""Every page type in both languages, as readers meet it in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from lxml import etree
from playwright.sync_api import Browser, Page

from tests.conftest import BuiltSite

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
STORY = {
    "az": "/az/2023/10/miqrasiya-seraitinde-usaq-huquqlarina-dair-iki-gunluk-telim-basladi/",
    "en": "/en/2023/10/two-day-training-on-the-rights-of-children-in-migration-opens-in-baku/",
}
PAGE_TYPES = {
    "home": "/{lang}/",
    "story": "{story}",
    "category": "/{lang}/category/events/",
    "tag": "/{lang}/tag/unicef/",
    "archive": "/{lang}/archive/",
    "speakers": "/{lang}/speakers/",
    "speaker": "/{lang}/speakers/sabina-aliyeva/",
    "organisations": "/{lang}/organisations/",
    "organisation": "/{lang}/organisations/unicef/",
    "page": "/{lang}/{about}/",
    "404": "/{lang}/404.html",
    "search": "/{lang}/search/",
    "publications": "/{lang}/publications/",
    "publication": "/{lang}/publications/{publication}/",
    "subscribe": "/{lang}/subscribe/",
}
ABOUT = {"az": "haqqimizda", "en": "about-us"}
PUBLICATION = {
    "az": "insan-huquqlari-uzre-muvekkilin-2023-cu-il-uzre-illik-meruzesi",
    "en": "annual-report-of-the-commissioner-for-human-rights-for-2023",
}
CASES = [(kind, lang) for kind in PAGE_TYPES for lang in ("az", "en")]


def url_of(kind: str, lang: str) -> str:
    return PAGE_TYPES[kind].format(
        lang=lang, story=STORY[lang], about=ABOUT[lang], publication=PUBLICATION[lang]
    )


def open_page(browser: Browser, base: str, path: str, width: int, hosts: set[str]) -> Page:
    """Open a page at a width, recording the host of every request it makes."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    response = page.goto(base + path)
    assert response is not None
    assert response.ok, path
    return page


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_page_is_accessible_self_contained_and_fits_the_screen(
    browser: Browser, served: tuple[str, BuiltSite], artifacts: Path, kind: str, lang: str
) -> None:
    base, _ = served
    path = url_of(kind, lang)
    netloc = urlparse(base).netloc
    for width in (375, 1280):
        hosts: set[str] = set()
        page = open_page(browser, base, path, width, hosts)
        assert page.evaluate("document.documentElement.lang") == lang
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} scrolls sideways at {width}px ({scroll}px wide)"
        page.screenshot(path=str(artifacts / f"{kind}-{lang}-{width}.png"), full_page=True)
        if width == 1280:
            assert axe_violations(page) == []
        assert hosts == {netloc}, f"{path} requested {hosts - {netloc}}"
        page.context.close()


@pytest.mark.parametrize("kind", ["home", "story"])
def test_dark_colour_scheme_is_accessible(
    browser: Browser, served: tuple[str, BuiltSite], kind: str
) -> None:
    base, _ = served
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base + url_of(kind, "en"))
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize(("start", "target"), [("az", "en"), ("en", "az")])
def test_language_switcher_reaches_the_translation(
    browser: Browser, served: tuple[str, BuiltSite], start: str, target: str
) -> None:
    base, _ = served
    hosts: set[str] = set()
    page = open_page(browser, base, STORY[start], 1280, hosts)
    page.locator(f"nav.language-switcher a[lang={target}]").click()
    page.wait_for_load_state()
    assert page.url == base + STORY[target]
    assert page.evaluate("document.documentElement.lang") == target
    page.context.close()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    page = open_page(browser, base, STORY["en"], 1280, set())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.context.close()


CERTIFICATES = {
    "az": "/az/2023/10/usaq-huquqlari-uzre-telimin-istirakcilarina-sertifikatlar-teqdim-olundu/",
    "en": "/en/2023/10/certificates-awarded-at-the-end-of-the-training-on-childrens-rights-in-"
    "migration/",
}


@pytest.mark.parametrize("lang", ["az", "en"])
def test_a_short_release_prints_on_one_page_with_its_address(
    browser: Browser, served: tuple[str, BuiltSite], artifacts: Path, lang: str
) -> None:
    """Three paragraphs, a list, the media contacts, the notes to editors and the story's
    history: one A4 page, the story's address printed, no navigation, search, language
    links, share links, tags, translations or footer."""
    base, _ = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CERTIFICATES[lang])
    assert page.locator(".story__body > p").count() == 3
    assert page.locator(".media-contacts li").count() >= 1
    assert page.locator(".story__history li").count() == 2
    hidden = (".main-nav", ".header-search", ".language-switcher", ".share", ".site-footer",
              ".story__translations", ".story__tags")  # fmt: skip
    assert [name for name in hidden if not page.locator(name).first.is_visible()] == []
    page.emulate_media(media="print")
    assert [name for name in hidden if page.locator(name).first.is_visible()] == []
    address = page.locator(".print-only")
    assert address.is_visible()
    assert address.inner_text() == base + CERTIFICATES[lang]
    pdf = page.pdf(format="A4")
    (artifacts / f"print-{lang}.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_speakers_are_round_portraits_or_initials_and_the_content_clears_the_navigation(
    browser: Browser, served: tuple[str, BuiltSite], width: int
) -> None:
    base, _ = served
    page = open_page(browser, base, STORY["en"], width, set())
    photo = page.locator(".speaker-card__photo").first.bounding_box()
    initials = page.locator(".speaker-card__initials")
    assert initials.count() > 0  # speakers of the sample registry without a photo
    assert initials.first.inner_text() == "VH"  # Vusal Huseynov
    placeholder = initials.first.bounding_box()
    assert photo is not None
    assert placeholder is not None
    assert photo["width"] == photo["height"] == placeholder["width"] == placeholder["height"]
    assert placeholder["x"] == photo["x"]  # in the photos' column
    header = page.locator(".site-header").bounding_box()
    first = page.locator("main > :first-child").bounding_box()
    assert header is not None
    assert first is not None
    assert first["y"] >= header["y"] + header["height"] + 8
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
@pytest.mark.parametrize("lang", ["az", "en"])
def test_on_a_phone_the_header_is_short_and_folds_the_menu_and_search(
    browser: Browser, served: tuple[str, BuiltSite], artifacts: Path, lang: str, javascript: bool
) -> None:
    base, _ = served
    for width, height in ((375, 667), (320, 568)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(f"{base}/{lang}/")
        header = page.locator(".site-header").bounding_box()
        assert header is not None
        assert header["y"] + header["height"] <= 0.25 * height, (width, header)
        links = page.locator(".main-nav a")
        assert not links.first.is_visible()
        page.locator(".site-header__menu summary").click()
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert links.count() >= 8
        if width == 375 and javascript:
            page.screenshot(path=str(artifacts / f"menu-{lang}-{width}.png"))
            assert axe_violations(page) == []
        # One panel at a time: opening search folds the menu away.
        page.locator(".site-header__search summary").click()
        assert not links.first.is_visible()
        query = page.locator("#header-search-query")
        assert query.is_visible()
        query.fill("certificates")
        query.press("Enter")
        page.wait_for_url(re.compile(rf"/{lang}/search/\?q=certificates$"))
        context.close()


@pytest.mark.parametrize("lang", ["az", "en"])
def test_on_a_wide_screen_the_navigation_and_search_are_always_shown(
    browser: Browser, served: tuple[str, BuiltSite], lang: str
) -> None:
    base, _ = served
    page = open_page(browser, base, f"/{lang}/", 1280, set())
    assert not page.locator(".site-header summary").first.is_visible()
    links = page.locator(".main-nav a")
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("#header-search-query").is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header is not None
    assert header["height"] <= 160  # the name in two lines and one row of links, not a column
    page.context.close()


def test_a_wide_story_page_puts_speakers_and_tags_beside_the_text(
    browser: Browser, served: tuple[str, BuiltSite]
) -> None:
    base, _ = served
    for width, beside in ((1280, True), (375, False)):
        page = open_page(browser, base, STORY["en"], width, set())
        text = page.locator(".story__body").bounding_box()
        aside = page.locator(".story__aside").bounding_box()
        assert text is not None
        assert aside is not None
        if beside:
            assert aside["x"] >= text["x"] + text["width"]
            assert aside["y"] < text["y"]  # it starts at the top, not after the text
        else:
            assert aside["y"] >= text["y"] + text["height"]
        page.context.close()


@pytest.mark.parametrize("lang", ["az", "en"])
def test_a_reader_finds_the_feeds_from_the_home_page_and_every_address_works(
    browser: Browser, served: tuple[str, BuiltSite], lang: str
) -> None:
    base, _ = served
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}/{lang}/")
    link = page.locator(f'.site-footer a[href="{base}/{lang}/subscribe/"]')
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"{base}/{lang}/subscribe/")
    addresses = page.eval_on_selector_all("a[data-copy]", "links => links.map(a => a.href)")
    assert len(addresses) > 30
    for address in addresses:
        response = page.request.get(address)
        assert response.ok, address
        body = response.body()
        if address.endswith(".json"):
            assert json.loads(body)["version"] == "https://jsonfeed.org/version/1.1"
        else:
            assert etree.fromstring(body).tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
    opml = page.locator('a[href$="/feeds/feeds.opml"]').get_attribute("href")
    assert opml is not None
    assert etree.fromstring(page.request.get(opml).body()).tag == "opml"
    # With JavaScript a button beside each address copies it.
    page.locator(".copy-button").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == addresses[0]
    assert addresses[0] in page.locator(".subscribe__copied").inner_text()
    context.close()
