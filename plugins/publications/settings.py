"""Settings of publications: the `PUBLICATIONS` dict and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from plugins.common.settings import Key, UrlPatterns, read_table, stop_on

DEFAULT_URLS: Mapping[str, str] = MappingProxyType(
    {"index": "{lang}/publications/", "publication": "{lang}/publications/{slug}/"}
)
SCHEMA_TYPES = ("Report", "CreativeWork", "Book", "Article")
TABLE = {
    "path": Key(
        "publications",
        lambda value: (
            None
            if isinstance(value, str) and value and not value.startswith("/")
            else f"{value!r} must be a folder inside the content"
        ),
    ),
    # Type id -> schema.org type; each language names the types in BILINGUAL.
    "types": Key(
        {},
        lambda value: (
            None
            if isinstance(value, Mapping) and value
            else "must map type ids to schema.org types, e.g. {'annual-report': 'Report'}"
        ),
    ),
    "urls": UrlPatterns(DEFAULT_URLS),
}


@dataclass(frozen=True)
class PublicationsSettings:
    """Where publications are read from, their types, and their URLs."""

    path: str = "publications"
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
        values, problems = read_table(settings, "PUBLICATIONS", TABLE)
        types = values["types"]
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
        stop_on("PUBLICATIONS", problems)
        return cls(path=values["path"], types=dict(types), urls=values["urls"])
