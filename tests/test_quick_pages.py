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
AZ, EN = f"{TRAINING}.az.md", f"{TRAINING}.en.md"
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


def edit(name: str, text: str = "", **headers: str | None) -> EditFn:
    """An edit of one file of the content folder: header lines set (None: removed), and a
    paragraph added."""

    def edit_file(content: Path) -> list[Path]:
        path = content / name
        for key, value in headers.items():
            set_header(path, key, value)
        if text:
            add_text(path, text)
        return [path]

    return edit_file


def through_a_temporary_file(content: Path) -> list[Path]:
    """Saved as some editors save: a new file, renamed over the story."""
    story = content / AZ
    temporary = story.with_name("tmp4913")
    temporary.write_text(story.read_text("utf-8") + "\nƏlavə.\n", "utf-8")
    temporary.replace(story)
    return [story, temporary]


def both_languages(content: Path) -> list[Path]:
    return [*edit(AZ, "UNICEF, UNHCR")(content), *edit(EN, "UNICEF, UNHCR")(content)]


def a_story_and_a_page(content: Path) -> list[Path]:
    return [*edit(AZ, "Sonda suallar.")(content), *edit("pages/about.az.md", "Ofis.")(content)]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(edit(AZ, "Təlimin ikinci günü suallarla bitdi."), id="text"),
        through_a_temporary_file,
        # The English version updated: the Azerbaijani one now says it is outdated.
        pytest.param(edit(EN, "Slides online.", Modified="2023-10-30 09:00"), id="modified"),
        both_languages,
        pytest.param(
            edit(EN, Speakers="sabina-aliyeva, leyla-qasimova", Contacts="press-office"),
            id="speakers and contacts",
        ),
        pytest.param(edit(EN, Category="events", Tags="children, a new tag"), id="taxonomy"),
        pytest.param(edit(EN, Summary="Officials learn.", Location="Baku"), id="summary"),
        pytest.param(edit(DRAFT, "The first chapters are drafted."), id="draft"),
        pytest.param(edit(WITHDRAWN, "The reception will be held later."), id="withdrawn"),
        pytest.param(edit("pages/about.az.md", "Ofis haqqında daha çox."), id="page"),
        a_story_and_a_page,
    ],
)
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


def linked_outside(content: Path) -> list[Path]:
    """A story replaced by a link to a file outside the content folder: never read."""
    story = content / EN
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
    story = content / EN
    story.unlink()
    return [story]


POLICY = "pages/corrections-policy.en.md"
SHOWN = "the rest of the site shows the change"
UNKNOWN = "not a story or page the build knows"


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        # A new title: the address is made from it.
        pytest.param(edit(EN, Title="A new title"), SHOWN, id="retitled"),
        pytest.param(edit(EN, Date="2023-11-27 11:00"), SHOWN, id="redated"),
        pytest.param(edit(EN, Status="draft"), SHOWN, id="drafted"),
        pytest.param(edit(EN, Image="images/speakers/sabina-aliyeva.svg"), SHOWN, id="photo"),
        # Every page's navigation shows a page's title, and its place in the menu.
        pytest.param(edit(POLICY, Title="Policy", Slug="corrections-policy"), SHOWN, id="title"),
        pytest.param(edit(POLICY, Menu=None), SHOWN, id="menu"),
        pytest.param(
            edit(EN, Speakers="nobody-we-know"), "the build reports the mistakes", id="speaker"
        ),
        pytest.param(edit(EN, Date="2023-02-30 11:00"), "not built", id="impossible date"),
        pytest.param(
            edit(EN, "[Programme]({attach}../../files/programme.pdf)"),
            "an attached file moves with the build",
            id="attach",
        ),
        pytest.param(
            edit("publications/annual-report-2023.en.md", "Read."), UNKNOWN, id="publication"
        ),
        pytest.param(linked_outside, "not built", id="linked outside"),
        pytest.param(a_new_story, UNKNOWN, id="new story"),
        pytest.param(a_deleted_story, "removed", id="deleted"),
    ],
)
def test_a_save_only_the_build_can_make_writes_nothing(
    tmp_path: Path, edit: EditFn, why: str
) -> None:
    content, output, generators = built(tmp_path)
    before = folder_files(output)
    saved = edit(content)
    with pytest.raises(Unchanged, match=why):
        quick_pages(generators, saved)
    assert folder_files(output) == before
