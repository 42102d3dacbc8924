"""What the search plugin knows during one build, kept in the generator context."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from plugins.bilingual.state import BilingualState
from plugins.common.outputs import GeneratedPage

from .settings import SearchSettings

CONTEXT_KEY = "search"


@dataclass(frozen=True)
class SearchState:
    """The settings, and the languages whose search pages the build writes."""

    settings: SearchSettings
    languages: BilingualState

    @classmethod
    def for_context(cls, context: MutableMapping[str, Any], settings: Any) -> SearchState:
        """Return the build's state, creating it on first use."""
        state = context.get(CONTEXT_KEY)
        if not isinstance(state, cls):
            state = cls(
                settings=SearchSettings.from_settings(settings),
                languages=BilingualState.for_context(context, settings),
            )
            context[CONTEXT_KEY] = state
        return state

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

    def output_urls(self) -> Iterator[str]:
        """The search pages' URLs."""
        yield from (page.url for page in self.pages())
