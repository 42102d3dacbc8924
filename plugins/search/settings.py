"""Settings of search: the `SEARCH` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, read_settings, true_or_false, url_pattern

TABLE = {
    "enabled": Key(True, true_or_false),
    "url": Key("{lang}/search/", url_pattern("{lang}")),
    "index": Key(True, true_or_false),  # build the Pagefind index at the end of the build
}


@dataclass(frozen=True)
class SearchSettings:
    """Whether the index is built, and where each language's search page lives."""

    enabled: bool = True
    url: str = "{lang}/search/"
    index: bool = True

    def page_url(self, lang: str) -> str:
        """Return a language's search page URL."""
        return self.url.format(lang=lang)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SearchSettings:
        """Read and validate `SEARCH`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "SEARCH", TABLE)
