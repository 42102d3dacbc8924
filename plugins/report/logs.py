"""Log lines as a log file or a CI job needs them: whole, one problem a line."""

from __future__ import annotations

import logging

from rich.logging import RichHandler

# What a plain line shows: the level, then the message (`path:line: problem — fix`).
PLAIN = "%(levelname)s %(message)s"


def plain_lines_unless_a_terminal(logger: logging.Logger) -> None:
    """Write `logger`'s records as plain lines where its console is not a terminal.

    Pelican's log handler lays records out for a terminal, and elsewhere (a pipe, a file,
    a CI job) wraps them at 80 columns, breaking a file's path in two: `grep` would no
    longer find it. Its level and filters are kept.
    """
    for handler in list(logger.handlers):
        if not isinstance(handler, RichHandler) or handler.console.is_terminal:
            continue
        plain = logging.StreamHandler(handler.console.file)
        plain.setLevel(handler.level)
        plain.setFormatter(logging.Formatter(PLAIN))
        for log_filter in handler.filters:
            plain.addFilter(log_filter)
        logger.removeHandler(handler)
        logger.addHandler(plain)
