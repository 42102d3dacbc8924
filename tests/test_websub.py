"""WebSub: a deploy tells each hub exactly the feeds that changed since the last deploy; a
hub that does not answer is a warning; without hubs nothing is sent."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.browser.conftest import free_port
from tests.conftest import REPO

SITE = "https://press.example.net"
FEEDS = ["az/feeds/all.rss.xml", "az/feeds/all.json", "en/feeds/all.atom.xml"]


class Hub(BaseHTTPRequestHandler):
    """A WebSub hub that records each ping it receives."""

    pings: list[dict[str, list[str]]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.pings.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


@pytest.fixture
def hub() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    pings: list[dict[str, list[str]]] = []
    handler = type("RecordingHub", (Hub,), {"pings": pings})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", pings
    server.shutdown()
    server.server_close()


def release(target: Path, number: int, feeds: dict[str, str]) -> None:
    """A published release whose site has these feeds, made `current`."""
    site = target / "releases" / str(number) / "site"
    for name, text in feeds.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "index.html").write_text(f"release {number}", encoding="utf-8")
    current = target / "current"
    current.unlink(missing_ok=True)
    current.symlink_to(f"releases/{number}")


def deploy(tmp_path: Path, hubs: list[str]) -> subprocess.CompletedProcess[str]:
    settings = tmp_path / "websubconf.py"
    settings.write_text(
        f"from publishconf import *\nPATH = {str(REPO / 'content')!r}\nSITEURL = {SITE!r}\n"
        f"FEEDS = {{**FEEDS, 'websub_hubs': {hubs!r}}}\n",
        encoding="utf-8",
    )
    server = tmp_path / "server"
    server.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "invoke", "deploy", "--to", str(server),
        "--target", str(tmp_path / "publish"), "--settings", str(settings),
    ]  # fmt: skip
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, env=env)


def pinged(pings: list[dict[str, list[str]]]) -> list[str]:
    assert all(ping["hub.mode"] == ["publish"] for ping in pings)
    return sorted(url for ping in pings for url in ping["hub.url"])


def test_a_deploy_tells_the_hub_exactly_the_changed_feeds(
    tmp_path: Path, hub: tuple[str, list[dict[str, list[str]]]]
) -> None:
    address, pings = hub
    target = tmp_path / "publish"
    release(target, 1, {name: "first" for name in FEEDS})
    first = deploy(tmp_path, [address])
    assert first.returncode == 0, first.stderr
    assert pinged(pings) == sorted(f"{SITE}/{name}" for name in FEEDS)  # a first deploy: all
    assert "WebSub: 3 changed feeds announced to 1 of 1 hubs" in first.stdout
    pings.clear()
    # One feed changes, one is new, one stays the same.
    feeds = {**{name: "first" for name in FEEDS}, FEEDS[1]: "second", "en/feeds/all.json": "new"}
    release(target, 2, feeds)
    second = deploy(tmp_path, [address])
    assert second.returncode == 0, second.stderr
    assert pinged(pings) == [f"{SITE}/az/feeds/all.json", f"{SITE}/en/feeds/all.json"]
    live = tmp_path / "server" / "current" / "index.html"  # the live release on the server
    assert live.read_text(encoding="utf-8") == "release 2"


def test_without_hubs_nothing_is_sent_and_feeds_name_none(
    tmp_path: Path, hub: tuple[str, list[dict[str, list[str]]]]
) -> None:
    _, pings = hub
    release(tmp_path / "publish", 1, {name: "first" for name in FEEDS})
    done = deploy(tmp_path, [])
    assert done.returncode == 0, done.stderr
    assert pings == []
    assert "WebSub" not in done.stdout + done.stderr


def test_a_hub_that_does_not_answer_is_a_warning_not_a_failed_deploy(tmp_path: Path) -> None:
    silent = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    release(tmp_path / "publish", 1, {name: "first" for name in FEEDS})
    done = deploy(tmp_path, [silent])
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "server" / "current" / "index.html").is_file()
    (warning,) = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warning.startswith(f"WARNING WebSub hub {silent} was not told of the new feeds (")
    assert "FEEDS['websub_hubs']" in warning
    assert "WebSub: 3 changed feeds announced to 0 of 1 hubs" in done.stdout
