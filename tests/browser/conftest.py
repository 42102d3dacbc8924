"""The sample site served on 127.0.0.1 and opened in headless Chromium (Debian's)."""

from __future__ import annotations

import io
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from random import Random

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import REPO, BuiltSite, build_site, require_tool

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling hosts a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(folder: Path, port: int) -> Iterator[None]:
    """Serve a folder on 127.0.0.1 while the block runs."""
    handler = partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuiltSite]]:
    """The sample site built with production settings and served on 127.0.0.1."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("served") / "output"
    site = build_site(REPO / "content", output, "publishconf.py", SITEURL=base)
    assert site.failure is None, site.failure
    with serving(output, port):
        yield base, site


@pytest.fixture(scope="session")
def photo_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuiltSite]]:
    """The sample site with a camera's 4000 × 2667 JPEG (about 2 MB) as the training
    story's lead photo, built with production settings and served on 127.0.0.1."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("photo-served")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    (content / "images" / "2023" / "training-hall.jpg").write_bytes(camera_jpeg(4000, 2667))
    for story in (content / "articles" / "2023").glob("*-children-migration-training.*.md"):
        text = story.read_text(encoding="utf-8")
        story.write_text(
            text.replace("children-migration-training.svg", "training-hall.jpg"), encoding="utf-8"
        )
    site = build_site(content, root / "output", "publishconf.py", SITEURL=base)
    assert site.failure is None, site.failure
    with serving(root / "output", port):
        yield base, site


def camera_jpeg(width: int, height: int) -> bytes:
    """A photo as a camera saves it: smooth light, shapes, the grain of a sensor, quality 92."""
    random = Random(4)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, size = random.randrange(width), random.randrange(height), random.randrange(80, 600)
        colour = tuple(random.randrange(40, 220) for _ in range(3))
        draw.ellipse([x, y, x + size, y + size], fill=colour)
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    photo = Image.blend(image, grain, 0.12)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92)
    return out.getvalue()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, launched once for the whole session."""
    require_tool(CHROMIUM, "apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
