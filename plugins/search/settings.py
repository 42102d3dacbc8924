"""Settings of the search plugin: the `SEARCH` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, flag, settings_dict, url_pattern_problem

KEYS = ("enabled", "url", "index")


@dataclass(frozen=True)
class SearchSettings:
    """Whether the index is built, and where each language's search page lives."""

    enabled: bool = True
    url: str = "{lang}/search/"
    index: bool = True  # build the Pagefind index at the end of the build

    def page_url(self, lang: str) -> str:
        """Return a language's search page URL."""
        return self.url.format(lang=lang)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SearchSettings:
        """Read and validate `SEARCH`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "SEARCH", KEYS)
        enabled = flag("SEARCH", raw, "enabled", True, problems)
        index = flag("SEARCH", raw, "index", True, problems)
        url = raw.get("url", cls.url)
        problem = url_pattern_problem(url, ("{lang}",))
        if problem:
            problems.append(f"SEARCH['url']: {url!r} {problem}")
        if problems:
            raise SettingsError("SEARCH", problems)
        return cls(enabled=enabled, url=url, index=index)
