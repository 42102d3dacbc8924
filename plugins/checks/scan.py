"""Checking one Markdown source before it is built: its header, its images and its links.

Every finding names its line and how to fix it. A finding is fatal when the file cannot be
built at all (not UTF-8, empty, no title, an impossible date): the file is then left out
and the rest of the site still builds.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown.extensions.meta import META_MORE_RE, META_RE

from plugins.common.sources import read_header

from .dates import WrongDateError, read_date
from .history import KINDS, WITHDRAWN, Entry, WrongEntryError, read_entry
from .limits import MAX_UNCLOSED, control_character, nesting, unclosed
from .settings import MAX_DEPTH

ERROR, WARNING = "error", "warning"
STATUSES = ("published", "draft", "withdrawn")
# Header keys that may be given more than once: each line is one entry of a list.
REPEATABLE = frozenset({"update", "correction"})
# The years a date may have: a typo (0023, 20233) is not read as a real date.
YEARS = (1900, 2100)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
_INTERNAL = re.compile(r"\]\(\{(?P<kind>static|attach|filename)\}(?P<target>[^)\s#?]+)")


@dataclass(frozen=True)
class Finding:
    """One problem in a source file."""

    line: int
    problem: str
    fix: str
    level: str = ERROR
    fatal: bool = False


@dataclass(frozen=True)
class Reference:
    """A file of the content folder a source points at, and the finding if it is missing.

    Whether it exists is checked at every build, not when the source is read: the source
    may come from the content cache while the file has come or gone since.
    """

    target: str  # relative to the content folder
    line: int
    problem: str
    fix: str
    is_photo: bool = False  # a missing lead photo is left out of the story


@dataclass
class Scan:
    """What checking a source found, and the files it points at."""

    findings: list[Finding] = field(default_factory=list)
    headers: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (line, value)
    references: list[Reference] = field(default_factory=list)
    text: str = ""  # the source decoded, when it is UTF-8
    untitled: bool = False  # a draft whose title is still to be written (a translation)
    history: list[Entry] = field(default_factory=list)  # its updates and corrections

    @property
    def fatal(self) -> bool:
        """Whether the file cannot be built."""
        return any(finding.fatal for finding in self.findings)

    def add(
        self, line: int, problem: str, fix: str, *, level: str = ERROR, fatal: bool = False
    ) -> None:
        """Record a finding."""
        self.findings.append(Finding(line, problem, fix, level, fatal))


def scan_source(
    path: Path,
    data: bytes,
    *,
    content_root: Path,
    needs_date: bool,
    known_keys: Collection[str],
    max_depth: int = MAX_DEPTH,
) -> Scan:
    """Check a Markdown source's bytes: encoding, characters, header, dates, nesting, images
    and file links."""
    scan = Scan()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        scan.add(
            line,
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
            "save it as UTF-8 in your editor",
            fatal=True,
        )
        return scan
    if not text.strip():
        scan.add(
            1,
            "the file is empty",
            "write a header (Title:, Date:, Category:) and the text, or delete the file",
            fatal=True,
        )
        return scan
    scan.text = text
    _check_characters(scan, text)
    lines = text.splitlines()
    repeated: list[tuple[str, int]] = []
    headers, body_start = read_header(lines, repeated)  # as Markdown reads it
    scan.headers.update(headers)
    _check_repeated(scan, repeated)
    _check_header(scan, known_keys, needs_date)
    _check_history(scan, lines, repeated)
    _check_markdown_limits(scan, lines, body_start, max_depth)
    _check_images(scan, lines, body_start, path, content_root)
    return scan


def _check_characters(scan: Scan, text: str) -> None:
    found = control_character(text)
    if found is None:
        return
    more = f" (and {found.count - 1} more)" if found.count > 1 else ""
    scan.add(
        found.line,
        f"the text has a control character ({found.describe()}){more}",
        "delete it: such characters are invisible in most editors and often come with text "
        "pasted from a word processor",
        fatal=True,
    )


def _check_repeated(scan: Scan, repeated: list[tuple[str, int]]) -> None:
    for key, line in repeated:
        if key in REPEATABLE:
            continue
        first = scan.headers[key][0]
        scan.add(
            line,
            f"'{key.title()}:' is given twice (first on line {first})",
            "keep one of the two lines",
            fatal=True,
        )


def _check_history(scan: Scan, lines: list[str], repeated: list[tuple[str, int]]) -> None:
    """Read every `Update:` and `Correction:` line into the story's record; report each
    that has no date or no text, or a date before the story's."""
    places = [(key, *scan.headers[key]) for key in KINDS if key in scan.headers]
    for key, line in repeated:
        if key in KINDS:
            found = META_RE.match(lines[line - 1].expandtabs(4))
            places.append((key, line, found["value"].strip() if found else ""))
    status = scan.headers.get("status", (0, ""))[1].strip().lower()
    if WITHDRAWN in scan.headers:
        if status == WITHDRAWN:
            places.append((WITHDRAWN, *scan.headers[WITHDRAWN]))
        else:
            scan.add(
                scan.headers[WITHDRAWN][0],
                "'Withdrawn:' is given, but the story is not withdrawn",
                "add 'Status: withdrawn' to withdraw it, or remove the line",
            )
    elif status == WITHDRAWN:
        scan.add(
            scan.headers["status"][0],
            "the story is withdrawn without saying when and why",
            "add 'Withdrawn: 2024-07-01 09:00 — Why, and where to look instead.'",
        )
    published = _date_of(scan)
    for kind, line, value in sorted(places, key=lambda place: place[1]):
        following = lines[line].expandtabs(4) if line < len(lines) else ""
        if META_MORE_RE.match(following) and not META_RE.match(following):
            scan.add(
                line,
                f"'{kind.title()}:' goes on over the next line, which would be lost",
                "write the date and the whole sentence on one line",
            )
            continue
        try:
            entry = read_entry(kind, value)
        except WrongEntryError as wrong:
            scan.add(line, wrong.problem, wrong.fix)
            continue
        if not in_years(entry.date):
            scan.add(line, f"'{kind.title()}: {value}' is out of range", "correct its date")
            continue
        if published is not None and entry.date < published:
            scan.add(
                line,
                f"'{kind.title()}: {value}' is before 'Date: {scan.headers['date'][1]}'",
                f"a story's {kind}s come after it is published: correct the date"
                if kind in KINDS
                else "a story is withdrawn after it is published: correct the date",
            )
            continue
        scan.history.append(entry)


def _date_of(scan: Scan) -> datetime | None:
    """The story's own date, where it is written right."""
    try:
        date: datetime = read_date(scan.headers.get("date", (0, ""))[1])
    except WrongDateError:
        return None
    return date


def _check_markdown_limits(scan: Scan, lines: list[str], body_start: int, max_depth: int) -> None:
    depth, line = nesting(lines, body_start)
    if depth > max_depth:
        scan.add(
            line,
            f"lists or quotes are nested {depth} levels deep, more than the {max_depth} allowed",
            "nest them less deeply (a press release rarely needs more than three levels)",
            fatal=True,
        )
    count, opener, line = unclosed(lines, body_start)
    if count > MAX_UNCLOSED:
        scan.add(
            line,
            f"this paragraph opens {count} '{opener}' that it never closes, more than the "
            f"{MAX_UNCLOSED} Markdown can read in reasonable time",
            f"remove them, or write them as \\{opener}",
            fatal=True,
        )


DATE_HEADERS = ("date", "modified")


def in_years(date: datetime) -> bool:
    """Whether a date's year is one a story may have (see `YEARS`)."""
    return YEARS[0] <= date.year <= YEARS[1]


def _check_header(scan: Scan, known_keys: Collection[str], needs_date: bool) -> None:
    headers = scan.headers
    for key, (line, _) in headers.items():
        if key not in known_keys:
            guess = difflib.get_close_matches(key, list(known_keys), n=1, cutoff=0.7)
            fix = f"did you mean '{guess[0].title()}:'?" if guess else "remove it or fix its name"
            scan.add(line, f"unknown header '{key.title()}:'", fix, level=WARNING)
    draft = headers.get("status", (0, ""))[1].lower() == "draft"
    if not headers.get("title", (0, ""))[1]:
        if draft:
            scan.untitled = True  # listed by `invoke check`, never published
        else:
            line = headers.get("title", (1, ""))[0]
            scan.add(line, "the story has no title", "add a 'Title:' line at the top", fatal=True)
    dates = {}
    for key in DATE_HEADERS:
        line, value = headers.get(key, (0, ""))
        if not value:
            continue
        try:
            date = read_date(value)
        except WrongDateError as wrong:
            scan.add(
                line, f"'{key.title()}: {value}' {wrong.problem}", wrong.fix, fatal=key == "date"
            )
            continue
        if not in_years(date):
            scan.add(
                line,
                f"'{key.title()}: {value}' is out of range",
                f"the year must be between {YEARS[0]} and {YEARS[1]}, e.g. 2023-10-27 11:00",
                fatal=key == "date",
            )
            continue
        dates[key] = (line, value, date)
    if "date" in dates and "modified" in dates and dates["modified"][2] < dates["date"][2]:
        line, value, _ = dates["modified"]
        scan.add(
            line,
            f"'Modified: {value}' is before 'Date: {dates['date'][1]}'",
            "a story is modified after it is published: correct one of the two",
        )
    if needs_date and not headers.get("date", (0, ""))[1]:
        scan.add(1, "the story has no date", "add 'Date: YYYY-MM-DD HH:MM'", fatal=True)
    status = headers.get("status")
    if status and status[1] and status[1].lower() not in STATUSES:
        scan.add(
            status[0],
            f"unknown status '{status[1]}'",
            "use 'Status: draft' for an unfinished story, or remove the line to publish it",
            fatal=True,  # Pelican would leave it out too, with a message of its own
        )


def _check_images(
    scan: Scan, lines: list[str], body_start: int, path: Path, content_root: Path
) -> None:
    line, value = scan.headers.get("image", (0, ""))
    if value:
        expected = (content_root.name / PurePosixPath(value)).as_posix()
        scan.references.append(
            Reference(
                value,
                line,
                f"the photo '{value}' does not exist",
                f"put it at {expected} or fix the path",
                is_photo=True,
            )
        )
        if not scan.headers.get("image-alt", (0, ""))[1]:
            scan.add(
                line,
                "the photo has no alt text",
                "add 'Image-Alt:' saying what the photo shows, for readers who cannot see it",
            )
    for number, line_text in enumerate(lines[body_start:], start=body_start + 1):
        for match in _IMAGE.finditer(line_text):
            if not match["alt"].strip():
                scan.add(
                    number,
                    f"the image {match['src']} has no alt text",
                    "write what it shows between the brackets: ![what it shows](...)",
                )
        for match in _INTERNAL.finditer(line_text):
            scan.references.append(
                Reference(
                    resolve_target(match["target"], path, content_root),
                    number,
                    f"the link {{{match['kind']}}}{match['target']} points at a missing file",
                    "fix the path (relative to this file, or to the content folder with a "
                    "leading /)",
                )
            )


def resolve_target(target: str, path: Path, content_root: Path) -> str:
    """Resolve a `{static}`/`{filename}` target as Pelican does, relative to the content
    (`%20` is a space, as Pelican reads it)."""
    target = unquote(target)
    if target.startswith("/"):
        return target.lstrip("/")
    return os.path.relpath(path.parent / target, content_root)
