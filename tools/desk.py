"""The desk: the live preview with an editor in the browser, for staff who never open a
terminal.

    python -m tools.desk [CONTENT] [-s SETTINGS] [--port N] [--editor-port N]

`invoke desk` runs it. The preview (`tools.preview`) serves the site on 127.0.0.1 and
rebuilds it on every save; the editor, Decap CMS, is served beside it at `/admin/` and
writes the content files through Decap's own file server (`decap-server`), which may
write inside the content folder only. Both listen on 127.0.0.1 alone, and nothing of the
editor is ever written into a build's output.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plugins.common.processes import end_with_parent
from tools import preview as live
from tools import releases
from tools.desk_config import editor_config
from tools.draftcheck import check_in_fork

HOST = live.LOOPBACK
EDITOR = "/admin/"
CHECK = "/__desk__/check"
HERE = Path(__file__).resolve().parent
DECAP = live.ROOT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = live.ROOT / "node_modules" / "decap-server" / "dist" / "middlewares.js"
FILE_SERVER = HERE / "desk-server.js"
# The editor's page: Decap CMS, then the site's own format, preview and checks.
PAGE = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsroom desk</title>
<script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
<script src="/admin/decap-cms.js"></script>
<script src="/admin/desk.js"></script>
</body>
</html>
"""
ASSET = re.compile(r"^/admin/([\w.-]+\.(?:js|wasm|css))$")
KINDS = {".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css"}
# The largest check request taken: a story's files, with room to spare.
MOST = 4 * 1024 * 1024
# Checks at a time (each a process); more wait their turn: the page asks again anyway.
CHECKING = threading.BoundedSemaphore(2)
# A file server that keeps stopping within STEADY seconds of starting is started again
# TRIES times, then left stopped: it would only stop again.
STEADY, TRIES = 10, 3


class DeskHandler(live.LiveHandler):
    """The preview's pages, and the editor beside them."""

    backend = ""  # the address of the editor's file server

    def do_GET(self) -> None:  # noqa: N802 (the name Python's server calls)
        """The editor's page, configuration and code; else the preview (the site as it is
        being written): to the desk's own address and pages only."""
        path = self.path.partition("?")[0]
        asset = ASSET.match(path)
        if not self.own_origin():
            self.send_error(403)
        elif path in {"/admin", EDITOR, "/admin/index.html"}:
            self.send_body(200, "text/html; charset=utf-8", PAGE)
        elif path == "/admin/config.json":
            site = f"http://{self.headers['Host']}/"  # checked: 127.0.0.1 or localhost
            config = editor_config(self.preview.settings, f"{self.backend}/api/v1", site)
            self.send_body(200, "application/json", json.dumps(config).encode())
        elif path == "/admin/desk.js":
            self.send_body(200, "text/javascript", (HERE / "desk.js").read_bytes())
        elif asset and (DECAP / asset[1]).is_file():
            self.send_body(200, KINDS[Path(asset[1]).suffix], (DECAP / asset[1]).read_bytes())
        else:
            super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        """`invoke check`'s findings for the files being written, before they are saved."""
        if self.path != CHECK or not self.own_origin():
            self.send_error(403 if self.path == CHECK else 404)
            return
        try:
            size = int(self.headers.get("Content-Length", "0"))
            if not 0 < size <= MOST:
                raise ValueError("the request is empty or too large")
            drafts = json.loads(self.rfile.read(size))["drafts"]
            if not isinstance(drafts, dict) or not all(
                isinstance(key, str) and isinstance(text, str) for key, text in drafts.items()
            ):
                raise ValueError("drafts must map paths to texts")
            # A path that is not a story's inside the content is refused before checking.
            with CHECKING:
                found = check_in_fork(self.preview.settings_file, drafts, self.preview.overrides)
        except (ValueError, KeyError, TypeError, RecursionError) as wrong:
            self.send_body(400, "application/json", json.dumps({"error": str(wrong)}).encode())
            return
        self.send_body(200, "application/json", json.dumps({"findings": found}).encode())


def start_editor_server(content: Path, port: int, desk_port: int) -> subprocess.Popen[bytes]:
    """Decap's file server on 127.0.0.1, writing inside the content folder only, answering
    the desk's pages only (at 127.0.0.1 or at localhost)."""
    if not DECAP_SERVER.exists() or not (DECAP / "decap-cms.js").is_file():
        raise SystemExit(
            "The editor is not installed — run `npm ci` in the project's folder once, then "
            "`invoke desk` again"
        )
    node = shutil.which("node")
    if node is None:
        raise SystemExit("The editor needs Node.js — install it (`apt install nodejs`), then retry")
    env = {
        **os.environ,
        "GIT_REPO_DIRECTORY": str(content),
        "PORT": str(port),
        "DESK_ORIGINS": f"http://{HOST}:{desk_port},http://localhost:{desk_port}",
        "LOG_LEVEL": "warn",
    }
    # It ends with the desk, however the desk ends. Ctrl-C in the terminal reaches the desk
    # alone (the server is in a session of its own): the desk stops the server, which
    # finishes a save under way first.
    return subprocess.Popen(
        [node, str(FILE_SERVER)],
        env=env,
        start_new_session=True,
        preexec_fn=end_with_parent,
    )


def wait_for(server: subprocess.Popen[bytes], url: str, seconds: float = 20) -> None:
    """Wait until the editor's file server answers; stop when it ended instead."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The editor's file server stopped (exit status {server.returncode})")
        try:
            request = urllib.request.Request(
                url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise SystemExit(f"The editor's file server did not answer on {url}")


def keep_running(preview: live.Preview, start: Callable[[], subprocess.Popen[bytes]]) -> None:
    """Start the editor's file server again whenever it stops while the desk runs: a save
    the server could not take must not leave the editor without one."""
    failed = 0  # times in a row it stopped soon after it started
    while True:
        started = time.monotonic()
        status = preview.helpers[-1].wait()
        if preview.ending.is_set():
            return
        failed = failed + 1 if time.monotonic() - started < STEADY else 0
        if failed > TRIES:
            print(
                f"→ the editor's file server keeps stopping (exit status {status}): saves from "
                "the editor will fail — see the messages above, then start the desk again",
                flush=True,
            )
            return
        print(f"→ the editor's file server stopped (exit status {status}); starting it again")
        # A pause longer each time it stops at once (no restart storm), unless the desk ends.
        if preview.ending.wait(failed):
            return
        preview.helpers[-1] = start()


def editor_port(asked: int) -> int:
    """The port of the editor's file server: the one asked for if it is free, else any
    free one when none was asked for."""
    with socket.socket() as probe:
        try:
            probe.bind((HOST, asked))
        except OSError as taken:
            raise SystemExit(
                f"{HOST}:{asked} cannot be used ({taken.strerror}) — stop what uses it, or "
                "choose another --editor-port (0: any free port)"
            ) from None
        return int(probe.getsockname()[1])


class DeskLock(releases.PublishLock):
    """One desk per content folder: two editors would save over each other's files."""

    def __init__(self, content: Path) -> None:
        # The user's own run-time folder where there is one, not one all users share.
        folder = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
        super().__init__(folder)
        digest = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:16]
        self.path = folder / f"newsroom-desk-{digest}.lock"
        self.content = content

    def refusal(self, holder: str) -> str:
        return (
            f"{live.display(self.content)}: another desk is open on this content{holder} — "
            "use that one (its terminal gives its address), or stop it"
        )


def main(argv: list[str] | None = None) -> int:
    """Preview and editor, until interrupted."""
    parser = live.arguments(__doc__.split("\n\n")[0])
    parser.add_argument(
        "--editor-port", type=int, default=0, help="the editor's file server (default: any free)"
    )
    args = parser.parse_args(argv)
    # Stopped by a signal, the desk still stops the editor's file server.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    try:
        DeskLock(Path(args.content)).acquire()  # held until the desk ends
    except releases.PublishBusyError as busy:
        print(busy, file=sys.stderr)
        return 1
    started = live.start(args)
    if started is None:
        return 1
    preview, _lock = started
    handler: Any = type("Desk", (DeskHandler,), {})
    server = live.serve_on(preview, HOST, args.port, handler)
    if server is None:
        return 1
    port = server.server_address[1]
    editor = editor_port(args.editor_port)
    handler.backend = f"http://{HOST}:{editor}"
    content = Path(preview.settings["PATH"])
    preview.helpers.append(start_editor_server(content, editor, port))
    try:
        wait_for(preview.helpers[-1], f"{handler.backend}/api/v1")
        watchdog = threading.Thread(
            target=keep_running,
            args=(preview, lambda: start_editor_server(content, editor, port)),
            daemon=True,
        )
        watchdog.start()
        print(
            f"Previewing on http://{HOST}:{port}/ — the editor is at http://{HOST}:{port}{EDITOR}"
            " (Ctrl-C stops)",
            flush=True,
        )
        given = argv if argv is not None else sys.argv[1:]
        ports = ["--port", str(port), "--editor-port", str(editor)]
        live.run(preview, server, ["-m", "tools.desk", *given, *ports])
    finally:
        preview.restarting()
    return 0


if __name__ == "__main__":
    sys.exit(main())
