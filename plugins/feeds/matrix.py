"""Every feed the site has: each kind (all, publications, category, speaker, organisation) in
each language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from babel.support import Translations

from plugins.bilingual.editions import newest_first
from plugins.bilingual.state import BilingualState

from .settings import FeedsSettings
from .titles import feed_description, feed_title, publications_name


@dataclass(frozen=True)
class FeedSource:
    """One feed before rendering: where it lives, what it is called, which stories it has."""

    kind: str
    lang: str
    key: dict[str, str]  # the URL placeholders besides lang and format: slug or id
    name: str | None  # the category, speaker or organisation it follows; None: everything
    title: str
    description: str
    html_url: str
    articles: list[Any]

    def url(self, settings: FeedsSettings, fmt: str) -> str:
        """Return this feed's URL in one format."""
        return settings.url(self.kind, fmt, lang=self.lang, **self.key)

    def id(self, settings: FeedsSettings) -> str:
        """Return this feed's permanent id (the same in both formats' reckoning of it)."""
        parts = "/".join([self.lang, self.kind, *self.key.values()])
        return settings.tag_uri(f"feed/{parts}")


def feed_sources(state: BilingualState, publications: Any = None) -> Iterator[FeedSource]:
    """Yield every feed of every language that has at least one item.

    `publications` is the publications plugin's state, when it is on: its items have a feed
    of their own and join the stories in the feed of everything.
    """
    for lang, edition in state.editions.items():
        named = _Namer(lang, edition.language.sitename, state.catalogues[lang])
        documents = publications.items(lang) if publications is not None else []
        everything = sorted(
            [*edition.articles, *edition.withdrawn, *documents],
            key=newest_first,
        )
        if everything:
            yield named.source("all", {}, None, edition.home_url, everything)
        if documents:
            section = publications.index_url(lang)
            name = publications_name(named.catalogue)
            yield named.source("publications", {}, name, section, documents)
        for category, articles in edition.categories:
            key = {"slug": category.slug}
            yield named.source("category", key, category.name, category.url, articles)
        speakers: dict[str, tuple[Any, list[Any]]] = {}
        for article in edition.articles:
            for speaker in getattr(article, "speakers", ()):
                speakers.setdefault(speaker.id, (speaker, []))[1].append(article)
        for speaker_id, (speaker, articles) in sorted(speakers.items()):
            key = {"id": speaker_id}
            yield named.source("speaker", key, speaker.name, speaker.url, articles)
        organisations: dict[str, tuple[Any, list[Any]]] = {}
        for article in edition.articles:
            shown = {speaker.organisation.slug: speaker.organisation for speaker in _of(article)}
            for slug, organisation in shown.items():
                organisations.setdefault(slug, (organisation, []))[1].append(article)
        for slug, (organisation, articles) in sorted(organisations.items()):
            key = {"slug": slug}
            yield named.source("organisation", key, organisation.name, organisation.url, articles)


def _of(article: Any) -> list[Any]:
    """The speakers of a story who belong to an organisation."""
    return [s for s in getattr(article, "speakers", ()) if getattr(s, "organisation", None)]


@dataclass(frozen=True)
class _Namer:
    """Makes the feed sources of one language, titled in that language."""

    lang: str
    sitename: str
    catalogue: Translations

    def source(
        self, kind: str, key: dict[str, str], name: str | None, html_url: str, articles: list[Any]
    ) -> FeedSource:
        return FeedSource(
            kind=kind,
            lang=self.lang,
            key=key,
            name=name,
            title=feed_title(self.sitename, name),
            description=feed_description(kind, self.catalogue, name),
            html_url=html_url,
            articles=articles,
        )
