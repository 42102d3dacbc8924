"""Incremental previews: a rebuild after edits is the site a clean build makes, never stale."""

from __future__ import annotations

import copy
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from pelican.settings import DEFAULT_CONFIG

from pelicanconf import BILINGUAL
from plugins.common.errors import SettingsError
from plugins.incremental.fingerprint import files_digest
from plugins.incremental.settings import IncrementalSettings
from plugins.newsroom.shell import READ_AGAIN
from tests.conftest import BuiltSite, build_site, copy_case, run_pelican

TRAINING_EN = "articles/2023-10-27-training.en.md"
OLD_TITLE, NEW_TITLE = "Training on children's rights opens", "Child migrants' rights course begins"
OLD_NAME, NEW_NAME = "Sabina Aliyeva", "Sabina Karimova"
OLD_CATEGORY, NEW_CATEGORY = "Events", "Public events"
STORY_URL = "/en/2023/10/training-on-childrens-rights-opens/"


def prepare(tmp_path: Path) -> Path:
    """Copy the basic site into `tmp_path/preview`; return its content folder."""
    return copy_case("basic", tmp_path / "preview" / "content", {})


def start(tmp_path: Path) -> BuiltSite:
    """Copy the basic site into `tmp_path/preview` and build it once."""
    content = prepare(tmp_path)
    site = build_site(content, content.parent / "output")
    assert site.failure is None
    return site


def rebuild(site: BuiltSite, **overrides: Any) -> BuiltSite:
    """Build the same content into the same output again, as a preview does."""
    again = build_site(site.content, site.output, **overrides)
    assert again.failure is None
    return again


def clean_build(site: BuiltSite, tmp_path: Path, **overrides: Any) -> BuiltSite:
    """Build the same content from nothing: no output, no cache."""
    content = tmp_path / "clean" / "content"
    shutil.copytree(site.content, content)
    return build_site(content, content.parent / "output", **overrides)


def assert_same_site(incremental: BuiltSite, clean: BuiltSite) -> None:
    """The incremental rebuild has exactly the clean build's files, byte for byte."""
    ours, theirs = incremental.files(), clean.files()
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_renamed_speaker_shows_on_every_page_and_feed(tmp_path: Path) -> None:
    site = start(tmp_path)
    edit(site.content / "speakers.yml", f"en: {OLD_NAME}", f"en: {NEW_NAME}")
    rebuilt = rebuild(site)

    speaker = rebuilt.html("/en/speakers/sabina-aliyeva/")
    assert speaker.h1.get_text(strip=True) == NEW_NAME
    story = rebuilt.html(STORY_URL)
    assert NEW_NAME in story.select_one(".speakers-box").get_text()
    assert OLD_NAME not in rebuilt.html("/en/speakers/").get_text()
    assert NEW_NAME in rebuilt.feed("/en/feeds/speaker/sabina-aliyeva.atom.xml").feed.title
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path))


def test_a_retitled_story_shows_on_every_page_and_feed(tmp_path: Path) -> None:
    site = start(tmp_path)
    assert site.html(STORY_URL).h1.get_text() == OLD_TITLE
    edit(site.content / TRAINING_EN, f"Title: {OLD_TITLE}", f"Title: {NEW_TITLE}")
    rebuilt = rebuild(site)

    # The story moved with its title: the old page is gone; the translation links the new.
    new_url = "/en/2023/10/child-migrants-rights-course-begins/"
    assert not rebuilt.exists(STORY_URL)
    assert rebuilt.html(new_url).h1.get_text() == NEW_TITLE
    translation = rebuilt.html("/az/2023/10/usaq-huquqlarina-dair-telim-basladi/")
    assert translation.select_one("nav.language-switcher a")["href"] == new_url
    for listing in ("/en/", "/en/archive/", "/en/category/events/", "/en/speakers/sabina-aliyeva/"):
        links = [a.get_text(strip=True) for a in rebuilt.html(listing).select("main a")]
        assert NEW_TITLE in links, listing
        assert OLD_TITLE not in links, listing
    for feed in ("all.atom.xml", "all.rss.xml", "category/events.atom.xml"):
        parsed = rebuilt.feed(f"/en/feeds/{feed}")
        titles = [entry.title for entry in parsed.entries]
        assert NEW_TITLE in titles, feed
        assert OLD_TITLE not in titles, feed
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path))


def test_a_renamed_category_shows_on_every_page_and_feed(tmp_path: Path) -> None:
    site = start(tmp_path)
    settings = copy.deepcopy(BILINGUAL)
    settings["languages"]["en"]["categories"]["events"] = NEW_CATEGORY
    rebuilt = rebuild(site, BILINGUAL=settings)

    english = [page for page in rebuilt.html_files() if page.is_relative_to(rebuilt.output / "en")]
    assert len(english) > 20
    for page in english:
        nav = rebuilt.html(rebuilt.url_of(page)).select_one("nav.main-nav")
        assert nav is not None, page
        names = [a.get_text(strip=True) for a in nav.select("a")]
        assert NEW_CATEGORY in names, page
        assert OLD_CATEGORY not in names, page
    assert rebuilt.html("/en/category/events/").h1.get_text(strip=True) == NEW_CATEGORY
    assert NEW_CATEGORY in rebuilt.feed("/en/feeds/category/events.rss.xml").feed.title
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path, BILINGUAL=settings))


def test_a_rebuild_with_nothing_changed_keeps_every_page(tmp_path: Path) -> None:
    site = start(tmp_path)
    pages = {path: path.stat().st_mtime_ns for path in site.html_files()}
    feeds = {path: path.stat().st_mtime_ns for path in site.output.glob("*/feeds/**/*.xml")}
    assert len(pages) > 20
    assert len(feeds) > 20
    again = rebuild(site)
    assert {path: path.stat().st_mtime_ns for path in again.html_files()} == pages
    assert {path: path.stat().st_mtime_ns for path in feeds} == feeds


def test_removed_stories_and_files_leave_the_preview(tmp_path: Path) -> None:
    site = start(tmp_path)
    (site.content / "images" / "unused.svg").write_text("<svg/>", encoding="utf-8")
    site = rebuild(site)
    assert (site.output / "images" / "unused.svg").is_file()

    (site.content / "images" / "unused.svg").unlink()
    for name in ("2023-12-10-statement.en.md", "2023-12-10-beyanat.az.md"):
        (site.content / "articles" / name).unlink()
    rebuilt = rebuild(site)
    assert not (rebuilt.output / "images" / "unused.svg").exists()
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path))


def test_a_build_without_a_record_removes_what_an_earlier_build_left(tmp_path: Path) -> None:
    """The cache folder was deleted, the output folder was not: its stale files go."""
    site = start(tmp_path)
    shutil.rmtree(site.output.parent / "cache")
    stale = [site.output / "en" / "2019" / "01" / "gone" / "index.html"]
    stale.append(site.output / "en" / "feeds" / "category" / "gone.atom.xml")
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by an earlier build", encoding="utf-8")
    rebuilt = rebuild(site)
    assert [path for path in stale if path.exists()] == []
    assert not (rebuilt.output / "en" / "2019").exists()
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path))


def test_changed_settings_read_every_story_again(tmp_path: Path) -> None:
    site = start(tmp_path)
    markdown = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])
    markdown["extension_configs"]["markdown.extensions.nl2br"] = {}  # a line break is kept
    rebuilt = rebuild(site, MARKDOWN=markdown)
    story = rebuilt.html("/en/2023/10/training-on-childrens-rights-opens/")
    links = story.find("a", string="the about page")
    assert links is not None
    assert links.parent.find("br") is not None
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path, MARKDOWN=markdown))


def test_only_changed_settings_read_every_file_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pelican's content cache is kept while the settings and the code stay the same (the
    Markdown reader adding its extensions to the settings does not count as a change)."""
    caplog.set_level(logging.INFO, logger="plugins.newsroom.shell")
    site = start(tmp_path)
    caplog.clear()
    rebuild(site)
    assert READ_AGAIN not in caplog.messages
    markdown = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])
    markdown["extension_configs"]["markdown.extensions.nl2br"] = {}
    rebuild(site, MARKDOWN=markdown)
    assert READ_AGAIN in caplog.messages


def test_a_build_from_the_command_line_and_one_from_the_preview_share_the_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pelican's command line sets DEBUG; the live preview reads the settings file itself and
    leaves it out. Neither way of building makes the other read every file again."""
    caplog.set_level(logging.INFO, logger="plugins.newsroom.shell")
    content = prepare(tmp_path)
    output = content.parent / "output"
    ran = run_pelican(
        content, output, "pelicanconf.py", "--cache-path", str(output.parent / "cache")
    )
    assert ran.returncode == 0, ran.stderr
    caplog.clear()
    rebuilt = build_site(content, output)
    assert READ_AGAIN not in caplog.messages
    assert "0 pages kept" not in " ".join(caplog.messages)
    assert rebuilt.failure is None


def test_keeping_pages_and_deleting_the_output_cannot_be_combined() -> None:
    with pytest.raises(SettingsError) as raised:
        IncrementalSettings.from_settings(
            {"INCREMENTAL": {"enabled": True}, "DELETE_OUTPUT_DIRECTORY": True}
        )
    assert "DELETE_OUTPUT_DIRECTORY" in str(raised.value)
    with pytest.raises(SettingsError, match="unknown key"):
        IncrementalSettings.from_settings({"INCREMENTAL": {"enable": True}})
    with pytest.raises(SettingsError, match=r"INCREMENTAL\['enabled'\]: 'yes' must be True"):
        IncrementalSettings.from_settings({"INCREMENTAL": {"enabled": "yes"}})


def test_an_edit_renders_again_only_the_listing_page_that_shows_the_story(
    tmp_path: Path,
) -> None:
    content = prepare(tmp_path)
    site = build_site(content, content.parent / "output", DEFAULT_PAGINATION=2)
    pages = ["/en/", "/en/page/2/", "/en/page/3/"]
    before = {url: site.path(url).stat().st_mtime_ns for url in pages}
    # The oldest English story is on the last page of the English home.
    oldest = site.content / TRAINING_EN
    edit(oldest, "The first day of the training.", "The first day of the course.")
    rebuilt = rebuild(site, DEFAULT_PAGINATION=2)
    after = {url: rebuilt.path(url).stat().st_mtime_ns for url in pages}
    assert [url for url in pages if after[url] != before[url]] == ["/en/page/3/"]
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path, DEFAULT_PAGINATION=2))


def test_a_lead_photo_that_arrives_or_leaves_shows_everywhere(tmp_path: Path) -> None:
    site = start(tmp_path)
    photo = site.content / "images" / "training.svg"
    kept = photo.read_bytes()
    photo.unlink()
    without = rebuild(site)
    assert without.html(STORY_URL).select_one(".story__photo") is None
    assert_same_site(without, clean_build(without, tmp_path / "without"))

    photo.write_bytes(kept)
    again = rebuild(without)
    assert again.html(STORY_URL).select_one(".story__photo img") is not None
    assert_same_site(again, clean_build(again, tmp_path / "again"))


def test_a_link_in_a_summary_follows_the_story_it_points_at(tmp_path: Path) -> None:
    content = prepare(tmp_path)
    edit(
        content / "articles" / "2024-03-01-english-only.en.md",
        "Tags: migration\n",
        "Tags: migration\n"
        "Summary: See [the statement]({filename}/articles/2023-12-10-statement.en.md).\n",
    )
    site = build_site(content, content.parent / "output")
    # The summary's own link, not the statement's headline further down the listing.
    summary_links = ".lead-story__lead a"
    before = [a["href"] for a in site.html("/en/").select(summary_links)]
    assert before == ["/en/2023/12/statement-on-human-rights-day/"]
    statement = site.content / "articles" / "2023-12-10-statement.en.md"
    edit(statement, "Title: Statement on Human Rights Day", "Title: Human Rights Day statement")
    rebuilt = rebuild(site)
    links = [a["href"] for a in rebuilt.html("/en/").select(summary_links)]
    assert links == ["/en/2023/12/human-rights-day-statement/"]
    assert_same_site(rebuilt, clean_build(rebuilt, tmp_path))


def test_files_of_a_former_setting_leave_the_preview(tmp_path: Path) -> None:
    from pelicanconf import FEEDS

    elsewhere = {**FEEDS, "urls": {"all": "feeds/{lang}/all.{format}.xml"}}
    site = start(tmp_path)
    moved = rebuild(site, FEEDS=elsewhere)
    assert (moved.output / "feeds" / "en" / "all.atom.xml").is_file()
    back = rebuild(moved)
    assert not (back.output / "feeds").exists()
    assert_same_site(back, clean_build(back, tmp_path))


def test_compiled_python_files_do_not_count_as_code(tmp_path: Path) -> None:
    (tmp_path / "plugin.py").write_text("X = 1\n", encoding="utf-8")
    before = files_digest([tmp_path], (".py",))
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "plugin.cpython-311.pyc").write_bytes(b"\0")
    assert files_digest([tmp_path], (".py",)) == before
    (tmp_path / "plugin.py").write_text("X = 2\n", encoding="utf-8")
    assert files_digest([tmp_path], (".py",)) != before


def test_an_attached_file_stays_beside_its_story(tmp_path: Path) -> None:
    content = prepare(tmp_path)
    shutil.copy(content / "images" / "training.svg", content / "images" / "room.svg")
    story = content / "articles" / "2024-03-01-english-only.en.md"
    edit(
        story,
        "no Azerbaijani version.",
        "no Azerbaijani version.\n\n![A room]({attach}../images/room.svg)",
    )
    site = build_site(content, content.parent / "output")
    attached = "en/2024/03/only-in-english/room.svg"
    assert (site.output / attached).is_file()
    assert [m for m in site.messages() if "attach" in m] == []
    again = rebuild(site)
    assert (again.output / attached).is_file()
    assert_same_site(again, clean_build(again, tmp_path))
