"""Dates are never guessed: only `YYYY-MM-DD HH:MM` and `YYYY-MM-DD` are read; every other
form is named, and spelled right where the date it stands for is certain (SPEC §2)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from plugins.checks.dates import EXAMPLE, WrongDateError, read_date
from tests.conftest import build_site, copy_case

NOT_WRITTEN = "is not written as YYYY-MM-DD HH:MM"


@pytest.mark.parametrize(
    ("written", "read"),
    [("2023-10-27 11:00", (2023, 10, 27, 11, 0)), ("2024-03-05", (2024, 3, 5, 0, 0))],
)
def test_the_two_forms_are_read(written: str, read: tuple[int, ...]) -> None:
    date = read_date(written)
    assert (date.year, date.month, date.day, date.hour, date.minute) == read


@pytest.mark.parametrize(
    ("written", "problem", "fix"),
    [
        ("05.03.2024 10:00", "looks like day.month.year", "write it as 2024-03-05 10:00"),
        ("5-3-2024", "looks like day-month-year", "write it as 2024-03-05"),
        ("13/11/2023", "looks like day/month/year", "write it as 2023-11-13"),
        ("11/13/2023", "looks like month/day/year", "write it as 2023-11-13"),
        (
            "10/11/2023",
            "could be day/month/year or month/day/year",
            "write it as YYYY-MM-DD HH:MM: 2023-11-10 if the day comes first, 2023-10-11 if "
            "the month does",
        ),
        ("2023/10/27", "looks like year/month/day", "write it as 2023-10-27"),
        ("27 oktyabr 2023", "is written in words", "write it as 2023-10-27"),
        ("27 октября 2023 11:00", "is written in words", "write it as 2023-10-27 11:00"),
        ("October 27, 2023", "is written in words", "write it as 2023-10-27"),
        ("2023-10-27T11:00", NOT_WRITTEN, "write it as 2023-10-27 11:00"),
        ("2023-10-27 11:00:00", NOT_WRITTEN, "write it as 2023-10-27 11:00"),
        ("2023-1-5", NOT_WRITTEN, "write it as 2023-01-05"),
        ("2023-02-30 10:00", "is not a real date", EXAMPLE),
        ("31.02.2024", "looks like day.month.year", EXAMPLE),
        ("next Monday", "is not a date in the form YYYY-MM-DD HH:MM", EXAMPLE),
    ],
)  # fmt: skip
def test_every_other_form_is_named_never_read(written: str, problem: str, fix: str) -> None:
    with pytest.raises(WrongDateError) as caught:
        read_date(written)
    assert (caught.value.problem, caught.value.fix) == (problem, fix)


def test_translations_dated_more_than_a_day_apart_are_warned_of(tmp_path: Path) -> None:
    story = "Title: {title}\nDate: {date}\nCategory: news\n\n{text}\n"
    content = copy_case(
        "basic",
        tmp_path / "content",
        {
            "articles/2023-11-01-apart.en.md": story.format(
                title="Apart", date="2023-11-01 10:00", text="The text."
            ),
            "articles/2023-11-01-apart.az.md": story.format(
                title="Ayrı", date="2023-11-05 10:00", text="Mətn."
            ),
            "articles/2023-11-02-close.en.md": story.format(
                title="Close", date="2023-11-02 10:00", text="The text."
            ),
            "articles/2023-11-02-close.az.md": story.format(
                title="Yaxın", date="2023-11-02 18:00", text="Mətn."
            ),
        },
    )
    site = build_site(content, tmp_path / "output")
    warnings = [m for m in site.messages_at(logging.WARNING) if "more than a day" in m]
    assert warnings == [
        "content/articles/2023-11-01-apart.az.md:2: dated 2023-11-05 10:00, more than a day "
        "after its 'en' version (2023-11-01 10:00) — translations of one story carry the date "
        "it was released: make them agree"
    ]
