"""A story's public record: its updates and corrections on the page, newest first, in its
machine-readable data and in the feeds, the item's id unchanged."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.conftest import (
    BASE,
    FIXTURE_SITES,
    BuiltSite,
    SiteBuilder,
    build_site,
    copy_case,
    json_ld_of,
)
from tests.feedcheck import ATOM, atom_problems, rss_problems

STORY = "/en/2023/10/training-on-childrens-rights-opens/"
TRAINING = "articles/2023-10-27-training.en.md"
RECORD = (
    "Update: 2023-10-27 17:30 — The programme of the second day was added.\n"
    "Correction: 2023-10-28 09:30 — An earlier version named the wrong trainer.\n"
    "Update: 2023-10-27 13:00 — A photo was added.\n"
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, BuiltSite]:
    """The basic fixture built for production as it is, and with the training story's
    record (two updates and a correction, out of order) in its header."""
    plain_root = tmp_path_factory.mktemp("plain")
    plain = build_site(
        copy_case("basic", plain_root / "content", {}), plain_root / "output", "publishconf.py"
    )
    text = (FIXTURE_SITES / "basic" / TRAINING).read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    root = tmp_path_factory.mktemp("recorded")
    content = copy_case("basic", root / "content", {TRAINING: f"{header}\n{RECORD}\n{body}"})
    return plain, build_site(content, root / "output", "publishconf.py")


def test_the_page_shows_the_correction_above_the_text_and_the_history_below(
    sites: tuple[BuiltSite, BuiltSite],
) -> None:
    _, site = sites
    assert site.failure is None
    page = site.html(STORY)
    assert page.select_one(".story__updated").get_text(strip=True) == "Updated 28 October 2023"
    notice = page.select_one(".notice--correction")
    assert notice.get_text(" ", strip=True) == (
        "Correction, 28 October 2023: An earlier version named the wrong trainer."
    )
    body = page.select_one(".story__body")
    assert notice.sourceline < body.sourceline  # above the text
    history = [li.get_text(" ", strip=True) for li in page.select(".story__history li")]
    assert history == [
        "28 October 2023 — Correction: An earlier version named the wrong trainer.",
        "27 October 2023 — The programme of the second day was added.",
        "27 October 2023 — A photo was added.",
        "27 October 2023 — First published.",
    ]
    times = [t["datetime"] for t in page.select(".story__history time")]
    assert times == [
        "2023-10-28T09:30:00+04:00",
        "2023-10-27T17:30:00+04:00",
        "2023-10-27T13:00:00+04:00",
        "2023-10-27T11:00:00+04:00",
    ]


def test_json_ld_carries_the_correction_and_the_newest_change(
    sites: tuple[BuiltSite, BuiltSite],
) -> None:
    _, site = sites
    data = json_ld_of(site.html(STORY))
    assert data["dateModified"] == "2023-10-28T09:30:00+04:00"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2023-10-28T09:30:00+04:00",
            "text": "An earlier version named the wrong trainer.",
        }
    ]


def test_feeds_move_the_item_s_updated_and_say_what_changed_first(
    sites: tuple[BuiltSite, BuiltSite],
) -> None:
    plain, site = sites
    for built in sites:
        for path in sorted(built.output.glob("en/feeds/**/*.atom.xml")):
            assert atom_problems(path) == [], path
        for path in sorted(built.output.glob("en/feeds/**/*.rss.xml")):
            assert rss_problems(path) == [], path

    def entry(built: BuiltSite) -> etree._Element:
        feed = etree.parse(str(built.path("/en/feeds/all.atom.xml"))).getroot()
        return next(
            e
            for e in feed.iter(f"{ATOM}entry")
            if e.find(f"{ATOM}link").get("href") == BASE + STORY
        )

    before, after = entry(plain), entry(site)
    assert after.findtext(f"{ATOM}id") == before.findtext(f"{ATOM}id")  # never announced anew
    assert after.findtext(f"{ATOM}updated") == "2023-10-28T09:30:00+04:00"
    assert after.findtext(f"{ATOM}published") == before.findtext(f"{ATOM}published")
    content = after.findtext(f"{ATOM}content")
    assert content.startswith(
        "<p><strong>Correction, 28 October 2023:</strong> An earlier version named the wrong "
        "trainer.</p><p><strong>Updated 27 October 2023:</strong> The programme of the second "
        "day was added.</p>"
    )
    assert before.findtext(f"{ATOM}content") in content


def test_a_story_without_a_record_shows_none(sites: tuple[BuiltSite, BuiltSite]) -> None:
    plain, _ = sites
    page = plain.html(STORY)
    assert page.select_one(".story__history") is None
    assert page.select_one(".notice--correction") is None
    assert "correction" not in json_ld_of(page)


def test_a_page_in_azerbaijani_says_it_in_azerbaijani(site_builder: SiteBuilder) -> None:
    story = "articles/2023-10-27-training.az.md"
    text = (FIXTURE_SITES / "basic" / story).read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    record = "Correction: 2023-10-28 09:30 — Təlimçinin adı səhv yazılmışdı.\n"
    site = site_builder("basic", files={story: f"{header}\n{record}\n{body}"})
    page = site.html("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")
    assert page.select_one(".notice--correction strong").get_text() == "Düzəliş, 28 oktyabr 2023:"
    assert page.select_one("#history-heading").get_text() == "Bu xəbərdəki yeniliklər"


WITHDRAWAL = (
    "Status: withdrawn\n"
    "Withdrawn: 2023-11-02 09:00 — The training was postponed; see the statement of 2 November.\n"
)


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The basic fixture built for production with the training's English version withdrawn."""
    text = (FIXTURE_SITES / "basic" / TRAINING).read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    root = tmp_path_factory.mktemp("withdrawn")
    content = copy_case("basic", root / "content", {TRAINING: f"{header}\n{WITHDRAWAL}\n{body}"})
    return build_site(content, root / "output", "publishconf.py")


def test_a_withdrawn_story_stays_at_its_address_with_a_notice(withdrawn: BuiltSite) -> None:
    assert withdrawn.failure is None, withdrawn.messages()
    page = withdrawn.html(STORY)
    notice = page.select_one(".notice--withdrawn")
    assert notice.get_text(" ", strip=True) == (
        "Withdrawn on 2 November 2023: The training was postponed; see the statement of 2 November."
    )
    assert notice.sourceline < page.select_one(".story__body").sourceline
    assert "The first day of the training." in page.select_one(".story__body").get_text()
    assert page.select_one("[data-pagefind-body]") is None  # out of the search index
    assert BASE + STORY in withdrawn.sitemap()
    # The translation pairing still holds, both ways.
    az = withdrawn.html("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")
    assert az.select_one("nav.language-switcher a")["href"] == BASE + STORY
    assert page.select_one("nav.language-switcher a")["href"] == (
        f"{BASE}/az/2023/10/usaq-huquqlarina-dair-telim-basladi/"
    )


def test_a_withdrawn_story_leaves_every_listing(withdrawn: BuiltSite) -> None:
    for url in (
        "/en/",
        "/en/category/events/",
        "/en/archive/",
        "/en/speakers/sabina-aliyeva/",
        "/en/tag/migration/",
    ):
        if not withdrawn.exists(url):
            continue
        links = [a["href"] for a in withdrawn.html(url).select("main a")]
        assert BASE + STORY not in links, url
    assert not withdrawn.exists("/en/feeds/category/events.rss.xml") or BASE + STORY not in (
        withdrawn.path("/en/feeds/category/events.rss.xml").read_text(encoding="utf-8")
    )


def test_the_feed_of_everything_tells_its_readers_of_the_withdrawal(withdrawn: BuiltSite) -> None:
    feed = etree.parse(str(withdrawn.path("/en/feeds/all.atom.xml"))).getroot()
    entry = next(
        e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href") == BASE + STORY
    )
    assert entry.findtext(f"{ATOM}updated") == "2023-11-02T09:00:00+04:00"
    assert entry.findtext(f"{ATOM}content").startswith(
        "<p><strong>Withdrawn on 2 November 2023:</strong> The training was postponed"
    )
    assert atom_problems(withdrawn.path("/en/feeds/all.atom.xml")) == []
