"""Settings of the checks plugin: the `CHECKS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError

# The header keys a story or page may have (SPEC §2), and what Pelican itself reads.
HEADER_KEYS = (
    "title", "date", "modified", "category", "tags", "speakers", "summary", "location",
    "image", "image-alt", "image-caption", "image-credit", "source", "status", "slug",
    "lang", "story", "author", "authors", "template",
    # Publications (reports, brochures) add their own.
    "document", "type", "year", "pages", "cover", "cover-alt",
)  # fmt: skip
KEYS = ("extra_keys",)


@dataclass(frozen=True)
class ChecksSettings:
    """The validated `CHECKS` settings."""

    known_keys: frozenset[str] = frozenset(HEADER_KEYS)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ChecksSettings:
        """Read and validate `CHECKS`; raise one SettingsError naming every problem."""
        raw = settings.get("CHECKS", {})
        if not isinstance(raw, Mapping):
            raise SettingsError("CHECKS", [f"CHECKS must be a dict, not {type(raw).__name__}"])
        problems = [
            f"CHECKS[{key!r}]: unknown key — known keys: {', '.join(KEYS)}"
            for key in sorted(set(raw) - set(KEYS))
        ]
        extra = raw.get("extra_keys", ())
        if isinstance(extra, str) or not all(isinstance(key, str) for key in extra):
            problems.append("CHECKS['extra_keys']: must be a list of header names")
            extra = ()
        if problems:
            raise SettingsError("CHECKS", problems)
        return cls(known_keys=frozenset(HEADER_KEYS) | {key.lower() for key in extra})
