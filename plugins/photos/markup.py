"""The markup of a photo on a page: `<picture>` with a WebP source and a JPEG (or PNG)
fallback, each with its widths, and the photo's own size so the page does not move while it
loads; and the same for photos in a story's text."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

from .encode import Made
from .library import Photo, beside

# Where the fallback `src` points for browsers that know no `srcset`: a copy this wide.
FALLBACK_WIDTH = 640
# An `<img>` tag of a story's text, as Markdown and the sanitiser write it.
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def picture(
    photo: Photo,
    url: str,
    alt: str,
    sizes: str,
    *,
    square: bool = False,
    lazy: bool = True,
    attributes: dict[str, str] | None = None,
) -> str:
    """The markup of a photo published at `url` (as a page links to it: `/images/a.jpg`,
    `../../images/a.jpg`); `sizes` says how wide the page shows it."""
    made = photo.shape(square)
    webp = [copy for copy in made if copy.mime == "image/webp"]
    fallback = [copy for copy in made if copy.mime != "image/webp"]
    chosen = next((copy for copy in fallback if copy.width >= FALLBACK_WIDTH), fallback[-1])
    width, height = (chosen.width, chosen.height) if square else (photo.width, photo.height)
    img = {
        **(attributes or {}),
        "src": beside(url, chosen),
        "srcset": _srcset(url, fallback),
        "sizes": sizes,
        "width": str(width),
        "height": str(height),
        "alt": alt,
        "decoding": "async",
    }
    if lazy:
        img["loading"] = "lazy"
    source = {"type": "image/webp", "srcset": _srcset(url, webp), "sizes": sizes}
    return f"<picture>{tag('source', source)}{tag('img', img)}</picture>"


def _srcset(url: str, made: list[Made]) -> str:
    return ", ".join(f"{beside(url, copy)} {copy.width}w" for copy in made)


def tag(name: str, attributes: dict[str, str]) -> str:
    """One start tag, its attribute values escaped."""
    shown = "".join(f' {key}="{escape(value)}"' for key, value in attributes.items())
    return f"<{name}{shown}>"


def with_pictures(html: str, find: Callable[[str], tuple[Photo, str] | None], sizes: str) -> str:
    """A story's text with each of its photos as a `<picture>` (lazily loaded), its own
    attributes kept; `find(src)` gives the photo an `<img src>` shows, and its URL as the
    page links to it."""
    if "<img" not in html and "<IMG" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        attributes = _attributes(match.group(0))
        found = find(attributes.get("src", ""))
        if found is None:
            return match.group(0)
        photo, url = found
        alt = attributes.pop("alt", "")
        for key in ("src", "srcset", "sizes", "width", "height", "loading", "decoding"):
            attributes.pop(key, None)
        return picture(photo, url, alt, sizes, attributes=attributes)

    return IMG_TAG.sub(replace, html)


def _attributes(tag: str) -> dict[str, str]:
    """The attributes of one tag, read by Python's HTML parser."""
    found: dict[str, str] = {}

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.update((key, value or "") for key, value in attrs)

        handle_startendtag = handle_starttag

    reader = Reader(convert_charrefs=True)
    reader.feed(tag)
    reader.close()
    return found
