"""Limits on what one source may hold, so that one file can never stall or break a build.

Characters that no page or feed can carry, Markdown nested deeper than any story needs,
brackets that Python-Markdown takes quadratic time over, and a time limit on converting
one file: each is found before the file is converted (or stops its conversion) and is
reported as a problem of that file alone.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

# Control characters (C0 but tab, line feed and carriage return; DEL; C1), and what XML
# 1.0 cannot carry at all: lone surrogates and the two non-characters U+FFFE and U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CHARACTER_NAMES = {
    "\x00": "null",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line",
}
# Markdown's indentation of one level of a nested list.
TAB_LENGTH = 4
_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[*+-]|\d+[.)])[ \t]")
_QUOTES = re.compile(r"(?:[ ]{0,3}>)+")
# Openers never closed in one paragraph, past which Python-Markdown's inline patterns take
# quadratic time: four thousand `[` take seconds, fifty thousand take hours.
MAX_UNCLOSED = 200
PAIRS = (("[", "]"), ("<", ">"))


@dataclass(frozen=True)
class Character:
    """The first control character of a text, where it is, and how many the text has."""

    line: int
    character: str
    count: int

    def describe(self) -> str:
        """`U+000C, form feed`."""
        code = f"U+{ord(self.character):04X}"
        name = CHARACTER_NAMES.get(self.character)
        return f"{code}, {name}" if name else code


def control_character(text: str) -> Character | None:
    """The first control character of a text, with its 1-based line, if it has one."""
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return Character(line, found.group(), len(CONTROL.findall(text)))


def nesting(lines: Sequence[str], start: int) -> tuple[int, int]:
    """The deepest nesting of lists and block quotes from line index `start` on: its
    depth and its 1-based line (0 when nothing is nested)."""
    deepest, where = 0, 0
    for index in range(start, len(lines)):
        line = lines[index]
        quotes = _QUOTES.match(line)
        depth = quotes.group().count(">") if quotes else 0
        rest = line[quotes.end() :] if quotes else line
        item = _LIST_ITEM.match(rest)
        if item:
            depth += len(item["indent"].expandtabs(TAB_LENGTH)) // TAB_LENGTH + 1
        if depth > deepest:
            deepest, where = depth, index + 1
    return deepest, where


def unclosed(lines: Sequence[str], start: int) -> tuple[int, str, int]:
    """The most openers (`[` or `<`) a paragraph leaves unclosed from line index `start` on:
    how many, which, and the paragraph's first line (1-based; 0 when none)."""
    worst = (0, "", 0)
    first = start
    counts = dict.fromkeys([opener for opener, _ in PAIRS], 0)
    for index in range(start, len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        if not line.strip():  # a paragraph ends
            for opener, count in counts.items():
                if count > worst[0]:
                    worst = (count, opener, first + 1)
            counts = dict.fromkeys(counts, 0)
            first = index + 1
            continue
        for opener, closer in PAIRS:
            if opener in line:
                counts[opener] += max(line.count(opener) - line.count(closer), 0)
    return worst


class TimeLimitError(Exception):
    """Converting one file took longer than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `TimeLimitError` in the block if it runs longer than `seconds`.

    It uses the process's real-time timer, which only the main thread can set, on systems
    that have one; elsewhere (a thread, Windows) the block runs without a limit.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(number: int, frame: FrameType | None) -> None:
        del number, frame
        raise TimeLimitError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
