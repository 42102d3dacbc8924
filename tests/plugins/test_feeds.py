"""Feeds of tiny sites: valid RSS 2.0 and Atom 1.0, permanent ids, reproducible bytes."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from plugins.common import story_html
from plugins.common.errors import SettingsError
from plugins.common.story_html import StoryHtml
from plugins.feeds.settings import FeedsSettings
from tests.conftest import BASE, BuiltSite, SiteBuilder, build_site, copy_case
from tests.feedcheck import ATOM, atom_problems, rss_problems

TRAINING_EN = f"{BASE}/en/2023/10/training-on-childrens-rights-opens/"
BROKEN = "articles/2024-03-05-extra.en.md"
BROKEN_STORY = """Title: Extra link
Date: 2024-03-05 10:00
Category: news

See [the office](/en/about/).
And [nowhere](/en/no-such-page/).
"""


@pytest.fixture
def site(basic_production: BuiltSite) -> BuiltSite:
    """The basic fixture built for production, where feeds link to the real site."""
    return basic_production


def feeds_of(site: BuiltSite, fmt: str) -> list[Path]:
    return sorted(site.output.glob(f"*/feeds/**/*.{fmt}.xml"))


def test_every_kind_of_feed_exists_in_each_language_and_format(site: BuiltSite) -> None:
    for lang in ("az", "en"):
        for fmt in ("rss", "atom"):
            assert site.exists(f"/{lang}/feeds/all.{fmt}.xml")
            assert site.exists(f"/{lang}/feeds/category/events.{fmt}.xml")
            assert site.exists(f"/{lang}/feeds/speaker/sabina-aliyeva.{fmt}.xml")
            assert site.exists(f"/{lang}/feeds/organisation/unicef.{fmt}.xml")
    # No feed for a speaker with no story in a language.
    assert site.exists("/az/feeds/speaker/ilqar-hasanov.rss.xml")
    assert not site.exists("/en/feeds/speaker/ilqar-hasanov.rss.xml")
    # az: all, 3 categories, 8 speakers, 3 organisations; en: all, 3 categories, 4 speakers,
    # 3 organisations.
    assert len(feeds_of(site, "rss")) == len(feeds_of(site, "atom")) == 26


def test_atom_feeds_are_valid(site: BuiltSite) -> None:
    assert len(feeds_of(site, "atom")) == 26
    for path in feeds_of(site, "atom"):
        assert atom_problems(path) == [], path


def test_rss_feeds_are_valid(site: BuiltSite) -> None:
    assert len(feeds_of(site, "rss")) == 26
    for path in feeds_of(site, "rss"):
        assert rss_problems(path) == [], path


def test_no_two_feeds_share_an_id(site: BuiltSite) -> None:
    ids = [
        etree.parse(str(path)).getroot().findtext(f"{ATOM}id") for path in feeds_of(site, "atom")
    ]
    assert len(ids) == 26
    assert len(ids) == len(set(ids))


def test_feed_says_its_language_and_is_titled_in_it(site: BuiltSite) -> None:
    az = site.feed("/az/feeds/category/news.atom.xml")
    assert az.feed.language == "az"
    assert az.feed.title.endswith("— Xəbərlər")
    assert az.feed.subtitle == "“Xəbərlər” bölməsinin xəbərləri, ən yenisi əvvəldə"
    rss = etree.parse(str(site.path("/en/feeds/speaker/sabina-aliyeva.rss.xml"))).getroot()
    assert rss.findtext("channel/language") == "en"
    assert rss.findtext("channel/description") == "Stories with Sabina Aliyeva, newest first"
    assert rss.findtext("channel/link") == f"{BASE}/en/speakers/sabina-aliyeva/"
    selfs = rss.findall(f"channel/{ATOM}link")
    assert [link.get("href") for link in selfs] == [
        f"{BASE}/en/feeds/speaker/sabina-aliyeva.rss.xml"
    ]


def test_items_are_newest_first_and_only_in_the_feed_language(site: BuiltSite) -> None:
    for url in ("/en/feeds/all.atom.xml", "/az/feeds/all.rss.xml"):
        feed = site.feed(url)
        dates = [entry.published_parsed for entry in feed.entries]
        assert dates == sorted(dates, reverse=True)
        lang = url[1:3]
        assert all(entry.link.startswith(f"{BASE}/{lang}/") for entry in feed.entries)
    assert len(site.feed("/en/feeds/all.atom.xml").entries) == 5


def test_item_carries_content_summary_categories_and_author(site: BuiltSite) -> None:
    feed = site.feed("/en/feeds/all.atom.xml")
    entry = next(e for e in feed.entries if e.link == TRAINING_EN)
    assert entry.id == "tag:press.example.org,2023:story/2023-10-27-training/en"
    assert entry.title == "Training on children's rights opens"
    assert entry.published == "2023-10-27T11:00:00+04:00"
    assert "The first day of the training." in entry.content[0].value
    assert entry.summary.startswith("<p>The first day of the training.</p>")
    assert {tag.term for tag in entry.tags} == {"events", "childrens-rights", "migration"}
    assert {tag.label for tag in entry.tags} == {"Events", "children's rights", "migration"}
    assert entry.author_detail.email == "press@example.org"
    # The lead photo is an SVG: opened on its own it would be a page of the site, so feeds
    # do not offer it as an enclosure.
    assert [link for link in entry.links if link.rel == "enclosure"] == []
    rss = etree.parse(str(site.path("/en/feeds/all.rss.xml"))).getroot()
    item = next(i for i in rss.iter("item") if i.findtext("link") == TRAINING_EN)
    assert item.find("enclosure") is None
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("author").startswith("press@example.org (")


def png(width: int, height: int) -> bytes:
    """A plain PNG photo."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_a_lead_photo_that_is_no_svg_is_the_item_s_enclosure(tmp_path: Path) -> None:
    story = (
        "Title: Photo\nDate: 2023-10-30 10:00\nCategory: news\nImage: images/photo.png\n"
        "Image-Alt: A room\n\nText.\n"
    )
    content = copy_case("basic", tmp_path / "content", {"articles/2023-10-30-photo.en.md": story})
    (content / "images" / "photo.png").write_bytes(png(3000, 2000))
    site = build_site(content, tmp_path / "output", "publishconf.py")
    assert site.failure is None
    entry = next(e for e in site.feed("/en/feeds/all.atom.xml").entries if "photo" in e.link)
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    # The copy link previews show, not the full 3000-pixel photo.
    assert enclosure.href == f"{BASE}/images/photo.1280w.jpg"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == site.path(enclosure.href).stat().st_size


def test_urls_inside_items_are_absolute(site: BuiltSite) -> None:
    feed = site.feed("/en/feeds/all.rss.xml")
    entry = next(e for e in feed.entries if e.link == TRAINING_EN)
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    links = [a["href"] for a in content.select("a[href]")]
    assert f"{BASE}/en/about/" in links
    assert f"{BASE}/en/2024/03/only-in-english/" in links
    assert [img["src"] for img in content.select("img")] == [f"{BASE}/images/training.svg"]
    assert all(url.startswith(("https://", "mailto:")) for url in links)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p><a href="/en/about/">About</a></p>', '<p><a href="{base}/en/about/">About</a></p>'),
        ("<P><IMG SRC='/i.png' ALT=''></P>", '<p><img src="{base}/i.png" alt=""></p>'),
        ('<p><a/href="/a/">A</a></p>', '<p><a href="{base}/a/">A</a></p>'),
        ('<p style="color: url(/b.png)">B</p>', '<p style="color: url({base}/b.png)">B</p>'),
        ("<style>p { color: url(/c) }</style>", "<style>p { color: url({base}/c) }</style>"),
    ],
)  # fmt: skip
def test_every_place_lxml_finds_a_link_is_resolved(html: str, expected: str) -> None:
    assert StoryHtml().absolutise(html, "https://x.org/en/story/") == expected.replace(
        "{base}", "https://x.org"
    )


@pytest.mark.parametrize(
    "html", ["", "  ", "<p>Plain text, a &lt; b &amp; c.</p>", "<p>One<br/>two<br />three</p>"]
)
def test_html_without_attributes_is_kept_as_it_is(html: str) -> None:
    parsed = StoryHtml()
    assert parsed.absolutise(html, "https://x.org/en/story/") is html
    assert parsed.links(html) == ()


def test_with_relative_urls_items_and_the_link_check_read_each_story_s_own_links(
    site_builder: SiteBuilder,
) -> None:
    """Pelican writes a story's links from the page being written (`../../../..` from a
    story's folder); feeds and the link check read them as the story's own page has them,
    not as the last page written would."""
    site = site_builder("basic", RELATIVE_URLS=True)
    assert site.messages(logging.ERROR) == []
    preview = "http://127.0.0.1:8000"
    feed = site.feed("/en/feeds/all.rss.xml")
    entry = next(
        e
        for e in feed.entries
        if e.link == f"{preview}/en/2023/10/training-on-childrens-rights-opens/"
    )
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert f"{preview}/en/2024/03/only-in-english/" in [a["href"] for a in content.select("a")]
    assert [img["src"] for img in content.select("img")] == [f"{preview}/images/training.svg"]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_build_parses_each_story_s_html_once_for_its_feeds_and_its_links(
    site_builder: SiteBuilder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, processes: int
) -> None:
    # Each parse is noted in a file: in two processes, the feeds and the link check are
    # made in a rendering process.
    noted = tmp_path / "parsed.jsonl"
    parse = story_html._parse

    def counted(html: str) -> Any:
        with noted.open("a", encoding="utf-8") as notes:
            notes.write(json.dumps(html) + "\n")
        return parse(html)

    monkeypatch.setattr(story_html, "_parse", counted)
    site = site_builder(
        "basic",
        settings="publishconf.py",
        files={BROKEN: BROKEN_STORY},
        BUILD={"processes": processes},
    )
    parsed = [json.loads(line) for line in noted.read_text(encoding="utf-8").splitlines()]
    assert len(parsed) == len(set(parsed))
    # The stories in the feeds were parsed, and their links still checked.
    story = next(html for html in parsed if "nowhere" in html)
    assert 'href="/en/no-such-page/"' in story
    assert site.messages(logging.ERROR) == [
        f"content/{BROKEN}:6: the link /en/no-such-page/ leads to no page of the site — fix "
        "the address or remove the link"
    ]
    entry = next(e for e in site.feed("/en/feeds/all.atom.xml").entries if "Extra" in e.title)
    assert f"{BASE}/en/no-such-page/" in entry.content[0].value


def test_max_items_limits_every_feed(site_builder: SiteBuilder) -> None:
    from pelicanconf import FEEDS

    site = site_builder("basic", settings="publishconf.py", FEEDS={**FEEDS, "max_items": 2})
    assert len(site.feed("/en/feeds/all.atom.xml").entries) == 2
    assert len(site.feed("/en/feeds/category/news.rss.xml").entries) == 2


def test_feed_urls_follow_custom_patterns(site_builder: SiteBuilder) -> None:
    from pelicanconf import FEEDS

    urls = {"all": "{lang}/feeds/{format}/everything.xml", "category": "{lang}/{format}/{slug}"}
    site = site_builder("basic", settings="publishconf.py", FEEDS={**FEEDS, "urls": urls})
    rss = site.feed("/en/feeds/rss/everything.xml")
    atom = site.feed("/en/feeds/atom/everything.xml")
    assert (rss.version, atom.version) == ("rss20", "atom10")
    assert rss.entries
    assert len(rss.entries) == len(atom.entries)
    assert site.feed("/en/atom/news").version == "atom10"
    assert site.feed("/en/rss/news").version == "rss20"
    assert rss_problems(site.path("/en/feeds/rss/everything.xml")) == []
    assert atom_problems(site.path("/en/feeds/atom/everything.xml")) == []
    announced = [link["href"] for link in site.html("/en/").select('link[rel="alternate"][type]')]
    assert f"{BASE}/en/feeds/atom/everything.xml" in announced
    assert f"{BASE}/en/feeds/rss/everything.xml" in announced


def test_two_builds_give_byte_identical_feeds(
    site_builder: SiteBuilder, basic_production: BuiltSite
) -> None:
    first = basic_production
    second = site_builder("basic", settings="publishconf.py")
    paths = feeds_of(first, "rss") + feeds_of(first, "atom")
    assert paths
    for path in paths:
        twin = second.output / path.relative_to(first.output)
        assert path.read_bytes() == twin.read_bytes(), path


def test_channel_dates_come_from_the_newest_item(site: BuiltSite) -> None:
    atom = etree.parse(str(site.path("/en/feeds/category/news.atom.xml"))).getroot()
    updated = [e.findtext(f"{ATOM}updated") for e in atom.findall(f"{ATOM}entry")]
    assert atom.findtext(f"{ATOM}updated") == max(updated)
    rss = etree.parse(str(site.path("/en/feeds/category/news.rss.xml"))).getroot()
    assert rss.findtext("channel/pubDate") == rss.find("channel/item").findtext("pubDate")


EDITED = """Title: Training on the rights of every child opens
Slug: rights-training
Date: 2023-10-27 11:00
Modified: 2023-11-02 09:30
Category: events
Tags: children's rights, migration
Speakers: sabina-aliyeva

The first day of the training, with a corrected title.
"""


def test_editing_title_and_slug_keeps_ids_and_moves_updated(
    site_builder: SiteBuilder, basic_production: BuiltSite
) -> None:
    before = basic_production
    after = site_builder(
        "basic", settings="publishconf.py", files={"articles/2023-10-27-training.en.md": EDITED}
    )
    for url in ("/en/feeds/all.atom.xml", "/en/feeds/category/events.rss.xml"):
        old = {e.id: e for e in before.feed(url).entries}
        new = {e.id: e for e in after.feed(url).entries}
        assert set(old) == set(new), url
    story_id = "tag:press.example.org,2023:story/2023-10-27-training/en"
    old_entry = next(e for e in before.feed("/en/feeds/all.atom.xml").entries if e.id == story_id)
    new_entry = next(e for e in after.feed("/en/feeds/all.atom.xml").entries if e.id == story_id)
    assert new_entry.title == "Training on the rights of every child opens"
    assert new_entry.link == f"{BASE}/en/2023/10/rights-training/"
    assert old_entry.updated == "2023-10-27T11:00:00+04:00"
    assert new_entry.updated == "2023-11-02T09:30:00+04:00"
    assert new_entry.published == old_entry.published


def test_home_category_and_speaker_pages_announce_their_feeds(site: BuiltSite) -> None:
    def announced(url: str) -> set[str]:
        links = site.html(url).select("link[rel=alternate][type]")
        for link in links:
            assert site.exists(link["href"]), link["href"]
        return {link["href"].removeprefix(BASE) for link in links}

    assert announced("/az/") == {
        "/az/feeds/all.rss.xml",
        "/az/feeds/all.atom.xml",
        "/az/feeds/all.json",
    }
    assert announced("/en/category/news/") >= {
        "/en/feeds/category/news.rss.xml",
        "/en/feeds/category/news.atom.xml",
    }
    assert "/en/feeds/speaker/sabina-aliyeva.atom.xml" in announced("/en/speakers/sabina-aliyeva/")
    # No feed is announced that does not exist.
    assert not any("speaker" in href for href in announced("/en/speakers/ilqar-hasanov/"))
    types = {link["type"] for link in site.html("/az/").select("link[rel=alternate][type]")}
    assert types == {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    # An article page announces its language's and its category's feeds, all of which exist.
    pages = site.html_files()
    assert len(pages) > 20
    for page in pages:
        announced(site.url_of(page))
    assert announced("/en/2023/10/training-on-childrens-rights-opens/") >= {
        "/en/feeds/all.atom.xml",
        "/en/feeds/category/events.atom.xml",
    }


def test_development_feeds_link_to_the_preview_server(basic_preview: BuiltSite) -> None:
    site = basic_preview
    feed = site.feed("/en/feeds/all.atom.xml")
    assert feed.entries[0].link.startswith("http://127.0.0.1:8000/en/")
    assert atom_problems(site.path("/en/feeds/all.atom.xml")) == []


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"FEED_ALL_ATOM": "feeds/all.atom.xml"}, "FEED_ALL_ATOM is set"),
        ({"FEEDS": {"id_authority": "press.example.org"}}, "FEEDS['id_authority']"),
        ({"FEEDS": {"id_authority": "a.org,2023", "max_items": 0}}, "FEEDS['max_items']"),
        ({"FEEDS": {"id_authority": "a.org,2023", "email": "press"}}, "FEEDS['email']"),
        ({"FEEDS": {"id_authority": "a.org,2023", "urls": {"all": "{lang}/all.xml"}}}, "{format}"),
        ({"FEEDS": {"id_authority": "a.org,2023", "limit": 3}}, "FEEDS['limit']: unknown key"),
        (
            {"FEEDS": {"id_authority": "a.org,2023"}, "SITEURL": "//press.example.org"},
            "SITEURL: '//press.example.org' must be the site's full address",
        ),
        (
            {"FEEDS": {"id_authority": "a.org,2023", "urls": {"all": "/{lang}/all.{format}.xml"}}},
            "FEEDS['urls']['all']: '/{lang}/all.{format}.xml' must be relative to the site",
        ),
    ],
)
def test_invalid_settings_are_named(settings: dict[str, Any], expected: str) -> None:
    base = {"FEEDS": {"id_authority": "a.org,2023"}}
    with pytest.raises(SettingsError) as caught:
        FeedsSettings.from_settings({**base, **settings})
    assert expected in str(caught.value)


def test_pelican_feed_settings_stop_the_build(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")
    assert site.failure is not None
    assert "CATEGORY_FEED_ATOM is set: Pelican's own feeds would be written too" in site.failure
    assert not site.output.exists()
