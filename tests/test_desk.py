"""The desk (`invoke desk`, `tools.desk`): the editor's configuration follows the site's
settings and registries, and the desk answers its own pages only, on 127.0.0.1 only, writing
inside the content folder only."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pelican.settings import read_settings

from benchmarks.run import process_tree
from tests.conftest import REPO, require_tool
from tests.test_live_preview import LivePreview, running_preview
from tools import desk as desk_tool
from tools import preview as live
from tools.desk import DECAP, DECAP_SERVER
from tools.desk_config import editor_config


def require_editor() -> None:
    """Skip (fail in CI) without Node.js and the editor's packages (`npm ci`)."""
    require_tool(shutil.which("node") or "/usr/bin/node", "apt-get install nodejs npm")
    require_tool(DECAP_SERVER, "npm ci")
    require_tool(DECAP / "decap-cms.js", "npm ci")


def settings_for(content: Path) -> dict[str, Any]:
    return dict(read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(content)}))


def fields_of(config: dict[str, Any], collection: str) -> dict[str, dict[str, Any]]:
    found = next(item for item in config["collections"] if item["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def test_the_configuration_offers_the_registries_and_settings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    with (content / "speakers.yml").open("a", encoding="utf-8") as registry:
        registry.write(
            "\nnew-speaker:\n  name: {az: Yeni Natiq, en: New Speaker}\n"
            "  role: {az: Sözçü, en: Spokesperson}\n"
        )
    config = editor_config(settings_for(content), "http://127.0.0.1:1/api/v1")

    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": ["az", "en"],
        "default_locale": "az",
    }
    stories = fields_of(config, "stories")
    speakers = {option["value"]: option["label"] for option in stories["speakers"]["options"]}
    assert speakers["new-speaker"] == "Yeni Natiq — Sözçü"
    assert speakers["sabina-aliyeva"].startswith("Səbinə Əliyeva")
    contacts = {option["value"] for option in stories["contacts"]["options"]}
    assert contacts == {"press-office", "nigar-aliyeva"}
    categories = {option["value"]: option["label"] for option in stories["category"]["options"]}
    assert categories == {"news": "Xəbərlər", "events": "Tədbirlər", "statements": "Bəyanatlar"}
    assert stories["date"]["format"] == "YYYY-MM-DD HH:mm[Z]"
    assert "Asia/Baku" in stories["date"]["hint"]
    assert stories["speakers"]["i18n"] == "duplicate"
    assert stories["title"]["i18n"] is True
    photo = {field["name"]: field for field in stories["photo"]["fields"]}
    assert photo["alt"]["widget"] == "alt-text"  # required once the photo is chosen
    assert photo["alt"]["image"] == "photo.image"
    publications = fields_of(config, "publications")
    assert {option["value"] for option in publications["type"]["options"]} == {
        "annual-report",
        "special-report",
        "brochure",
    }
    assert publications["document"]["widget"] == "file"
    # Nothing of the editor names a place outside the content folder.
    folders = [item["folder"] for item in config["collections"]]
    assert folders == ["articles", "publications", "pages"]


@contextmanager
def running_desk(root: Path) -> Iterator[LivePreview]:
    """The desk on a copy of the sample content in `root`, its first build done."""
    require_editor()
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    with running_preview(content, root, tool=("tools.desk", "--editor-port", "0")) as desk:
        yield desk


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[LivePreview]:
    with running_desk(tmp_path) as desk:
        yield desk


def ask(url: str, body: dict[str, Any] | None = None, **headers: str) -> tuple[int, bytes, Any]:
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read(), refused.headers


def answers(backend: str, origin: str) -> bool:
    try:
        return ask(backend, {"action": "info"}, Origin=origin)[0] == 200
    except OSError:
        return False


def backend_of(desk: LivePreview) -> str:
    status, body, _ = ask(f"{desk.address}/admin/config.json")
    assert status == 200
    return str(json.loads(body)["local_backend"]["url"])


def test_the_desk_serves_the_editor_and_writes_inside_the_content_only(
    desk: LivePreview,
) -> None:
    status, page, _ = ask(f"{desk.address}/admin/")
    assert status == 200
    assert b"decap-cms.js" in page
    # The editor is served, never built: no file of it in the output.
    assert not (desk.output / "admin").exists()
    assert not list(desk.output.rglob("decap-cms*"))

    # A speaker added while the desk runs is offered the next time the editor opens.
    with (desk.content / "speakers.yml").open("a", encoding="utf-8") as registry:
        registry.write("\nlate-speaker:\n  name: {az: Gec Gələn, en: Late Comer}\n")
    _, body, _ = ask(f"{desk.address}/admin/config.json")
    speakers = fields_of(json.loads(body), "stories")["speakers"]["options"]
    assert "late-speaker" in {option["value"] for option in speakers}
    assert json.loads(body)["site_url"] == f"{desk.address}/"  # the editor links to the preview

    backend = backend_of(desk)
    assert backend.startswith("http://127.0.0.1:")
    outside = desk.content.parent / "outside.md"
    for path in ("../outside.md", "/tmp/outside.md", "articles/../../outside.md"):
        entry = {"path": path, "raw": "Title: x\n", "slug": "x"}
        status, _, _ = ask(backend, {"action": "persistEntry", "params": {
            "entry": entry, "assets": [], "options": {}, "branch": "main"}})  # fmt: skip
        assert status >= 400, path
    assert not outside.exists()
    assert not Path("/tmp/outside.md").exists()

    # Another site open in the writer's browser gets nothing from either server.
    origin = "http://elsewhere.example"
    assert ask(backend, {"action": "info"}, Origin=origin)[0] == 403
    assert ask(f"{desk.address}/__desk__/check", {"drafts": {}}, Origin=origin)[0] == 403
    # ...nor through a name of its own pointed at 127.0.0.1 (DNS rebinding).
    asked = {
        backend: {"action": "info"},
        f"{desk.address}/admin/config.json": None,
        f"{desk.address}/__desk__/check": {"drafts": {}},
        # The site as it is being written, and what its build said.
        f"{desk.address}/": None,
        f"{desk.address}/__preview__/build": None,
    }
    for address, payload in asked.items():
        port = address.split(":")[2].split("/")[0]
        named = {"Host": f"elsewhere.example:{port}", "Origin": f"http://elsewhere.example:{port}"}
        assert ask(address, payload, **named)[0] == 403, address
    # The desk's own pages are answered.
    own = desk.address
    assert ask(backend, {"action": "info"}, Origin=own)[0] == 200


def listening(port: int) -> set[str]:
    """The local addresses a TCP port is listened on, as Linux lists them (hex)."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:] if table.exists() else []:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_the_desk_listens_on_127_0_0_1_only(desk: LivePreview) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to read the listening sockets from")
    ports = [int(desk.address.rsplit(":", 1)[1]), int(backend_of(desk).split(":")[2].split("/")[0])]
    for port in ports:
        assert listening(port) == {"0100007F"}, f"port {port}: {listening(port)}"


def file_server_of(desk: LivePreview) -> int | None:
    """The process id of the desk's file server (Node), if it has one running."""
    for child in process_tree(desk.process.pid)[1:]:
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{child}/cmdline").read_text(errors="replace")
            if "desk-server.js" in command and alive(child):
                return child
    return None


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Any, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_the_file_server_is_started_again_if_it_stops(desk: LivePreview) -> None:
    backend = backend_of(desk)
    port = desk.address.rsplit(":", 1)[1]
    # The editor opened at localhost is answered as at 127.0.0.1.
    status, _, headers = ask(backend, {"action": "info"}, Origin=f"http://localhost:{port}")
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == f"http://localhost:{port}"

    first = file_server_of(desk)
    assert first is not None
    os.kill(first, signal.SIGKILL)
    wait_until(lambda: file_server_of(desk) not in (first, None), "no new file server started")
    wait_until(lambda: answers(backend, desk.address), "the new file server does not answer")


def test_a_file_server_that_keeps_stopping_at_once_is_given_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desk_tool.time, "sleep", lambda seconds: None)  # no pauses here
    preview = live.Preview(REPO / "pelicanconf.py", {})
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"]))
        return started[-1]

    preview.helpers.append(start())
    desk_tool.keep_running(preview, start)  # returns: it gives up
    assert len(started) == 1 + desk_tool.TRIES
    out = capsys.readouterr().out
    assert out.count("starting it again") == desk_tool.TRIES
    assert "keeps stopping (exit status 3): saves from the editor will fail" in out


def test_one_desk_per_content_folder(desk: LivePreview, tmp_path: Path) -> None:
    other = subprocess.run(
        [sys.executable, "-m", "tools.desk", str(desk.content), "-o", str(tmp_path / "out2"),
         "--cache-path", str(tmp_path / "cache2"), "--port", "0"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert other.returncode == 1
    assert "another desk is open on this content" in other.stderr
    assert "Traceback" not in other.stderr


def test_a_taken_port_is_named(tmp_path: Path) -> None:
    require_editor()
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for option in ("--port", "--editor-port"):
            result = subprocess.run(
                [sys.executable, "-m", "tools.desk", str(content), "-o", str(tmp_path / "out"),
                 "--cache-path", str(tmp_path / "cache"), option, port],
                cwd=REPO, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert result.returncode == 1, option
            assert f"127.0.0.1:{port} cannot be" in result.stderr, option
            assert "Traceback" not in result.stderr


def test_the_file_server_ends_with_the_desk_however_it_ends(tmp_path: Path) -> None:
    with running_desk(tmp_path) as desk:
        node = file_server_of(desk)
        assert node is not None
        desk.process.kill()  # no chance to stop it on the way out
        desk.process.wait()
        wait_until(lambda: not alive(node), "the file server outlived the desk")


def test_ctrl_c_in_the_terminal_reaches_the_desk_and_not_its_file_server(tmp_path: Path) -> None:
    # The desk ends the file server with SIGTERM, which lets a save under way finish.
    with running_desk(tmp_path) as desk:
        node = file_server_of(desk)
        assert node is not None
        assert os.getpgid(node) != os.getpgid(desk.process.pid)
