"""Rendering one feed in RSS 2.0 or Atom 1.0 with feedgen, with no wall-clock time in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .items import FeedItem

MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
GENERATOR = "Bilingual newsroom on Pelican"


@dataclass(frozen=True)
class Feed:
    """One feed of one language: what it is called and which items it carries."""

    id: str
    lang: str
    title: str
    description: str
    html_url: str
    author: str
    email: str | None
    items: Sequence[FeedItem]


def render(feed: Feed, fmt: str, self_url: str) -> bytes:
    """Return the feed as RSS 2.0 (`rss`) or Atom 1.0 (`atom`) XML.

    Items keep their order (newest first). The feed's own dates are its newest item's,
    so the same items always give the same bytes.
    """
    if not feed.items:
        raise ValueError(f"feed {feed.id} has no items")
    generator = FeedGenerator()
    generator.register_extension(
        "atom_links", BaseExtension, AtomEntryLinks, atom=fmt == "atom", rss=False
    )
    generator.id(feed.id)
    generator.title(feed.title)
    generator.subtitle(feed.description)
    generator.description(feed.description)
    # The RSS channel link is the last link given, so the page comes after the self link.
    generator.link(href=self_url, rel="self", type=MEDIA_TYPES[fmt])
    generator.link(href=feed.html_url, rel="alternate", type="text/html")
    generator.language(feed.lang)
    generator.author(_person(feed))
    generator.generator(GENERATOR)
    generator.docs("https://www.rssboard.org/rss-specification")
    generator.updated(max(item.updated for item in feed.items))
    generator.lastBuildDate(max(item.updated for item in feed.items))
    generator.pubDate(max(item.published for item in feed.items))
    for item in feed.items:
        entry = generator.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        entry.published(item.published)
        entry.updated(item.updated)
        entry.author(_person(feed))
        for category in item.categories:
            entry.category(term=category.term, label=category.label, scheme=category.scheme)
        entry.summary(item.summary, type="html")
        entry.content(item.content, type="html")
        links = entry.atom_links.links if fmt == "atom" else None
        _link_entry(entry, item, links)
    if fmt == "rss":
        return bytes(generator.rss_str(pretty=True))
    return bytes(generator.atom_str(pretty=True))


class AtomEntryLinks(BaseEntryExtension):  # type: ignore[misc]
    """Writes an Atom entry's links with all their attributes.

    feedgen 1.0.0 drops `rel`, `type` and `length` from Atom entry links, which would
    turn an enclosure into a second alternate link; this writes them itself.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        """Add the links to the entry element."""
        for attributes in self.links:
            etree.SubElement(entry, "link", attrib=attributes)
        return entry


def _link_entry(entry: Any, item: FeedItem, atom_links: list[dict[str, str]] | None) -> None:
    """Link an entry to its page and attach its enclosure, the way each format needs."""
    enclosure = item.enclosure
    if atom_links is None:
        entry.link(href=item.link, rel="alternate")
        if enclosure is not None:
            entry.enclosure(enclosure.url, str(enclosure.length), enclosure.type)
        return
    atom_links.append({"rel": "alternate", "type": "text/html", "href": item.link})
    if enclosure is not None:
        atom_links.append(
            {
                "rel": "enclosure",
                "type": enclosure.type,
                "length": str(enclosure.length),
                "href": enclosure.url,
            }
        )


def _person(feed: Feed) -> dict[str, str]:
    person = {"name": feed.author}
    if feed.email:
        person["email"] = feed.email
    return person
