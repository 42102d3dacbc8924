"""`deploy/nginx.conf` in Debian's nginx, over the published sample site: status codes, content
types, cache and security headers, and no page that breaks its Content-Security-Policy."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import REPO, build_site
from tests.servers import free_port, nginx

SHORT = "public, max-age=300"
# Collects what the page's Content-Security-Policy blocks, from before the page's own code.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample site published for nginx's address, served through a `current` link."""
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = build_site(REPO / "content", folder / "releases" / "1", "publishconf.py", SITEURL=base)
    assert site.failure is None, site.failure
    # The JSON Feed and the OPML list at their addresses, where the build does not write them.
    for name, text in (("en/feeds/all.json", "{}"), ("az/feeds/feeds.opml", "<opml/>")):
        if not (site.output / name).exists():
            (site.output / name).write_text(text, encoding="utf-8")
    (folder / "current").symlink_to("releases/1")
    with nginx(folder / "current", folder / "nginx", port) as address:
        yield address, site.output


def get(base: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed: status, headers (lowercase names), body."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("/", "text/html; charset=utf-8", SHORT),
        ("/en/", "text/html; charset=utf-8", SHORT),
        ("/en/about-us/", "text/html; charset=utf-8", SHORT),
        ("/en/feeds/all.rss.xml", "application/rss+xml; charset=utf-8", SHORT),
        ("/az/feeds/all.atom.xml", "application/atom+xml; charset=utf-8", SHORT),
        ("/en/feeds/all.json", "application/feed+json; charset=utf-8", SHORT),
        ("/az/feeds/feeds.opml", "text/x-opml; charset=utf-8", SHORT),
        ("/sitemap.xml", "text/xml; charset=utf-8", SHORT),
        ("/robots.txt", "text/plain; charset=utf-8", SHORT),
        ("/theme/css/base.css", "text/css; charset=utf-8", "public, max-age=3600"),
        ("/theme/images/logo.svg", "image/svg+xml; charset=utf-8", "public, max-age=3600"),
        ("/files/annual-report-2023.en.pdf", "application/pdf", "public, max-age=3600"),
    ],
)
def test_files_are_served_with_their_type_and_lifetime(
    web: tuple[str, Path], path: str, content_type: str, cache: str
) -> None:
    status, headers, _ = get(web[0], path)
    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == cache
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "script-src 'self' 'wasm-unsafe-eval';" in headers["content-security-policy"]


def test_the_search_index_s_chunks_are_kept_for_a_year(web: tuple[str, Path]) -> None:
    base, output = web
    chunk = next((output / "pagefind" / "fragment").iterdir()).relative_to(output)
    status, headers, _ = get(base, f"/{chunk.as_posix()}")
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("path", "page"),
    [("/en/no-such-story/", "en/404.html"), ("/az/2023/yox/", "az/404.html"),
     ("/no-such-page", "az/404.html")],
)  # fmt: skip
def test_a_missing_address_gets_its_language_s_not_found_page(
    web: tuple[str, Path], path: str, page: str
) -> None:
    base, output = web
    status, headers, body = get(base, path)
    assert status == 404
    assert body == (output / page).read_bytes()
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_a_folder_without_its_slash_is_redirected_on_the_same_host(web: tuple[str, Path]) -> None:
    status, headers, _ = get(web[0], "/en/about-us")
    assert status == 301
    assert headers["location"] == "/en/about-us/"


def page_types(output: Path) -> list[str]:
    """One page of each kind per language (home, story, listing, speaker, search, 404…)."""
    chosen: dict[tuple[str, int, str], str] = {}
    for path in sorted(output.rglob("*.html")):
        parts = path.relative_to(output).parts
        key = (parts[0], len(parts), parts[1] if len(parts) > 2 else "")
        chosen.setdefault(key, "/" + path.relative_to(output).as_posix().removesuffix("index.html"))
    return sorted(chosen.values())


def violations(page: Page, url: str, query: str | None = None) -> list[str]:
    """What the Content-Security-Policy blocked on a page (and its search, given a query)."""
    console: list[ConsoleMessage] = []

    def keep(message: ConsoleMessage) -> None:
        console.append(message)

    page.on("console", keep)
    try:
        page.goto(url, wait_until="load")
        if query is not None:
            page.fill("#search-query", query)
            page.press("#search-query", "Enter")
            page.wait_for_selector("#search-list li", timeout=10_000)
        found: list[str] = []
        for _attempt in range(5):
            try:
                found = page.evaluate("window.__violations")
                break
            except PlaywrightError:  # the page moved on (the root page's refresh): the
                page.wait_for_load_state("load")  # console still has what it blocked
    finally:
        page.remove_listener("console", keep)
    return found + [m.text for m in console if "Content Security Policy" in m.text]


def test_no_page_breaks_the_content_security_policy(
    browser: Browser, web: tuple[str, Path]
) -> None:
    base, output = web
    urls = page_types(output)
    assert len(urls) > 25, urls
    for url in urls:
        # A page of its own for each: the root page's refresh must not cut the next one short.
        alone = browser.new_page()
        alone.add_init_script(WATCH_CSP)
        assert violations(alone, base + url) == [], url
        alone.close()
    page = browser.new_page()
    page.add_init_script(WATCH_CSP)
    # The search runs Pagefind (a worker, WebAssembly) under the policy.
    assert violations(page, f"{base}/en/search/", "training") == []
    # An inline script would be caught: the check can fail.
    (output / "probe.html").write_text(
        "<!DOCTYPE html><title>x</title><script>document.title = 'ran'</script>",
        encoding="utf-8",
    )
    assert violations(page, f"{base}/probe.html")
    page.close()
