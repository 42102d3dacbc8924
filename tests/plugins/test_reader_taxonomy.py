"""The reader makes each category, tag and author once for the whole build, and reads the
headers that name them exactly as Pelican's own Markdown reader does."""

from __future__ import annotations

from pathlib import Path

from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from plugins.checks.reader import CheckedMarkdownReader
from tests.conftest import REPO

STORIES = {
    "a.en.md": (
        "Title: Training opened\nDate: 2024-01-01 10:00\nCategory: news\n"
        "Tags: rights, children\nAuthors: Doe, Jane; Roe, Rick\n\nText.\n"
    ),
    "b.en.md": (
        "Title: Visit ended\nDate: 2024-01-02 10:00\nCategory: news\n"
        "Tags: children; migration; ;\nAuthor: Roe, Rick\n\nText.\n"
    ),
}
NAMED = ("category", "tags", "author", "authors")


def names(value: object) -> object:
    return [item.name for item in value] if isinstance(value, list) else value.name  # type: ignore[attr-defined]


def test_a_category_tag_or_author_is_one_object_and_read_as_pelican_reads_it(
    tmp_path: Path,
) -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    ours, stock = CheckedMarkdownReader(settings), MarkdownReader(settings)
    read = {}
    for name, text in STORIES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        mine, theirs = ours.read(str(path))[1], stock.read(str(path))[1]
        assert {key: names(mine[key]) for key in NAMED if key in mine} == {
            key: names(theirs[key]) for key in NAMED if key in theirs
        }
        read[name] = mine
    first, second = read["a.en.md"], read["b.en.md"]
    assert names(first["tags"]) == ["rights", "children"]
    assert names(second["tags"]) == ["children", "migration"]
    assert names(first["authors"]) == ["Doe, Jane", "Roe, Rick"]
    # One object for each name, in every story that names it; each story has its own list.
    assert first["category"] is second["category"]
    assert first["tags"][1] is second["tags"][0]
    assert first["tags"] is not second["tags"]
