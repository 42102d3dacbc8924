"""What in a Markdown source would lead a build outside its folders, or readers' browsers
to other sites, found as the source is read.

- A `{static}`, `{attach}` or `{filename}` link that climbs out of the content folder
  (`{static}/../../x`, an absolute path) is dropped from the HTML: Pelican never sees it,
  so it neither copies nor removes anything there.
- A photo, cover or document header naming a file outside the content folder is dropped.
- A `Slug:`, `Save_as:` or `URL:` that would put the page outside the site is dropped.
- An image from another site (`![x](https://…)`, `<img src="//…">`) is reported, unless
  `CHECKS['external_images']` allows them.

Each finding names the line of the link or header. What depends on the files themselves
(symbolic links, SVG scripts) is checked at every build instead (see `files.py`).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from plugins.common.confine import LEAVES, ContentFolder
from plugins.common.sources import read_header

from .files import FILE_HEADERS, HEADER_PLACES, REFUSED
from .scan import ERROR

# An attribute holding a link Pelican resolves, where Pelican looks for one (any attribute
# whose name ends with one of these, inside a tag).
_INTRASITE = re.compile(
    r"""(?P<attribute>[\w:.-]*(?:href|src|poster|data|cite|formaction|action|content))\s*=\s*"""
    r"""(?P<quote>["'])(?P<link>[{|](?P<kind>static|attach|filename)[|}](?P<target>.*?))"""
    r"""(?P=quote)"""
)
# Headers that decide where a page is written.
PLACE_HEADERS = ("slug", "save_as", "url")
# Attributes that make a browser fetch what they name as part of the page.
EMBEDDING = ("src", "srcset", "poster", "data", "background")
Finding = tuple[str, str]  # (level, `path:line: problem — fix`)


@dataclass(frozen=True)
class Source:
    """A source being read: where it is, its text and header, how staff know it. Its lines
    are looked at only to say where a finding is."""

    path: Path
    root: Path  # the content folder
    shown: str  # the path as staff know it
    text: str
    headers: Mapping[str, tuple[int, str]]  # key -> (line, value)

    @cached_property
    def lines(self) -> list[str]:
        """The source's lines."""
        return self.text.splitlines()

    @cached_property
    def body_start(self) -> int:
        """The index of the first line after the header."""
        return read_header(self.lines)[1]

    @property
    def content(self) -> str:
        """The content folder as staff know it, with a slash: `content/`."""
        return f"{self.root.name}/"

    def line_of(self, *needles: str) -> int:
        """The first line holding any of the needles, or the body's first line."""
        for needle in needles:
            if not needle:
                continue
            for number, line in enumerate(self.lines, start=1):
                if needle in line:
                    return number
        return min(self.body_start + 1, max(len(self.lines), 1))


def reached_through_a_bad_link(folder: ContentFolder, path: Path) -> bool:
    """Whether a source of the content folder is read through a symbolic link that leads
    outside it or into a loop (the link is reported once, with the static files).

    A file given from elsewhere (not found in the content folder) is read as it is.
    """
    escape = folder.escape(os.path.relpath(path, folder.root))
    return escape is not None and escape.kind != LEAVES


@dataclass(frozen=True)
class ConfinedText:
    """A source's HTML with every link that leaves the content folder dropped, and what was
    found in it: it depends on the file alone."""

    html: str
    findings: tuple[Finding, ...] = ()  # the links dropped
    images: tuple[str, ...] = ()  # the images it loads from other sites, where refused


def confine_text(source: Source, content: str, *, external_images: bool) -> ConfinedText:
    """Drop from a source's HTML every link that leads outside the content folder; find the
    images it loads from other sites, unless they are allowed."""
    findings: list[Finding] = []
    content = _drop_leaving_links(source, content, findings)
    images = () if external_images else tuple(dict.fromkeys(external_images_of(content)))
    return ConfinedText(content, tuple(findings), images)


def confine_source(
    source: Source,
    text: ConfinedText,
    metadata: dict[str, Any],
    *,
    external_images: bool,
) -> list[Finding]:
    """Drop from a source's header every link and header that leads outside the content
    folder or the site; return the findings, the text's (`confine_text`) first.

    The metadata is changed in place; the place of each file header is kept for the
    checks made at every build.
    """
    findings = list(text.findings)
    summary = metadata.get("summary")
    if isinstance(summary, str) and summary:
        metadata["summary"] = summary = _drop_leaving_links(source, summary, findings)
    _drop_leaving_headers(source, metadata, findings)
    if not external_images:
        for url in dict.fromkeys([*text.images, *external_images_of(summary)]):
            findings.append(
                (
                    ERROR,
                    f"{source.shown}:{source.line_of(url, html.escape(url))}: the image {url} "
                    "is on another site: every reader's browser would ask that site for it "
                    f"— copy it into {source.content}images/ and link it with {{static}}, or "
                    "allow such images with CHECKS['external_images'] = True",
                )
            )
    metadata[HEADER_PLACES] = {
        key: f"{source.shown}:{source.headers[key][0]}"
        for key in FILE_HEADERS
        if key in metadata and key in source.headers
    }
    return findings


def inside_content(relative: str, root: Path) -> bool:
    """Whether a path (relative to the content folder, or absolute) is inside it, `..`
    taken away as written (symbolic links are checked at every build)."""
    folder = root.absolute()
    joined = os.path.normpath(folder / relative)
    return joined.startswith(f"{os.path.normpath(folder).rstrip(os.sep)}{os.sep}")


def leaves_content(target: str, source: Path, root: Path) -> bool:
    """Whether a `{static}`-style link target climbs out of the content folder, read as
    Pelican reads it (from the content folder with a leading `/`, else from the source's
    folder), as written, `%`-decoded or HTML-unescaped."""
    for variant in {target, unquote(target), html.unescape(target), unquote(html.unescape(target))}:
        path = urlsplit(variant).path
        if path.startswith("/"):
            relative = path[1:]
        else:
            relative = str(Path(os.path.relpath(source.parent, root)) / path)
        normal = os.path.normpath(relative or ".")
        if Path(normal).is_absolute() or normal == ".." or normal.startswith(f"..{os.sep}"):
            return True
    return False


def _drop_leaving_links(source: Source, text: str, findings: list[Finding]) -> str:
    """The HTML without the attributes whose link leaves the content folder."""
    if "{" not in text and "|" not in text:
        return text
    searched: dict[str, int] = {}

    def drop(match: re.Match[str]) -> str:
        start = match.start()
        if text.rfind("<", 0, start) <= text.rfind(">", 0, start):
            return match[0]  # not inside a tag: text Pelican leaves alone
        target = match["target"]
        if not leaves_content(target, source.path, source.root):
            return match[0]
        link = html.unescape(match["link"])
        line = source.line_of(link, match["link"], target)
        if searched.get(link) != line:
            searched[link] = line
            findings.append(
                (
                    ERROR,
                    f"{source.shown}:{line}: the link {link} leads outside the content folder "
                    f"— link a file inside {source.content}",
                )
            )
        return ""

    return _INTRASITE.sub(drop, text)


def _drop_leaving_headers(
    source: Source, metadata: dict[str, Any], findings: list[Finding]
) -> None:
    """Drop the photo, cover and document headers that name a file outside the content
    folder, and the headers that would put the page outside the site."""
    for key, what in FILE_HEADERS.items():
        value = str(metadata.get(key) or "").strip()
        if not value:
            continue
        if inside_content(value, source.root):
            continue
        metadata[REFUSED[key]] = metadata.pop(key)
        line = source.headers.get(key, (1, ""))[0]
        findings.append(
            (
                ERROR,
                f"{source.shown}:{line}: the {what} {value} is outside the content folder "
                f"— name a file inside {source.content}, like "
                f"{'files' if key == 'document' else 'images'}/{PurePosixPath(value).name}",
            )
        )
    for key in PLACE_HEADERS:
        value = str(metadata.get(key) or "").strip()
        if not value:
            continue
        if (
            not value.startswith(("/", "\\"))
            and ".." not in PurePosixPath(value.replace("\\", "/")).parts
        ):
            continue
        del metadata[key]
        line, written = source.headers.get(key, (1, value))
        findings.append(
            (
                ERROR,
                f"{source.shown}:{line}: '{key.title()}: {written}' would put the page "
                "outside the site — use letters, digits and hyphens, without '..' or a leading '/'",
            )
        )


def external_images_of(text: Any) -> Iterator[str]:
    """The addresses of images (and other embedded media) a piece of HTML loads from
    other sites: absolute `http(s)://` or scheme-relative `//` addresses."""
    if not isinstance(text, str) or "//" not in text:
        return
    fragment = lxml_html.fragment_fromstring(text, create_parent="div")
    for element in fragment.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in EMBEDDING:
            value = element.get(attribute)
            if not value:
                continue
            candidates = (
                [part.strip().split()[0] for part in value.split(",") if part.strip()]
                if attribute == "srcset"
                else [value.strip()]
            )
            for url in candidates:
                if _is_external(url):
                    yield url


def _is_external(url: str) -> bool:
    """Whether an address is on another site (`https://…`, `//host/…`)."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in ("http", "https")
