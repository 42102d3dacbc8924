"""Output files written by a second thread while the build renders the next page.

Creating a file, and the folder each story's page has to itself, is work for the operating
system that does not need the interpreter: a thread that only writes leaves the other core
to do it while Python renders. Pages are written in the order they were handed over, and a
bounded queue keeps at most `QUEUED` of them in memory.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from pathlib import Path

QUEUED = 32
# While the thread has files to write, the interpreter hands it the lock within 50 µs
# instead of its default 5 ms: the thread needs it back after each of its system calls
# (four or more a file), and a thread that waits longer each time falls behind the
# rendering.
SWITCH_INTERVAL = 0.00005
BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class OutputFiles:
    """Writes a build's output files, in a background thread when `background` is true."""

    def __init__(self, background: bool) -> None:
        self.background = background
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(QUEUED)
        self._thread: threading.Thread | None = None
        self._error: Exception | None = None
        self._interval: float | None = None

    def write(self, path: str, data: bytes) -> None:
        """Write `data` to the file `path` (its folders are made), now or in the background.

        A failure of an earlier background write is raised here (the thread stops), or by
        `wait()`.
        """
        if self._error is not None:
            self.wait()
        if not self.background:
            self._write(path, data)
            return
        if self._thread is None:
            self._interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL))
            self._thread = threading.Thread(target=self._run, name="output-files", daemon=True)
            self._thread.start()
        self._queue.put((path, data))

    def wait(self) -> None:
        """Return once every file handed over is written; raise the first failure.

        Files handed over later are written at once: the build's writing is over.
        """
        self.background = False
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
            if self._interval is not None:
                sys.setswitchinterval(self._interval)
                self._interval = None
        self._raise_error()

    def _raise_error(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error

    def _run(self) -> None:
        """Write the files handed over until told to stop; after a failure, skip the rest."""
        while (job := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._write(*job)
                except Exception as error:  # raised in the building thread
                    self._error = error

    @staticmethod
    def _write(path: str, data: bytes) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY
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
