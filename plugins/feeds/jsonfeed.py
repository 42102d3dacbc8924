"""Rendering one feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), from the same
items as its RSS and Atom versions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from .builder import Feed
from .items import FeedItem

VERSION = "https://jsonfeed.org/version/1.1"


def render_json(feed: Feed, feed_url: str, hubs: Sequence[str] = ()) -> bytes:
    """The feed as JSON Feed 1.1: the same bytes for the same items (keys in a fixed order,
    no time but the items')."""
    data: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.html_url,
        "feed_url": feed_url,
        "description": feed.description,
        "language": feed.lang,
        "authors": [_author(feed.author)],
    }
    if hubs:
        data["hubs"] = [{"type": "WebSub", "url": hub} for hub in hubs]
    data["items"] = [_item(item) for item in feed.items]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def _author(author: Any) -> dict[str, str]:
    """A JSON Feed author: a name, and a `mailto:` address where the office gave one."""
    shown = {"name": str(author["name"])}
    if author.get("email"):
        shown["url"] = f"mailto:{author['email']}"
    return shown


def _item(item: FeedItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "url": item.link,
        "title": item.title,
        "content_html": item.content,
        "summary": Markup(item.summary).striptags(),  # JSON Feed's summary is plain text
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
    }
    enclosure = item.enclosure
    if enclosure is not None and enclosure.type.startswith("image/"):
        data["image"] = enclosure.url
    elif enclosure is not None:  # a publication's document
        data["attachments"] = [
            {"url": enclosure.url, "mime_type": enclosure.type, "size_in_bytes": enclosure.length}
        ]
    if item.categories:
        data["tags"] = [category.label for category in item.categories]
    return data
