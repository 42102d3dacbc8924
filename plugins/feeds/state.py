"""What the site knows of its feeds during one build."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from plugins.bilingual.state import BilingualState

from .matrix import FeedSource, feed_sources
from .settings import FeedsSettings


@dataclass(frozen=True)
class FeedsState:
    """Every feed of the build, worked out once the content is read."""

    settings: FeedsSettings
    base_url: str
    languages: BilingualState
    publications: Any = None  # the site's publications, whose items have feeds too

    def sources(self) -> list[FeedSource]:
        """Every feed of the build (the publications', when the site has them, included)."""
        return list(self._sources.values())

    def source(self, lang: str, kind: str, *key: str) -> FeedSource | None:
        """Return one feed of a language (`key`: the category's slug, the speaker's id),
        or None when the site has no such feed."""
        return self._sources.get((lang, kind, *key))

    def groups(self, lang: str) -> list[tuple[str, list[FeedSource]]]:
        """A language's feeds by kind, in the order the subscribe page lists them."""
        order = ("all", "publications", "category", "speaker", "organisation")
        return [
            (kind, found)
            for kind in order
            if (found := [s for s in self.sources() if s.lang == lang and s.kind == kind])
        ]

    @cached_property
    def _sources(self) -> dict[tuple[str, ...], FeedSource]:
        """The feeds by language, kind and key."""
        return {
            (source.lang, source.kind, *source.key.values()): source
            for source in feed_sources(self.languages, self.publications)
        }
