"""Writing each language's listings: home, categories, tags, archive, 404, and the root page."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from plugins.common.outputs import ListingWriter

from .state import CONTEXT_KEY, BilingualState


class LanguageSitesGenerator(Generator):  # type: ignore[misc]
    """Writes the listings of every language's site, each listing only its language."""

    def generate_output(self, writer: Any) -> None:
        """Write every language's listing pages and the root page that leads to them."""
        state: BilingualState = self.context[CONTEXT_KEY]
        write = ListingWriter(self, writer)
        homes = {code: e.home_url for code, e in state.editions.items()}
        archives = {code: e.archive_url for code, e in state.editions.items()}
        for lang, edition in state.editions.items():
            write.page("index", edition.home_url, lang, homes, articles=edition.articles)
            for category, articles in edition.categories:
                alternates = _where_listed(state, lambda e, c=category: e.category(c.id))
                write.page(
                    "category", category.url, lang, alternates, category=category, articles=articles
                )
            for tag, articles in edition.tags:
                alternates = _where_listed(state, lambda e, t=tag: e.tag(t.slug))
                write.page("tag", tag.url, lang, alternates, tag=tag, articles=articles)
            write.page("archives", edition.archive_url, lang, archives, archive=edition.archive)
            write.page("404", edition.not_found_url, lang, {})
        default = state.settings.default_language
        write.page("root", "", default, homes, default_home=state.editions[default].home_url)


def _where_listed(state: BilingualState, find: Any) -> dict[str, str]:
    """Return the URL of the same listing in every language that has it."""
    urls = {}
    for code, edition in state.editions.items():
        listed = find(edition)
        if listed is not None:
            urls[code] = listed.url
    return urls
