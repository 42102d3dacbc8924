"""`sitemap.xml` with every page's language versions, and `robots.txt` naming it."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from plugins.common.outputs import PageVersions

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def render_sitemap(pages: Iterable[PageVersions], base: str) -> bytes:
    """Return a sitemap listing each page once, with `xhtml:link` to each language version.

    Pages are sorted by URL and their versions by language, so the same site gives the
    same bytes. URLs are site-relative paths (`en/about/`), joined to the base as they are.
    """
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    unique = {page.url: page for page in pages}
    for url in sorted(unique):
        page = unique[url]
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{base}/{url}"
        if len(page.alternates) > 1:
            for lang in sorted(page.alternates):
                etree.SubElement(
                    entry,
                    f"{{{XHTML}}}link",
                    rel="alternate",
                    hreflang=lang,
                    href=f"{base}/{page.alternates[lang]}",
                )
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True))


def render_robots(base: str) -> bytes:
    """Return a robots.txt that lets every crawler in and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n".encode()
