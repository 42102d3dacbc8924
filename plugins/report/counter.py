"""A logging handler that counts, and remembers, the problems a build reports."""

from __future__ import annotations

import logging


class ProblemCounter(logging.Handler):
    """Counts warnings and errors logged anywhere during a build, and keeps their text."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.warnings = 0
        self.errors = 0
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record by its level."""
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        self.messages.append(record.getMessage())

    def count(self, level: int) -> int:
        """Return how many problems at or above `level` were logged."""
        return self.errors if level >= logging.ERROR else self.errors + self.warnings

    def about(self, source: str) -> list[str]:
        """Return the problems reported about one source file (`path:line: ...`)."""
        return [message for message in self.messages if message.startswith(f"{source}:")]

    def describe(self) -> str:
        """Return the counts in words: `2 errors and 1 warning`."""
        return f"{plural(self.errors, 'error')} and {plural(self.warnings, 'warning')}"


def plural(count: int, noun: str) -> str:
    """Return a count with a regular English noun: `1 error`, `2 errors`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
