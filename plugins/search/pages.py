"""Each language's search page."""

from __future__ import annotations

from collections.abc import Sequence

from plugins.common.outputs import GeneratedPage

from .settings import SearchSettings


def search_pages(settings: SearchSettings, codes: Sequence[str]) -> list[GeneratedPage]:
    """Every language's search page, where search is on. Search engines may list it: it
    is one page (its canonical address has no query), a way into the site like a listing."""
    if not settings.enabled:
        return []
    versions = {code: settings.page_url(code) for code in codes}
    return [GeneratedPage(url, code, versions, "search") for code, url in versions.items()]
