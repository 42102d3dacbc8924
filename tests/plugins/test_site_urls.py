"""Absolute URLs: the same as the standard library's joining, for every kind of link."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from plugins.common.site import absolute

BASES = ["https://press.example.org", "https://example.org/press", "http://127.0.0.1:8000"]
URLS = [
    "",
    "az/2023/10/training/",
    "en/feeds/all.atom.xml",
    "images/photo 1.jpg",
    "images/x.v2.svg",
    "az/search/?q=uşaq",
    "/en/about/",
    "./en/about/",
    "en/./about/",
    "en/../az/",
    "../outside/",
    "#main",
    "?page=2",
    "https://other.example/x",
    "mailto:press@example.org",
    "//cdn.example/x.js",
    "az//2023/x/",
    "az/x/?",
    "az/x/#",
    "az/x;v=1",
    " az/x/",
    "az/a\tb/",
    "az/x/\n",
    "images/şəkil.jpg",
    "az/2023/10/x/..",
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("url", URLS)
def test_absolute_urls_are_what_urljoin_gives(base: str, url: str) -> None:
    assert absolute(base, url) == urljoin(f"{base}/", url)
