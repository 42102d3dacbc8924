"""What the feeds plugin knows during one build, kept in the generator context."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from plugins.bilingual.state import BilingualState
from plugins.common.site import base_url

from .matrix import feed_sources
from .settings import FORMATS, FeedsSettings

CONTEXT_KEY = "feeds"


@dataclass(frozen=True)
class FeedsState:
    """The validated settings and the absolute address of the site."""

    settings: FeedsSettings
    base_url: str
    languages: BilingualState

    def output_urls(self) -> Iterator[str]:
        """Every feed URL of every language, in both formats."""
        for source in feed_sources(self.languages):
            for fmt in FORMATS:
                yield source.url(self.settings, fmt)

    @classmethod
    def for_context(cls, context: MutableMapping[str, Any], settings: Any) -> FeedsState:
        """Return the build's state, creating it on first use."""
        state = context.get(CONTEXT_KEY)
        if not isinstance(state, cls):
            state = cls(
                settings=FeedsSettings.from_settings(settings),
                base_url=base_url(settings),
                languages=BilingualState.for_context(context, settings),
            )
            context[CONTEXT_KEY] = state
        return state
