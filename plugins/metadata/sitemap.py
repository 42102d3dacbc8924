"""`sitemap.xml` with every page's language versions, and `robots.txt` naming it."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin
from xml.etree import ElementTree

from plugins.common.outputs import PageVersions

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def render_sitemap(pages: Iterable[PageVersions], base: str) -> bytes:
    """Return a sitemap listing each page once, with `xhtml:link` to each language version.

    Pages are sorted by URL and their versions by language, so the same site gives the
    same bytes.
    """
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    root = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    unique = {page.url: page for page in pages}
    for url in sorted(unique):
        page = unique[url]
        entry = ElementTree.SubElement(root, f"{{{SITEMAP}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP}}}loc").text = urljoin(f"{base}/", url)
        if len(page.alternates) > 1:
            for lang in sorted(page.alternates):
                ElementTree.SubElement(
                    entry,
                    f"{{{XHTML}}}link",
                    rel="alternate",
                    hreflang=lang,
                    href=urljoin(f"{base}/", page.alternates[lang]),
                )
    ElementTree.indent(root)
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def render_robots(base: str) -> bytes:
    """Return a robots.txt that lets every crawler in and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n".encode()
