"""A saved story's pages written at once by the process that built the site
(`plugins.newsroom.quick`), before the build that brings the rest of the site up to date:
the same bytes as a clean build writes, and nothing written for a save only the build can
make."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pelican import signals

from plugins.newsroom.quick import Unchanged, quick_pages
from tests.conftest import REPO, build_site, folder_files

TRAINING = "articles/2023/2023-10-27-children-migration-training"
DRAFT = "articles/2024/2024-12-02-annual-report-preparation.en.md"
WITHDRAWN = "articles/2024/2024-09-10-ganja-reception-announced.en.md"


def built(tmp_path: Path) -> tuple[Path, Path, list[Any]]:
    """The sample site copied and built, and the generators its build kept in memory."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(REPO / "content", content)
    generators: list[Any] = []

    def keep(sender: list[Any], **_: Any) -> None:
        generators.extend(sender)

    with signals.all_generators_finalized.connected_to(keep):
        site = build_site(content, output)
    assert site.failure is None
    return content, output, generators


def set_header(path: Path, key: str, value: str | None) -> None:
    """Set (or with None remove) one header line of a story."""
    head, body = path.read_text("utf-8").split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.lower().startswith(f"{key.lower()}:")]
    if value is not None:
        lines.insert(1, f"{key}: {value}")
    path.write_text("\n".join(lines) + "\n\n" + body, "utf-8")


def add_text(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + f"\n{text}\n", "utf-8")


EditFn = Callable[[Path], list[Path]]


def text(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.az.md"
    add_text(story, "Təlimin ikinci günü suallarla bitdi.")
    return [story]


def through_a_temporary_file(content: Path) -> list[Path]:
    """Saved as some editors save: a new file, renamed over the story."""
    story = content / f"{TRAINING}.az.md"
    temporary = story.with_name("tmp4913")
    temporary.write_text(story.read_text("utf-8") + "\nƏlavə.\n", "utf-8")
    temporary.replace(story)
    return [story, temporary]


def modified(content: Path) -> list[Path]:
    """The English version updated: the Azerbaijani one now says it is outdated."""
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Modified", "2023-10-30 09:00")
    add_text(story, "The trainers' slides are now online.")
    return [story]


def both_languages(content: Path) -> list[Path]:
    stories = [content / f"{TRAINING}.{lang}.md" for lang in ("az", "en")]
    for story in stories:
        add_text(story, "UNICEF / UNHCR / IOM / ICRC")
    return stories


def speakers_and_contacts(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Speakers", "sabina-aliyeva, leyla-qasimova")
    set_header(story, "Contacts", "press-office")
    return [story]


def category_and_tags(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Category", "events")
    set_header(story, "Tags", "children, a tag never used before")
    return [story]


def summary_and_location(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Summary", "Forty officials learn how to protect children on the move.")
    set_header(story, "Location", "Baku")
    return [story]


def draft(content: Path) -> list[Path]:
    story = content / DRAFT
    add_text(story, "The first chapters are drafted.")
    return [story]


def withdrawn(content: Path) -> list[Path]:
    story = content / WITHDRAWN
    add_text(story, "The reception will be held later.")
    return [story]


def a_page(content: Path) -> list[Path]:
    page = content / "pages/about.az.md"
    add_text(page, "Ofis haqqında daha çox.")
    return [page]


def a_story_and_a_page(content: Path) -> list[Path]:
    return [*text(content), *a_page(content)]


@pytest.mark.parametrize(
    "edit",
    [text, through_a_temporary_file, modified, both_languages, speakers_and_contacts,
     category_and_tags, summary_and_location, draft, withdrawn, a_page, a_story_and_a_page],
)  # fmt: skip
def test_a_saved_story_gets_the_pages_a_clean_build_writes(tmp_path: Path, edit: EditFn) -> None:
    content, output, generators = built(tmp_path / "live")
    before = folder_files(output)
    saved = edit(content)
    urls = quick_pages(generators, saved)
    after = folder_files(output)

    clean = build_site(content, tmp_path / "clean" / "output")
    assert clean.failure is None
    pages = {f"{url}index.html" for url in urls}
    # The saved stories' pages, and their translations'.
    manifest = clean.manifest()
    shown = [f"content/{path.relative_to(content).as_posix()}" for path in saved if path.exists()]
    own = {url for source in shown for url in manifest[source]["urls"]}
    assert own <= set(urls)
    assert set(urls[: len(own)]) == own  # named first, then their translations'
    for name in pages:
        assert after[name] == clean.files()[name], name
    assert any(after[name] != before[name] for name in pages)
    # Nothing else was touched: the build that follows writes the rest.
    assert {name for name in after if after[name] != before.get(name)} <= pages
    assert set(after) == set(before)


def retitled(content: Path) -> list[Path]:
    """A new title: the address, made from the title, changes."""
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Title", "A new title")
    return [story]


def redated(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Date", "2023-11-27 11:00")
    return [story]


def drafted(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Status", "draft")
    return [story]


def new_photo(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Image", "images/2023/children-migration-training-certificates.svg")
    return [story]


def unknown_speaker(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Speakers", "sabina-aliyeva, nobody-we-know")
    return [story]


def impossible_date(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    set_header(story, "Date", "2023-02-30 11:00")
    return [story]


def attached_file(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    add_text(story, "[The programme]({attach}../../files/programme.pdf)")
    return [story]


def a_page_retitled(content: Path) -> list[Path]:
    """Every page's navigation shows a page's title."""
    page = content / "pages/corrections-policy.en.md"
    set_header(page, "Title", "Corrections")
    set_header(page, "Slug", "corrections-policy")
    return [page]


def a_page_moved_to_the_menu(content: Path) -> list[Path]:
    page = content / "pages/corrections-policy.en.md"
    set_header(page, "Menu", None)
    return [page]


def a_publication(content: Path) -> list[Path]:
    publication = content / "publications/annual-report-2023.en.md"
    add_text(publication, "Read the summary first.")
    return [publication]


def linked_outside(content: Path) -> list[Path]:
    """A story replaced by a link to a file outside the content folder: never read."""
    story = content / f"{TRAINING}.en.md"
    outside = content.parent / "outside.md"
    outside.write_text(story.read_text("utf-8") + "\nFrom outside.\n", "utf-8")
    story.unlink()
    story.symlink_to(outside)
    return [story]


def a_new_story(content: Path) -> list[Path]:
    story = content / "articles/2024/2024-12-03-new.en.md"
    story.write_text("Title: New\nDate: 2024-12-03 10:00\nCategory: news\n\nText.\n", "utf-8")
    return [story]


def a_deleted_story(content: Path) -> list[Path]:
    story = content / f"{TRAINING}.en.md"
    story.unlink()
    return [story]


@pytest.mark.parametrize(
    "edit",
    [retitled, redated, drafted, new_photo, unknown_speaker, impossible_date, attached_file,
     a_page_retitled, a_page_moved_to_the_menu, a_publication, linked_outside, a_new_story,
     a_deleted_story],
)  # fmt: skip
def test_a_save_only_the_build_can_make_writes_nothing(tmp_path: Path, edit: EditFn) -> None:
    content, output, generators = built(tmp_path)
    before = folder_files(output)
    saved = edit(content)
    with pytest.raises(Unchanged):
        quick_pages(generators, saved)
    assert folder_files(output) == before
