"""Errors that stop a build with one clear message and no traceback."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

# What to do about a file that could not be written, by the error's number.
WRITE_FIXES: dict[int, str] = {
    errno.ENOSPC: "free some disk space",
    getattr(errno, "EDQUOT", errno.ENOSPC): "free some disk space",
    errno.EFBIG: "raise the limit on the size of files (ulimit -f)",
    errno.EACCES: "make the folder writable for this user",
    errno.EPERM: "make the folder writable for this user",
    errno.EROFS: "use a folder on a disk that can be written",
    errno.EIO: "check the disk",
}


class StopBuild(SystemExit):
    """Stops the build with exit code 1 and a message, without a traceback.

    A `SystemExit` so that Pelican's command line, which logs any `Exception` with its
    traceback, lets it through: Python prints the message and exits with status 1.
    Programs that run Pelican themselves can still catch it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class SettingsError(StopBuild):
    """One plugin's settings dict is invalid; names every problem found."""

    def __init__(self, setting: str, problems: Iterable[str]) -> None:
        self.setting = setting
        self.problems = tuple(problems)
        lines = [f"{setting} settings are invalid — fix them in the settings file:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as staff know it: relative to the working folder when it is inside it."""
    absolute, here = Path(path).absolute(), Path.cwd()
    return str(absolute.relative_to(here) if absolute.is_relative_to(here) else absolute)


def cannot_write(path: str | os.PathLike[str], error: OSError, again: str = "build again") -> str:
    """One sentence for a file that could not be written: `path: could not write: why — fix`,
    the fix chosen by the error's number, then `again`."""
    fix = WRITE_FIXES.get(error.errno or 0, "check the folder")
    return f"{shown_path(path)}: could not write: {error.strerror or error} — {fix} and {again}"


def error_summary(error: Exception, limit: int = 200) -> str:
    """An exception in one line: its class and the first line of its text, shortened."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
