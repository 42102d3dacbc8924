"""Feed autodiscovery for templates: the feeds that match the page being rendered."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from plugins.bilingual.state import BilingualState
from plugins.bilingual.templating import page_language

from .builder import MEDIA_TYPES
from .settings import FORMATS
from .state import FeedsState
from .titles import feed_title, publications_name


@dataclass(frozen=True)
class FeedLink:
    """A `<link rel="alternate">` to one feed."""

    title: str
    url: str
    type: str


def install(env: Environment) -> None:
    """Add `feed_links()` to a generator's Jinja environment."""
    env.globals.update(feed_links=feed_links)


@pass_context
def feed_links(ctx: Context) -> list[FeedLink]:
    """Return the feeds of the page: all stories of its language, and its category or speaker."""
    feeds = ctx.get("feeds")
    bilingual = ctx.get("bilingual")
    if not isinstance(feeds, FeedsState) or not isinstance(bilingual, BilingualState):
        return []
    lang = page_language(ctx)
    edition = bilingual.editions.get(lang)
    if edition is None or not edition.articles:
        return []
    sitename = edition.language.sitename
    found: list[tuple[str, dict[str, str], str]] = [("all", {}, feed_title(sitename, None))]
    category = ctx.get("category")
    if category is not None and edition.category(getattr(category, "id", "")) is not None:
        found.append(("category", {"slug": category.slug}, feed_title(sitename, category.name)))
    speaker = ctx.get("speaker")
    if speaker is not None and ctx.get("articles"):
        found.append(("speaker", {"id": speaker.id}, feed_title(sitename, speaker.name)))
    publications = ctx.get("publications")
    on_section = publications is not None and ctx.get("page_url") == publications.index_url(lang)
    if on_section and publications.items(lang):
        name = publications_name(bilingual.catalogues[lang])
        found.append(("publications", {}, feed_title(sitename, name)))
    return [
        FeedLink(
            title=f"{title} ({fmt.upper() if fmt == 'rss' else fmt.title()})",
            url=feeds.settings.url(kind, fmt, lang=lang, **key),
            type=MEDIA_TYPES[fmt],
        )
        for kind, key, title in found
        for fmt in FORMATS
    ]
