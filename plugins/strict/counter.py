"""A logging handler that counts the problems a build reports."""

from __future__ import annotations

import logging


class ProblemCounter(logging.Handler):
    """Counts warnings and errors logged anywhere during a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.warnings = 0
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record by its level."""
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1

    def count(self, level: int) -> int:
        """Return how many problems at or above `level` were logged."""
        return self.errors if level >= logging.ERROR else self.errors + self.warnings

    def describe(self) -> str:
        """Return the counts in words: `2 errors and 1 warning`."""
        return f"{_plural(self.errors, 'error')} and {_plural(self.warnings, 'warning')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
