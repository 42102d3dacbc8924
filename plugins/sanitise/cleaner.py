"""The HTML a press release may contain, enforced by Ammonia (through nh3)."""

from __future__ import annotations

import nh3

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption"}
# Ids are kept where Markdown's anchors need them: headings, and footnotes and their marks.
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()} | {
    tag: {"id"} for tag in (*HEADINGS, "sup", "li")
}
ATTRIBUTES["*"] = ATTRIBUTES.get("*", set()) | {"lang", "dir", "title"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean(html: str) -> str:
    """Return the HTML with scripts, styles, frames, event handlers and unsafe URLs removed.

    The ordinary markup of a press release (paragraphs, headings with anchors, lists,
    links, images, tables, quotes, figures) is kept, and so are Pelican's `{static}` and
    `{filename}` links, which are relative URLs until Pelican resolves them.
    """
    return str(
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
    )
