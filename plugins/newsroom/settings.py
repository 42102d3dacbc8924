"""Settings of the build itself: the `BUILD` dict, its defaults and its validation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, read_settings


def processes_or_none(value: Any) -> str | None:
    """A whole number of processes, 1 or more, or None for one per core."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return None
    return f"{value!r} must be a whole number, 1 or more, or None (one process per core)"


TABLE = {"processes": Key(None, processes_or_none)}


@dataclass(frozen=True)
class BuildSettings:
    """How many processes convert the sources and render the pages of a clean build."""

    processes: int | None = None

    @property
    def process_count(self) -> int:
        """The processes to render pages in: the number given, or one per core this
        process may run on."""
        return self.processes or available_cores()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> BuildSettings:
        """Read and validate `BUILD`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "BUILD", TABLE)


def available_cores() -> int:
    """The cores this process may run on (all the machine's where that cannot be known)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
