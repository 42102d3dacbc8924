"""Writing the feed matrix: every kind × language × format, from one table."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from plugins.bilingual.state import BilingualState
from plugins.common.outputs import write_output
from plugins.common.site import absolute

from .builder import Feed, FeedRenderer
from .items import FeedItem, item_from_article
from .settings import FORMATS
from .state import FeedsState


class FeedsGenerator(Generator):  # type: ignore[misc]
    """Writes RSS 2.0 and Atom 1.0 feeds for each language: all, each category, each speaker."""

    def generate_output(self, writer: Any) -> None:
        """Write every feed; each story is turned into a feed item once."""
        del writer  # feeds are bytes from feedgen, written directly
        state: BilingualState = self.context["bilingual"]
        feeds = FeedsState.for_context(self.context, self.settings)
        items: dict[int, FeedItem] = {}
        renderer = FeedRenderer()
        content_root = Path(self.settings["PATH"])
        static = self.context.get("static_content", {})

        def item(article: Any) -> FeedItem:
            if id(article) not in items:
                items[id(article)] = item_from_article(
                    article, feeds.settings, self.settings, feeds.base_url, content_root, static
                )
            return items[id(article)]

        incremental = self.context.get("incremental")
        for source in feeds.sources():
            articles = source.articles[: feeds.settings.max_items]
            urls = {fmt: source.url(feeds.settings, fmt) for fmt in FORMATS}
            if incremental is not None:
                # The stories past the newest max_items are not in the feed.
                shown = dataclasses.replace(source, articles=articles)
                fingerprint = incremental.page_fingerprint(urls["rss"], "feed", {"source": shown})
                if incremental.unchanged(urls["rss"], fingerprint):
                    continue
            feed = Feed(
                id=source.id(feeds.settings),
                lang=source.lang,
                title=source.title,
                description=source.description,
                html_url=absolute(feeds.base_url, source.html_url),
                author=state.language(source.lang).sitename,
                email=feeds.settings.email,
                items=[item(a) for a in articles],
            )
            rendered = renderer.render(
                feed, {fmt: absolute(feeds.base_url, url) for fmt, url in urls.items()}
            )
            for fmt, url in urls.items():
                write_output(self.context, Path(self.output_path) / url, rendered[fmt])
            if incremental is not None:
                incremental.wrote(urls["rss"], fingerprint, sorted(urls.values()))
