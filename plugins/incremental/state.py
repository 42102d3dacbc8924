"""What the incremental plugin remembers from one build to the next."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.contents import Content

from plugins.common.confine import OutputFolder, OutsideFolder, output_files
from plugins.common.pelican_api import raw_text

from .fingerprint import (
    INTRASITE,
    Digester,
    code_digest,
    files_digest,
    settings_digest,
    sha,
)

logger = logging.getLogger(__name__)
RECORD = "incremental.json"
# The values that are the item a page is about (its translations show there only).
OWN_ITEMS = ("article", "page", "publication")  # in the order their pages are looked at
ATTACH = "{attach}"
SCALARS = frozenset({str, int, float, bool})


@dataclass
class PassShown:
    """What one pass of a preview that keeps its site showed (`plugins.newsroom.live`): each
    page's values, its stories and pages as the objects themselves; each item's links to
    its translations; and the URLs of the site's items and files, as one digest."""

    pages: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    links: dict[int, tuple[Any, tuple[Any, ...]]] = field(default_factory=dict)  # by id
    url_map: str = ""
    digests: dict[int, tuple[Any, str]] = field(default_factory=dict)  # `Digester.items`
    made: dict[str, tuple[Any, bytes]] = field(default_factory=dict)  # `IncrementalState.made`


@dataclass
class IncrementalState:
    """The previous build's fingerprints, this build's, and the files this build produced."""

    record: Path
    output: Path
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)
    current: dict[str, dict[str, Any]] = field(default_factory=dict)
    produced: set[str] = field(default_factory=set)
    kept: int = 0
    # Of them, those kept for showing what they showed (`shows_as_before`), by name.
    kept_as_before: set[str] = field(default_factory=set)
    inputs: str = ""  # the digest of what readers depend on: settings and plugin code
    previous_inputs: str = ""
    previous_files: set[str] = field(default_factory=set)
    previous_global: str = ""  # the previous build's global fingerprint
    output_was_empty: bool = False  # nothing in the output folder when the build started
    # Files every page depends on besides the settings and the code (the theme, the
    # speakers registry, the catalogues).
    roots: list[Path] = field(default_factory=list)
    # What every page of a language shows around its content (its menus), given by the
    # site once its content is read.
    around: Callable[[str], Iterable[Any]] = lambda lang: ()
    # The photos the site publishes, each by what it was made of (its cache key): pages show
    # their sizes and copies, wherever they show them.
    photos: Callable[[], Iterable[Any]] = lambda: ()
    context: Mapping[str, Any] | None = None  # Pelican's: its content and static files
    shown: PassShown = field(default_factory=PassShown)
    # The pass before, in a preview that keeps its site: a page that shows the same items
    # and values is kept without its fingerprint made (`shows_as_before`). None in a build.
    before: PassShown | None = None
    _touched: set[int] | None = None
    _present: set[str] | None = None
    _records: dict[int, tuple[Any, tuple[Any, ...], list[Any]]] = field(default_factory=dict)
    _global: str | None = None
    _digester: Digester | None = None
    _nav: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, settings: Mapping[str, Any]) -> IncrementalState:
        """Load what the previous build recorded (nothing, if it left no record)."""
        record = Path(settings["CACHE_PATH"]) / RECORD
        state = cls(record=record, output=Path(settings["OUTPUT_PATH"]))
        state.inputs = sha(settings_digest(settings), code_digest())
        state.output_was_empty = not state.output.is_dir() or not any(state.output.iterdir())
        try:
            saved = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if isinstance(saved, dict) and isinstance(saved.get("pages"), dict):
            state.previous = saved["pages"]
            state.previous_inputs = str(saved.get("inputs", ""))
            state.previous_files = set(saved.get("files", []))
            state.previous_global = str(saved.get("global", ""))
        return state

    @property
    def readers_changed(self) -> bool:
        """Whether the settings or the plugins' code changed since the previous build.

        Pelican's content cache keeps what its readers made of each file, settings and all
        (a category's URL, a date's time zone, the checks' findings): it holds only while
        they are the same.
        """
        return self.inputs != self.previous_inputs

    def renders_everything(self) -> bool:
        """Whether every page is rendered again: every file is read again (the first build,
        changed settings or code), or what every page shows changed (the theme, a
        registry, a photo)."""
        return self.readers_changed or self.global_fingerprint() != self.previous_global

    # Fingerprints ---------------------------------------------------------------------------

    def global_fingerprint(self) -> str:
        """The build's global inputs: settings, plugin code, theme, registries, photos."""
        if self._global is None:
            # The settings and the code are the readers' inputs, worked out at the start.
            self._global = sha(self.inputs, files_digest(self.roots), sorted(self.photos()))
        return self._global

    def digester(self) -> Digester:
        """The build's digester, which knows every item's URL."""
        if self._digester is None:
            context = self.context or {}
            items = context.get("generated_content", {})
            url_map = sha(
                sorted((s, i.url) for s, i in items.items() if i is not None),
                # Files by name only: reading a static file's URL would stop Pelican from
                # moving an {attach}ed one; where files go is in the settings' digest.
                sorted(context.get("static_content", {})),
            )
            self._digester = Digester(url_map, Path(context.get("PATH", ".")))
            if self.before is not None:
                # An item the pass before digested, and the site still holds, shows the same
                # now unless touched (one no longer held is let go).
                touched, held = self.touched(), self.links()
                self._digester.items.update(
                    (key, known)
                    for key, known in self.before.digests.items()
                    if key not in touched and key in held and held[key][0] is known[0]
                )
        return self._digester

    def navigation(self, lang: str) -> str:
        """What every page of a language shows around its content: the menus and feeds."""
        if lang not in self._nav:
            self._nav[lang] = sha(lang, *self.around(lang))
        return self._nav[lang]

    def page_fingerprint(self, name: str, template: Any, values: Mapping[str, Any]) -> str:
        """The fingerprint of one page: global inputs, navigation, template and values.

        A page whose item has an `{attach}` link has none (it is rendered every time):
        Pelican moves an attached file beside the page only while rendering it.
        """
        if any(ATTACH in raw_text(values[k]) for k in OWN_ITEMS if values.get(k) is not None):
            return ""
        digester = self.digester()
        return sha(
            self.global_fingerprint(),
            self.navigation(language(values)),
            getattr(template, "name", template),
            name,
            sorted(
                (k, digester.own_page(v) if k in OWN_ITEMS and v else digester.value(v))
                for k, v in values.items()
            ),
        )

    # Pages shown as before ------------------------------------------------------------------

    def shows_as_before(self, name: str, template: Any, values: Mapping[str, Any]) -> bool:
        """Keep a page from the pass before, in a preview that keeps its site, if it shows
        what it showed then: the same global inputs, navigation and template; the same
        stories and pages (the same objects: one saved is read into a new one), none of
        them `touched`; and the same other values, by digest. Its fingerprint would be the
        same, and is not made. Whatever it returns, what the page shows is noted for the
        next pass."""
        items: list[Any] = []
        key = (
            self.global_fingerprint(),
            self.navigation(language(values)),
            getattr(template, "name", template),
            tuple([(k, self._shallow(v, items)) for k, v in values.items()]),
        )
        self.shown.pages[name] = key
        if self.before is None or self.before.pages.get(name) != key:
            return False
        touched = self.touched()
        if any(id(item) in touched for item in items):
            return False
        previous = self.previous.get(name)
        if not previous or not previous.get("fp") or not self._keep(name, previous):
            return False
        self.kept_as_before.add(name)
        return True

    def _shallow(self, value: Any, items: list[Any]) -> Any:
        """A value as `shows_as_before` compares it: stories and pages as themselves (and
        added to `items`), lists and dicts by their parts, records by their fields, anything
        else (a category, a tag, a date) by its digest."""
        kind = type(value)
        if value is None or kind in SCALARS:
            return value
        if isinstance(value, Content):
            items.append(value)
            return value
        if kind is list or kind is tuple:
            return tuple([self._shallow(part, items) for part in value])
        if kind is dict:
            return tuple([(key, self._shallow(part, items)) for key, part in value.items()])
        # Anything else is taken apart once, here, for all the pages that show it.
        known = self._records.get(id(value))
        if known is None or known[0] is not value:
            inside: list[Any] = []
            shallow: Any
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                fields = dataclasses.fields(value)
                shallow = (kind, *(self._shallow(getattr(value, f.name), inside) for f in fields))
            elif isinstance(value, list | tuple | Mapping):
                shallow = self._shallow(
                    kind(value) if isinstance(value, Mapping) else list(value), inside
                )
            else:
                shallow = self.digester().value(value)
            known = self._records[id(value)] = (value, shallow, inside)
        items.extend(known[2])
        return known[1]

    def made(self, name: str, source: Any, make: Callable[[], bytes]) -> bytes:
        """A file made of `source` (data that compares by value): as the pass before made
        it, in a preview that keeps its site, if it was made of the same; else `make()`."""
        before = self.before.made.get(name) if self.before is not None else None
        data = before[1] if before is not None and before[0] == source else make()
        self.shown.made[name] = (source, data)
        return data

    def touched(self) -> set[int]:
        """The items, by id, that show differently from the pass before though they are
        the same objects: their translations' links changed (a translation saved, added
        or removed), or the URLs their `{filename}` links may point at did."""
        if self._touched is None:
            before = self.before or PassShown()
            links = self.links()
            self._touched = {key for key, link in links.items() if before.links.get(key) != link}
            if self.digester().url_map != before.url_map:
                self._touched.update(
                    key for key, (item, _) in links.items() if INTRASITE.search(raw_text(item))
                )
        return self._touched

    def links(self) -> dict[int, tuple[Any, tuple[Any, ...]]]:
        """Each item of the site, by id, with what its own page shows of its translations:
        them (as objects), whether they are complete, and whether it is outdated."""
        if not self.shown.links:
            content = (self.context or {}).get("generated_content", {})
            self.shown.links = {
                id(item): (
                    item,
                    (
                        tuple(getattr(item, "translations", ())),
                        getattr(item, "translation_status", ""),
                        getattr(item, "outdated", False),
                    ),
                )
                for item in content.values()
                if item is not None
            }
        return self.shown.links

    # Keeping and recording ------------------------------------------------------------------

    def begin_writing(self) -> None:
        """Remove the record before the build writes anything (it is written again when
        the build finishes): a build stopped while writing, even killed, leaves no record,
        and the next one renders every page again rather than keep one the record
        describes as an earlier version."""
        self.record.unlink(missing_ok=True)

    def unchanged(self, name: str, fingerprint: str) -> bool:
        """Keep a page from the previous build if its fingerprint and files are the same."""
        previous = self.previous.get(name)
        if not fingerprint or not previous or previous.get("fp") != fingerprint:
            return False
        return self._keep(name, previous)

    def _keep(self, name: str, previous: dict[str, Any]) -> bool:
        """Keep a page the previous build wrote, if its files are there."""
        files = previous.get("files", [])
        if self._present is None:  # the output folder's files, looked at once
            self._present = set(output_files(self.output))
        if not files or not self._present.issuperset(files):
            return False
        self.current[name] = previous
        self.produced.update(files)
        self.kept += 1
        return True

    def wrote(self, name: str, fingerprint: str, files: list[str], source: str = "") -> None:
        """Record a page (and its pagination) written by this build, and the content file
        it is the page of, if any."""
        self.current[name] = {"fp": fingerprint, "files": files}
        if source:
            self.current[name]["source"] = source
        self.produced.update(files)

    def keep_last_good_pages(self, generated: Mapping[str, Any], content: Path) -> None:
        """Keep the previous build's page of each content file this build could not read
        (it is there, and was left out for a mistake being mended): the preview shows the
        last good version meanwhile, and renders it again once the file reads."""
        for name, entry in self.previous.items():
            source = entry.get("source")
            if name in self.current or not source or source in generated:
                continue
            if (content / source).is_file():
                self.current[name] = {**entry, "fp": ""}
                self.produced.update(entry.get("files", []))

    def _remove_empty_folders(self, folder: Path) -> None:
        """Remove a folder left empty (a removed story's), and its parents left empty."""
        while folder != self.output and folder.is_relative_to(self.output):
            try:
                folder.rmdir()
            except OSError:  # not empty
                return
            folder = folder.parent

    def note_shown(self) -> None:
        """Note what this pass showed besides its pages, for a preview's next pass."""
        self.links()
        self.shown.url_map = self.digester().url_map
        self.shown.digests = self.digester().items

    def finish(self) -> int:
        """Save this build's fingerprints; remove the files it no longer produces.

        Only files of the output folder are recorded and removed. The files the previous
        build recorded and this one did not produce are removed. Without a record of them
        (a first build), or after the settings changed, every page, feed, photo and
        document of the output folder is looked at too, unless the folder was empty when
        the build started: its plain files only, never through a symbolic link. Each file
        is checked to be inside the output folder, and to be no link, before it goes.
        Returns how many stale files were removed.
        """
        context = self.context or {}
        self.note_shown()
        self.before = None  # the pass is over: a page written after it is written
        self.keep_last_good_pages(
            context.get("generated_content", {}), Path(context.get("PATH", "."))
        )
        static = context.get("static_content", {})
        self.produced.update(item.save_as for item in static.values() if item is not None)
        folder = OutputFolder(self.output)
        produced = {name for name in self.produced if self._inside(name)}
        candidates = self.previous_files - produced
        if (not self.previous_files or self.readers_changed) and not self.output_was_empty:
            candidates |= set(self._output_pages(context.get("STATIC_PATHS", [])))
        removed = 0
        for name in sorted(candidates - produced):
            try:
                path = folder.confine(name)
            except OutsideFolder as error:
                logger.error("%s", error)  # a record changed by hand
                continue
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
                self._remove_empty_folders(path.parent)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        saved = {
            "inputs": self.inputs,
            "global": self.global_fingerprint(),
            "pages": self.current,
            "files": sorted(produced),
        }
        self.record.write_text(json.dumps(saved, sort_keys=True), encoding="utf-8")
        return removed

    @staticmethod
    def _inside(name: str) -> bool:
        """Whether a file this build produced is named inside the output folder: one that
        is not was refused when it was written or copied, and is not recorded. (Where a
        name leads through links is checked again before a file is removed.)"""
        return bool(name) and not name.startswith("/") and ".." not in name.split("/")

    def _output_pages(self, static_paths: list[str]) -> Iterator[str]:
        """The pages, feeds, photos and documents of the output folder, by name: its HTML
        files, the XML files under each language's `feeds/`, and every file of the folders
        static files are copied to."""
        static = tuple(f"{PurePosixPath(folder).as_posix().strip('/')}/" for folder in static_paths)
        for name in output_files(self.output):
            parts = name.split("/")
            is_feed = len(parts) > 2 and parts[1] == "feeds" and name.endswith(".xml")
            if name.endswith(".html") or is_feed or name.startswith(static):
                yield name


def language(values: Mapping[str, Any]) -> str:
    """The language of a page: its own, or that of the item it is the page of."""
    lang = values.get("lang")
    for key in OWN_ITEMS:
        if not lang and values.get(key) is not None:
            lang = getattr(values[key], "lang", "")
    return str(lang or "")
