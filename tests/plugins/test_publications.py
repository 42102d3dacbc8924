"""Publications on a tiny site: section, pages, document sizes, feeds, JSON-LD, errors."""

from __future__ import annotations

import logging
import mimetypes
from typing import Any

import feedparser
import pytest

from plugins.common.errors import SettingsError
from plugins.common.site import media_type
from plugins.publications.documents import human_size
from plugins.publications.settings import PublicationsSettings
from tests.conftest import (
    BASE,
    FIXTURE_SITES,
    FIXTURES,
    BuiltSite,
    SiteBuilder,
    build_site,
    copy_case,
)
from tests.feedcheck import atom_problems, rss_problems

REPORT = {
    "az": "/az/publications/2023-cu-il-uzre-illik-meruze/",
    "en": "/en/publications/annual-report-for-2023/",
}
BROCHURE = {"az": "/az/publications/muraciet-qaydalari/", "en": "/en/publications/how-to-apply/"}
BIG = "x" * 2_400_000  # a 2.4 MB document


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The basic fixture with publications, built for production once for this module."""
    root = tmp_path_factory.mktemp("publications")
    documents = {"files/report-2023.en.pdf": BIG, "files/report-2023.az.pdf": BIG}
    content = copy_case("basic", root / "content", documents, "overlays/publications")
    return build_site(content, root / "output", "publishconf.py")


def overlay_text(name: str) -> str:
    """A publication of the publications overlay, as its file reads."""
    return (FIXTURES / "overlays/publications/publications" / name).read_text(encoding="utf-8")


def test_section_lists_the_language_s_publications_by_year_and_type(site: BuiltSite) -> None:
    assert site.failure is None
    soup = site.html("/az/publications/")
    assert soup.h1.get_text() == "Nəşrlər"
    years = [h2.get_text() for h2 in soup.select("main h2")]
    assert years == ["2024", "2023"]
    assert [h3.get_text() for h3 in soup.select("main h3")] == ["Broşür", "İllik məruzə"]
    links = [a["href"] for a in soup.select("main .publication-list a")]
    assert links == [BASE + BROCHURE["az"], BASE + REPORT["az"]]
    assert soup.select_one("nav.language-switcher a")["href"] == f"{BASE}/en/publications/"
    nav = [a.get_text() for a in site.html("/az/").select("nav.main-nav a")]
    assert "Nəşrlər" in nav


@pytest.mark.parametrize(("lang", "size"), [("en", "PDF, 2.4 MB"), ("az", "PDF, 2,4 MB")])
def test_publication_page_states_format_and_size_in_the_reader_s_language(
    site: BuiltSite, lang: str, size: str
) -> None:
    soup = site.html(REPORT[lang])
    assert soup.html["lang"] == lang
    link = soup.select_one("a.download__link")
    assert link["href"] == f"{BASE}/files/report-2023.{lang}.pdf"
    assert link["type"] == "application/pdf"
    assert soup.select_one(".download__details").get_text() == f"({size})"
    assert site.exists(link["href"])
    pages = {"en": "40 pages", "az": "40 səhifə"}[lang]
    assert soup.select_one(".dateline").get_text(" ", strip=True).endswith(f"· {pages}")
    heading = {"en": "This publication in other languages", "az": "Bu nəşr digər dillərdə"}[lang]
    assert soup.select_one("#translations-heading").get_text(strip=True) == heading
    assert soup.select_one(".publication__type").get_text(strip=True).endswith(", 2023")


def test_a_document_in_one_language_is_offered_on_the_other_language_s_page(
    site: BuiltSite,
) -> None:
    soup = site.html(BROCHURE["en"])
    assert soup.select_one("a.download__link")["href"] == f"{BASE}/files/brochure.az.pdf"
    assert soup.select_one("a.download__link")["hreflang"] == "az"
    assert "This document is available only in Azerbaijani." in soup.select_one("main").get_text()
    az = site.html(BROCHURE["az"])
    assert az.select(".publication .notice") == []  # its own language: no such notice


def test_a_publication_is_shared_with_its_own_title(site: BuiltSite) -> None:
    soup = site.html(REPORT["en"])
    heading = soup.select_one("main h1").get_text(strip=True)
    assert soup.select_one('meta[property="og:title"]')["content"] == heading
    assert heading != soup.select_one('meta[property="og:site_name"]')["content"]


def test_publication_json_ld(site: BuiltSite) -> None:
    data = site.json_ld(REPORT["az"])
    assert data["@type"] == "Report"
    assert data["inLanguage"] == "az"
    assert data["datePublished"] == "2024-03-12T11:00:00+04:00"
    assert data["encoding"] == {
        "@type": "MediaObject",
        "contentUrl": f"{BASE}/files/report-2023.az.pdf",
        "encodingFormat": "application/pdf",
        "contentSize": f"{len(BIG)} B",
        "inLanguage": "az",
    }
    assert data["workTranslation"][0]["@id"] == BASE + REPORT["en"]
    brochure = site.json_ld(BROCHURE["en"])
    assert brochure["@type"] == "CreativeWork"
    assert brochure["translationOfWork"]["@id"] == BASE + BROCHURE["az"]


def test_publications_feed_carries_documents_as_enclosures(site: BuiltSite) -> None:
    for fmt in ("rss", "atom"):
        path = site.output / "en" / "feeds" / f"publications.{fmt}.xml"
        assert (rss_problems if fmt == "rss" else atom_problems)(path) == []
        feed = feedparser.parse(path.read_bytes())
        assert [entry.link for entry in feed.entries] == [
            BASE + BROCHURE["en"],
            BASE + REPORT["en"],
        ]
        enclosures = {
            entry.link: next(link for link in entry.links if link.rel == "enclosure")
            for entry in feed.entries
        }
        report = enclosures[BASE + REPORT["en"]]
        assert int(report.length) == len(BIG)
        assert report.type == "application/pdf"
        assert report.href == f"{BASE}/files/report-2023.en.pdf"
    everything = site.feed("/en/feeds/all.atom.xml")
    links = [entry.link for entry in everything.entries]
    assert BASE + REPORT["en"] in links
    assert links.index(BASE + BROCHURE["en"]) < links.index(BASE + REPORT["en"])
    section = site.html("/en/publications/")
    announced = {link["href"] for link in section.select("link[rel=alternate][type]")}
    assert f"{BASE}/en/feeds/publications.atom.xml" in announced


def test_a_language_with_publications_and_no_stories_announces_its_feeds(
    site_builder: SiteBuilder,
) -> None:
    stories = ["training.en", "statement.en", "english-only.en", "outdated.en", "news-item"]
    removed: dict[str, str | None] = {
        str(path.relative_to(FIXTURE_SITES / "basic")): None
        for path in (FIXTURE_SITES / "basic" / "articles").glob("*.md")
        if any(path.name.endswith(f"-{story}.md") for story in stories)
    }
    assert len(removed) == len(stories)
    site = site_builder(
        "basic", overlay="overlays/publications", settings="publishconf.py", files=removed
    )
    assert site.failure is None
    announced = {
        link["href"] for link in site.html("/en/publications/").select("link[rel=alternate][type]")
    }
    assert announced == {
        f"{BASE}/en/feeds/{name}.{fmt}"
        for name in ("all", "publications")
        for fmt in ("rss.xml", "atom.xml", "json")
    }
    assert all(site.exists(url) for url in announced)


def test_publications_are_in_the_sitemap_and_the_manifest(site: BuiltSite) -> None:
    sitemap = site.sitemap()
    assert sitemap[BASE + REPORT["az"]] == {lang: BASE + url for lang, url in REPORT.items()}
    assert f"{BASE}/az/publications/" in sitemap
    assert site.manifest()["content/publications/2023-report.az.md"]["kind"] == "publication"


def messages_with(site: BuiltSite, text: str) -> list[str]:
    return [m for m in site.messages(logging.ERROR) if text in m]


def test_a_missing_document_names_the_item_and_the_line(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic", overlay="overlays/publications", files={"files/brochure.az.pdf": None}
    )
    assert messages_with(site, "brochure") == [
        "content/publications/brochure.az.md:5: the document 'files/brochure.az.pdf' does not "
        "exist or cannot be read — put the file in the content folder's files/ or fix the path",
        "content/publications/brochure.en.md:1: the publication has no document — add "
        "'Document: files/name.pdf' here or in one of its translations",
    ]
    assert site.exists(REPORT["az"])


def test_a_document_outside_the_static_folders_is_named_once_with_its_line(
    site_builder: SiteBuilder,
) -> None:
    brochure = overlay_text("brochure.az.md")
    site = site_builder(
        "basic",
        overlay="overlays/publications",
        files={
            "notes/brochure.az.pdf": "%PDF-1.4",
            "publications/brochure.az.md": brochure.replace("files/", "notes/"),
        },
    )
    assert messages_with(site, "not published") == [
        "content/publications/brochure.az.md:5: the document notes/brochure.az.pdf is not "
        "published — keep documents under files/ (a folder of STATIC_PATHS)"
    ]


def test_an_unknown_type_names_the_line(site_builder: SiteBuilder) -> None:
    text = (
        "Title: X\nDate: 2024-01-01 10:00\nType: leaflet\nYear: 2024\n"
        "Document: files/brochure.az.pdf\n\nX.\n"
    )
    site = site_builder(
        "basic", overlay="overlays/publications", files={"publications/x.az.md": text}
    )
    assert messages_with(site, "x.az.md") == [
        "content/publications/x.az.md:3: unknown publication type 'leaflet' — use one of "
        "annual-report, special-report, brochure"
    ]


def test_sizes_read_as_the_language_writes_numbers() -> None:
    assert human_size(835, "en_GB") == "1 kB"  # not "835 byte"
    assert human_size(835, "az") == "1 kB"
    assert human_size(340_000, "az") == "340 kB"
    assert human_size(2_400_000, "az") == "2,4 MB"
    assert human_size(2_400_000, "ru") == "2,4 МБ"
    assert human_size(999_499, "en_GB") == "999 kB"
    assert human_size(999_600, "en_GB") == "1 MB"  # not 1,000 kB


def test_media_types_are_the_same_on_every_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a machine without a system table of media types.
    monkeypatch.setattr(mimetypes, "guess_type", lambda *args, **kwargs: (None, None))
    assert media_type("report.DOCX") == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert media_type("book.epub") == "application/epub+zip"
    assert media_type("photo.webp") == "image/webp"
    assert media_type("data.bin") == "application/octet-stream"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"types": {"report": "Brochure"}}, "'Brochure' is not one of"),
        ({"types": {"leaflet": "CreativeWork"}}, "no name for publication type 'leaflet'"),
        ({"types": {}}, "must map type ids to schema.org types"),
        (
            {"types": {"brochure": "CreativeWork"}, "urls": {"index": "publications/"}},
            "must be a string containing {lang}",
        ),
        (
            {"types": {"brochure": "CreativeWork"}, "urls": {"index": "/{lang}/docs/"}},
            "must be relative to the site",
        ),
        (
            {
                "types": {"brochure": "CreativeWork"},
                "urls": {"publication": "{lang}/publications/{date:%Y}/{slug}/"},
            },
            "must use only {lang} and {slug} — other braces cannot be filled in",
        ),
    ],
)
def test_invalid_settings_are_named(raw: dict[str, Any], expected: str) -> None:
    from pelicanconf import BILINGUAL  # the configured languages and their type names

    with pytest.raises(SettingsError) as caught:
        PublicationsSettings.from_settings({"PUBLICATIONS": raw, "BILINGUAL": BILINGUAL})
    assert expected in str(caught.value)


UNPUBLISHED = {
    "publications/embargoed.en.md": (
        "Title: Embargoed report\nDate: 2099-01-01 10:00\nType: brochure\nYear: 2098\n"
        "Document: files/embargoed.en.pdf\n\nNot yet.\n"
    ),
    "files/embargoed.en.pdf": "%PDF-1.4 embargoed",
    "articles/2024-04-01-draft.en.md": (
        "Title: Draft with a photo\nDate: 2024-04-01 10:00\nCategory: news\nStatus: draft\n"
        "Image: images/draft-only.svg\nImage-Alt: A room\n\n"
        "Text with ![a chart]({static}/images/chart.svg) and "
        "![the room]({static}/images/training.svg).\n"
    ),
    "images/draft-only.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "images/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    # Files a draft shows that a published story shows too, each named another way.
    "articles/2024-04-02-draft-too.en.md": (
        "Title: Another draft\nDate: 2024-04-02 10:00\nCategory: news\nStatus: draft\n\n"
        "![a]({static}/images/in-summary.svg) ![b]({static}/images/lead.svg) "
        "![c]({static}/images/plain.svg)\n"
    ),
    "articles/2024-04-03-published.en.md": (
        "Title: Published\nDate: 2024-04-03 10:00\nCategory: news\n"
        "Summary: See ![the chart]({static}/images/in-summary.svg).\n"
        "Image: ./images/lead.svg\nImage-Alt: A room\n\n![A room](/images/plain.svg)\n"
    ),
    "images/in-summary.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "images/lead.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "images/plain.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}
WITHHELD_FILES = ["files/embargoed.en.pdf", "images/draft-only.svg", "images/chart.svg"]


def test_files_only_unwritten_items_show_stay_out_of_production(
    site_builder: SiteBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_builder(
        "basic", overlay="overlays/publications", settings="publishconf.py", files=UNPUBLISHED
    )
    assert site.failure is None
    assert "; 2 drafts, 1 scheduled, 0 not built;" in capsys.readouterr().out
    for path in WITHHELD_FILES:
        assert not (site.output / path).exists(), path
    assert (site.output / "images" / "training.svg").is_file()  # a published story's too
    for shared in ("in-summary.svg", "lead.svg", "plain.svg"):
        assert (site.output / "images" / shared).is_file(), shared
    assert (site.output / "files" / "brochure.az.pdf").is_file()
    status = {source: entry["status"] for source, entry in site.manifest().items()}
    assert status["content/files/embargoed.en.pdf"] == "scheduled"
    assert status["content/images/chart.svg"] == "draft"
    assert status["content/images/training.svg"] == "published"


def test_previews_show_unwritten_items_with_their_files(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", overlay="overlays/publications", files=UNPUBLISHED)
    for path in WITHHELD_FILES:
        assert (site.output / path).is_file(), path


def test_a_document_in_another_language_is_named_by_its_language_alone(
    site_builder: SiteBuilder,
) -> None:
    report = overlay_text("2023-report.az.md")
    site = site_builder(
        "basic",
        overlay="overlays/publications",
        files={"publications/2023-report.az.md": report.replace("Document:", "Note:")},
    )
    notice = site.html(REPORT["az"]).select_one(".publication .notice").get_text()
    assert "ingilis" in notice
    assert "Krallıq" not in notice


def test_the_section_shows_each_publication_with_its_cover_type_year_and_size(
    site: BuiltSite,
) -> None:
    cards = site.html("/en/publications/").select("main .publication-card")
    assert len(cards) == 2
    for card in cards:
        title = card.select_one(".publication-card__title").get_text()
        details = card.get_text(" ", strip=True)
        assert card.select_one(".publication-card__type").get_text() in (
            "Brochure, 2024",
            "Annual report, 2023",
        ), title
        assert "PDF," in details
        cover = card.select_one(".publication-card__cover")
        assert cover is not None, title
        if cover.name == "img":
            assert cover["alt"] == ""  # the title beside it names it
            assert site.exists(cover["src"].removeprefix(BASE))
