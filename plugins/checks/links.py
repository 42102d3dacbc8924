"""Checking the links stories and pages make to the site itself, once every URL is known."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from plugins.common.outputs import content_outputs, save_as_for
from plugins.common.site import base_url, own_siteurl
from plugins.common.sources import display_path
from plugins.common.story_html import StoryHtml

from .scan import resolve_target

logger = logging.getLogger(__name__)


def internal_target(href: str, page_url: str, site: str) -> str | None:
    """Return the output file a link on a page points at, or None if it leaves the site."""
    if href.startswith(site + "/"):
        href = href[len(site) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, tel:, or a #fragment of the same page
    return save_as_for(unquote(urljoin(f"/{page_url}", parts.path)).lstrip("/"))


def item_links(item: Any, siteurl: str, html: StoryHtml) -> list[str]:
    """Every link of a story or page: its text's, then its `Summary:` header's."""
    links = list(html.links(str(item.get_content(siteurl) or "")))
    if item.metadata.get("summary"):  # written in the header, not taken from the text
        summary = html.links(str(item.get_summary(siteurl) or ""))
        links += [href for href in summary if href not in links]
    return links


# What comes right before a link's address in Markdown or HTML: `](`, a reference
# definition's `[ref]:`, `href=`, `src=`, each with an optional `<` or quote.
_BEFORE_ADDRESS = r"(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src)\s*=\s*[\"']?)"


# Characters `quote` leaves as they are when it %-encodes an address.
_SAFE = "/:?#[]@!$&'()*+,;=%~{}"


def spellings(href: str, *also: str) -> list[str]:
    """The ways a source may write a link the HTML has as `href`: as it is, with `&` as
    `&amp;`, with its %-escapes decoded or encoded, and each of `also`."""
    found = [href, href.replace("&", "&amp;"), unquote(href), quote(href, safe=_SAFE), *also]
    return [s for s in dict.fromkeys(found) if s]


def link_line(source: Path, href: str, *also: str) -> int:
    """Return the line of the source where a link is written, or 1.

    The link is looked for as an address (after `](`, `]:`, `href=`, `src=`) in each of its
    spellings (see `spellings`), then anywhere in a line: `also` names what else the source
    may call it, such as the file a `{filename}` link named.
    """
    try:
        lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    written = spellings(href, *also)
    for spelling in written:
        address = re.compile(_BEFORE_ADDRESS + re.escape(spelling) + r"(?=[\s\"'>)]|$)")
        for number, line in enumerate(lines, start=1):
            if address.search(line):
                return number
    for spelling in written:
        for number, line in enumerate(lines, start=1):
            if spelling in line:
                return number
    return 1


def known_outputs(context: Mapping[str, Any], generated_urls: Iterable[str]) -> set[str]:
    """Every file the build writes or copies, as paths in the output folder.

    Stories, pages and static files from Pelican's context; the pages and feeds the site
    generates (`generated_urls`); the theme's own files.
    """
    files = set(content_outputs(context.get("generated_content", {})))
    files |= {
        item.save_as for item in context.get("static_content", {}).values() if item is not None
    }
    files |= {save_as_for(url) for url in generated_urls}
    theme = Path(context.get("THEME", "theme"))
    for folder in context.get("THEME_STATIC_PATHS", ["static"]):
        root = theme / folder
        prefix = context.get("THEME_STATIC_DIR", "theme")
        files |= {
            f"{prefix}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file()
        }
    return files


def check_links(
    context: Mapping[str, Any],
    items: Iterable[Any],
    generated_urls: Iterable[str],
    html: StoryHtml | None = None,
) -> int:
    """Report every link of the items to a page or file the build does not write.

    `generated_urls` are the pages and feeds the site generates besides Pelican's; `html`
    holds the links of the stories the build has parsed already (for the feeds).
    Returns how many broken links were found.
    """
    html = html or StoryHtml()
    known = known_outputs(context, generated_urls)
    site = base_url(context)
    root = Path(context["PATH"])
    written_as: dict[str, str] = {}  # made at the first broken link
    broken = 0
    for item in items:
        for href in item_links(item, own_siteurl(item, context), html):
            if href.startswith("{"):  # a {filename} link Pelican could not resolve
                left_out = _unbuilt_target(href, item, root)
                if left_out:
                    broken += 1
                    logger.error(
                        "%s:%d: the link %s points at %s, which this build leaves out — "
                        "link a published story or page, or remove the link",
                        display_path(item.source_path, root),
                        link_line(Path(item.source_path), href),
                        href,
                        left_out,
                    )
                continue
            target = internal_target(href, item.url, site)
            if target is None or target in known or f"{target}/index.html" in known:
                continue
            broken += 1
            on_site = [href[len(site) :]] if site and href.startswith(site + "/") else []
            line = link_line(Path(item.source_path), href, *on_site)
            if line == 1:
                # A {filename} link became its target's URL: the source names the target's
                # file.
                written_as = written_as or {
                    save_as_for(other.url): PurePath(other.source_path).name
                    for other in context.get("generated_content", {}).values()
                    if other is not None
                }
                if target in written_as:
                    line = link_line(Path(item.source_path), written_as[target])
            logger.error(
                "%s:%d: the link %s leads to no page of the site — fix the address or "
                "remove the link",
                display_path(item.source_path, root),
                line,
                href,
            )
    return broken


_UNRESOLVED = re.compile(r"^\{(?:filename|static|attach)\}(?P<path>[^?#]*)")


def _unbuilt_target(href: str, item: Any, root: Path) -> str | None:
    """The file an unresolved `{filename}` link names, as staff know it, when the file is
    there but not built (a missing one was reported when the source was read)."""
    match = _UNRESOLVED.match(href)
    if not match:
        return None
    target = root / resolve_target(match["path"], Path(item.source_path), root)
    return display_path(target, root) if target.is_file() else None


def written_items(context: Any) -> list[Any]:
    """The stories, pages and publications the build writes: the published ones, and where
    drafts are written (previews, `invoke check`), the drafts."""
    return [
        item
        for item in context.get("generated_content", {}).values()
        if item is not None and item.status in ("published", "hidden", "draft") and item.save_as
    ]
