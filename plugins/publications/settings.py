"""Settings of the publications plugin: the `PUBLICATIONS` dict and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from plugins.common.errors import SettingsError, settings_dict, url_patterns

KEYS = ("path", "types", "urls")
DEFAULT_URLS: Mapping[str, str] = MappingProxyType(
    {"index": "{lang}/publications/", "publication": "{lang}/publications/{slug}/"}
)
PLACEHOLDERS: Mapping[str, tuple[str, ...]] = {
    "index": ("{lang}",),
    "publication": ("{lang}", "{slug}"),
}
SCHEMA_TYPES = ("Report", "CreativeWork", "Book", "Article")


@dataclass(frozen=True)
class PublicationsSettings:
    """Where publications are read from, their types, and their URLs."""

    path: str = "publications"
    # Type id -> schema.org type; each language names the types in BILINGUAL.
    types: Mapping[str, str] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_URLS))

    def url(self, kind: str, **values: str) -> str:
        """Return a URL of the section (`index`) or of one publication (`publication`)."""
        return self.urls[kind].format(**values)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PublicationsSettings:
        """Read and validate `PUBLICATIONS`; raise one SettingsError naming every problem.

        Every type must have a name in every configured language
        (`BILINGUAL['languages'][lang]['publication_types']`).
        """
        raw, problems = settings_dict(settings, "PUBLICATIONS", KEYS)
        path = raw.get("path", cls.path)
        if not isinstance(path, str) or not path or path.startswith("/"):
            problems.append(f"PUBLICATIONS['path']: {path!r} must be a folder inside the content")
        types = raw.get("types", {})
        if not isinstance(types, Mapping) or not types:
            problems.append(
                "PUBLICATIONS['types']: must map type ids to schema.org types, "
                "e.g. {'annual-report': 'Report'}"
            )
            types = {}
        problems += [
            f"PUBLICATIONS['types'][{type_id!r}]: {schema!r} is not one of "
            f"{', '.join(SCHEMA_TYPES)}"
            for type_id, schema in types.items()
            if schema not in SCHEMA_TYPES
        ]
        languages = settings.get("BILINGUAL", {}).get("languages", {})
        for code, spec in languages.items():
            names = spec.get("publication_types", {}) if isinstance(spec, Mapping) else {}
            problems += [
                f"BILINGUAL['languages'][{code!r}]['publication_types']: no name for "
                f"publication type {type_id!r} — add it"
                for type_id in types
                if not (isinstance(names, Mapping) and names.get(type_id))
            ]
        merged = url_patterns(
            "PUBLICATIONS", raw.get("urls", {}), DEFAULT_URLS, PLACEHOLDERS, problems
        )
        if problems:
            raise SettingsError("PUBLICATIONS", problems)
        return cls(path=path, types=dict(types), urls=merged)
