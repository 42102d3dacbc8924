"""Tiny bilingual sites built by Pelican: one complete site per language, paired versions."""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuiltSite, SiteBuilder


@pytest.fixture
def basic(basic_preview: BuiltSite) -> BuiltSite:
    """The basic two-language fixture, built once per test run."""
    return basic_preview


def story_links(soup: BeautifulSoup) -> list[str]:
    """The story URLs a listing links to from its main area."""
    main = soup.find("main")
    return [
        a["href"]
        for a in main.select("article a, .archive-list a")
        if re.search(r"/\d{4}/\d{2}/", a["href"])
    ]


def page_lang(site: BuiltSite, url: str) -> str:
    return site.html(url).html["lang"]


def test_every_language_has_a_complete_site(basic: BuiltSite) -> None:
    for lang in ("az", "en"):
        for url in (
            f"/{lang}/",
            f"/{lang}/archive/",
            f"/{lang}/404.html",
            f"/{lang}/category/news/",
        ):
            assert basic.exists(url), url
            assert page_lang(basic, url) == lang


@pytest.mark.parametrize("listing", ["/{lang}/", "/{lang}/category/news/", "/{lang}/archive/"])
@pytest.mark.parametrize("lang", ["az", "en"])
def test_listings_hold_only_their_language(basic: BuiltSite, listing: str, lang: str) -> None:
    links = story_links(basic.html(listing.format(lang=lang)))
    assert links
    for href in links:
        assert href.startswith(f"/{lang}/")
        assert page_lang(basic, href) == lang


def test_tag_pages_are_per_language(basic: BuiltSite) -> None:
    az = story_links(basic.html("/az/tag/miqrasiya/"))
    en = story_links(basic.html("/en/tag/migration/"))
    assert len(az) == 2
    assert all(h.startswith("/az/") for h in az)
    assert len(en) == 2
    assert all(h.startswith("/en/") for h in en)
    assert not basic.exists("/az/tag/migration/")


def test_home_lists_newest_first(basic: BuiltSite) -> None:
    soup = basic.html("/en/")
    times = [t["datetime"] for t in soup.select("main article time")]
    assert times == sorted(times, reverse=True)
    assert len(times) == 5


def test_home_is_paginated_per_language(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", DEFAULT_PAGINATION=2)
    first = story_links(site.html("/az/"))
    second = story_links(site.html("/az/page/2/"))
    third = story_links(site.html("/az/page/3/"))
    assert [len(first), len(second), len(third)] == [2, 2, 1]
    assert not set(first) & set(second)
    nav = site.html("/az/page/2/").select_one("nav.pagination")
    assert nav.select_one("a[rel=prev]")["href"] == "/az/"
    assert nav.select_one("a[rel=next]")["href"] == "/az/page/3/"
    assert "Səhifə 2 / 3" in nav.get_text()


def test_switcher_and_hreflang_point_at_the_translation(basic: BuiltSite) -> None:
    az_url = "/az/2023/10/usaq-huquqlarina-dair-telim-basladi/"
    soup = basic.html(az_url)
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {"az": az_url, "en": "/en/2023/10/training-on-childrens-rights-opens/"}
    switch = soup.select_one("nav.language-switcher a")
    assert (switch["hreflang"], switch["lang"]) == ("en", "en")
    assert switch["href"] == alternates["en"]
    english = basic.html(switch["href"])
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "Training on children's rights opens"
    back = english.select_one("nav.language-switcher a")
    assert back["href"] == az_url
    assert soup.select_one("link[rel=canonical]")["href"] == az_url


def test_a_story_names_its_other_language_versions_under_a_heading(basic: BuiltSite) -> None:
    soup = basic.html("/en/2023/10/training-on-childrens-rights-opens/")
    section = soup.select_one("section.story__translations")
    heading = section.select_one("#translations-heading")
    assert section["aria-labelledby"] == heading["id"]
    assert heading.get_text(strip=True) == "This story in other languages"
    links = [(a["href"], a["hreflang"]) for a in section.select("li a")]
    assert links == [("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/", "az")]


def test_story_and_lang_headers_pair_differently_named_files(basic: BuiltSite) -> None:
    statement = basic.html("/en/2023/12/statement-on-human-rights-day/")
    assert statement.select_one("nav.language-switcher a")["href"] == (
        "/az/2023/12/insan-huquqlari-gunu-ile-bagli-beyanat/"
    )
    news = basic.html("/en/2024/01/new-reception-rules/")  # file without suffix, `Lang: en`
    assert news.html["lang"] == "en"
    assert news.select_one("nav.language-switcher a")["href"] == "/az/2024/01/yeni-qebul-qaydalari/"


def test_single_language_story_says_so_and_switches_to_the_other_home(basic: BuiltSite) -> None:
    soup = basic.html("/az/2023/11/ekspertler-meruzeni-muzakire-etdiler/")
    notice = soup.select_one("main .notice")
    assert notice is not None
    assert "yalnız bu dildə" in notice.get_text()
    assert soup.select_one("nav.language-switcher a")["href"] == "/en/"
    assert [link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")] == ["az"]
    paired = basic.html("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")
    assert paired.select_one("main .notice") is None


def test_listings_switch_to_the_same_listing(basic: BuiltSite) -> None:
    assert basic.html("/az/category/news/").select_one("nav.language-switcher a")["href"] == (
        "/en/category/news/"
    )
    assert (
        basic.html("/az/archive/").select_one("nav.language-switcher a")["href"] == "/en/archive/"
    )
    # A tag that exists only in Azerbaijani leads to the English home page.
    assert basic.html("/az/tag/miqrasiya/").select_one("nav.language-switcher a")["href"] == "/en/"


def test_pages_are_paired_and_listed_per_language(basic: BuiltSite) -> None:
    about = basic.html("/az/haqqimizda/")
    assert about.html["lang"] == "az"
    assert about.select_one("nav.language-switcher a")["href"] == "/en/about/"
    nav = [a.get_text() for a in about.select("nav.main-nav a")]
    assert "Haqqımızda" in nav
    assert "About" not in nav


def test_dates_and_category_names_are_localised(basic: BuiltSite) -> None:
    az = basic.html("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")
    en = basic.html("/en/2023/10/training-on-childrens-rights-opens/")
    assert az.select_one(".dateline time").get_text() == "27 oktyabr 2023"
    assert en.select_one(".dateline time").get_text() == "27 October 2023"
    assert az.select_one(".dateline time")["datetime"] == "2023-10-27T11:00:00+04:00"
    assert az.select_one(".story__category").get_text(strip=True) == "Tədbirlər"
    assert en.select_one(".story__category").get_text(strip=True) == "Events"
    archive = basic.html("/az/archive/")
    assert [h.get_text() for h in archive.select("main h3")][:2] == ["Fevral 2024", "Yanvar 2024"]


def test_interface_strings_are_in_the_page_language(basic: BuiltSite) -> None:
    az, en = basic.html("/az/"), basic.html("/en/")
    assert az.h1.get_text() == "Son xəbərlər"
    assert en.h1.get_text() == "Latest news"
    assert az.select_one(".skip-link").get_text() == "Əsas məzmuna keçin"
    assert en.select_one("nav.main-nav")["aria-label"] == "Main navigation"


def test_root_leads_to_the_default_language(basic: BuiltSite) -> None:
    soup = basic.html("/")
    assert soup.html["lang"] == "az"
    refresh = soup.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == "0; url=/az/"
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert alternates == {"az": "/az/", "en": "/en/", "x-default": "/az/"}


def test_outdated_translation_is_marked_and_summarised(
    site_builder: SiteBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    site_builder("basic")
    out = capsys.readouterr().out
    assert "Translations: 4 complete, 2 in one language only, 1 outdated." in out
    assert (
        "outdated: content/articles/2024-02-01-outdated.az.md (the en version was modified" in out
    )
    assert "only in az: content/articles/2023-11-05-report.az.md" in out
    assert "only in en: content/articles/2024-03-01-english-only.en.md" in out


def test_a_third_language_is_one_settings_entry(
    site_builder: SiteBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    from pelicanconf import BILINGUAL

    russian = {
        "name": "Русский",
        "locale": "ru",
        "sitename": "Уполномоченный по правам человека",
        "categories": {"news": "Новости", "events": "Мероприятия", "statements": "Заявления"},
        "publication_types": {
            "annual-report": "Ежегодный доклад",
            "special-report": "Специальный доклад",
            "brochure": "Брошюра",
        },
    }
    two_of_three = "Title: Two\nDate: 2023-10-28 10:00\nCategory: news\n\nText.\n"
    site = site_builder(
        "three_languages",
        BILINGUAL={**BILINGUAL, "languages": {**BILINGUAL["languages"], "ru": russian}},
        files={"articles/two.az.md": two_of_three, "articles/two.en.md": two_of_three},
    )
    assert site.messages() == []
    out = capsys.readouterr().out
    assert "Translations: 2 complete, 1 missing a language, 0 in one language only" in out
    assert "  not in ru: content/articles/two.az.md" in out
    home = site.html("/ru/")
    assert home.html["lang"] == "ru"
    assert home.h1.get_text() == "Последние новости"
    story = site.html("/ru/2023/10/nachalsia-trening-po-pravam-detei/")
    assert story.select_one(".dateline time").get_text() == "27 октября 2023\u202fг."
    alternates = {link["hreflang"] for link in story.select("link[rel=alternate][hreflang]")}
    assert alternates == {"az", "en", "ru"}
    assert [a["lang"] for a in story.select("nav.language-switcher a")] == ["az", "en"]
    assert site.exists("/ru/tag/prava-detei/")
    assert site.exists("/ru/o-nas/")
    assert site.html("/az/").select_one("nav.language-switcher a[lang=ru]")["href"] == "/ru/"


def test_unconfigured_language_is_reported_and_the_rest_still_builds(
    site_builder: SiteBuilder,
) -> None:
    site = site_builder(
        "basic",
        files={
            "articles/2023-10-27-training.fr.md": (
                "Title: Formation\nDate: 2023-10-27\nCategory: events\n\nTexte."
            )
        },
    )
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1
    assert re.match(
        r"content/articles/2023-10-27-training\.fr\.md:1: language 'fr' is not configured",
        errors[0],
    )
    assert "'.az.md', '.en.md'" in errors[0]
    assert not (site.output / "fr").exists()
    assert site.exists("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")


def test_lang_header_naming_an_unconfigured_language_points_at_its_line(
    site_builder: SiteBuilder,
) -> None:
    site = site_builder(
        "basic",
        files={"articles/x.md": "Title: X\nDate: 2023-10-27\nCategory: news\nLang: de\n\nText."},
    )
    assert site.messages(logging.ERROR)[0].startswith("content/articles/x.md:4: language 'de'")


def test_two_files_of_one_story_in_one_language_are_named(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={
            "articles/2023-12-11-another.az.md": (
                "Title: Başqa bəyanat\nDate: 2023-12-11\nCategory: statements\n"
                "Story: human-rights-day\n\nMətn."
            )
        },
    )
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1
    assert errors[0].startswith(
        "content/articles/2023-12-11-another.az.md:4: story 'human-rights-day'"
    )
    assert "content/articles/2023-12-10-beyanat.az.md" in errors[0]


def test_two_stories_with_one_url_are_named_and_only_one_is_written(
    site_builder: SiteBuilder,
) -> None:
    site = site_builder(
        "basic",
        files={
            "articles/2023-10-28-copy.en.md": (
                "Title: Something else\nSlug: training-on-childrens-rights-opens\n"
                "Date: 2023-10-28\nCategory: news\n\nA copy."
            )
        },
    )
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1
    assert errors[0].startswith(
        "content/articles/2023-10-28-copy.en.md:2: "
        "URL /en/2023/10/training-on-childrens-rights-opens/ is already taken by "
    )
    assert "content/articles/2023-10-27-training.en.md" in errors[0]
    assert site.html("/en/2023/10/training-on-childrens-rights-opens/").h1.get_text() == (
        "Training on children's rights opens"
    )


def test_a_page_taking_a_listing_url_is_reported(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic", files={"pages/archive.en.md": "Title: Archive\n\nOur own archive page."}
    )
    errors = site.messages(logging.ERROR)
    assert errors == [
        "content/pages/archive.en.md:1: takes the URL /en/archive/ of the site's archives page "
        "— set a different 'Slug:' so that that page can be written"
    ]
    assert site.html("/en/archive/").h1.get_text() == "Archive"


def test_unknown_and_missing_categories_are_reported(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={
            "articles/a.en.md": "Title: A\nDate: 2023-10-01\nCategory: sport\n\nText.",
            "articles/b.en.md": "Title: B\nDate: 2023-10-02\n\nText.",
        },
    )
    errors = site.messages(logging.ERROR)
    assert (
        "content/articles/a.en.md:3: unknown category 'sport' — use one of news, events, statements"
        in errors
    )
    assert (
        "content/articles/b.en.md:1: the story has no category — add a 'Category:' line with one "
        "of news, events, statements" in errors
    )
    assert site.exists("/en/2023/10/a/")
    assert site.exists("/en/2023/10/b/")


def test_slug_is_transliterated_from_an_azerbaijani_title(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        files={
            "articles/x.az.md": (
                "Title: Səbinə Əliyeva İsmayıllıda\nDate: 2023-10-01\nCategory: news\n\nMətn."
            )
        },
    )
    assert site.exists("/az/2023/10/sebine-eliyeva-ismayillida/")


def test_outdated_version_tells_the_reader(basic: BuiltSite) -> None:
    outdated = basic.html("/az/2024/02/kohnelmis-tercume/")
    assert (
        "digər dildəki versiyası bundan sonra yenilənib"
        in outdated.select_one("main .notice").get_text()
    )
    assert (
        basic.html("/en/2024/02/a-translation-that-fell-behind/").select_one("main .notice") is None
    )


def test_every_page_has_its_own_language_s_header_and_footer(site_builder: SiteBuilder) -> None:
    """Header, navigation and footer are rendered once per language and SITEURL, which
    relative URLs change with the page's depth: on every page they still link to files
    that exist, in the page's language, and the navigation marks the page itself."""
    site = site_builder("basic", RELATIVE_URLS=True)
    marked = set()
    for path in site.html_files():
        url = "/" + path.relative_to(site.output).as_posix().removesuffix("index.html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one(".site-header") is None:
            continue  # the root page, which chooses a language
        lang = soup.html["lang"]
        links = soup.select(".site-name, nav.main-nav a, .site-footer a")
        targets = [urlsplit(urljoin(f"https://x.org{url}", a["href"])).path for a in links]
        assert len(targets) > 5, url
        assert all(site.exists(target) for target in targets), url
        assert targets[0] == f"/{lang}/"
        sitename = site.settings["BILINGUAL"]["languages"][lang]["sitename"]
        assert soup.select_one(".site-name").get_text(strip=True) == sitename
        assert soup.select_one(".site-footer__name").get_text(strip=True) == sitename
        nav = soup.select_one("nav.main-nav")
        current = [urljoin(url, a["href"]) for a in nav.select("a[aria-current=page]")]
        assert current in ([], [url]), url
        marked.update(current)
    for lang in ("az", "en"):
        assert {f"/{lang}/", f"/{lang}/archive/", f"/{lang}/category/news/"} <= marked
    assert not any(re.search(r"/\d{4}/\d{2}/", url) for url in marked)  # stories are not in it
