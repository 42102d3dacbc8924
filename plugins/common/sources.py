"""Where things are in a content source file, for `path:line: problem — fix` messages."""

from __future__ import annotations

import os
import re
from pathlib import Path

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


def display_path(source_path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str:
    """Return the source path as staff know it: relative to the project when possible.

    `base` is the content folder: paths outside the working directory are shown from the
    content folder's parent (`content/articles/...`).
    """
    path = Path(source_path).absolute()  # no resolving: cheap, and symlinks stay as written
    content = Path(base).absolute()
    for root in (Path.cwd(), content.parent, content):
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.as_posix()
