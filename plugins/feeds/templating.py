"""Feed autodiscovery for templates: the feeds that match the page being rendered."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from plugins.bilingual.state import BilingualState
from plugins.bilingual.templating import page_language
from plugins.common.site import SITE

from .builder import MEDIA_TYPES
from .matrix import FeedSource
from .settings import FORMATS
from .state import FeedsState

# Each format as readers know it.
FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


@dataclass(frozen=True)
class FeedLink:
    """A `<link rel="alternate">` to one feed."""

    title: str
    url: str
    type: str


def install(env: Environment) -> None:
    """Add `feed_links()`, `page_feed()` and `feed_addresses()` to a generator's Jinja
    environment."""
    env.globals.update(feed_links=feed_links, page_feed=page_feed, feed_addresses=feed_addresses)


@dataclass(frozen=True)
class PageFeed:
    """The feed a page follows (its category's, its speaker's…), for a visible link."""

    source: FeedSource
    links: list[FeedLink]
    subscribe_url: str


@pass_context
def page_feed(ctx: Context) -> PageFeed | None:
    """The most particular feed of the page (the category's on a category page), with its
    address in each format; None where the page follows none."""
    sources = _page_sources(ctx)
    if not sources:
        return None
    feeds: FeedsState = ctx[SITE].feeds
    source = sources[-1]
    links = feed_addresses(ctx, source)
    return PageFeed(source, links, feeds.settings.subscribe_url(source.lang))


@pass_context
def feed_addresses(ctx: Context, source: FeedSource) -> list[FeedLink]:
    """A feed's address in each format, each named as readers know the format."""
    settings = ctx[SITE].feeds.settings
    return [
        FeedLink(FORMAT_NAMES[fmt], source.url(settings, fmt), MEDIA_TYPES[fmt]) for fmt in FORMATS
    ]


@pass_context
def feed_links(ctx: Context) -> list[FeedLink]:
    """Return the feeds of the page that exist: all items of its language, its category's,
    its speaker's or organisation's, and on the publications section, the publications'."""
    sources = _page_sources(ctx)
    if not sources:
        return []
    feeds: FeedsState = ctx[SITE].feeds
    return [
        FeedLink(
            title=f"{source.title} ({FORMAT_NAMES[fmt]})",
            url=source.url(feeds.settings, fmt),
            type=MEDIA_TYPES[fmt],
        )
        for source in sources
        for fmt in FORMATS
    ]


def _page_sources(ctx: Context) -> list[FeedSource]:
    """The feeds a page follows, the most general first."""
    site = ctx.get(SITE)
    feeds, bilingual = getattr(site, "feeds", None), getattr(site, "languages", None)
    if not isinstance(feeds, FeedsState) or not isinstance(bilingual, BilingualState):
        return []
    lang = page_language(ctx)
    edition = bilingual.editions.get(lang)
    if edition is None:
        return []
    found = [feeds.source(lang, "all")]
    category = ctx.get("category")
    own_category = edition.category(getattr(category, "id", "")) if category else None
    if own_category is not None:
        found.append(feeds.source(lang, "category", own_category.slug))
    speaker = ctx.get("speaker")
    if speaker is not None:
        found.append(feeds.source(lang, "speaker", speaker.id))
    organisation = ctx.get("organisation")
    if organisation is not None:
        found.append(feeds.source(lang, "organisation", organisation.slug))
    publications = site.publications
    if publications is not None and ctx.get("page_url") == publications.index_url(lang):
        found.append(feeds.source(lang, "publications"))
    return [source for source in found if source is not None]
