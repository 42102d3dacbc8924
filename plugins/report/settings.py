"""Settings of the build report: the `REPORT` dict, its defaults and its validation."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, read_settings

LEVELS = {"warning": logging.WARNING, "error": logging.ERROR}
TABLE = {
    "fail_on": Key(
        None,
        lambda value: (
            None
            if value is None or (isinstance(value, str) and value in LEVELS)
            else f"{value!r} is not one of 'warning', 'error' or None"
        ),
    ),
    # Beside the output folder, never inside it: it names drafts and scheduled stories.
    "manifest": Key(
        "manifest.json",
        lambda value: (
            None
            if isinstance(value, str) and value.endswith(".json")
            else f"{value!r} must be a .json file name"
        ),
    ),
}


@dataclass(frozen=True)
class ReportSettings:
    """Which problems fail the build, and where the manifest is written."""

    fail_on: str | None = None
    manifest: str = "manifest.json"

    @property
    def level(self) -> int | None:
        """The logging level that fails the build, or None when the build never fails."""
        return LEVELS[self.fail_on] if self.fail_on else None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ReportSettings:
        """Read and validate `REPORT`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "REPORT", TABLE)
