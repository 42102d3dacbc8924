"""The live preview: one process that builds the site, serves it on 127.0.0.1, and on every
save builds it again and refreshes the open pages.

    python -m tools.preview [CONTENT] [-s SETTINGS] [-o OUTPUT] [--cache-path CACHE] [--port N]

`invoke livereload` runs it on the project's folders. The process loads Pelican and the
site's code once; each build runs in a copy of it (a fork), so a save costs only the build:
Pelican's content cache gives back every file that did not change, and the site's
incremental record writes only the pages that show what did. A changed settings file or
plugin starts the preview afresh, on the same port.

The copy of a build that ended well stays, the site it built in memory, until the next
save: when the save is of stories or pages it can write alone (`plugins.newsroom.quick`),
it writes their pages at once and the open pages showing them reload. Then it brings the
rest of the site up to date in place if it can (`plugins.newsroom.live`: the saved files
read alone, only the pages that show them rendered) and waits for the next save. If it
cannot, it ends, and what the build held with it, and a new build brings the site up to
date.

Saves are watched from before the first build and queued while a build runs, never lost.
The build's warnings and errors show in the terminal and at the foot of every previewed page;
a story that cannot be built keeps its last good page.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import watchfiles

from plugins.common.processes import end_with_parent
from tools import releases
from tools.serve import PreviewHandler, settings_pages

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"
# Where the preview answers the browser: the page's script, and the builds' news.
SCRIPT = "/__preview__/live.js"
EVENTS = "/__preview__/events"
STATUS = "/__preview__/build"
SCRIPT_FILE = Path(__file__).with_name("preview.js")
TAG = f'<script src="{SCRIPT}" defer></script>'.encode()
# Each build runs in a copy of the preview's process, made when the build starts.
FORK = multiprocessing.get_context("fork")
LOOPBACK = "127.0.0.1"  # where the preview serves unless told otherwise (`--host`)
ANY_ADDRESS = ("", "0.0.0.0", "::")  # a server on one of these answers at every address
# Shown in the browser at most: the terminal has every problem.
SHOWN_PROBLEMS = 30
# How long a save's pages may take to be written at once before the build goes ahead.
QUICK_WAIT = 10
logger = logging.getLogger(__name__)


class Problems(logging.Handler):
    """The warnings and errors one build (or check) logs, each with its level."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.logged: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.append((record.levelname, record.getMessage()))

    @property
    def messages(self) -> list[str]:
        """Each as the terminal shows it."""
        return [f"{level}: {message}" for level, message in self.logged]


@dataclass
class Preview:
    """The site being previewed: its settings, and what its last build said."""

    settings_file: Path
    overrides: dict[str, Any]
    started: str = field(default_factory=lambda: f"{time.time():.3f}")
    builds: int = 0
    building: bool = False
    saves: list[set[Path]] = field(default_factory=list)  # seen and not yet built
    problems: list[str] = field(default_factory=list)
    # The last build's process, waiting to write the next save's pages at once; how many
    # times it did, and the pages it wrote the last time.
    kept: tuple[multiprocessing.process.BaseProcess, Connection] | None = None
    running: multiprocessing.process.BaseProcess | None = None  # the build under way
    quick: int = 0
    quick_pages: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    settings: dict[str, Any] = field(default_factory=dict)
    argv: list[str] = field(default_factory=list)  # how to start this preview again
    # What ends when the preview starts afresh (the editor's file server).
    helpers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    ending: threading.Event = field(default_factory=threading.Event)  # set as it ends

    def load(self) -> None:
        """Read the settings (where the content, theme and output are), and load Pelican
        and the site's code once, for every build to start from."""
        from pelican.settings import read_settings

        import plugins.newsroom.shell  # noqa: F401 (loaded here, not in every build)

        self.settings = read_settings(str(self.settings_file), override=self.overrides)

    def served_at(self, host: str, port: int) -> None:
        """Build for the address the preview serves at: the feeds, the sitemap and each
        page's own address name it (Pelican's `BIND` and `PORT`; a host that stands for
        every address of the machine leaves the settings' `BIND`)."""
        self.overrides["PORT"] = port
        if host not in ANY_ADDRESS:
            self.overrides["BIND"] = host
        self.settings = {**self.settings, **self.overrides}

    @property
    def build_id(self) -> str:
        """What the browser compares to know a new build is there."""
        return f"{self.started}-{self.builds}"

    def state(self) -> tuple[str, bool, int]:
        """The last build's id, whether another is under way or due, and how many times a
        save's pages were written at once."""
        return self.build_id, self.building or bool(self.saves), self.quick

    def status(self) -> dict[str, Any]:
        """The last build as the browser is told of it."""
        with self.changed:
            build_id, building, quick = self.state()
            return {
                "id": build_id,
                "building": building,
                "problems": self.problems[:SHOWN_PROBLEMS],
                "more": max(0, len(self.problems) - SHOWN_PROBLEMS),
                "quick": {"id": quick, "pages": self.quick_pages},
            }

    def end(self) -> None:
        """End the build under way and the last build's waiting process, as the preview
        stops: neither outlives it (a build's process is not a daemon, and the preview
        would wait for it)."""
        self.ending.set()
        self.let_go()
        running = self.running
        if running is not None:
            running.terminate()  # the build thread hears of it, and lets it go

    def restarting(self) -> None:
        """End the builds and the helpers: the preview started afresh starts its own."""
        self.end()
        for helper in self.helpers:
            helper.terminate()
        for helper in self.helpers:
            helper.wait(10)

    def build(self) -> None:
        """Build the site once, in a copy of this process; remember its problems; tell
        the waiting browsers.

        The copy (a fork: Pelican and the site's code are loaded already) reads the
        settings afresh and ends with the build, taking with it whatever the build kept:
        Pelican remembers every story it renders for as long as its process lives. A build
        that ends well keeps its copy waiting for the next save (`update_in_place`).
        """
        self.let_go()
        with self.changed:
            self.building = True
            self.changed.notify_all()
        talking, answering = FORK.Pipe()
        child = FORK.Process(
            # Not a daemon: a build that renders the whole site shares it out to processes
            # of its own.
            target=build_once,
            args=(self.settings_file, self.overrides, answering),
            daemon=False,
        )
        child.start()
        self.running = child
        answering.close()
        try:
            problems, waits = talking.recv()
        except EOFError:
            child.join()
            problems, waits = [stopped(child.exitcode)], False
        self.running = None
        if waits:
            self.kept = (child, talking)
            if self.ending.is_set():  # the preview ended while it built
                self.let_go()
        else:
            talking.close()
            child.join()
        with self.changed:
            self.building = False
            self.builds += 1
            self.problems = problems
            self.changed.notify_all()

    def update_in_place(self, saved: Iterable[Path]) -> bool:
        """Have the last build's process write the saved items' pages at once, if it can
        (`plugins.newsroom.quick`), and tell the browsers which pages it wrote; then bring
        the rest of the site up to date in place, if it can (`plugins.newsroom.live`).
        Return whether it did: no build is needed then, and the process waits for the next
        save."""
        if self.kept is None:
            return False
        talking = self.kept[1]
        problems: list[str] | None = None
        with contextlib.suppress(OSError, EOFError):
            talking.send(sorted(str(path) for path in saved))
            if talking.poll(QUICK_WAIT):
                self.shown_at_once(talking.recv())
                problems = talking.recv()
        if problems is None:
            self.let_go()  # it has nothing more to do
            return False
        print("→ updated in place", flush=True)
        with self.changed:
            self.builds += 1
            self.building = False
            self.problems = problems
            self.changed.notify_all()
        return True

    def shown_at_once(self, pages: list[str]) -> None:
        """Tell the browsers of the pages of a save written at once."""
        if not pages:
            return
        shown = ", ".join(f"/{page}" for page in pages[:3])
        print(f"→ shown at once: {shown}{' …' if len(pages) > 3 else ''}", flush=True)
        with self.changed:
            self.quick += 1
            self.quick_pages = pages
            self.changed.notify_all()

    def let_go(self) -> None:
        """End the last build's process, if it still waits for a save."""
        kept, self.kept = self.kept, None
        if kept is not None:
            child, talking = kept
            talking.close()
            # Ended, not told: its copy of this end of the pipe would keep it waiting.
            child.terminate()
            child.join()

    def wait_for(self, seen: tuple[str, bool, int] | None, timeout: float) -> dict[str, Any]:
        """The status once it differs from `seen` (or at the timeout, as it is)."""
        with self.changed:
            self.changed.wait_for(lambda: self.state() != seen, timeout)
        return self.status()

    def react(self, changes: Iterable[Path]) -> bool:
        """Build after saves; False, and no build, when the settings file or the site's
        code changed: a new process starts with them."""
        changed = {path.resolve() for path in changes}
        if self.settings_file.resolve() in changed or any(
            path.suffix == ".py" and path.is_relative_to(PLUGINS) for path in changed
        ):
            return False
        if not self.update_in_place(changed):
            self.build()
        return True


def stopped(status: int | None) -> str:
    """The problem of a build whose process ended before it said how the build went."""
    if status is not None and status < 0:
        return f"ERROR: the build was stopped (signal {-status}) — save a file to build again"
    return f"ERROR: the build stopped (exit status {status}) — see the terminal"


def build_once(settings_file: Path, overrides: dict[str, Any], talking: Connection) -> None:
    """One build (in the preview's copy of itself): send back its warnings and errors. Then,
    if it ended well, follow the saves for as long as it can bring the site up to date."""
    end_with_parent()  # a build left running would hold the preview's lock and port
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    from plugins.common.errors import StopBuild

    problems = Problems()
    logging.getLogger().addHandler(problems)
    generators: list[Any] = []
    signals.all_generators_finalized.connect(generators.extend, weak=False)
    built = False
    try:
        Pelican(read_settings(str(settings_file), override=overrides)).run()
        built = True
    except StopBuild as stop:
        problems.logged.append(("ERROR", stop.message))
        print(stop.message, file=sys.stderr)
    except Exception as error:  # the preview goes on: the next save may mend it
        logger.exception("The build stopped: %s — fix it and save again", error)
    talking.send((problems.messages, built))  # and whether it waits for the next save
    if not built:
        return
    # Ctrl-C in the terminal reaches every process of the preview: this one is ended by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the build made is out of the collector's reach (the build's end leaves it so):
    # the quick pages' few new objects do not make it walk every story again.
    while follow_saves(generators, talking, problems):
        pass


def follow_saves(generators: list[Any], talking: Connection, problems: Problems) -> bool:
    """Take the next save: write its pages at once if it can, then bring the site up to
    date in place if it can. Say which pages it wrote, and then the problems of the site
    brought up to date (None if it was not: a build does it). Return whether it did."""
    from plugins.newsroom.live import tidy_up, update_in_place
    from plugins.newsroom.quick import Unchanged, quick_pages

    try:
        saved = [Path(path) for path in talking.recv()]
    except EOFError:  # the preview builds again, or ends
        return False
    pages: list[str] = []
    try:
        pages = quick_pages(generators, saved)
    except Unchanged:
        pass
    except Exception:  # the build that follows writes the pages, and says what failed
        logger.debug("The saved pages were not written at once", exc_info=True)
    talking.send(pages)
    before, problems.logged = problems.messages, []
    try:
        update_in_place(generators, saved, before)
    except Unchanged:
        talking.send(None)
        return False
    except Exception:  # a build does it, and says what failed
        logger.debug("The site was not brought up to date in place", exc_info=True)
        talking.send(None)
        return False
    talking.send(problems.messages)
    tidy_up()
    return True


class PreviewLock(releases.PublishLock):
    """One preview at a time per cache folder: two would write the same output and record
    at once."""

    def __init__(self, cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        super().__init__(cache)
        self.path = cache / "preview.lock"

    def refusal(self, holder: str) -> str:
        return (
            f"{display(self.path.parent)}: another preview of this site is running{holder} — "
            "stop it, or give this one its own --output and --cache-path"
        )


def watched(preview: Preview) -> list[Path]:
    """What a build reads: the content, the theme, the settings file and the site's code."""
    settings = preview.settings
    folders = [Path(settings["PATH"]), Path(settings["THEME"]), PLUGINS, preview.settings_file]
    return [path for path in folders if path.exists()]


def relevant(change: watchfiles.Change, path: str) -> bool:
    """Whether a saved file can change the site (not an editor's swap file or a cache)."""
    name = Path(path).name
    return not (
        name.startswith((".", "#"))
        or name.endswith(("~", ".swp", ".pyc"))
        or "__pycache__" in Path(path).parts
    )


def watch(
    preview: Preview, paths: list[Path], ready: threading.Event, stop: threading.Event
) -> None:
    """Collect saves for the next build from now until told to stop.

    A batch ends once no file has changed for 10 ms: the events of one save (an editor's
    truncating and writing) come within microseconds of each other. A save whose writing
    pauses longer is taken in two batches, the second mending what the first found.
    """
    for changes in watchfiles.watch(
        *paths,
        watch_filter=relevant,
        stop_event=stop,
        yield_on_timeout=True,
        rust_timeout=200,
        debounce=400,
        step=10,
        raise_interrupt=False,
    ):
        ready.set()
        if changes:
            with preview.changed:
                preview.saves.append({Path(path) for _, path in changes})
                preview.changed.notify_all()


def build_loop(preview: Preview, ready: threading.Event, stop: threading.Event) -> None:
    """Build once the watch has begun, then after each batch of saves."""
    ready.wait()
    preview.build()
    while not stop.is_set():
        with preview.changed:
            preview.changed.wait_for(lambda: bool(preview.saves) or stop.is_set(), 1)
            batch = set().union(*preview.saves)
            preview.saves.clear()
            # Taken for a build: the browser is never told "built" in between.
            preview.building = bool(batch)
        if not batch:
            continue
        shown = ", ".join(sorted(display(path) for path in batch)[:5])
        print(f"→ saved: {shown}{' …' if len(batch) > 5 else ''}; building", flush=True)
        if not preview.react(batch):
            print("→ the settings or the site's code changed: starting again", flush=True)
            stop.set()
            preview.restarting()
            os.execv(sys.executable, [sys.executable, *preview.argv])


def display(path: Path) -> str:
    """A path as the terminal shows it: from the project's folder when it is there."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


class LiveHandler(PreviewHandler):
    """The preview's pages, each with the script that follows the builds."""

    preview: Preview

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def own_origin(self) -> bool:
        """Whether a request names the preview's own address and comes from its own pages.

        The site shown is not yet published: a page of another site, its name pointed at
        127.0.0.1 (DNS rebinding) or asking from the browser, gets nothing. A preview served
        on another address than 127.0.0.1 (`--host`) is meant for other machines: it
        answers every name.
        """
        port = self.server.server_port  # type: ignore[attr-defined]  # an HTTPServer's
        if self.server.server_address[0] != LOOPBACK:  # type: ignore[index]  # (host, port)
            return True
        hosts = {f"{LOOPBACK}:{port}", f"localhost:{port}"}
        origin = self.headers.get("Origin")
        return self.headers.get("Host") in hosts and (
            origin is None or origin in {f"http://{name}" for name in hosts}
        )

    def do_HEAD(self) -> None:  # noqa: N802
        """The headers of a page, to the preview's own address only."""
        if self.own_origin():
            super().do_HEAD()
        else:
            self.send_error(403)

    def do_GET(self) -> None:  # noqa: N802 (the name Python's server calls)
        """A page with the script; the script itself; the builds' news: to the preview's
        own address and pages only."""
        path = self.path.partition("?")[0]
        if not self.own_origin():
            self.send_error(403)
        elif path == SCRIPT:
            self.send_body(200, "text/javascript", SCRIPT_FILE.read_bytes())
        elif path == STATUS:
            self.send_body(200, "application/json", json.dumps(self.preview.status()).encode())
        elif path == EVENTS:
            self.stream_events()
        else:
            page = self.html_file()
            if page is None:
                super().do_GET()
            else:
                self.send_body(200, "text/html; charset=utf-8", with_script(page.read_bytes()))

    def html_file(self) -> Path | None:
        """The HTML file an address names (a folder's index.html), if there is one."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.partition("?")[0].endswith("/"):
                return None  # Python's server redirects to the folder's address
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def not_found_body(self, body: bytes) -> bytes:
        return with_script(body)

    def stream_events(self) -> None:
        """Server-sent events: the build now, then each change: a build begun, one ended."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while True:
                status = self.preview.wait_for(seen, timeout=15)
                quick = status["quick"]
                if seen is not None and quick["id"] != seen[2]:
                    self.send_event("pages", quick)  # a save's pages, written at once
                event = "building" if status["building"] else "build"
                self.send_event(event, status)
                seen = (status["id"], status["building"], quick["id"])
        except OSError:  # the page was closed
            return

    def send_event(self, event: str, data: Any) -> None:
        """One server-sent event."""
        self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the builds."""


def with_script(page: bytes) -> bytes:
    """A page with the preview's script at the end of its head."""
    head_end = page.find(b"</head>")
    return page if head_end < 0 else page[:head_end] + TAG + page[head_end:]


def serve(
    preview: Preview, host: str, port: int, handler: type[LiveHandler] = LiveHandler
) -> ThreadingHTTPServer:
    """The preview's web server (on a free port when `port` is 0)."""
    pages, default = settings_pages(preview.settings)
    site_handler = type(
        "PreviewSiteHandler",
        (handler,),
        {"pages": pages, "default": default, "preview": preview},
    )
    output = str(preview.settings["OUTPUT_PATH"])
    server = ThreadingHTTPServer((host, port), functools.partial(site_handler, directory=output))
    server.daemon_threads = True
    preview.served_at(host, server.server_address[1])
    return server


def serve_on(
    preview: Preview, host: str, port: int, handler: type[LiveHandler] = LiveHandler
) -> ThreadingHTTPServer | None:
    """The preview's web server; None (and why, on stderr) when the port is taken."""
    try:
        return serve(preview, host, port, handler)
    except OSError as taken:
        print(
            f"{host}:{port} cannot be served ({taken.strerror}) — stop what uses it, or "
            "choose another --port",
            file=sys.stderr,
        )
        return None


def arguments(description: str) -> argparse.ArgumentParser:
    """The preview's options: what to build, where, and on which port."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("content", nargs="?", default=str(ROOT / "content"))
    parser.add_argument("-s", "--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("-o", "--output", help="the output folder (default: the settings')")
    parser.add_argument("--cache-path", help="the cache folder (default: the settings')")
    parser.add_argument("--port", type=int, default=8000, help="0 chooses a free port")
    return parser


def start(args: argparse.Namespace) -> tuple[Preview, PreviewLock] | None:
    """The site's preview, its settings read and its lock taken; None (and why, on
    stderr) when another preview of the site is running."""
    from pelican.log import init as init_logging

    # Pelican logs a warning once per process; a preview's every build reports its own.
    init_logging(level=logging.WARNING, logs_dedup_min_level=logging.INFO)
    overrides = {"PATH": str(Path(args.content).resolve())}
    if args.output:
        overrides["OUTPUT_PATH"] = str(Path(args.output).resolve())
    if args.cache_path:
        overrides["CACHE_PATH"] = str(Path(args.cache_path).resolve())
    preview = Preview(Path(args.settings).resolve(), overrides)
    preview.load()
    lock = PreviewLock(Path(preview.settings["CACHE_PATH"]))
    try:
        lock.acquire()  # held until the process ends; its builds (forks) share it
    except releases.PublishBusyError as busy:
        print(busy, file=sys.stderr)
        return None
    return preview, lock


def run(preview: Preview, server: ThreadingHTTPServer, restart: list[str]) -> None:
    """Build, serve and rebuild on every save until interrupted; `restart` is the command
    line that starts it again (on the same port) when the settings or code change."""
    preview.argv = restart
    ready, stop = threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=watch, args=(preview, watched(preview), ready, stop)),
        threading.Thread(target=build_loop, args=(preview, ready, stop)),
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.end()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    """Build, serve and rebuild on every save until interrupted."""
    parser = arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=LOOPBACK)
    args = parser.parse_args(argv)
    started = start(args)
    if started is None:
        return 1
    preview, _lock = started
    server = serve_on(preview, args.host, args.port)
    if server is None:
        return 1
    port = server.server_address[1]
    print(f"Previewing on http://{args.host}:{port}/ (Ctrl-C stops)", flush=True)
    # A restarted preview (its code changed) serves on the same port, the pages' script
    # finding it again.
    given = argv if argv is not None else sys.argv[1:]
    run(preview, server, ["-m", "tools.preview", *given, "--port", str(port)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
