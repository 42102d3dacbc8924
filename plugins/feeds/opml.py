"""Every feed of a language in one OPML 2.0 file (http://opml.org/spec2.opml), for readers
that import a list of subscriptions."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from .matrix import FeedSource


def render_opml(title: str, lang: str, feeds: Iterable[tuple[FeedSource, str, str]]) -> bytes:
    """An OPML subscription list: one `rss` outline per feed, `feeds` giving each source
    with its feed's and its page's absolute addresses."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(opml, "body")
    for source, xml_url, html_url in feeds:
        etree.SubElement(
            body,
            "outline",
            type="rss",
            text=source.title,
            title=source.title,
            xmlUrl=xml_url,
            htmlUrl=html_url,
            language=lang,
        )
    return bytes(etree.tostring(opml, xml_declaration=True, encoding="UTF-8", pretty_print=True))
