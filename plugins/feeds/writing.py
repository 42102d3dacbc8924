"""Writing the feed matrix: every kind × language × format, from one table."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from plugins.common.errors import error_summary
from plugins.common.site import absolute
from plugins.common.sources import display_path
from plugins.common.story_html import StoryHtml
from plugins.incremental.state import IncrementalState
from plugins.photos.library import Photos

from .builder import Feed, FeedRenderer, feed_author
from .items import FeedItem, item_from_article
from .jsonfeed import render_json
from .matrix import FeedSource
from .opml import render_opml
from .record import record_note
from .settings import FORMATS
from .state import FeedsState

# The formats feedgen renders; JSON Feed is rendered on its own.
XML_FORMATS = ("rss", "atom")

logger = logging.getLogger(__name__)


def write_feeds(
    feeds: FeedsState,
    settings: Mapping[str, Any],
    static: Mapping[str, Any],
    incremental: IncrementalState | None,
    write: Callable[[str, bytes], None],
    html: StoryHtml,
    photos: Photos | None = None,
) -> list[Written]:
    """Write every feed of every language (`write`: a URL's file and its bytes); each
    story is turned into a feed item once (its HTML parsed by `html`). In previews, a feed
    whose stories did not change is kept from the previous build. Return what was written,
    for the build's record (`IncrementalState.wrote`)."""
    languages = feeds.languages
    items: dict[int, FeedItem | None] = {}
    renderer = FeedRenderer()
    content_root = Path(settings["PATH"])

    def item(article: Any) -> FeedItem | None:
        """The story's feed item, made once; None, reported once, if it cannot be made."""
        if id(article) not in items:
            author = feed_author(languages.language(article.lang).sitename, feeds.settings.email)
            made: FeedItem | None = None
            try:
                language = languages.language(article.lang)
                note = record_note(
                    article, languages.catalogues[article.lang], language.babel_locale
                )
                made = item_from_article(
                    article,
                    feeds.settings,
                    settings,
                    feeds.base_url,
                    content_root,
                    static,
                    html,
                    photos,
                    note,
                )
                renderer.entry(made, author)
            except Exception as error:  # one story's failure must not lose every feed
                logger.error("%s", item_failure(article, settings, error))
                made = None
            items[id(article)] = made
        return items[id(article)]

    hubs = tuple(feeds.settings.websub_hubs)
    written: dict[str, list[FeedSource]] = {}
    recorded: list[Written] = []
    for source in feeds.sources():
        articles = source.articles[: feeds.settings.max_items]
        urls = {fmt: source.url(feeds.settings, fmt) for fmt in FORMATS}
        if incremental is not None:
            # The stories past the newest max_items are not in the feed.
            shown = dataclasses.replace(source, articles=articles)
            fingerprint = incremental.page_fingerprint(urls["rss"], "feed", {"source": shown})
            if incremental.unchanged(urls["rss"], fingerprint):
                written.setdefault(source.lang, []).append(source)
                continue
        made = [item(a) for a in articles]
        feed = Feed(
            id=source.id(feeds.settings),
            lang=source.lang,
            title=source.title,
            description=source.description,
            html_url=absolute(feeds.base_url, source.html_url),
            author=feed_author(languages.language(source.lang).sitename, feeds.settings.email),
            items=[i for i in made if i is not None],
            hubs=hubs,
        )
        if not feed.items:
            continue
        addresses = {fmt: absolute(feeds.base_url, url) for fmt, url in urls.items()}
        rendered = renderer.render(feed, {fmt: addresses[fmt] for fmt in XML_FORMATS})
        rendered["json"] = render_json(feed, addresses["json"], hubs)
        for fmt, url in urls.items():
            write(url, rendered[fmt])
        written.setdefault(source.lang, []).append(source)
        if incremental is not None:
            # A feed that left an item out is made again by the next preview, which
            # reports the item again until it is fixed.
            kept = fingerprint if len(feed.items) == len(made) else ""
            recorded.append(Written(urls["rss"], kept, sorted(urls.values())))

    for lang, sources in written.items():
        url = feeds.settings.opml_url(lang)
        listed = [
            (
                source,
                absolute(feeds.base_url, source.url(feeds.settings, "rss")),
                absolute(feeds.base_url, source.html_url),
            )
            for source in sources
        ]
        write(url, render_opml(languages.language(lang).sitename, lang, listed))
        if incremental is not None:
            recorded.append(Written(url, "", [url]))
    return recorded


class Written(NamedTuple):
    """A feed (its three formats) or a list of feeds written, as the build records it."""

    name: str
    fingerprint: str
    files: list[str]


def item_failure(article: Any, settings: Any, error: Exception) -> str:
    """The message for a story left out of the feeds: its file, what went wrong, what to do."""
    where = display_path(article.source_path, settings["PATH"])
    return (
        f"{where}: could not be put in the feeds ({error_summary(error)}) — fix the story, "
        "or report the problem if it persists"
    )
