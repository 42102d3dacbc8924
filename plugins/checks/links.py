"""Checking the links stories and pages make to the site itself, once every URL is known."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

from plugins.common.outputs import known_outputs
from plugins.common.site import base_url
from plugins.common.sources import display_path

logger = logging.getLogger(__name__)


def internal_target(href: str, page_url: str, site: str) -> str | None:
    """Return the output file a link on a page points at, or None if it leaves the site."""
    if href.startswith(site + "/"):
        href = href[len(site) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, tel:, or a #fragment of the same page
    path = unquote(urljoin(f"/{page_url}", parts.path)).lstrip("/")
    return f"{path}index.html" if not path or path.endswith("/") else path


def links_of(html: str) -> list[str]:
    """Every link (`a href`) and image (`img src`) address in a piece of HTML."""
    if not html.strip():
        return []
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    return [
        str(link)
        for element, attribute, link, _ in fragment.iterlinks()
        if (element.tag, attribute) in (("a", "href"), ("img", "src"))
    ]


def link_line(source: Path, href: str) -> int:
    """Return the line of the source where a link is written, or 1."""
    try:
        lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, start=1) if href in line), 1)


def check_links(context: Mapping[str, Any], items: Iterable[Any]) -> int:
    """Report every link of the items to a page or file the build does not write.

    Returns how many broken links were found.
    """
    known = known_outputs(context)
    site = base_url(context)
    root = Path(context["PATH"])
    broken = 0
    for item in items:
        for href in links_of(item.content or ""):
            if href.startswith("{"):
                continue  # {filename} links were checked when the file was read
            target = internal_target(href, item.url, site)
            if target is None or target in known or f"{target}/index.html" in known:
                continue
            broken += 1
            logger.error(
                "%s:%d: the link %s leads to no page of the site — fix the address or "
                "remove the link",
                display_path(item.source_path, root),
                link_line(Path(item.source_path), href),
                href,
            )
    return broken
