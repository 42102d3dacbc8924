"""What the site knows of its search pages during one build."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.bilingual.state import BilingualState
from plugins.common.outputs import GeneratedPage

from .settings import SearchSettings


@dataclass(frozen=True)
class SearchState:
    """The settings, and the languages whose search pages the build writes."""

    settings: SearchSettings
    languages: BilingualState

    def url(self, lang: str) -> str:
        """Return a language's search page URL (for the search box in every header)."""
        return self.settings.page_url(lang)

    def pages(self) -> list[GeneratedPage]:
        """Every language's search page; not for search engines."""
        if not self.settings.enabled:
            return []
        codes = self.languages.settings.codes
        versions = {code: self.url(code) for code in codes}
        return [
            GeneratedPage(self.url(code), code, versions, "search", indexable=False)
            for code in codes
        ]
