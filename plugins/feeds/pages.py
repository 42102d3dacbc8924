"""Each language's subscribe page: what a feed is, and every feed of the language."""

from __future__ import annotations

from collections.abc import Sequence

from plugins.common.outputs import GeneratedPage

from .state import FeedsState


def subscribe_pages(feeds: FeedsState, codes: Sequence[str]) -> list[GeneratedPage]:
    """Every language's subscribe page, where the language has feeds."""
    settings = feeds.settings
    groups = {code: found for code in codes if (found := feeds.groups(code))}
    versions = {code: settings.subscribe_url(code) for code in groups}
    return [
        GeneratedPage(
            versions[code],
            code,
            versions,
            "subscribe",
            {"feed_groups": found, "opml_url": settings.opml_url(code)},
        )
        for code, found in groups.items()
    ]
