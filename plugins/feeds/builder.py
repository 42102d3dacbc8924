"""Rendering one feed in RSS 2.0 and Atom 1.0 with feedgen, with no wall-clock time in it."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .items import FeedItem

MEDIA_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
GENERATOR = "Bilingual newsroom on Pelican"


@dataclass(frozen=True)
class Feed:
    """One feed of one language: what it is called and which items it carries."""

    id: str
    lang: str
    title: str
    description: str
    html_url: str
    author: Mapping[str, str]  # the institution, with its email if any (`feed_author`)
    items: Sequence[FeedItem]
    hubs: Sequence[str] = ()  # WebSub hubs readers may subscribe at


class FeedRenderer:
    """Renders feeds in both formats; a story's entry is made once for every feed it is in."""

    def __init__(self) -> None:
        self._entries: dict[int, FeedEntry] = {}

    def render(self, feed: Feed, self_urls: Mapping[str, str]) -> dict[str, bytes]:
        """Return the feed as RSS 2.0 and Atom 1.0 XML, by format (`rss`, `atom`).

        `self_urls` gives each format's absolute address. Items keep their order (newest
        first). The feed's own dates are its newest item's, so the same items always give
        the same bytes.
        """
        if not feed.items:
            raise ValueError(f"feed {feed.id} has no items")
        generator = FeedGenerator()
        generator.id(feed.id)
        generator.title(feed.title)
        generator.language(feed.lang)
        generator.author(dict(feed.author))
        generator.generator(GENERATOR)
        generator.docs("https://www.rssboard.org/rss-specification")
        generator.updated(max(item.updated for item in feed.items))  # also RSS lastBuildDate
        generator.pubDate(max(item.published for item in feed.items))
        for item in feed.items:
            generator.add_entry(self.entry(item, feed.author), order="append")
        if feed.hubs:
            generator.register_extension("hubs", HubLinks, atom=False, rss=True)
            generator.hubs.hubs = feed.hubs
        rendered = {}
        for fmt, self_url in self_urls.items():
            # One element in feedgen: RSS defines the channel's description as HTML, the Atom
            # subtitle is text. Names in it (a speaker's, a category's) stay text in both.
            generator.description(rss_html(feed.description) if fmt == "rss" else feed.description)
            # The RSS channel link is the last link given, so the page comes after the self link.
            generator.link(href=self_url, rel="self", type=MEDIA_TYPES[fmt], replace=True)
            if fmt == "atom":  # RSS gets them from `HubLinks`: feedgen writes only `self` there
                for hub in feed.hubs:
                    generator.link(href=hub, rel="hub")
            generator.link(href=feed.html_url, rel="alternate", type="text/html")
            write = generator.rss_str if fmt == "rss" else generator.atom_str
            rendered[fmt] = bytes(write(pretty=True))
        return rendered

    def entry(self, item: FeedItem, author: Mapping[str, str]) -> FeedEntry:
        """Return an item's entry, made once and checked to render in both formats.

        Anything the item holds that XML cannot carry (a control character in its title,
        summary or text) raises here, for that item alone: leave the item out of the feeds.
        """
        key = id(item)  # an item is only in feeds of its language: one author, one email
        if key not in self._entries:
            entry = FeedEntry()
            entry.id(item.id)
            entry.title(item.title)
            entry.published(item.published)
            entry.updated(item.updated)
            entry.author(dict(author))
            for category in item.categories:
                entry.category(term=category.term, label=category.label, scheme=category.scheme)
            entry.summary(item.summary, type="html")
            entry.content(item.content, type="html")
            entry.register_extension("links", EntryLinks)
            entry.links.item = item
            entry.rss_entry()
            entry.atom_entry()
            self._entries[key] = entry
        return self._entries[key]


class HubLinks(BaseExtension):  # type: ignore[misc]
    """Writes an RSS channel's WebSub hubs as `atom:link rel="hub"`, after its self link
    (feedgen 1.0.0 writes only the self link of the links it is given into RSS)."""

    hubs: Sequence[str] = ()

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        """Add a link to each hub after the channel's self link."""
        channel = feed.find("channel")
        assert channel is not None
        anchor = next(link for link in channel.iter(ATOM_LINK) if link.get("rel") == "self")
        for hub in reversed(self.hubs):
            anchor.addnext(etree.Element(ATOM_LINK, href=hub, rel="hub"))
        return feed


class EntryLinks(BaseEntryExtension):  # type: ignore[misc]
    """Writes an entry's links and enclosure the way each format needs.

    feedgen 1.0.0 drops `rel`, `type` and `length` from Atom entry links, which would
    turn an enclosure into a second alternate link; this writes the links itself.
    """

    item: FeedItem

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        """Add the item's link and its enclosure to an RSS item."""
        etree.SubElement(entry, "link").text = self.item.link
        enclosure = self.item.enclosure
        if enclosure is not None:
            etree.SubElement(
                entry,
                "enclosure",
                url=enclosure.url,
                length=str(enclosure.length),
                type=enclosure.type,
            )
        return entry

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        """Add the alternate link and the enclosure link to an Atom entry."""
        etree.SubElement(entry, "link", rel="alternate", type="text/html", href=self.item.link)
        enclosure = self.item.enclosure
        if enclosure is not None:
            etree.SubElement(
                entry,
                "link",
                rel="enclosure",
                type=enclosure.type,
                length=str(enclosure.length),
                href=enclosure.url,
            )
        return entry


def rss_html(text: str) -> str:
    """Plain text as the HTML an RSS channel description holds: a name with `<` or `&` in
    it is shown as written, never read as markup."""
    return html.escape(text, quote=False)


def feed_author(name: str, email: str | None) -> dict[str, str]:
    """The author of a feed and of its entries: the institution, with its email if any."""
    author = {"name": name}
    if email:
        author["email"] = email
    return author
