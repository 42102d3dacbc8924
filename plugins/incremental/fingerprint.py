"""Fingerprints: a short hash of everything a page shows, so an unchanged page is known.

A page's fingerprint covers the build's global inputs (settings, theme, catalogues, plugin
code, the speakers registry), its language's navigation, its template and URL, and every
value handed to its template: stories by their source file and what is shown of their
language versions, categories and tags by name, the plugins' own records field by field.
A value it does not know is taken by its `repr`, which at worst renders the page again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pelican.contents import Content

from plugins.checks.escapes import inside_content
from plugins.checks.files import REFUSED
from plugins.checks.reader import MISSING_PHOTO
from plugins.common.pelican_api import raw_text
from plugins.common.sources import FILE_HEADERS

INTRASITE = re.compile(r"[{|](filename|static|attach|index|category|tag|author)[|}]")
# Header fields that name a file an item shows: the lead photo (also when it was left out
# for being missing) and a publication's cover, and those left out for being refused.
SHOWN_FILES = (*FILE_HEADERS, MISSING_PHOTO, REFUSED["image"], REFUSED["cover"])


def sha(*parts: object) -> str:
    """A short hex digest of the parts' text."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def files_digest(roots: Iterable[Path], suffixes: tuple[str, ...] = ()) -> str:
    """A digest of the names, sizes and modification times of the files under some folders."""
    entries = []
    for root in roots:
        if root.is_file():
            stat = root.stat()
            entries.append((str(root), stat.st_size, stat.st_mtime_ns))
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and (not suffixes or path.suffix in suffixes):
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return sha(entries)


PLUGINS = Path(__file__).resolve().parents[1]
# The libraries whose versions change what a build makes of the same content.
LIBRARIES = ("pelican", "markdown", "jinja2", "babel", "feedgen", "nh3", "pyyaml", "lxml")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the code that builds the site: the plugins' sources (not their compiled
    caches, which come and go) and the libraries' versions."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, version(name)))
        except PackageNotFoundError:
            versions.append((name, ""))
    return sha(files_digest([PLUGINS], (".py",)), versions)


# Settings that say how to build, not what: the same site whatever their values. (Pelican's
# command line sets DEBUG, other ways of starting a build may leave it out.)
HOW_TO_BUILD = frozenset({"LOAD_CONTENT_CACHE", "CACHE_CONTENT", "DEBUG"})


def settings_digest(settings: Mapping[str, Any]) -> str:
    """A digest of the settings' values (objects that are not data count by their type)."""
    return sha(
        json.dumps(
            {k: v for k, v in settings.items() if k.isupper() and k not in HOW_TO_BUILD},
            sort_keys=True,
            default=lambda value: f"<{type(value).__name__}>",
        )
    )


def tree_digest(root: Path) -> str:
    """A digest of the names and bytes of the files under a folder (not of where it is)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.is_dir() else ():
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass"))
            digest.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def is_place(value: Any) -> bool:
    """Whether a setting's value is where something is on this machine (an absolute path, or
    a list of them): not what the site is, only where it is built."""
    if isinstance(value, list | tuple):
        return bool(value) and all(is_place(item) for item in value)
    return isinstance(value, str) and Path(value).is_absolute()


def build_id(settings: Mapping[str, Any]) -> str:
    """The id of what a build makes: the same content, theme, settings and code give the
    same id, wherever they are on the machine."""
    return sha(
        settings_digest({key: value for key, value in settings.items() if not is_place(value)}),
        code_digest(),
        tree_digest(Path(settings["PATH"])),
        tree_digest(Path(settings["THEME"])),
    )[:16]


class Digester:
    """Digests template values; remembers each story's digest for the rest of the build."""

    def __init__(self, url_map: str, content_root: Path) -> None:
        self.url_map = url_map  # changes when any item's or static file's URL does
        self.content_root = content_root
        # Digests of the stories, containers and records pages share (a speaker's stories on
        # each of its pages), with the value itself: kept alive, its id cannot be reused.
        self._memo: dict[int, tuple[Any, str]] = {}
        # The stories', pages' and publications' digests (`item`), by id, with the item.
        self.items: dict[int, tuple[Any, str]] = {}

    def item(self, item: Any) -> str:
        """What listings and feeds show of a story, page or publication.

        Everything read from its file (title, text, category, tags) changes with the
        file's size or time; what settings make of it (names, URLs) with the global inputs.
        Its status, URL, document and speakers (a photo found) can change without either,
        and so can the files it shows: its lead photo and cover, there or not, and the
        URLs its links point at.
        """
        known = self.items.get(id(item))
        if known is None or known[0] is not item:
            source = item.source_path
            stat = Path(source).stat()
            metadata = getattr(item, "metadata", {})
            raw = raw_text(item)
            digest = sha(
                type(item).__name__,
                source,
                stat.st_size,
                stat.st_mtime_ns,
                item.status,
                item.url,
                getattr(item, "lang", ""),
                self.value(getattr(item, "document", None)),
                self.value(getattr(item, "speakers", None)),
                # Links in the summary are resolved already: the URLs they point at.
                str(metadata.get("summary", "")),
                [self._file(metadata.get(name)) for name in SHOWN_FILES],
                # {filename} and {static} links show other items' and files' URLs.
                self.url_map if INTRASITE.search(raw) else "",
            )
            known = self.items[id(item)] = (item, digest)
        return known[1]

    def _file(self, relative: Any) -> tuple[str, int, int] | None:
        """A file an item names, by its path in the content folder: its size and time, or
        nothing if it is not there (or named outside the content folder)."""
        if not relative:
            return None
        if not inside_content(str(relative), self.content_root):
            return (str(relative), -1, -1)
        try:
            stat = (self.content_root / str(relative)).stat()
        except OSError:
            return (str(relative), -1, -1)
        return (str(relative), stat.st_size, stat.st_mtime_ns)

    def own_page(self, item: Any) -> str:
        """What an item's own page shows: the item, and its translations (the language
        switcher, the notice of an outdated translation, the JSON-LD)."""
        return sha(
            self.item(item),
            getattr(item, "translation_status", ""),
            getattr(item, "outdated", False),
            [(t.lang, t.url, t.title, t.status) for t in getattr(item, "translations", ())],
        )

    def value(self, value: Any) -> str:
        """Any template value's digest."""
        if value is None or isinstance(value, str | int | float | bool):
            return repr(value)
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, Content):  # a story, a page, a publication
            return self.item(value)
        digest = self._composite(value)
        self._memo[id(value)] = (value, digest)
        return digest

    def _composite(self, value: Any) -> str:
        if isinstance(value, date):
            return value.isoformat()
        if hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "url"):
            return sha(
                type(value).__name__, getattr(value, "lang", ""), value.slug, value.name, value.url
            )
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return sha(
                type(value).__name__,
                [self.value(getattr(value, f.name)) for f in dataclasses.fields(value)],
            )
        if isinstance(value, Mapping):
            return sha(sorted((str(k), self.value(v)) for k, v in value.items()))
        if isinstance(value, list | tuple):
            return sha([self.value(v) for v in value])
        if isinstance(value, set | frozenset):
            return sha(sorted(self.value(v) for v in value))
        return repr(value)
