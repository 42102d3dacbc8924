"""What the feeds plugin knows during one build, kept in the generator context."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from plugins.bilingual.state import BilingualState
from plugins.common.site import base_url

from .matrix import FeedSource, feed_sources
from .settings import FORMATS, FeedsSettings

CONTEXT_KEY = "feeds"


@dataclass(frozen=True)
class FeedsState:
    """The validated settings and the absolute address of the site."""

    settings: FeedsSettings
    base_url: str
    languages: BilingualState
    context: MutableMapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def sources(self) -> list[FeedSource]:
        """Every feed of the build (the publications plugin's, when it is on, included)."""
        return list(self._sources.values())

    def source(self, lang: str, kind: str, *key: str) -> FeedSource | None:
        """Return one feed of a language (`key`: the category's slug, the speaker's id),
        or None when the site has no such feed."""
        return self._sources.get((lang, kind, *key))

    @cached_property
    def _sources(self) -> dict[tuple[str, ...], FeedSource]:
        """The feeds by language, kind and key; worked out once, when the content is read."""
        return {
            (source.lang, source.kind, *source.key.values()): source
            for source in feed_sources(self.languages, self.context.get("publications"))
        }

    def output_urls(self) -> Iterator[str]:
        """Every feed URL of every language, in both formats."""
        for source in self.sources():
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
                context=context,
            )
            context[CONTEXT_KEY] = state
        return state
