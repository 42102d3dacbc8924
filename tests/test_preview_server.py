"""The preview servers answer a missing address as the web server does: with the site's own
"page not found" of the address's language, and the status 404."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from invoke import Context

import tasks
from tests.browser.conftest import free_port
from tests.conftest import REPO, BuiltSite, build_site, copy_case
from tools.serve import address_problem, built_for

SERVERS = {
    "serve": "from tools.serve import serve; "
    "serve(Path({root!r}), '127.0.0.1', {port}, {settings!r})",
    "livereload": "from tools.preview import main; "
    "main([{content!r}, '-s', {settings!r}, '-o', {root!r}, '--cache-path', {cache!r}, "
    "'--port', '{port}'])",
}


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("preview")
    return build_site(copy_case("basic", root / "content", {}), root / "output")


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, preview: BuiltSite) -> Iterator[str]:
    port = free_port()
    code = "from pathlib import Path; " + SERVERS[request.param].format(
        root=str(preview.output),
        content=str(preview.content),
        cache=str(preview.output.parent / "cache"),
        port=port,
        settings=str(REPO / "pelicanconf.py"),
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{address}/az/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[int, BeautifulSoup]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, BeautifulSoup(response.read(), "html.parser")
    except urllib.error.HTTPError as error:
        return error.code, BeautifulSoup(error.read(), "html.parser")


@pytest.mark.parametrize(
    ("address", "lang"), [("/en/2019/01/gone/", "en"), ("/az/yox", "az"), ("/nowhere.html", "az")]
)
def test_a_missing_address_gets_the_site_s_own_404_in_its_language(
    server: str, preview: BuiltSite, address: str, lang: str
) -> None:
    status, page = fetch(server + address)
    assert status == 404
    assert page.html["lang"] == lang
    own = BeautifulSoup(preview.path(f"/{lang}/404.html").read_bytes(), "html.parser")
    assert page.title == own.title
    assert page.main == own.main  # (the live preview adds its script to the page)


def test_a_page_is_served_as_it_is(server: str, preview: BuiltSite) -> None:
    status, page = fetch(server + "/en/")
    assert status == 200
    assert page.html["lang"] == "en"


def test_serving_on_another_port_than_the_build_s_says_how_to_build_for_it(
    preview: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A preview build names the port of Pelican's settings (8000) in its feeds and sitemaps.
    assert built_for(preview.output) == "http://127.0.0.1:8000"
    assert address_problem(preview.output, "127.0.0.1", 8000) is None
    problem = address_problem(preview.output, "127.0.0.1", 8001)
    assert problem == (
        f"{preview.output} was built for http://127.0.0.1:8000/: its feeds, sitemaps and "
        "share links point there, not at http://127.0.0.1:8001/ — run `invoke build --port "
        "8001` to build it for this port"
    )

    # `invoke build --port 8001` builds for that port: its feeds name it.
    commands: list[list[str]] = []
    monkeypatch.setattr(tasks, "run", lambda *command: commands.append([*map(str, command)]))
    tasks.build(Context(), port=8001)
    [command] = commands
    assert command[command.index("-e") + 1] == "PORT=8001"
    output = tmp_path / "output"
    command[command.index("content")] = str(preview.content)
    subprocess.run(
        [*command, "-o", str(output), "--cache-path", str(tmp_path / "cache")],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert address_problem(output, "127.0.0.1", 8001) is None
    feed = feedparser.parse((output / "en" / "feeds" / "all.atom.xml").read_bytes())
    assert feed.entries
    assert {urlsplit(entry.link).netloc for entry in feed.entries} == {"127.0.0.1:8001"}

    # Built for another name of this machine, on the port it is served on: nothing is wrong.
    named = build_site(preview.content, tmp_path / "named" / "output", BIND="localhost")
    assert built_for(named.output) == "http://localhost:8000"
    assert address_problem(named.output, "127.0.0.1", 8000) is None

    # A production build names the site's own address: served here, nothing is wrong.
    published = build_site(preview.content, tmp_path / "published", SITEURL="https://press.example")
    assert built_for(published.output) == "https://press.example"
    assert address_problem(published.output, "127.0.0.1", 8001) is None
