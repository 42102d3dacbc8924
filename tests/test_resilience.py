"""One story that cannot be rendered or put in a feed is named and left out; every other
story is still built, and a strict build fails because of it."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.conftest import (
    FIXTURES,
    REPO,
    BuiltSite,
    SiteBuilder,
    build_site,
    copy_case,
    fail_feed_item,
)
from tests.feedcheck import atom_problems, rss_problems

GOOD_STORY = "/en/2023/10/training-on-childrens-rights-opens/"
STATEMENT = "articles/2023-12-10-statement.en.md"
STATEMENT_URL = "/en/2023/12/statement-on-human-rights-day/"
# A story whose template raises while it is rendered: the marker in its title sets it off.
MARKER = "Zqx"
RAISING = "{{ (1 / 0) if '" + MARKER + "' in article.title }}"


def raising_theme(tmp_path: Path) -> Path:
    """A copy of the project's theme whose story template raises for the marked story."""
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("<h1>{{ article.title }}</h1>", f"<h1>{{{{ article.title }}}}{RAISING}</h1>"),
        encoding="utf-8",
    )
    assert RAISING in template.read_text(encoding="utf-8")
    return theme


def fixture_text(relative: str) -> str:
    """A file of the basic fixture site."""
    return (FIXTURES / "sites" / "basic" / relative).read_text(encoding="utf-8")


def marked_statement() -> str:
    """The English statement, with the marker in its title."""
    return fixture_text(STATEMENT).replace("Title: ", f"Title: {MARKER} ", 1)


FAILED = (
    r"content/articles/2023-12-10-statement\.en\.md: could not be built "
    r"\(ZeroDivisionError: division by zero\) — fix the story, or report the problem if it "
    r"persists$"
)


def test_a_story_that_cannot_be_rendered_is_named_and_the_others_are_built(
    site_builder: SiteBuilder, tmp_path: Path
) -> None:
    theme = raising_theme(tmp_path)
    site = site_builder("basic", files={STATEMENT: marked_statement()}, THEME=str(theme))
    assert site.failure is None
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1, errors
    assert re.match(FAILED, errors[0]), errors
    assert not [r for r in site.records if r.exc_info]
    assert not site.exists(STATEMENT_URL)
    assert site.exists(GOOD_STORY)
    assert site.exists("/en/")
    assert site.manifest()[f"content/{STATEMENT}"]["problems"] == errors


def test_a_strict_build_fails_when_a_story_cannot_be_rendered(
    site_builder: SiteBuilder, tmp_path: Path
) -> None:
    theme = raising_theme(tmp_path)
    site = site_builder(
        "basic",
        settings="publishconf.py",
        files={STATEMENT: marked_statement()},
        THEME=str(theme),
    )
    assert site.failure is not None
    assert site.failure.startswith("Build failed: 1 error and 0 warnings")
    assert any(re.match(FAILED, m) for m in site.messages(logging.ERROR))
    assert not [r for r in site.records if r.exc_info]


def test_a_preview_renders_a_failed_story_again_until_it_is_fixed(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "preview" / "content", {})
    output = content.parent / "output"
    theme = str(raising_theme(tmp_path))
    first = build_site(content, output, THEME=theme)
    assert first.messages() == []
    assert first.exists(STATEMENT_URL)
    (content / STATEMENT).write_text(marked_statement(), encoding="utf-8")
    for _ in range(2):  # a failed page is not kept: the next preview tries it again
        failed = build_site(content, output, THEME=theme)
        assert failed.failure is None
        assert [m for m in failed.messages() if re.match(FAILED, m)], failed.messages()
        assert not failed.exists(STATEMENT_URL)  # the page of before is not left stale
        assert failed.exists(GOOD_STORY)
    (content / STATEMENT).write_text(fixture_text(STATEMENT), encoding="utf-8")
    fixed = build_site(content, output, THEME=theme)
    assert fixed.messages() == []
    assert fixed.exists(STATEMENT_URL)


FEEDS = ("all", "category/events", "speaker/sabina-aliyeva")
LEFT_OUT = "articles/2023-10-30-left-out.en.md"


def left_out_story(title: str) -> str:
    """A story in every kind of feed: the English feed of everything, of its category and of
    its speaker."""
    return (
        f"Title: {title}\nDate: 2023-10-30 10:00\nCategory: events\n"
        "Speakers: sabina-aliyeva\n\nText.\n"
    )


def feed_titles(site: BuiltSite, feed: str) -> list[str]:
    """The item titles of one English feed, in RSS and then in Atom."""
    return [
        entry.title
        for fmt in ("rss", "atom")
        for entry in site.feed(f"/en/feeds/{feed}.{fmt}.xml").entries
    ]


def assert_feeds_valid(site: BuiltSite) -> None:
    """Every feed of the site is valid RSS 2.0 or Atom 1.0."""
    for path in sorted(site.output.glob("*/feeds/**/*.xml")):
        check = rss_problems if path.name.endswith(".rss.xml") else atom_problems
        assert check(path) == [], path


def test_a_story_a_feed_cannot_carry_is_left_out_of_every_feed(
    site_builder: SiteBuilder,
) -> None:
    # XML cannot carry most control characters: lxml refuses the whole feed.
    site = site_builder("basic", files={LEFT_OUT: left_out_story("Bad \x01 title")})
    source = f"content/{LEFT_OUT}:"
    assert [m for m in site.messages(logging.ERROR) if m.startswith(source)], site.messages()
    assert not [r for r in site.records if r.exc_info]
    for feed in FEEDS:
        titles = feed_titles(site, feed)
        assert "Training on children's rights opens" in titles
        assert not [t for t in titles if "Bad" in t]
    assert_feeds_valid(site)


def test_a_story_whose_feed_item_fails_is_named_once_and_left_out(
    site_builder: SiteBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_feed_item(monkeypatch, LEFT_OUT)
    site = site_builder("basic", files={LEFT_OUT: left_out_story("Left out")})
    assert site.failure is None
    assert site.messages() == [
        f"content/{LEFT_OUT}: could not be put in the feeds (RuntimeError: no item today) — "
        "fix the story, or report the problem if it persists"
    ]
    assert not [r for r in site.records if r.exc_info]
    for feed in FEEDS:
        titles = feed_titles(site, feed)
        assert "Training on children's rights opens" in titles
        assert "Left out" not in titles
    assert site.exists("/en/2023/10/left-out/")
    assert_feeds_valid(site)


# Names and titles are plain text: in feeds they reach readers as they were typed, never as
# markup a reader would run.
SPEAKER_NAME = "<script>alert(1)</script> Aliyeva & Co"
ORGANISATION = "<b>Office</b> & Ombudsman"
TITLE = "Tom & Jerry <b>x</b> < 3"


def test_names_and_titles_reach_feed_readers_as_plain_text(site_builder: SiteBuilder) -> None:
    speakers = (
        fixture_text("speakers.yml")
        .replace("en: Sabina Aliyeva}", f'en: "{SPEAKER_NAME}"}}', 1)
        .replace("en: Office of the Ombudsman}", f'en: "{ORGANISATION}"}}', 1)
    )
    story = (
        f"Title: {TITLE}\nDate: 2023-10-30 10:00\nCategory: news\nSpeakers: sabina-aliyeva\n\n"
        "Text.\n"
    )
    site = site_builder(
        "basic",
        settings="publishconf.py",
        files={"speakers.yml": speakers, "articles/2023-10-30-tom.en.md": story},
    )
    assert site.failure is None, site.messages()
    description = f"Stories with {SPEAKER_NAME}, newest first"
    rss = site.feed("/en/feeds/speaker/sabina-aliyeva.rss.xml")
    atom = site.feed("/en/feeds/speaker/sabina-aliyeva.atom.xml")
    # RSS defines the channel description as HTML: the name is in it as escaped text.
    assert rss.feed.subtitle_detail.type == "text/html"
    shown = BeautifulSoup(rss.feed.subtitle, "html.parser")
    assert shown.find_all(True) == []
    assert shown.get_text() == description
    # Atom says what its text is: the subtitle and the titles are plain text.
    assert atom.feed.subtitle_detail.type == "text/plain"
    assert atom.feed.subtitle == description
    assert atom.feed.title_detail.type == "text/plain"
    assert atom.feed.title.endswith(f" — {SPEAKER_NAME}")
    titles = {entry.title: entry.title_detail.type for entry in atom.entries}
    assert titles[TITLE] == "text/plain"
    # RSS titles are plain text (the RSS Advisory Board's profile): the XML text is the title.
    channel = etree.parse(str(site.path("/en/feeds/speaker/sabina-aliyeva.rss.xml"))).find(
        "channel"
    )
    assert channel is not None
    assert str(channel.findtext("title")).endswith(f" — {SPEAKER_NAME}")
    assert TITLE in [item.findtext("title") for item in channel.findall("item")]
    # The organisation's feed is titled with its name as text.
    (organisation,) = site.output.glob("en/feeds/organisation/*office*.atom.xml")
    parsed = site.feed(site.url_of(organisation).rstrip("/"))
    assert parsed.feed.title_detail.type == "text/plain"
    assert parsed.feed.title.endswith(f" — {ORGANISATION}")
    # Nowhere is a name's markup read as markup.
    for path in sorted(site.output.glob("*/feeds/**/*.xml")):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text, path
        assert "<b>" not in text, path
    assert_feeds_valid(site)


def test_a_problem_while_the_static_files_are_copied_fails_a_strict_build(tmp_path: Path) -> None:
    """Pelican copies the static files last; what it reports then counts like the rest."""
    content = copy_case("basic", tmp_path / "content", {})
    output = tmp_path / "output"
    output.mkdir()
    (output / "theme").write_text("a file where the theme's folder goes", encoding="utf-8")
    site = build_site(content, output, REPORT={"fail_on": "warning"})
    assert any("Cannot copy" in message for message in site.messages(logging.WARNING))
    assert site.failure is not None
    assert site.failure.startswith("Build failed: 0 errors and 1 warning")
