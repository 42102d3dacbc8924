"""Rendering pages, and converting sources, in forked processes and in the build's own.

Each forked process takes the next page queued by the writer that no process has taken yet
(a process slowed by a long page takes fewer) and sends back, for each, its HTML or why it
failed, with the records it logged meanwhile. The build's own process takes them in the
order the pages were queued: it logs the records (so that they are counted and shown as if
logged there), and writes the page. When no page has come for it to take, it renders the
next page nobody has taken itself, its records kept back likewise until that page's turn:
`processes` processes share the work, the build's among them, and no core is left idle
while the build waits. (Pelican drops a warning repeated word for word as it is logged: if
the build logs one for a later page first, it is shown at that page's turn.) Nothing a
forked process renders changes what the others, or the build, see. Sources are converted
ahead of Pelican's reading the same way.

The processes are forked: they start with everything the build knows, and nothing is
handed to them but the index of each piece of work. A lock another thread holds at the
fork stays held in the copy for ever: the processes only render and convert (they log
through a handler of their own, and never write to the console, whose spinner Pelican's
command line runs in a thread), and only a build run by a process's main thread forks (a
server that builds in a thread of its own builds there, in one process; the live preview
builds in a fork of itself, whose one thread may fork again).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from pelican.log import FilteredMessage

from plugins.common.errors import StopBuild
from plugins.common.processes import end_with_parent

# The values a log record's attributes keep when it is sent (its arguments are formatted).
PLAIN = (str, int, float, bool, type(None))
# Marks a record kept back in the build's own process: its logger's filters saw it already.
FILTERED_HERE = "filtered_here"
PROCESS_LOST = (
    "A process of the build stopped unexpectedly (exit status {status}) — build again, or "
    "set BUILD['processes'] to 1 and report the problem if it persists"
)


@dataclass
class Outcome:
    """What became of one piece of work (a page, a source) in a forked process."""

    index: int
    value: Any = None  # what the work made: a page's HTML, a source's conversion
    failure: str | None = None  # why the page could not be rendered: the page is left out
    stop: str | None = None  # an error of the system: the build stops
    records: list[logging.LogRecord] = field(default_factory=list)


def can_fork(processes: int) -> bool:
    """Whether work may be shared out to `processes` forked processes from this one."""
    return (
        processes > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        # A daemonic process (one a server started to build) may not have processes of its own.
        and not multiprocessing.current_process().daemon
    )


def run_in_processes(
    count: int,
    processes: int,
    work: Callable[[int], Outcome],
    take: Callable[[Outcome], None],
    last_first: bool = False,
) -> None:
    """Do pieces of work 0 to `count - 1` (`work(index)`: render a page, convert a source)
    in `processes` processes, this one and forked ones; hand each outcome to `take`, in this
    process, in the order of the pieces. With `last_first`, the last piece (the longest) is
    taken up first, by a forked process. What `take` raises stops the processes and goes on
    up."""
    with contextlib.closing(outcomes(count, processes, work, last_first)) as each:
        for outcome in each:
            take(outcome)


def outcomes(
    count: int, processes: int, work: Callable[[int], Outcome], last_first: bool = False
) -> Generator[Outcome, None, None]:
    """The outcomes of pieces of work 0 to `count - 1` (`work(index)`), done in `processes`
    processes, in the order of the pieces, each as soon as it is done: this process may use
    one while the others are still being done.

    `processes - 1` processes are forked at the first outcome asked for, and stop once the
    last is taken or the iterator is closed. Each sends its outcomes through a pipe of its
    own, which only this process reads: a process whose build died (killed outright) finds
    the pipe broken and ends. A process that dies stops the build. This process does the
    next piece nobody has taken whenever no outcome has come for it to take (so a piece it
    does may hold back an outcome that comes meanwhile, never for longer than the piece);
    with `last_first`, the first forked process begins with the last piece.
    """
    forking = multiprocessing.get_context("fork")
    shares = min(processes - 1, count)
    pipes = [forking.Pipe(duplex=False) for _ in range(shares)]
    # The first turn no process has taken yet (the first, with `last_first`, is the first
    # forked process's own).
    following = forking.Value("q", 1 if last_first and shares else 0)
    workers = [
        forking.Process(
            target=work_share,
            args=(work, count, following, pipes, number, last_first, os.getpid()),
            name=f"build-{number + 1}",
            daemon=True,
        )
        for number in range(shares)
    ]
    readers = {reader: worker for (reader, _), worker in zip(pipes, workers, strict=True)}
    try:
        # The collector of each copy leaves the build's objects, and their pages, alone; so
        # does this process's while it does its share: it walks only what the work makes.
        gc.freeze()
        try:
            for worker in workers:
                worker.start()
        finally:
            for _, writer in pipes:
                writer.close()  # each process holds its own: a dead one is seen at once
        waiting: dict[int, Outcome] = {}
        for index in range(count):
            while index not in waiting:
                turn = None if wait(list(readers), timeout=0) else take_turn(following, count)
                if turn is not None:
                    done = do_here(work, piece(turn, count, last_first))
                    waiting[done.index] = done
                    continue
                for outcome in receive(readers):
                    waiting[outcome.index] = outcome
            yield waiting.pop(index)
    finally:
        gc.unfreeze()
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            if worker.pid is not None:
                worker.join()
        for reader in readers:
            reader.close()


def receive(readers: dict[Any, Any]) -> list[Outcome]:
    """The outcomes the processes have sent, once one has; stop the build if every process
    has ended and none is left to come (one died)."""
    received: list[Outcome] = []
    while not received:
        if not readers:  # every process ended well, and outcomes are missing
            raise StopBuild(PROCESS_LOST.format(status=0))
        ready: list[Any] = wait(list(readers))
        for reader in ready:
            try:
                received.append(reader.recv())
            except EOFError:  # that process has ended: all it sent is read
                worker = readers.pop(reader)
                worker.join()
                if worker.exitcode:
                    raise StopBuild(PROCESS_LOST.format(status=worker.exitcode)) from None
    return received


def piece(taken: int, count: int, last_first: bool) -> int:
    """The piece of work the `taken`-th turn of the processes does: the pieces in order or,
    with `last_first`, the last one, then the others from the first."""
    if not last_first:
        return taken
    return count - 1 if taken == 0 else taken - 1


def take_turn(following: Any, count: int) -> int | None:
    """The first of the `count` turns no process has taken yet (`following`, shared by the
    processes), now taken; None once every turn is."""
    with following.get_lock():
        taken = following.value
        if taken >= count:
            return None
        following.value = taken + 1
    return int(taken)


def do_here(work: Callable[[int], Outcome], index: int) -> Outcome:
    """A piece of work done in the build's process, the records it logs kept with its
    outcome, to be logged when it is taken (in the order of the pieces)."""
    with held_back() as kept:
        outcome = work(index)
    outcome.records = kept.take()
    for record in outcome.records:
        setattr(record, FILTERED_HERE, True)
    return outcome


def work_share(
    work: Callable[[int], Outcome],
    count: int,
    following: Any,
    pipes: list[Any],
    own: int,
    last_first: bool,
    parent: int,
) -> None:
    """In a forked process: take the first piece of the `count` no process has taken yet
    (`following`, shared by the processes; with `last_first`, the first process begins
    with the last piece), do it and send its outcome with the records logged meanwhile
    (they are not shown, nor counted, here) through its own pipe; until every piece is
    taken, or the build (`parent`) has ended."""
    # Ctrl-C stops the build, which stops the processes: no traceback from each of them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Killed with the build: a process writing the feeds must not write on after it.
    end_with_parent(signal.SIGKILL)
    for number, (reader, writer) in enumerate(pipes):
        reader.close()  # only the build reads: when it dies, the pipe breaks
        if number != own:
            writer.close()
    sending = pipes[own][1]
    first = 0 if last_first and own == 0 else None  # that turn is this process's own
    with held_back() as kept:
        while True:
            if os.getppid() != parent:
                return  # the build died (killed outright): nobody would write the pages
            taken = first if first is not None else take_turn(following, count)
            first = None
            if taken is None:
                return
            outcome = work(piece(taken, count, last_first))
            outcome.records = kept.take()
            try:
                sending.send(outcome)
            except OSError:  # the build died: nobody reads
                return


@contextlib.contextmanager
def held_back() -> Iterator[KeptRecords]:
    """The records logged meanwhile, kept rather than shown or counted (the handlers of
    the root logger put back after)."""
    root = logging.getLogger()
    handlers, kept = root.handlers[:], KeptRecords()
    root.handlers = [kept]
    try:
        yield kept
    finally:
        root.handlers = handlers


class KeptRecords(logging.Handler):
    """Keeps the records logged in a forked process, made plain for sending."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep one record, its message formatted and its traceback as text."""
        self.records.append(plain_record(record))

    def take(self) -> list[logging.LogRecord]:
        """The records kept since the last time, in their order."""
        taken, self.records = self.records, []
        return taken


def plain_record(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of a record that any process can take: its message formatted, its traceback
    as text, and its other attributes only where they are plain values."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # arguments that do not fit the message: as logging does
        message = str(record.msg)
    exc_text = record.exc_text
    if record.exc_info and not exc_text:
        exc_text = logging.Formatter().formatException(record.exc_info)
    values = {key: value for key, value in vars(record).items() if is_plain(value)}
    values.update(msg=message, args=None, exc_info=None, exc_text=exc_text)
    return logging.makeLogRecord(values)


def is_plain(value: Any) -> bool:
    """Whether a value is plain (text, a number, a flag, None), or a tuple of plain values
    (the arguments of a message Pelican logs for a group of messages)."""
    if isinstance(value, tuple):
        return all(isinstance(item, PLAIN) for item in value)
    return isinstance(value, PLAIN)


def log_again(records: Iterable[logging.LogRecord]) -> None:
    """Log records sent by a forked process here, through their own loggers: counted,
    shown and filtered (a repeated warning shown once) as if logged here. Records kept
    back here were filtered as they were logged (Pelican's filter keeps what it saw, and
    would take them for repeats): they go to the handlers alone."""
    for record in records:
        logger = logging.getLogger(record.name)
        if getattr(record, FILTERED_HERE, False):
            logger.callHandlers(record)
            continue
        try:
            logger.handle(record)
        except FilteredMessage:  # Pelican's loggers say so of a repeated message
            continue
