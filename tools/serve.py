"""Serving the preview as the web server serves the site: a missing address gets the site's
own "page not found" of its language, with the status 404.

`invoke serve` and the live preview (`tools.preview`) use it; the site's settings say where
each language's 404 page is (`BILINGUAL['urls']['not_found']`).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from plugins.bilingual.settings import BilingualSettings


def settings_pages(settings: Mapping[str, Any]) -> tuple[Mapping[str, str], str]:
    """Where each language's 404 page is in the output, and the default language."""
    languages = BilingualSettings.from_settings(settings)
    return {code: languages.save_as("not_found", lang=code) for code in languages.codes}, (
        languages.default_language
    )


def not_found_page(root: Path, address: str, pages: Mapping[str, str], default: str) -> Path | None:
    """The 404 page for a missing address: its language's (the first part of the address),
    else the default language's; None when the build wrote none."""
    first = unquote(urlsplit(address).path).lstrip("/").partition("/")[0]
    page = root / pages.get(first, pages[default])
    return page if page.is_file() else None


class PreviewHandler(SimpleHTTPRequestHandler):
    """Python's file server, answering a missing address with the site's 404 page."""

    pages: Mapping[str, str] = {}
    default = ""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 is the site's own page, in the address's language."""
        page = None
        if code == 404:
            page = not_found_page(Path(self.directory), self.path, self.pages, self.default)
        if page is None:
            super().send_error(code, message, explain)
            return
        self.send_body(404, "text/html; charset=utf-8", self.not_found_body(page.read_bytes()))

    def send_body(self, status: int, kind: str, body: bytes) -> None:
        """An answer made here, whole (no body for HEAD)."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found_body(self, body: bytes) -> bytes:
        """The 404 page as it is sent."""
        return body


# Names of this machine in a preview build's addresses.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def built_for(root: Path) -> str | None:
    """The address a built site names itself by in its feeds, sitemaps and metadata (read
    from its robots.txt, which names its sitemap); None if it has none."""
    try:
        lines = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    named = (line.partition(":")[2].strip() for line in lines if line.startswith("Sitemap:"))
    sitemap = urlsplit(next(named, ""))
    return f"{sitemap.scheme}://{sitemap.netloc}" if sitemap.scheme and sitemap.netloc else None


def address_problem(root: Path, host: str, port: int) -> str | None:
    """What is wrong with serving a preview build at `host`:`port`: its feeds and links to
    itself name another port of this machine (by any of its names)."""
    built = built_for(root)
    address = urlsplit(built or "")
    if address.hostname not in LOCAL_HOSTS or address.port == port:
        return None
    return (
        f"{root} was built for {built}/: its feeds, sitemaps and share links point there, "
        f"not at http://{host}:{port}/ — run `invoke build --port {port}` to build it for "
        "this port"
    )


def serve(root: Path, host: str, port: int, settings_file: str) -> None:
    """Serve the built site until interrupted."""
    from pelican.settings import read_settings

    pages, default = settings_pages(read_settings(settings_file))
    handler = type("SiteHandler", (PreviewHandler,), {"pages": pages, "default": default})
    with ThreadingHTTPServer(
        (host, port), functools.partial(handler, directory=str(root))
    ) as server:
        print(f"Serving {root} on http://{host}:{port}/ (Ctrl-C stops)")
        problem = address_problem(root, host, port)
        if problem:
            print(f"Note: {problem}")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
