"""The absolute address of the site, the `SITEURL` a page's links start from, and the media
types of its files, for feeds, sitemaps, checks and machine-readable metadata."""

from __future__ import annotations

import functools
import mimetypes
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import urljoin

from pelican.utils import get_relative_path, path_to_url

# Where the build's model (`plugins.newsroom.model.Build`) is in the template context:
# templates and their helpers read the site's languages, speakers, feeds and publications
# there.
SITE = "site"


def base_url(settings: Mapping[str, Any]) -> str:
    """Return the absolute address the site is served from, without a trailing slash.

    Production has an absolute `SITEURL`. A development build (empty `SITEURL`) is served
    by the local preview server that `invoke serve` starts (Pelican's `BIND` and `PORT`).
    """
    siteurl = str(settings.get("SITEURL") or "")
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    host = settings.get("BIND") or "127.0.0.1"
    return f"http://{host}:{settings.get('PORT', 8000)}"


def siteurl_problem(settings: Mapping[str, Any]) -> str | None:
    """What is wrong with `SITEURL`, if anything: feeds, sitemaps and metadata need it
    empty (a preview) or an absolute http(s) address."""
    siteurl = settings.get("SITEURL")
    if not siteurl or str(siteurl).startswith(("http://", "https://")):
        return None
    return (
        f"SITEURL: {siteurl!r} must be the site's full address, like "
        "'https://press.example.org', or empty for previews"
    )


# Paths that join as they are: no scheme, query, fragment, parameters or spaces, and not
# starting at the root or with a dot segment.
_SITE_PATH = re.compile(r"(?:[A-Za-z0-9_~%-][A-Za-z0-9_~%./-]*)?")


def absolute(base: str, url: str) -> str:
    """Return a site URL (`az/2023/10/x/`) as an absolute one under the base address."""
    if _SITE_PATH.fullmatch(url) and "//" not in url and "/." not in url:
        # A plain path below the base: what `urljoin` gives, without its parsing (a build
        # asks for thousands).
        return f"{base}/{url}"
    return urljoin(f"{base}/", url)


def relative_siteurl(save_as: str) -> str:
    """The `SITEURL` of the page written to `save_as` when URLs are relative: `../..` up to
    the site's root from the page's folder, as Pelican's writer makes it."""
    return str(path_to_url(get_relative_path(save_as)))


def own_siteurl(item: Any, settings: Mapping[str, Any]) -> str:
    """The `SITEURL` an item's links start from on its own page (for `get_content()` and
    `get_summary()`).

    With relative URLs Pelican writes an item's links from the page being written: read
    at another moment, by a feed or a check, `item.content` would start from the folder of
    whichever page was written last.
    """
    if settings.get("RELATIVE_URLS"):
        return relative_siteurl(item.save_as)
    return str(item.get_siteurl())


# Media types of the files a press office publishes, the same on every machine (the
# system's own table, which Python would also read, differs from one to another).
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".epub": "application/epub+zip",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}


def media_type(name: str) -> str:
    """Return a file's media type by its name, the same on every machine."""
    suffix = PurePath(name).suffix.lower()
    known = MEDIA_TYPES.get(suffix) or _built_in_types().guess_type(f"x{suffix}")[0]
    return known or "application/octet-stream"


@functools.cache
def _built_in_types() -> mimetypes.MimeTypes:
    """Python's own table, for other files: made on first use, as making it reads the
    system's table too (it is not used), which takes a few milliseconds."""
    return mimetypes.MimeTypes(filenames=())
