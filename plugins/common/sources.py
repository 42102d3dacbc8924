"""Where things are in a content source file, for `path:line: problem — fix` messages."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:")


def header_line(source_path: str | os.PathLike[str], key: str) -> int:
    """Return the 1-based line of the `Key:` header in a Markdown source, or 1 if absent."""
    wanted = key.lower()
    try:
        text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break  # the metadata header ends at the first blank line
        match = _HEADER_LINE.match(line)
        if match and match.group("key").lower() == wanted:
            return number
    return 1


def where(item: Any, key: str | None = None) -> tuple[str, int]:
    """Return `(path, line)` of a content item's source, at its `Key:` header when given."""
    path = display_path(item.source_path, item.settings["PATH"])
    return path, header_line(item.source_path, key) if key else 1


def article_lists(generator: Any) -> list[list[Any]]:
    """The lists an articles generator keeps its stories in: published, hidden, drafts,
    each with its translations."""
    return [
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    ]


def page_lists(generator: Any) -> list[list[Any]]:
    """The lists a pages generator keeps its pages in, as `article_lists` does."""
    return [
        generator.pages,
        generator.translations,
        generator.hidden_pages,
        generator.hidden_translations,
        generator.draft_pages,
        generator.draft_translations,
    ]


def display_path(source_path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str:
    """Return the source path as staff know it: relative to the project when possible.

    `base` is the content folder: paths outside the working directory are shown from the
    content folder's parent (`content/articles/...`).
    """
    path = Path(source_path).absolute().as_posix()  # not resolved: symlinks stay as written
    for root in _roots(Path.cwd().as_posix(), os.fspath(base)):
        if path.startswith(root):
            return path[len(root) :]
    return path


@lru_cache(maxsize=16)
def _roots(cwd: str, base: str) -> tuple[str, ...]:
    """The folders a path is shown relative to, each ending with `/`, first match wins."""
    content = Path(base).absolute()
    return tuple(f"{root.as_posix().rstrip('/')}/" for root in (Path(cwd), content.parent, content))
