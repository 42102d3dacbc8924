"""Dates as stories write them: exactly `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (SPEC §2).

Any other form is refused, never re-read as another date: `05.03.2024` is the 5th of March
to an Azerbaijani office and the 3rd of May to a parser. The refusal names the form it saw
and, where the date it stands for is certain, spells that very date the right way.
"""

from __future__ import annotations

import re
from datetime import date, time
from functools import cache

from babel.dates import get_month_names
from pelican.utils import SafeDatetime

EXAMPLE = "write it as YYYY-MM-DD HH:MM, e.g. 2023-10-27 11:00"
# Month names are recognised in these languages (the site's, and Russian, which offices
# also write in), wide and abbreviated.
MONTH_LOCALES = ("az", "en", "ru")

_TIME = r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?P<seconds>:\d{2}(?:\.\d+)?)?)?"
RIGHT = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?: (?P<hour>\d{2}):(?P<minute>\d{2}))?"
)
# Forms people write instead, each with what it looks like.
FORMS = (
    (
        re.compile(rf"(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME}"),
        "is not written as YYYY-MM-DD HH:MM",
    ),
    (
        re.compile(rf"(?P<year>\d{{4}})[/.](?P<month>\d{{1,2}})[/.](?P<day>\d{{1,2}}){_TIME}"),
        "looks like year/month/day",
    ),
    (
        re.compile(rf"(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>\d{{4}}){_TIME}"),
        "looks like day.month.year",
    ),
    (
        re.compile(rf"(?P<day>\d{{1,2}})-(?P<month>\d{{1,2}})-(?P<year>\d{{4}}){_TIME}"),
        "looks like day-month-year",
    ),
)
SLASHED = re.compile(rf"(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/(?P<year>\d{{4}}){_TIME}")
IN_WORDS = (
    re.compile(rf"(?P<day>\d{{1,2}})\.?\s+(?P<name>[^\W\d_]+)\.?,?\s+(?P<year>\d{{4}}){_TIME}"),
    re.compile(rf"(?P<name>[^\W\d_]+)\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}"),
)


class WrongDateError(ValueError):
    """A date written in a form stories may not use, or one that does not exist."""

    def __init__(self, problem: str, fix: str = EXAMPLE) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def read_date(value: str) -> SafeDatetime:
    """Read a `Date:` or `Modified:` value; `WrongDateError` for any other form, or a date that
    does not exist."""
    text = value.strip()
    right = RIGHT.fullmatch(text)
    if right is None:
        raise WrongDateError(*_describe(text))
    parts = [int(part or 0) for part in right.group("year", "month", "day", "hour", "minute")]
    try:
        return SafeDatetime(*parts)
    except ValueError:
        raise WrongDateError("is not a real date") from None


def _describe(text: str) -> tuple[str, str]:
    """What a wrongly written date looks like, and how to write it."""
    for pattern, looks_like in FORMS:
        if found := pattern.fullmatch(text):
            fix = _spelled(found, int(found["year"]), int(found["month"]), int(found["day"]))
            return looks_like, fix
    if found := SLASHED.fullmatch(text):
        return _slashed(found)
    for pattern in IN_WORDS:
        found = pattern.fullmatch(text)
        month = month_number(found["name"]) if found else None
        if found and month:
            return "is written in words", _spelled(
                found, int(found["year"]), month, int(found["day"])
            )
    return "is not a date in the form YYYY-MM-DD HH:MM", EXAMPLE


def _slashed(found: re.Match[str]) -> tuple[str, str]:
    """`10/11/2023`: day/month or month/day, told apart only by a number above 12."""
    first, second, year = int(found["first"]), int(found["second"]), int(found["year"])
    if first > 12 >= second:
        return "looks like day/month/year", _spelled(found, year, second, first)
    if second > 12 >= first:
        return "looks like month/day/year", _spelled(found, year, first, second)
    day_first = _right_spelling(found, year, second, first)
    month_first = _right_spelling(found, year, first, second)
    if day_first and month_first and day_first != month_first:
        return (
            "could be day/month/year or month/day/year",
            f"write it as YYYY-MM-DD HH:MM: {day_first} if the day comes first, "
            f"{month_first} if the month does",
        )
    return "is not a date in the form YYYY-MM-DD HH:MM", EXAMPLE


def _spelled(found: re.Match[str], year: int, month: int, day: int) -> str:
    """The fix for a date certain in meaning: that date, spelled the right way."""
    right = _right_spelling(found, year, month, day)
    return f"write it as {right}" if right else EXAMPLE


def _right_spelling(found: re.Match[str], year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` (and ` HH:MM` when a time was written), or None if no such date exists."""
    hour, minute = found["hour"], found["minute"]
    try:
        day_written = date(year, month, day)
        moment = time(int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    if hour is None:
        return day_written.isoformat()
    return f"{day_written.isoformat()} {moment:%H:%M}"


def month_number(name: str) -> int | None:
    """The month a name means in one of `MONTH_LOCALES` (`oktyabr`, `Oct`, `октября`)."""
    return _month_names().get(name.casefold().rstrip("."))


@cache
def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names
