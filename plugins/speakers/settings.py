"""Settings of the speakers plugin: the `SPEAKERS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from plugins.common.errors import SettingsError, settings_dict, url_patterns

DEFAULT_URLS: Mapping[str, str] = MappingProxyType(
    {
        "index": "{lang}/speakers/",
        "speaker": "{lang}/speakers/{id}/",
        "organisations": "{lang}/organisations/",
        "organisation": "{lang}/organisations/{slug}/",
    }
)
PLACEHOLDERS: Mapping[str, tuple[str, ...]] = {
    "index": ("{lang}",),
    "speaker": ("{lang}", "{id}"),
    "organisations": ("{lang}",),
    "organisation": ("{lang}", "{slug}"),
}
KEYS = ("registry", "urls")


@dataclass(frozen=True)
class SpeakersSettings:
    """The validated `SPEAKERS` settings."""

    registry: str = "speakers.yml"
    urls: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_URLS))

    def url(self, kind: str, **values: str) -> str:
        """Return the URL of a page kind (`index`, `speaker`, ...) filled with values."""
        return self.urls[kind].format(**values)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SpeakersSettings:
        """Read and validate `SPEAKERS`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "SPEAKERS", KEYS)
        registry = raw.get("registry", cls.registry)
        if not isinstance(registry, str) or not registry.endswith((".yml", ".yaml")):
            problems.append(
                f"SPEAKERS['registry']: {registry!r} must be a YAML file name inside the "
                "content folder, e.g. 'speakers.yml'"
            )
        merged = url_patterns("SPEAKERS", raw.get("urls", {}), DEFAULT_URLS, PLACEHOLDERS, problems)
        if problems:
            raise SettingsError("SPEAKERS", problems)
        return cls(registry=registry, urls=merged)
