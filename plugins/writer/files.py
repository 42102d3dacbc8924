"""Output files written by a `tar` process while the build renders the next page.

Creating a file, and the folder each story's page has to itself, is work for the operating
system. A thread of the build that did it would need the interpreter's lock back after each
of its system calls (four or more a file), and take it from the rendering each time. `tar`,
fed the files as an archive through a pipe, creates them in a process of its own, on
another core, while the build only hands bytes over. Files under the output folder are
written in the order they were handed over. Where there is no `tar` that reads an archive
from a pipe, or `background` is off, each file is written at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import IO

from plugins.common.confine import OutputFolder
from plugins.common.errors import StopBuild, cannot_write, error_number, shown_path, write_fix

TAR = "tar"
# GNU tar, bsdtar and BusyBox alike: extract an archive read from standard input, giving
# the files the time they are written, the user who builds and that user's umask.
EXTRACT = ("-x", "-m", "--no-same-owner", "--no-same-permissions", "-f", "-")
BLOCK = tarfile.BLOCKSIZE
END = bytes(2 * BLOCK)  # the end of an archive
PIPE_BUFFER = 1 << 16
BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
# GNU tar's line for a file it could not write: `tar: en/a.html: Cannot write: No space left…`.
TAR_FAILURE = re.compile(r"^\S*tar: (?P<member>.+?): Cannot [^:]+: (?P<reason>.+)$")
# The signal a process gets for a file larger than it may write (`ulimit -f`).
SIGXFSZ = getattr(signal, "SIGXFSZ", None)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read while the process has one thread: setting it to read it is not safe with more.
MODE = 0o666 & ~_umask()


@lru_cache(maxsize=8)
def usable_tar(name: str) -> str | None:
    """The `tar` command, if it takes these options and reads an empty archive from a pipe."""
    command = shutil.which(name)
    if command is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        try:
            probe = subprocess.run(
                [command, *EXTRACT, "-C", folder], input=END, capture_output=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            return None
    return command if probe.returncode == 0 else None


class OutputFiles:
    """Writes a build's output files under `root`, through `tar` when `background` is true."""

    def __init__(self, root: str, background: bool) -> None:
        self.root = Path(root).absolute()
        self._folder = OutputFolder(self.root)  # every path is checked to stay inside
        self._command = usable_tar(TAR) if background else None
        self.background = self._command is not None
        self._prefix = f"{self.root}{os.sep}"
        self._tar: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._started = 0  # when tar started, in seconds

    def write(self, path: str, data: bytes) -> None:
        """Write `data` to the file `path` (its folders are made), now or through `tar`.

        A path that leads outside `root` (by `..` or a symbolic link) is refused with
        `OutsideFolder`. A failure of `tar` is raised by `wait()`, or here when `tar` has
        stopped; a failure to write stops the build (`StopBuild`).
        """
        path = str(self._folder.confine(path))
        member = self._member(path) if self.background else None
        if member is None:
            self._write(path, data)
            return
        tar = self._tar if self._tar is not None else self._start()
        info = tarfile.TarInfo(member)
        info.size = len(data)
        info.mode = MODE
        info.mtime = self._started  # for a tar that would not take -m
        assert tar.stdin is not None
        try:
            tar.stdin.write(info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape"))
            tar.stdin.write(data)
            tar.stdin.write(bytes(-len(data) % BLOCK))
        except BrokenPipeError as error:  # tar stopped: say why
            self.wait()
            raise StopBuild(
                f"{shown_path(self.root)}: could not write the output files: tar stopped "
                f"reading them — {write_fix(None)}"
            ) from error
        except BaseException:
            tar.kill()  # half a file must not be written as if it were whole
            raise

    def wait(self) -> None:
        """Return once every file handed over is written; stop the build if `tar` failed.

        Files handed over later are written at once: the build's writing is over.
        """
        self.background = False
        tar, self._tar = self._tar, None
        if tar is None:
            return
        assert tar.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # tar stopped early: its status says why
            try:
                tar.stdin.write(END)
            finally:
                with contextlib.suppress(BrokenPipeError):
                    tar.stdin.close()
        status = tar.wait()
        errors, self._errors = self._errors, None
        assert errors is not None
        with errors:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
        if status != 0:
            raise StopBuild(self._failure(status, message))

    def _failure(self, status: int, message: str) -> str:
        """One sentence for `tar`'s failure: the first file it could not write, why, and
        what to do; or why `tar` stopped."""
        for line in message.splitlines():
            found = TAR_FAILURE.match(line)
            if found:
                return cannot_write(self.root / found["member"], found["reason"])
        code = None
        if status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = f"signal {-status}"
            reason = f"tar was stopped by {name}"
            if -status == SIGXFSZ:
                reason, code = f"{reason}: a file is larger than allowed", errno.EFBIG
        else:
            reason = message.splitlines()[0] if message else f"tar ended with status {status}"
            code = error_number(reason.rpartition(": ")[2])
        return (
            f"{shown_path(self.root)}: could not write the output files: {reason} — "
            f"{write_fix(code)}"
        )

    def _member(self, path: str) -> str | None:
        """The file's name in the archive: its path under the root, `/`-separated."""
        path = os.path.normpath(path)
        if not path.startswith(self._prefix):
            path = os.path.normpath(Path(path).absolute())
            if not path.startswith(self._prefix):
                return None
        return path[len(self._prefix) :].replace(os.sep, "/")

    def _start(self) -> subprocess.Popen[bytes]:
        """Start `tar` writing into the root."""
        assert self._command is not None
        self.root.mkdir(parents=True, exist_ok=True)
        self._started = int(time.time())
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - tar writes it; wait() closes it
        self._tar = subprocess.Popen(
            [self._command, *EXTRACT, "-C", self.root],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=self._errors,
            bufsize=PIPE_BUFFER,
        )
        return self._tar

    @staticmethod
    def _write(path: str, data: bytes) -> None:
        """Write a file at once; a failure (a full disk) stops the build in one sentence."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY
        try:
            try:
                handle = os.open(path, flags, 0o666)
            except FileNotFoundError:  # a new folder (each story has its own)
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                handle = os.open(path, flags, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
        except OSError as error:
            raise StopBuild(cannot_write(path, error)) from error
