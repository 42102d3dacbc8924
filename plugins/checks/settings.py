"""Settings of the content checks: the `CHECKS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import (
    Key,
    list_of_text,
    read_table,
    stop_on,
    true_or_false,
    whole_number,
)

# The header keys a story or page may have (SPEC §2), and what Pelican itself reads.
HEADER_KEYS = (
    "title", "date", "modified", "update", "correction", "withdrawn", "category", "tags",
    "speakers", "contacts", "summary",
    "location",
    "image", "image-alt", "image-caption", "image-credit", "image-license", "source", "status",
    "slug",
    "lang", "story", "author", "authors", "template", "menu",
    # Publications (reports, brochures) add their own.
    "document", "type", "year", "pages", "cover", "cover-alt",
)  # fmt: skip
MAX_DEPTH = 20
TIMEOUT = 5.0
TABLE = {
    "extra_keys": Key((), list_of_text("must be a list of header names")),
    "active_files": Key(False, true_or_false),
    "external_images": Key(False, true_or_false),
    "max_depth": Key(MAX_DEPTH, whole_number(1, ", 1 or more")),
    "timeout": Key(
        TIMEOUT,
        lambda value: (
            None
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0
            else f"{value!r} must be a number of seconds above 0"
        ),
    ),
}


@dataclass(frozen=True)
class ChecksSettings:
    """The validated `CHECKS` settings."""

    known_keys: frozenset[str] = frozenset(HEADER_KEYS)
    # HTML, XML and script files in the static folders are published (they are not by
    # default: a script in one would run as the site).
    active_files: bool = False
    # Stories may show images from other sites (they may not by default: readers' browsers
    # would ask those sites for them).
    external_images: bool = False
    # Lists and block quotes nested deeper than this are refused: Markdown's time and
    # memory grow fast with the depth.
    max_depth: int = MAX_DEPTH
    # Seconds one file may take to convert; a file that takes longer is left out.
    timeout: float = TIMEOUT

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ChecksSettings:
        """Read and validate `CHECKS`; raise one SettingsError naming every problem."""
        values, problems = read_table(settings, "CHECKS", TABLE)
        stop_on("CHECKS", problems)
        extra = values.pop("extra_keys")
        return cls(
            known_keys=frozenset(HEADER_KEYS) | {key.lower() for key in extra},
            **{**values, "timeout": float(values["timeout"])},
        )
