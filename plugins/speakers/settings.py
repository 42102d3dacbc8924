"""Settings of speakers: the `SPEAKERS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from plugins.common.settings import Key, UrlPatterns, read_settings, yaml_file_name

DEFAULT_URLS: Mapping[str, str] = MappingProxyType(
    {
        "index": "{lang}/speakers/",
        "speaker": "{lang}/speakers/{id}/",
        "organisations": "{lang}/organisations/",
        "organisation": "{lang}/organisations/{slug}/",
    }
)
TABLE = {
    "registry": Key("speakers.yml", yaml_file_name("speakers.yml")),
    "urls": UrlPatterns(DEFAULT_URLS),
}


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
        return read_settings(cls, settings, "SPEAKERS", TABLE)
