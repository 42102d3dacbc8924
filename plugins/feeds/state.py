"""What the feeds plugin knows during one build, kept in the generator context."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from plugins.common.site import base_url

from .settings import FeedsSettings

CONTEXT_KEY = "feeds"


@dataclass(frozen=True)
class FeedsState:
    """The validated settings and the absolute address of the site."""

    settings: FeedsSettings
    base_url: str

    @classmethod
    def for_context(cls, context: MutableMapping[str, Any], settings: Any) -> FeedsState:
        """Return the build's state, creating it on first use."""
        state = context.get(CONTEXT_KEY)
        if not isinstance(state, cls):
            state = cls(settings=FeedsSettings.from_settings(settings), base_url=base_url(settings))
            context[CONTEXT_KEY] = state
        return state
