"""`sitemap.xml` with every page's language versions, `sitemap-news.xml` with the stories of
the last two days (Google News), and `robots.txt` naming both."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from lxml import etree

from plugins.common.outputs import PageVersions

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
# How far back a news sitemap reaches (Google News reads stories of the last two days).
NEWS_WINDOW = timedelta(days=2)


# One page of a sitemap: its URL, and each language version's URL when it has several.
SitemapEntry = tuple[str, tuple[tuple[str, str], ...]]


def sitemap_entries(pages: Iterable[PageVersions]) -> tuple[SitemapEntry, ...]:
    """Each page once, sorted by URL, with its language versions sorted by language (none
    for a page in one language only), so the same site gives the same sitemap."""
    unique = {page.url: page for page in pages}
    return tuple(
        (
            url,
            tuple(sorted(alternates.items()))
            if len(alternates := unique[url].alternates) > 1
            else (),
        )
        for url in sorted(unique)
    )


def render_sitemap(entries: Iterable[SitemapEntry], base: str) -> bytes:
    """Return a sitemap listing each page (`sitemap_entries`), with `xhtml:link` to each
    language version. URLs are site-relative paths (`en/about/`), joined to the base as
    they are."""
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for url, alternates in entries:
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{base}/{url}"
        for lang, version in alternates:
            etree.SubElement(
                entry, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=f"{base}/{version}"
            )
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True))


def build_time(environ: Mapping[str, str] = os.environ) -> datetime:
    """The moment the build stands for: `SOURCE_DATE_EPOCH` where it is set (the usual way
    to build the same bytes again, https://reproducible-builds.org/specs/source-date-epoch/),
    now otherwise."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def render_news_sitemap(
    stories: Iterable[Any], base: str, names: Mapping[str, str], now: datetime
) -> bytes:
    """Return a Google News sitemap of the stories published in the two days before `now`,
    newest first, each with its language and the publication's name in that language
    (`names`, by language)."""
    recent = [
        story for story in stories if now - NEWS_WINDOW <= story.date <= now and story.lang in names
    ]
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "news": NEWS})
    for story in sorted(recent, key=lambda story: (-story.date.timestamp(), story.url)):
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{base}/{story.url}"
        news = etree.SubElement(entry, f"{{{NEWS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS}}}publication")
        etree.SubElement(publication, f"{{{NEWS}}}name").text = names[story.lang]
        etree.SubElement(publication, f"{{{NEWS}}}language").text = story.lang
        etree.SubElement(news, f"{{{NEWS}}}publication_date").text = story.date.isoformat()
        etree.SubElement(news, f"{{{NEWS}}}title").text = str(story.title)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True))


def render_robots(base: str) -> bytes:
    """Return a robots.txt that lets every crawler in and names both sitemaps."""
    return (
        f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"
        f"Sitemap: {base}/sitemap-news.xml\n"
    ).encode()
