"""A Markdown reader that checks each source before Pelican builds it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader, ensure_metadata_list

from plugins.common.confine import ContentFolder
from plugins.common.errors import error_summary
from plugins.common.sources import display_path
from plugins.sanitise.cleaner import clean
from plugins.sanitise.settings import SanitiseSettings

from .dates import read_date
from .escapes import (
    ConfinedText,
    Source,
    confine_source,
    confine_text,
    inside_content,
    reached_through_a_bad_link,
)
from .history import KINDS, WITHDRAWN, Entry
from .limits import TimeLimitError, time_limit
from .scan import DATE_HEADERS, ERROR, Scan, in_years, scan_source
from .settings import ChecksSettings

logger = logging.getLogger(__name__)
# Where a source's findings and the files it points at travel with its metadata, through
# Pelican's content cache too.
FINDINGS = "_checks"
REFERENCES = "_references"
MISSING_PHOTO = "_missing_image"  # a lead photo left out because its file is missing
# A draft whose title is still to be written: the preview shows it under its file's name.
UNTITLED = "untitled"
# Headers Pelican makes into its category, tag and author objects: each name is made into
# one for the whole build, which works out its slug once rather than for every story.
TAXONOMY = frozenset({"category", "tags", "author", "authors"})
NAME_LISTS = frozenset({"tags", "authors"})  # a list of names, each its own object


@dataclass(frozen=True)
class Converted:
    """What checking a source and converting its text made of it: its scan and, unless the
    scan found it cannot be built, its HTML (confined, and sanitised where the site says
    so) and the raw values of its header. It depends on the file alone, and can be made in
    another process, ahead of the reading."""

    scan: Scan
    text: ConfinedText = field(default_factory=lambda: ConfinedText(""))
    meta: dict[str, list[str]] = field(default_factory=dict)


class CheckedMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """Checks each source, then reads it with one Markdown converter reused for every file.

    The findings are not logged here but kept in the metadata: a source read from Pelican's
    content cache is not read again, and its problems must still be reported (see
    `report_findings`). A file that cannot be built is left out.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.checks = ChecksSettings.from_settings(settings)
        # A source's conversion made ahead (by its path), if it was; None: convert it here.
        self.converted: Callable[[Path], Converted | None] = lambda path: None
        self._taxonomy: dict[tuple[str, str | tuple[str, ...]], Any] = {}

    # Pelican makes a reader per file extension for every generator, most never used: the
    # converters are made on first use.

    @cached_property
    def body(self) -> Markdown:
        """The converter of the sources' text."""
        return Markdown(**self.settings["MARKDOWN"])

    @cached_property
    def _fields(self) -> Markdown:
        """Summaries are Markdown too, converted without the header extension."""
        fields = Markdown(**self.settings["MARKDOWN"])
        fields.preprocessors.deregister("meta")
        return fields

    def header_metadata(self, meta: Mapping[str, list[str]]) -> dict[str, Any]:
        """Read the header as Pelican does, as if empty lines (`Image:`) were not there."""
        formatted = self.settings["FORMATTED_FIELDS"]
        output: dict[str, Any] = {}
        for key, values in meta.items():
            if not any(value.strip() for value in values):
                continue
            name = key.lower()
            if name in formatted:
                self._fields.reset()
                with time_limit(self.checks.timeout):  # Markdown, limited as the text is
                    html = self._fields.convert("\n".join(values))
                output[name] = self.process_metadata(name, html)
            elif name in DATE_HEADERS:
                try:
                    date = read_date(values[0])
                except (ValueError, OverflowError):
                    continue  # reported by the scan; a bad `Modified:` leaves the story be
                if in_years(date):
                    output[name] = date
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                output[name] = self._processed(name, values[0])
            else:
                output[name] = self._processed(name, values)
        return output

    def _processed(self, name: str, value: str | list[str]) -> Any:
        """A header's value as Pelican makes it; a category, a tag or an author made once
        for every story that names it."""
        if name not in TAXONOMY:
            return self.process_metadata(name, value)
        if name in NAME_LISTS:
            # Split as Pelican splits the list; each name made as a list of one.
            names = ensure_metadata_list(value)
            made = [self._made_once(name, [one])[0] for one in names]
            return made or self.process_metadata(name, value)  # none: as Pelican says
        return self._made_once(name, value)

    def _made_once(self, name: str, value: str | list[str]) -> Any:
        key = (name, value if isinstance(value, str) else tuple(value))
        if key not in self._taxonomy:
            self._taxonomy[key] = self.process_metadata(name, value)
        return self._taxonomy[key]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Check the file, then convert it; keep the findings with the metadata.

        Whatever goes wrong with one file (a conversion past its time limit, an error of
        Markdown's or an extension's) leaves that file out, with a finding naming it.
        """
        path = Path(source_path)
        root = Path(self.settings["PATH"])
        # A conversion made ahead was made of a source found inside the content folder.
        converted = self.converted(path)
        if converted is None and reached_through_a_bad_link(self.content_folder, path):
            # Nothing outside the content folder is read; the link is reported once.
            return "", {"status": "skip", FINDINGS: []}
        shown = display_path(path, root)
        try:
            return self._read_checked(path, root, shown, converted)
        except TimeLimitError:
            self.forget_converters()
            problem = f"the text took more than {self.checks.timeout:g} seconds to convert"
            fix = "split it, or simplify its Markdown (CHECKS['timeout'] sets the limit)"
        except Exception as error:  # one file's failure must not end the build
            self.forget_converters()
            problem = f"could not be read ({error_summary(error)})"
            fix = "fix the file; if it looks right, report the message with the file"
        return "", {"status": "skip", FINDINGS: [(ERROR, f"{shown}:1: {problem} — {fix}")]}

    def convert(self, path: Path) -> Converted:
        """Check a source and convert its text: what reading it makes of the file alone
        (a time limit on the conversion raises `TimeLimitError`)."""
        root = Path(self.settings["PATH"])
        page_roots = [root / folder for folder in self.settings.get("PAGE_PATHS", [])]
        data = path.read_bytes()  # read once: checked, then converted
        scan = scan_source(
            path,
            data,
            content_root=root,
            needs_date=not any(path.is_relative_to(folder) for folder in page_roots),
            known_keys=self.checks.known_keys,
            max_depth=self.checks.max_depth,
        )
        if scan.fatal:
            return Converted(scan)
        with time_limit(self.checks.timeout):
            self.body.reset()
            # The scan decoded the bytes; Markdown evens out line endings itself.
            content = self.body.convert(scan.text)
        source = Source(path, root, display_path(path, root), scan.text, scan.headers)
        text = confine_text(source, content, external_images=self.checks.external_images)
        if self._sanitise and text.html:
            # Cleaned as it is read, before Pelican's content cache keeps it.
            text = replace(text, html=clean(text.html))
        return Converted(scan, text, dict(getattr(self.body, "Meta", {})))

    def _read_checked(
        self, path: Path, root: Path, shown: str, converted: Converted | None
    ) -> tuple[str, dict[str, Any]]:
        converted = converted or self.convert(path)
        scan = converted.scan
        findings = [
            (finding.level, f"{shown}:{finding.line}: {finding.problem} — {finding.fix}")
            for finding in scan.findings
        ]
        references = [
            (ref.target, f"{shown}:{ref.line}: {ref.problem} — {ref.fix}", ref.is_photo)
            for ref in scan.references
        ]
        if scan.fatal:
            return "", {"status": "skip", FINDINGS: findings}
        metadata = self.header_metadata(converted.meta)
        metadata[FINDINGS] = findings
        metadata[REFERENCES] = references
        keep_history(metadata, scan.history, self.settings.get("TIMEZONE"))
        if scan.untitled:
            metadata["title"] = f"[{path.name}]"
            metadata[UNTITLED] = True
        metadata[FINDINGS] += confine_source(
            Source(path, root, shown, scan.text, scan.headers),
            converted.text,
            metadata,
            external_images=self.checks.external_images,
        )
        metadata[REFERENCES] = [ref for ref in metadata[REFERENCES] if inside_content(ref[0], root)]
        if self._sanitise and metadata.get("summary"):
            metadata["summary"] = clean(str(metadata["summary"]))
        return converted.text.html, metadata

    def forget_converters(self) -> None:
        """Drop the converters after a failure: the next file gets new ones, whatever state
        the failure left them in."""
        for name in ("body", "_fields"):
            self.__dict__.pop(name, None)

    def look_again(self) -> None:
        """Forget which paths lead outside the content folder, for a reader kept to read
        files again (the live preview's): a file may have become such a link since."""
        self.__dict__.pop("content_folder", None)

    # Links and headers that lead outside the content folder or the site ------------------

    @cached_property
    def content_folder(self) -> ContentFolder:
        """The content folder, to tell a source reached through a bad link."""
        return ContentFolder(self.settings["PATH"])

    @cached_property
    def _sanitise(self) -> bool:
        return SanitiseSettings.from_settings(self.settings).enabled


def keep_history(metadata: dict[str, Any], history: list[Entry], timezone: str | None) -> None:
    """Give a story its record: `updates` and `corrections`, each newest first, and its
    withdrawal, dated in the site's time zone; the newest of them is when the story was last
    modified. A withdrawn story is hidden: written at its address, listed nowhere."""
    zone = ZoneInfo(timezone) if timezone else None
    dated = [replace(entry, date=entry.date.replace(tzinfo=zone)) for entry in history]
    newest_first = sorted(dated, key=lambda entry: entry.date, reverse=True)
    for kind in KINDS:
        metadata.pop(kind, None)  # Markdown's raw text of the lines
        metadata[f"{kind}s"] = [entry for entry in newest_first if entry.kind == kind]
    metadata[WITHDRAWN] = next((e for e in newest_first if e.kind == WITHDRAWN), None)
    if str(metadata.get("status", "")).lower() == WITHDRAWN:
        # Pelican writes a hidden story at its address and lists it nowhere.
        metadata["status"] = "hidden"
    if newest_first:
        modified = metadata.get("modified")
        if modified is not None and modified.tzinfo is None and zone is not None:
            modified = modified.replace(tzinfo=zone)
        newest = newest_first[0].date
        metadata["modified"] = newest if modified is None or newest > modified else modified


def report_findings(settings: Mapping[str, Any], metadata: dict[str, Any]) -> None:
    """Log the findings of a source, whether it was just read or came from the cache, and
    check that the files it points at are there now (a missing lead photo is left out)."""
    for level, message in metadata.pop(FINDINGS, ()):
        (logger.error if level == ERROR else logger.warning)("%s", message)
    root = Path(settings["PATH"])
    for target, message, is_photo in metadata.pop(REFERENCES, ()):
        if not (root / target).is_file():
            logger.error("%s", message)
            if is_photo and "image" in metadata:
                metadata[MISSING_PHOTO] = metadata.pop("image")
