"""Which files of the content folder a build may publish, checked once per build.

Nothing outside the content folder is published: a symbolic link that leads out (to a file,
to a folder, or back to a folder containing it) is reported once and nothing is read or
copied through it. Nothing active is published: an SVG with a script, or an HTML, XML or
script file (unless `CHECKS['active_files']` allows them), would run on the site's own
address when opened. Such files are taken out of the static files before Pelican copies
them, and photos, covers and documents that name one are left out of their item.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from plugins.common.confine import ContentFolder, Escape
from plugins.common.sources import display_path
from plugins.photos.encode import UnfitPhotoError
from plugins.photos.library import Photos

from .settings import ChecksSettings
from .svg import svg_problem

logger = logging.getLogger(__name__)
# Files a browser runs as a document of the site, scripts and all.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".js", ".mjs", ".svgz"})
# Headers that name a file an item shows or offers, each as readers call it.
FILE_HEADERS = {"image": "photo", "cover": "cover", "document": "document"}
# Where a header's value goes when its file is refused (previews follow the file: a fixed
# file shows again).
REFUSED = {key: f"_refused_{key}" for key in FILE_HEADERS}
# Where the checked reader puts the `path:line` of each of those headers.
HEADER_PLACES = "_file_headers"


@dataclass(frozen=True)
class Refusal:
    """Why a file of the content folder is not published, and how to fix it."""

    source: str  # the file at fault, as staff know it: the link, or the file itself
    line: int  # 0 when the problem is the file as a whole
    problem: str  # said of the file (`is a symbolic link …`), or a sentence (`the SVG …`)
    fix: str

    @property
    def place(self) -> str:
        """`path:line` or `path`, the start of a message about the file."""
        return f"{self.source}:{self.line}" if self.line else self.source

    def message(self) -> str:
        """The finding about the file itself: `path[:line]: problem — fix`."""
        return f"{self.place}: {self.problem} — {self.fix}"

    def reason(self) -> str:
        """The problem as told of an item that names the file."""
        if self.problem.startswith(("is ", "leads ")):
            return f"{self.place} {self.problem}"
        return f"{self.place}: {self.problem}"


@dataclass
class PublishableFiles:
    """The build's verdict on the files of the content folder, each made once."""

    root: Path
    settings: ChecksSettings
    ignores: tuple[str, ...] = ()
    photos: Photos | None = None  # the build's photos, made as they are judged
    reported: set[str] = field(default_factory=set)  # files already reported
    _folder: ContentFolder | None = None
    _refusals: dict[str, Refusal | None] = field(default_factory=dict)

    @property
    def folder(self) -> ContentFolder:
        """The content folder, which knows where its paths lead."""
        if self._folder is None:
            self._folder = ContentFolder(self.root)
        return self._folder

    def shown(self, relative: str) -> str:
        """A path of the content folder as staff know it: `content/images/x.svg`."""
        return display_path(self.root / relative, self.root)

    def escape_refusal(self, escape: Escape) -> Refusal:
        """The refusal of a path that leads outside the content folder."""
        content = display_path(self.root / "x", self.root).removesuffix("x")
        return Refusal(self.shown(escape.path), 0, escape.problem, escape.fix(content))

    def refusal(self, relative: str) -> Refusal | None:
        """Why a file of the content folder (a relative path) must not be published."""
        if relative in self._refusals:
            return self._refusals[relative]
        refusal = None
        escape = self.folder.escape(relative)
        suffix = PurePath(relative).suffix.lower()
        if escape is not None:
            refusal = self.escape_refusal(escape)
        elif suffix in ACTIVE_SUFFIXES and not self.settings.active_files:
            refusal = Refusal(
                self.shown(relative),
                0,
                f"is a {suffix} file, which a browser would run as a page of the site",
                "publish the document as PDF, or allow such files with "
                "CHECKS['active_files'] = True",
            )
        elif suffix == ".svg":
            refusal = self._svg_refusal(relative)
        elif self.photos is not None and self.photos.is_photo(relative):
            refusal = self._photo_refusal(self.photos, relative)
        self._refusals[relative] = refusal
        return refusal

    def _photo_refusal(self, photos: Photos, relative: str) -> Refusal | None:
        """Make a photo's files (or find them made); refuse a file that is no photo."""
        try:
            photos.prepare(relative)
        except UnfitPhotoError as error:
            problem = str(error)
        except FileNotFoundError:  # missing: reported where it is named
            return None
        except OSError as error:
            problem = f"could not be read ({error.strerror or error})"
        else:
            return None
        fix = "save it again as a JPEG or PNG photo, or remove it"
        return Refusal(self.shown(relative), 0, problem, fix)

    def _svg_refusal(self, relative: str) -> Refusal | None:
        try:
            data = (self.root / relative).read_bytes()
        except OSError:  # missing or unreadable: reported where it is named
            return None
        problem = svg_problem(data)
        if problem is None:
            return None
        return Refusal(self.shown(relative), problem.line, problem.problem, problem.fix)

    def report(self, refusal: Refusal) -> None:
        """Log a refused file's own finding, once per build."""
        if refusal.source not in self.reported:
            self.reported.add(refusal.source)
            logger.error("%s", refusal.message())

    def bad_links(self) -> Iterator[Escape]:
        """Every symbolic link in the content folder that leads outside it or into a loop.

        Folders and files Pelican ignores (`IGNORE_FILES`) are not looked at; links are
        not followed.
        """
        ignored = re.compile("|".join(fnmatch.translate(name) for name in self.ignores) or "$^")
        pending = [("", str(self.root))]
        while pending:
            prefix, folder = pending.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError:
                continue
            for entry in entries:
                if ignored.match(os.path.normcase(entry.name)):
                    continue
                relative = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    escape = self.folder.escape(relative)
                    if escape is not None and escape.path == relative:
                        yield escape
                elif entry.is_dir():
                    pending.append((f"{relative}/", entry.path))


# Where Pelican looks for files: folders named here are not walked.
EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


def exclude_linked_folders(pelican: Any) -> None:
    """Keep Pelican from walking into folders linked from outside the content folder, or
    round a loop (forty folders deep, every file again at each level).

    Such links are reported, and anything found through one left out, when the content is
    read; this only spares the walk.
    """
    settings = pelican.settings
    files = PublishableFiles(
        Path(settings["PATH"]), ChecksSettings(), tuple(settings.get("IGNORE_FILES", ()))
    )
    folders = [escape.path for escape in files.bad_links() if escape.folder]
    if folders:
        for name in EXCLUDES:
            settings[name] = [*settings.get(name, []), *folders]


def check_static_files(files: PublishableFiles, static: Mapping[str, Any]) -> set[str]:
    """Report every symbolic link that leads out of the content folder, and every refused
    file of the files Pelican copies (each once); return the refused files, by path."""
    for escape in files.bad_links():
        files.report(files.escape_refusal(escape))
    refused = set()
    for relative in sorted(static):
        refusal = files.refusal(relative)
        if refusal is not None:
            refused.add(relative)
            files.report(refusal)
    return refused


def check_shown_files(files: PublishableFiles, metadata: dict[str, Any]) -> None:
    """Leave out of an item the photo, cover or document it names when that file is
    refused, saying so at its header's line (the file's own finding is reported once, with
    the static files)."""
    places: Mapping[str, str] = metadata.pop(HEADER_PLACES, {})
    for key, what in FILE_HEADERS.items():
        value = str(metadata.get(key) or "").strip()
        if not value:
            continue
        refusal = files.refusal(value)
        if refusal is None:
            continue
        metadata[REFUSED[key]] = metadata.pop(key)
        logger.error(
            "%s: the %s %s is not published: %s — %s",
            places.get(key, files.shown(value)),
            what,
            value,
            refusal.reason(),
            refusal.fix,
        )
