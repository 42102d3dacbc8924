"""Each language's listings (home, categories, tags, archive, 404) and the root page."""

from __future__ import annotations

from typing import Any

from plugins.common.outputs import GeneratedPage

from .state import BilingualState


def plan_listings(state: BilingualState) -> list[GeneratedPage]:
    """Return every listing page of every language, with its versions in the others."""
    editions = state.editions
    homes = {code: e.home_url for code, e in editions.items()}
    archives = {code: e.archive_url for code, e in editions.items()}
    pages = []
    for lang, edition in editions.items():
        pages.append(
            GeneratedPage(edition.home_url, lang, homes, "index", {"articles": edition.articles})
        )
        for category, articles in edition.categories:
            alternates = {c: u for c, e in editions.items() if (u := _url(e.category(category.id)))}
            values = {"category": category, "articles": articles}
            pages.append(GeneratedPage(category.url, lang, alternates, "category", values))
        for tag, articles in edition.tags:
            alternates = {c: u for c, e in editions.items() if (u := _url(e.tag(tag.slug)))}
            values = {"tag": tag, "articles": articles}
            pages.append(GeneratedPage(tag.url, lang, alternates, "tag", values))
        values = {"archive": edition.archive}
        pages.append(GeneratedPage(edition.archive_url, lang, archives, "archives", values))
        for year in edition.archive:
            alternates = {
                code: other_year.url
                for code, other in editions.items()
                for other_year in other.archive
                if other_year.year == year.year
            }
            # The year's number: its page shows it, and its stories (not all of them at once).
            values = {"year": year.year, "articles": year.articles}
            pages.append(GeneratedPage(year.url, lang, alternates, "archive_year", values))
        pages.append(GeneratedPage(edition.not_found_url, lang, {}, "404", indexable=False))
    default = state.settings.default_language
    values = {"default_home": editions[default].home_url}
    pages.append(GeneratedPage("", default, homes, "root", values, indexable=False))
    return pages


def _url(listed: Any | None) -> str | None:
    """The URL of a category or tag a language lists, or None when it does not."""
    return None if listed is None else str(listed.url)
