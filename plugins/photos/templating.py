"""Photos for templates: `picture()` writes a photo of the site at the sizes the page shows
it, and `with_photos` does the same for the photos of a story's text."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from plugins.common.site import SITE
from plugins.publications.documents import human_size

from .library import Photo, beside
from .markup import picture, tag, with_pictures

# How wide the site shows a story's photos: the text column (48rem), or the screen.
TEXT_WIDTH = "(min-width: 52rem) 48rem, 100vw"


def install(env: Environment) -> None:
    """Add `picture()`, `shared_photo()`, `photo_details()` and the `with_photos` filter to a
    generator's Jinja environment."""
    env.globals.update(picture=picture_of, shared_photo=shared_photo, photo_details=photo_details)
    env.filters.update(with_photos=with_photos)


@pass_context
def picture_of(
    ctx: Context,
    path: str,
    alt: str = "",
    sizes: str = TEXT_WIDTH,
    square: bool = False,
    lazy: bool = True,
    class_: str = "",
    width: int | None = None,
    height: int | None = None,
) -> Markup:
    """A photo of the content folder (by its path, or its URL on the site) as the page
    shows it: `sizes` says how wide. A file the pipeline does not make copies of (an SVG)
    is a plain `<img>` of the given `width` and `height`."""
    site = ctx[SITE]
    photo, url = site.photo(path)
    shown = f"{ctx.get('SITEURL', '')}/{url}"
    attributes = {"class": class_} if class_ else {}
    if photo is None:
        if not (width and height):
            width, height = site.drawing_size(path) or (None, None)
        sized = {"width": str(width), "height": str(height)} if width and height else {}
        lazily = {"loading": "lazy"} if lazy else {}
        return Markup(tag("img", {**attributes, "src": shown, "alt": alt, **sized, **lazily}))
    markup = picture(photo, shown, alt, sizes, square=square, lazy=lazy, attributes=attributes)
    return Markup(markup)


@pass_context
def with_photos(ctx: Context, html: str) -> Markup:
    """A story's text with its photos at the sizes the text column shows them."""
    site, siteurl = ctx[SITE], str(ctx.get("SITEURL", ""))

    def find(src: str) -> Any:
        return site.photo_linked(src, siteurl)

    return Markup(with_pictures(str(html), find, TEXT_WIDTH))


@pass_context
def shared_photo(ctx: Context, path: str) -> str:
    """The URL of the copy of a photo that link previews show (a JPEG about 1280 pixels
    wide): the photo's own for a file the pipeline does not make copies of."""
    photo, url = ctx[SITE].photo(path)
    shared = photo.shared if photo is not None else None
    return beside(url, shared) if shared is not None else str(url)


def photo_details(photo: Photo, locale: str) -> str:
    """What a journalist downloads: `4000 × 2667, JPEG, 1.6 MB` in the locale's digits."""
    return f"{photo.width} × {photo.height}, {photo.format_name}, {human_size(photo.size, locale)}"
