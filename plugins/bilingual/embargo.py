"""A scheduled story's embargo, said in a language: `Embargoed until 10:00, 2 March 2027
(Baku time, UTC+4)`, the time in the site's time zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_location

from .catalogues import N_

EMBARGO = N_("Embargoed until %(time)s, %(date)s (%(city)s time, UTC%(offset)s)")


def is_scheduled(item: Any) -> bool:
    """Whether an item waits for its date (a draft only because its date is to come)."""
    return item.status == "draft" and str(item.metadata.get("status", "")).lower() != "draft"


def embargo_text(date: datetime, locale: Locale, gettext: Callable[[str], str]) -> str:
    """When an embargo ends, in a language: its time, date, city and offset from UTC."""
    offset = date.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0
    shown = f"{hours:+g}" if hours else ""
    city = get_timezone_location(date.tzinfo, locale=locale, return_city=True)
    return gettext(EMBARGO) % {
        "time": format_time(date, "short", tzinfo=date.tzinfo, locale=locale),
        "date": format_date(date.date(), "long", locale=locale),
        "city": city,
        "offset": shown,
    }
