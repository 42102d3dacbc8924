"""Settings of the checks plugin: the `CHECKS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, flag, settings_dict

# The header keys a story or page may have (SPEC §2), and what Pelican itself reads.
HEADER_KEYS = (
    "title", "date", "modified", "category", "tags", "speakers", "summary", "location",
    "image", "image-alt", "image-caption", "image-credit", "source", "status", "slug",
    "lang", "story", "author", "authors", "template",
    # Publications (reports, brochures) add their own.
    "document", "type", "year", "pages", "cover", "cover-alt",
)  # fmt: skip
KEYS = ("extra_keys", "active_files", "external_images", "max_depth", "timeout")
MAX_DEPTH = 20
TIMEOUT = 5.0


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
        raw, problems = settings_dict(settings, "CHECKS", KEYS)
        extra = raw.get("extra_keys", ())
        if not isinstance(extra, list | tuple) or not all(isinstance(key, str) for key in extra):
            problems.append("CHECKS['extra_keys']: must be a list of header names")
            extra = ()
        active_files = flag("CHECKS", raw, "active_files", False, problems)
        external_images = flag("CHECKS", raw, "external_images", False, problems)
        max_depth = raw.get("max_depth", MAX_DEPTH)
        if isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 1:
            problems.append(f"CHECKS['max_depth']: {max_depth!r} must be a whole number, 1 or more")
            max_depth = MAX_DEPTH
        timeout = raw.get("timeout", TIMEOUT)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            problems.append(f"CHECKS['timeout']: {timeout!r} must be a number of seconds above 0")
            timeout = TIMEOUT
        if problems:
            raise SettingsError("CHECKS", problems)
        return cls(
            known_keys=frozenset(HEADER_KEYS) | {key.lower() for key in extra},
            active_files=active_files,
            external_images=external_images,
            max_depth=max_depth,
            timeout=float(timeout),
        )
