"""Errors that stop a build with one clear message and no traceback."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


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


def settings_dict(
    settings: Mapping[str, Any], name: str, keys: Iterable[str]
) -> tuple[Mapping[str, Any], list[str]]:
    """Return a plugin's settings dict (`{}` when unset) and the problems of its keys.

    A value that is not a dict stops at once; unknown keys are returned as problems, for
    the plugin to report with the others it finds.
    """
    raw = settings.get(name, {})
    if not isinstance(raw, Mapping):
        raise SettingsError(name, [f"{name} must be a dict, not {type(raw).__name__}"])
    known = tuple(keys)
    problems = [
        f"{name}[{key!r}]: unknown key — known keys: {', '.join(known)}"
        for key in sorted(set(raw) - set(known))
    ]
    return raw, problems
