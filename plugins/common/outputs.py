"""Output files: which ones content items take, and the pages the site generates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def save_as_for(url: str) -> str:
    """Return the file a URL is written to: `a/b/` → `a/b/index.html`, `` → `index.html`."""
    return f"{url}index.html" if not url or url.endswith("/") else url


def content_outputs(items: Mapping[str, Any]) -> dict[str, str]:
    """Map each output file a content item (of Pelican's `generated_content`) will be
    written to onto its source path.

    Generated pages (listings, speaker pages) check this before writing: content is never
    overwritten, and a generated page whose file a content item takes is reported instead.
    """
    return {
        item.save_as: item.source_path
        for item in items.values()
        if item is not None and item.save_as  # drafts have none in production
    }


@dataclass(frozen=True)
class PageVersions:
    """A page of one language and its versions in every language that has it (itself too)."""

    url: str
    lang: str
    alternates: Mapping[str, str]

    @classmethod
    def of(cls, item: Any) -> PageVersions:
        """A content item's page (a story, a page, a publication) and its translations'."""
        return cls(item.url, item.lang, language_versions(item))


def language_versions(item: Any) -> dict[str, str]:
    """The URL of each language version of a content item, by language, itself included."""
    return {version.lang: version.url for version in (item, *item.translations)}


@dataclass(frozen=True)
class GeneratedPage(PageVersions):
    """A page a plugin renders (a listing, a speaker page) with its template's values."""

    template: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    indexable: bool = True  # a 404 or a redirect is not
    save_as: str = ""  # the file, when it is not the URL's (a listing's second page)
