"""Releases of the published site: one publish at a time, built aside, switched in whole.

`target/releases/<n>/` is a release: the site in `site/`, its manifest beside it.
`target/current` is a symbolic link to the live one. A publish holds the lock
`target/.publish.lock` from start to end; it builds into a folder of its own,
`releases/.building-…`, and only when the build succeeded renames it to the next number and
switches `current` in one rename. The build's processes die with the publish. Whatever a
publish that did not finish left is removed by the next one, and never counts as a release.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from plugins.common.errors import cannot_write, shown_path
from plugins.common.processes import end_with_parent

try:
    import fcntl
except ImportError:  # Windows: the lock is a file that exists, with its holder in it
    fcntl = None  # type: ignore[assignment]

KEEP_RELEASES = 3  # complete releases kept, the live one among them
LOCK = ".publish.lock"
BUILDING = ".building-"  # the start of a release folder's name while it is built
RELEASES = "releases"
CURRENT = "current"
SITE = "site"
MANIFEST = "manifest.json"
UNCHANGED = "the published site is unchanged"
# Signals that stop a publish: its build is ended and its folder removed.
STOPPING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)
STOP_GRACE = 5.0  # seconds the build's processes have to end before they are killed


class PublishError(Exception):
    """A publish that stopped, in one sentence for staff."""


class PublishBusyError(PublishError):
    """Another publish holds the lock."""


class Interrupted(BaseException):
    """A signal that stops the publish arrived."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.name = signal.Signals(number).name


@dataclass(frozen=True)
class Holder:
    """Who holds the lock: a process id, the kernel's start time of that process (to tell
    it from a later process with the same id), and when the publish started, in words."""

    pid: int
    start: str | None
    since: str

    @classmethod
    def this_process(cls) -> Holder:
        """This process, starting a publish now."""
        now = datetime.now(UTC).astimezone()
        return cls(os.getpid(), process_start(os.getpid()), f"{now:%Y-%m-%d %H:%M:%S}")

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        """The holder a lock file names, or None when it names none (free, or unreadable)."""
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), data.get("start"), str(data.get("since", "")))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def text(self) -> str:
        """The lock file's text for this holder."""
        return json.dumps(asdict(self)) + "\n"

    def running(self) -> bool:
        """Whether the holder's process still runs: its id is in use, by the same process."""
        if os.name == "nt":  # no safe test of a process id there: assume it runs
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's process
            pass
        if process_state(self.pid) == "Z":  # ended, not yet collected by its parent
            return False
        start = process_start(self.pid)
        return self.start is None or start is None or start == self.start

    def describe(self) -> str:
        """`pid 1234, started 2026-12-03 10:02:11`."""
        return f"pid {self.pid}, started {self.since}" if self.since else f"pid {self.pid}"


def proc_stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the process name (state first); [] without it."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text.rpartition(")")[2].split()


def process_start(pid: int) -> str | None:
    """When a process started, in the kernel's clock ticks since boot (Linux); else None."""
    fields = proc_stat(pid)
    return fields[19] if len(fields) > 19 else None


def process_state(pid: int) -> str | None:
    """A process's state letter (`R`, `S`, `Z` for one that ended…) (Linux); else None."""
    fields = proc_stat(pid)
    return fields[0] if fields else None


class PublishLock:
    """The lock a publish holds from start to end: one publish at a time per target.

    With `flock` (POSIX) the kernel holds it and lets it go when its holder dies; the file
    names the holder for the message of a publish that has to wait. Without it, the file's
    existence is the lock, and a lock whose holder no longer runs is taken over.
    """

    def __init__(self, target: Path, *, kernel: bool = fcntl is not None) -> None:
        self.path = target / LOCK
        self.kernel = kernel
        self.holder = Holder.this_process()
        self.stale: Holder | None = None  # the holder of a lock that was never let go
        self._fd: int | None = None

    def __enter__(self) -> PublishLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, or raise `PublishBusyError` at once naming the publish that has it."""
        if self.kernel and self._acquire_kernel_lock():
            return
        self._acquire_file_lock()

    def release(self) -> None:
        """Let the lock go: the file stays, naming nobody."""
        fd, self._fd = self._fd, None
        if fd is not None:  # the kernel's lock
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # lets the lock go
        elif not self.kernel and self.held_by_me():
            self.path.unlink(missing_ok=True)

    def held_by_me(self) -> bool:
        """Whether the lock file names this publish."""
        return self._read() == self.holder

    def busy(self, holder: Holder | None) -> PublishBusyError:
        """The error for a publish that finds the lock taken."""
        return PublishBusyError(self.refusal(f" ({holder.describe()})" if holder else ""))

    def refusal(self, holder: str) -> str:
        """What is said when the lock is taken, naming its `holder` (or nothing)."""
        return (
            f"{shown_path(self.path)}: another publish is running{holder} — wait for it to finish"
        )

    def _acquire_kernel_lock(self) -> bool:
        """Take the kernel's lock on the file; False where the file system has none."""
        assert fcntl is not None
        try:
            # Never through a link: another user's link would have the lock write their file.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            raise PublishBusyError(
                f"{shown_path(self.path)}: the lock file is a symbolic link — remove it (a "
                "lock file is never one)"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder_named(fd)
            os.close(fd)
            raise self.busy(holder) from None
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                self.kernel = False
                return False
            raise
        try:
            # Taken: a holder still named in the file is a publish that died.
            self.stale = Holder.parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            os.ftruncate(fd, 0)
            os.pwrite(fd, self.holder.text().encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def _acquire_file_lock(self) -> None:
        """Create the lock file, or take it over from a holder that no longer runs."""
        staged = self.path.with_name(f"{LOCK}.{os.getpid()}")
        staged.unlink(missing_ok=True)  # left by an earlier holder of this process id
        # Made new, never through a link: another user's link would have it write their file.
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as written:
            written.write(self.holder.text())
        try:
            for _attempt in range(3):
                try:
                    os.link(staged, self.path)  # the file appears whole, or not at all
                    return
                except FileExistsError:
                    holder = self._read()
                    if holder is not None and holder.running():
                        raise self.busy(holder) from None
                    self.stale = self.stale or holder
                    self.path.unlink(missing_ok=True)
            raise self.busy(self._read())
        finally:
            staged.unlink(missing_ok=True)

    def _read(self) -> Holder | None:
        try:
            return Holder.parse(self.path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None


def _holder_named(fd: int) -> Holder | None:
    """The holder a held lock file names; one that has just taken it may not have written
    itself yet, so an empty file is read again for a moment."""
    for _attempt in range(20):
        holder = Holder.parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        if holder is not None:
            return holder
        time.sleep(0.025)
    return None


def publish(
    command: Sequence[str],
    target: Path,
    *,
    cwd: Path,
    keep: int = KEEP_RELEASES,
    say: Callable[[str], object] = lambda line: print(line, flush=True),
) -> Path:
    """Build a release with `command` (Pelican's command line without `-o`), make it the
    live one and return its folder; raise `PublishError` (the live site unchanged)."""
    if keep < 1:
        raise ValueError(f"keep must be 1 or more, not {keep}")
    try:
        target.mkdir(parents=True, exist_ok=True)
        with PublishLock(target) as lock:
            if lock.stale is not None:
                say(
                    f"{shown_path(lock.path)}: a publish that did not finish "
                    f"({lock.stale.describe()}) left this lock — what it left half-built "
                    "is removed"
                )
            releases = target / RELEASES
            releases.mkdir(exist_ok=True)
            remove_half_built(releases, live_release(target))
            with _stopped_by_signals():  # then the switch is done whole, or not at all
                release = build_release(command, releases, cwd)
            switch_current(target, release)
            for problem in remove_old_releases(releases, keep, live_release(target)):
                say(problem)
            return release
    except Interrupted as stop:
        raise PublishError(
            f"{shown_path(target)}: publish stopped by {stop.name} — {UNCHANGED}; publish again"
        ) from None
    except OSError as error:
        raise PublishError(
            f"{cannot_write(_named(error, target), error, 'publish again')} ({UNCHANGED})"
        ) from None


def build_release(command: Sequence[str], releases: Path, cwd: Path) -> Path:
    """Build into a new folder of `releases` and, once whole, rename it to the next number.

    A build that fails, or is stopped, leaves nothing: its folder is removed.
    """
    building = new_building_folder(releases)
    try:
        status = run_build([*command, "-o", str(building / SITE)], cwd)
        if status != 0:
            raise PublishError(
                "Publish failed: the problems are listed above. The published site is unchanged."
            )
        missing = [name for name in (SITE, MANIFEST) if not (building / name).exists()]
        if missing:
            raise PublishError(
                f"{shown_path(building)}: the build ended without writing "
                f"{' and '.join(missing)} — see the messages above and publish again "
                f"({UNCHANGED})"
            )
        return claim_number(building, releases)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def new_building_folder(releases: Path) -> Path:
    """Make a new, empty folder of this publish's own to build into, `.building-<id>`.

    Made as any folder (unlike `mkdtemp`'s, which only its owner may read): the web
    server reads the release it becomes.
    """
    while True:
        folder = releases / f"{BUILDING}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def run_build(command: Sequence[str], cwd: Path) -> int:
    """Run the build and return its exit status; its processes never outlive this one.

    The build runs in a process group of its own, which is ended if this function is left
    early (a signal); on Linux the kernel kills the build if this process dies.
    """
    options: dict[str, Any] = {}
    if os.name == "posix":
        options = {"process_group": 0, "preexec_fn": die_with_parent()}
    child = subprocess.Popen(list(command), cwd=cwd, **options)
    try:
        return child.wait()
    finally:
        stop_group(child)


def stop_group(child: subprocess.Popen[Any]) -> None:
    """End a build and what it started (`tar`, the search indexer): gently, then not."""
    if child.returncode is None:
        _signal_group(child, signal.SIGTERM)
        try:
            child.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            _signal_group(child, getattr(signal, "SIGKILL", signal.SIGTERM))
            child.wait()
    # Whatever the build left running would write into a folder about to be removed.
    _signal_group(child, getattr(signal, "SIGKILL", signal.SIGTERM))


def _signal_group(child: subprocess.Popen[Any], number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(child.pid, number)
        elif child.returncode is None:
            child.send_signal(number)


def die_with_parent() -> Callable[[], None] | None:
    """A function the build's process runs before Pelican starts, so that the kernel kills
    it when this process dies, however it dies (Linux's prctl); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()

    def ask_to_die_with_parent() -> None:
        end_with_parent(signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before it was asked
            os._exit(1)

    return ask_to_die_with_parent


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn the signals that stop a publish into `Interrupted`, so that it cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: FrameType | None) -> None:
        del frame
        for other in caught:  # a second signal must not cut the clean-up short
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(number)

    # A signal ignored by whoever started the publish (`nohup`) stays ignored.
    caught = [number for number in STOPPING if signal.getsignal(number) != signal.SIG_IGN]
    previous = {number: signal.signal(number, stop) for number in caught}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def is_release_number(name: str) -> bool:
    """Whether a name in `releases/` is a release's number (`1`, `12`)."""
    return name.isascii() and name.isdigit()


def is_complete(folder: Path) -> bool:
    """Whether a numbered folder is a whole release: a site and its manifest."""
    return (
        folder.is_dir()
        and not folder.is_symlink()
        and (folder / SITE).is_dir()
        and (folder / MANIFEST).is_file()
    )


def numbered(releases: Path) -> list[Path]:
    """The numbered entries of `releases/`, complete or not, oldest first."""
    return sorted(
        (path for path in releases.iterdir() if is_release_number(path.name)),
        key=lambda path: int(path.name),
    )


def complete_releases(releases: Path) -> list[Path]:
    """The complete releases, oldest first."""
    return [path for path in numbered(releases) if is_complete(path)]


def live_release(target: Path) -> Path | None:
    """The release `current` points at, if any."""
    link = target / CURRENT
    return link.resolve() if link.is_symlink() else None


def remove_half_built(releases: Path, live: Path | None) -> list[Path]:
    """Remove what publishes that did not finish left: folders being built, and numbered
    ones that are not whole releases (never the live one); return what was removed.

    Call it holding the lock: every folder being built is then a dead publish's.
    """
    removed = []
    for path in sorted(releases.iterdir()):
        half_built = path.name.startswith(BUILDING) or (
            is_release_number(path.name) and not is_complete(path)
        )
        if half_built and path.resolve() != live and _remove(path):
            removed.append(path)
    return removed


def remove_old_releases(releases: Path, keep: int, live: Path | None) -> list[str]:
    """Keep the `keep` newest complete releases and the live one; remove the older ones.

    Return a sentence for each that could not be removed.
    """
    problems = []
    for path in complete_releases(releases)[:-keep]:
        if path.resolve() != live and not _remove(path):
            problems.append(
                f"{shown_path(path)}: this old release could not be removed — remove it by hand"
            )
    return problems


def _remove(path: Path) -> bool:
    """Remove a file or a folder; return whether it is gone."""
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(OSError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)
    return not path.exists() and not path.is_symlink()


def claim_number(building: Path, releases: Path) -> Path:
    """Rename a built folder to the next release number, never replacing a release."""
    names = [int(path.name) for path in numbered(releases)]
    number = max(names, default=0) + 1
    while True:
        release = releases / str(number)
        try:
            rename_new(building, release)
            return release
        except FileExistsError:  # not a publish's (those hold the lock): go past it
            number += 1


def rename_new(source: Path, destination: Path) -> None:
    """Rename `source` to `destination`, which must not exist: raise FileExistsError.

    The test and the rename are two steps: the lock keeps other publishes out between them.
    """
    if os.path.lexists(destination):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(destination))
    source.rename(destination)


def switch_current(target: Path, release: Path) -> None:
    """Point `current` at a release in one rename: readers see the old site or the new,
    never neither."""
    staged = target / f"{CURRENT}.new"
    staged.unlink(missing_ok=True)
    staged.symlink_to(release.relative_to(target), target_is_directory=True)
    staged.replace(target / CURRENT)


def _named(error: OSError, fallback: Path) -> str:
    """The file an error is about: the destination of a rename, else its file."""
    named = (name for name in (error.filename2, error.filename) if isinstance(name, str))
    return next(named, str(fallback))
