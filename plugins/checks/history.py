"""A story's public record as its header writes it: `Update:` and `Correction:` lines, each
`2023-10-30 10:00 — What changed, in one sentence` (SPEC §2), any number of each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pelican.utils import SafeDatetime

from .dates import WrongDateError, read_date

# The header keys of a story's record, as Markdown's meta extension names them.
KINDS = ("update", "correction")
# The line that says when and why a story was withdrawn (with `Status: withdrawn`).
WITHDRAWN = "withdrawn"
# The date, then a dash with spaces around it (an em dash, an en dash or a hyphen), then the
# text. A date's own hyphens have no spaces around them.
ENTRY = re.compile(r"^(?P<date>.*?)\s+[—–-]\s+(?P<text>.*)$")
DATED = re.compile(r"^\d")


@dataclass(frozen=True)
class Entry:
    """One dated line of a story's record."""

    kind: str  # update or correction
    date: SafeDatetime
    text: str


class WrongEntryError(ValueError):
    """An `Update:` or `Correction:` line that says no date, or no text."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def read_entry(kind: str, value: str) -> Entry:
    """Read one `Update:` or `Correction:` value; `WrongEntryError` says what is missing."""
    shown = f"'{kind.title()}: {value}'"
    example = f"e.g. '{kind.title()}: 2023-10-30 10:00 — What changed, in one sentence.'"
    no_text = WrongEntryError(f"{shown} has no text", f"say what changed after the date, {example}")
    found = ENTRY.match(value.strip())
    if found is None:
        if DATED.match(value.strip()):
            raise no_text
        raise WrongEntryError(f"{shown} has no date", f"start it with the date and time, {example}")
    text = found["text"].strip()
    if not text:
        raise no_text
    try:
        date = read_date(found["date"].strip())
    except WrongDateError as wrong:
        raise WrongEntryError(f"{shown}: its date {wrong.problem}", wrong.fix) from wrong
    return Entry(kind, date, text)
