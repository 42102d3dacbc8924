"""Where things are in a content source file, for `path:line: problem — fix` messages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

# Headers that name a file of the content folder an item shows: its lead photo, its cover.
FILE_HEADERS = ("image", "cover")


def read_header(
    lines: Sequence[str], repeated: list[tuple[str, int]] | None = None
) -> tuple[dict[str, tuple[int, str]], int]:
    """Read a Markdown source's header as Markdown's `meta` extension does.

    An optional `---` first line, then `Key: value` lines (and indented lines continuing a
    value), up to a blank line or a closing `---` or `...`. Returns each key's first line
    (1-based) and value, and the index of the line the body starts at. Keys given again
    are added to `repeated`, with the line of each repetition.
    """
    headers: dict[str, tuple[int, str]] = {}
    key = None
    for index in range(1 if lines and BEGIN_RE.match(lines[0]) else 0, len(lines)):
        line = lines[index].expandtabs(4)  # as Markdown does before it reads the header
        if not line.strip() or END_RE.match(line):
            return headers, index + 1
        match = META_RE.match(line)
        if match:
            key = match["key"].lower().strip()
            if key in headers and repeated is not None:
                repeated.append((key, index + 1))
            headers.setdefault(key, (index + 1, match["value"].strip()))
        elif not (key and META_MORE_RE.match(line)):
            return headers, index
    return headers, len(lines)


def header_line(source_path: str | os.PathLike[str], *keys: str) -> int:
    """Return the 1-based line of the first of the `Key:` headers a Markdown source has,
    or 1 if it has none of them."""
    try:
        text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    headers, _ = read_header(text.splitlines())
    return next((headers[k.lower()][0] for k in keys if k.lower() in headers), 1)


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
