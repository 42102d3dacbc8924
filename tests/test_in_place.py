"""A preview's site brought up to date in place after a save (`plugins.newsroom.live`), in
the process that built it: a page that shows the same stories and values as in the pass
before is kept without its fingerprint made, and the site is still, byte for byte, what a
clean build of the same content writes, also where a page shows more of another story than
its own file (its translations' titles, the URL a `{filename}` link points at)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pelican import signals
from pelican.generators import ArticlesGenerator

from plugins.newsroom.live import update_in_place
from plugins.newsroom.shell import build_of
from tests.conftest import build_site, folder_files
from tests.test_quick_pages import AZ, EN, built, set_header

OTHER = "articles/2024/2024-11-20-world-childrens-day"


@pytest.fixture(autouse=True)
def _same_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def in_place(generators: list[Any], content: Path, *saved: str) -> Any:
    """Bring the site up to date with files saved; return the pass's record of pages."""
    update_in_place(generators, [content / name for name in saved], [])
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    return build_of(articles).incremental


def assert_as_a_clean_build(content: Path, output: Path, folder: Path) -> None:
    clean = build_site(content, folder / "output")
    assert clean.failure is None
    ours, theirs = folder_files(output), folder_files(clean.output)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    shutil.rmtree(folder)


def page_of(output: Path, name: str) -> BeautifulSoup:
    """The page of a story of the content folder, by the manifest the build wrote."""
    manifest = json.loads((output.parent / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest["files"] if e["source"] == f"content/{name}")
    return BeautifulSoup((output / entry["urls"][0] / "index.html").read_bytes(), "html.parser")


def story_pages(output: Path) -> dict[str, str]:
    """The page of every published story and page of the content folder, by its source
    (a draft's page is given every story by Pelican, and shows a new one)."""
    manifest = json.loads((output.parent / "manifest.json").read_text("utf-8"))
    return {
        entry["source"].removeprefix("content/"): f"{entry['urls'][0]}index.html"
        for entry in manifest["files"]
        if entry["kind"] in ("story", "page") and entry["status"] == "published"
    }


def test_pages_that_show_what_they_showed_are_kept_unfingerprinted(tmp_path: Path) -> None:
    content, output, generators = built(tmp_path / "live")
    pages = story_pages(output)
    others = {page for source, page in pages.items() if source not in (AZ, EN)}
    for step, edit in enumerate(("Tags: uşaqlar, yeni mövzu", "Bir cümlə.")):
        path = content / AZ
        if edit.startswith("Tags:"):  # a new tag page, a new sitemap
            set_header(path, "Tags", edit.removeprefix("Tags: "))
        else:
            path.write_text(path.read_text("utf-8") + f"\n{edit}\n", "utf-8")
        state = in_place(generators, content, AZ)
        # Every other story's and page's own page is kept as it was, with no fingerprint
        # made; the saved story's is made again, and so is its translation's.
        assert others <= state.kept_as_before, sorted(others - state.kept_as_before)
        assert pages[AZ] not in state.kept_as_before
        assert pages[EN] not in state.kept_as_before
        assert_as_a_clean_build(content, output, tmp_path / f"clean-{step}")


def test_a_translation_s_new_title_is_on_its_other_versions_pages(tmp_path: Path) -> None:
    content, output, generators = built(tmp_path / "live")
    in_place(generators, content, AZ)  # a pass that saw the site as it was
    set_header(content / EN, "Title", "Children's rights in migration: the training opens")
    in_place(generators, content, EN)
    links = page_of(output, AZ).select(".story__translations a")
    assert [a.text for a in links] == ["Children's rights in migration: the training opens"]
    assert_as_a_clean_build(content, output, tmp_path / "clean")


def test_a_link_follows_the_story_it_names_to_its_new_address(tmp_path: Path) -> None:
    content, output, generators = built(tmp_path / "live")
    story = content / EN
    story.write_text(
        story.read_text("utf-8") + f"\nSee also [the day]({{filename}}/{OTHER}.en.md).\n", "utf-8"
    )
    in_place(generators, content, EN)
    set_header(content / f"{OTHER}.en.md", "Slug", "childrens-day-moved")
    state = in_place(generators, content, f"{OTHER}.en.md")
    assert story_pages(output)[EN] not in state.kept_as_before
    hrefs = [a["href"] for a in page_of(output, EN).select(".story__body a")]
    assert any("childrens-day-moved" in str(href) for href in hrefs), hrefs
    assert_as_a_clean_build(content, output, tmp_path / "clean")


def test_a_problem_found_in_place_is_counted_and_named_as_a_build_names_it(
    tmp_path: Path,
) -> None:
    content, output, generators = built(tmp_path / "live")
    other = content / f"{OTHER}.en.md"
    address = story_pages(output)[f"{OTHER}.en.md"].removesuffix("index.html")
    story = content / EN
    story.write_text(story.read_text("utf-8") + f"\n[The day](/{address}).\n", "utf-8")
    in_place(generators, content, EN)
    set_header(other, "Slug", "childrens-day-moved")  # the link now leads nowhere
    in_place(generators, content, f"{OTHER}.en.md")
    ours = manifest_problems(output)
    assert len(ours[f"content/{EN}"]) == 1, ours
    clean = build_site(content, tmp_path / "clean" / "output")
    assert ours == manifest_problems(clean.output)


def manifest_problems(output: Path) -> dict[str, list[str]]:
    """The problems the build's manifest names, by source."""
    manifest = json.loads((output.parent / "manifest.json").read_text("utf-8"))
    return {
        entry["source"]: entry["problems"] for entry in manifest["files"] if entry.get("problems")
    }


def test_no_record_describes_the_output_while_it_is_written(tmp_path: Path) -> None:
    """A build or an update in place killed while it writes must not leave a record that
    says a page is of an earlier version than the one on disk: the record is gone while
    pages are written, and back once they all are."""
    record = tmp_path / "live" / "cache" / "incremental.json"
    seen: list[bool] = []

    def look(path: str, **_: Any) -> None:
        seen.append(record.exists())

    content, output, generators = built(tmp_path / "live")
    assert record.exists()
    set_header(content / AZ, "Tags", "uşaqlar, yeni mövzu")
    with signals.content_written.connected_to(look):
        in_place(generators, content, AZ)
    assert seen, "no page written in place"
    assert record.exists()
    set_header(content / EN, "Tags", "children, a new topic")
    with signals.content_written.connected_to(look):
        assert build_site(content, output).failure is None  # a whole build, a record there
    assert len(seen) > 2
    assert not any(seen)
    assert record.exists()
