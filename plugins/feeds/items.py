"""Feed items made from stories: permanent ids, absolute URLs, categories and enclosures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from plugins.bilingual.translations import last_change
from plugins.common.site import absolute, media_type, own_siteurl
from plugins.common.story_html import StoryHtml
from plugins.photos.library import Photos, beside

from .settings import FeedsSettings


@dataclass(frozen=True)
class Category:
    """A category or tag of an item: a term, a label to show and the page that lists it."""

    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class Enclosure:
    """A file attached to an item, with its real size and type."""

    url: str
    length: int
    type: str


@dataclass(frozen=True)
class FeedItem:
    """Everything a feed says about one story in one language."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    categories: tuple[Category, ...]
    summary: str
    content: str
    enclosure: Enclosure | None


def story_id(settings: FeedsSettings, story: str, lang: str) -> str:
    """Return the permanent id of a story's version: from its story key and language only.

    Titles, slugs and dates can change; the id does not, so an edited story is never
    announced again as a new item.
    """
    return settings.tag_uri(f"story/{quote(story, safe='-._~')}/{lang}")


def item_from_article(
    article: Any,
    settings: FeedsSettings,
    site: Mapping[str, Any],
    base_url: str,
    content_root: Path,
    static: Any,
    html: StoryHtml,
    photos: Photos | None = None,
    note: str = "",
) -> FeedItem:
    """Describe a story for the feeds, with every URL in it made absolute (`html` parses
    its text, and keeps its links for the link check).

    `site` is Pelican's settings: with relative URLs, the story's links are read as its
    own page has them, then made absolute. `note` (HTML) comes before the story's text: its
    corrections and newest update.
    """
    link = absolute(base_url, article.url)
    siteurl = own_siteurl(article, site)
    categories = []
    category = getattr(article, "category", None)
    if category is not None:
        categories.append(Category(category.id, category.name, absolute(base_url, category.url)))
    categories += [
        Category(tag.slug, tag.name, absolute(base_url, tag.url))
        for tag in getattr(article, "tags", ())
    ]
    text = str(article.get_content(siteurl) or "")
    summary = str(article.get_summary(siteurl) or "")
    absolute_text = html.absolutise(text, link)
    # A short story's summary is its whole text.
    absolute_summary = absolute_text if summary == text else html.absolutise(summary, link)
    type_id = getattr(article, "type_id", None)  # a publication's type
    if type_id:
        categories.append(
            Category(type_id, article.type_name, absolute(base_url, article.section_url))
        )
    return FeedItem(
        id=story_id(settings, article.story, article.lang),
        title=str(article.title),
        link=link,
        published=_plain(article.date),
        updated=_plain(last_change(article)),
        categories=tuple(categories),
        summary=absolute_summary,
        content=note + absolute_text,
        enclosure=_document(article, base_url)
        or _lead_image(article, base_url, content_root, static, photos),
    )


def _plain(moment: datetime) -> datetime:
    """The same moment as a plain `datetime`: Pelican's own class formats dates through
    locale-safe code that costs ten times as much, and feeds format each date per feed."""
    return datetime.combine(moment.date(), moment.timetz())


def _document(article: Any, base_url: str) -> Enclosure | None:
    """A publication's document, with its real size and type."""
    document = getattr(article, "document", None)
    if document is None:
        return None
    return Enclosure(absolute(base_url, document.url), document.size, document.media_type)


def _lead_image(
    article: Any, base_url: str, content_root: Path, static: Any, photos: Photos | None
) -> Enclosure | None:
    """A story's lead photo, when the build publishes it and it is not an SVG: an SVG a
    feed reader fetched and opened on its own would be a document of the site. A photo
    the site makes copies of is offered at the size link previews show."""
    image = article.metadata.get("image")
    static_file = static.get(str(image)) if image else None
    if static_file is None:
        return None
    photo = photos.get(str(image)) if photos is not None else None
    shared = photo.shared if photo is not None else None
    if photo is not None and shared is not None:
        url = absolute(base_url, beside(str(static_file.url), shared))
        return Enclosure(url, (photo.folder / shared.suffix).stat().st_size, shared.mime)
    path = content_root / str(image)
    kind = media_type(path.name)
    if kind == media_type("x.svg") or not path.is_file():
        return None
    return Enclosure(url=absolute(base_url, static_file.url), length=path.stat().st_size, type=kind)
