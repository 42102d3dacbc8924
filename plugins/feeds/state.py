"""What the feeds plugin knows during one build, kept in the generator context."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from .settings import FeedsSettings

CONTEXT_KEY = "feeds"


def base_url(settings: Mapping[str, Any]) -> str:
    """Return the absolute address feeds link to.

    Production has an absolute `SITEURL`. A development build (empty `SITEURL`) links to
    the local preview server that `invoke serve` starts (Pelican's `BIND` and `PORT`).
    """
    siteurl = str(settings.get("SITEURL") or "")
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    host = settings.get("BIND") or "127.0.0.1"
    return f"http://{host}:{settings.get('PORT', 8000)}"


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
