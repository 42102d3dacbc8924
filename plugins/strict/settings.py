"""Settings of the strict plugin: the `STRICT` dict."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError

LEVELS = {"warning": logging.WARNING, "error": logging.ERROR}


@dataclass(frozen=True)
class StrictSettings:
    """Which log level, if any, makes the build fail once it has finished."""

    fail_on: str | None = None

    @property
    def level(self) -> int | None:
        """The logging level that fails the build, or None when the build never fails."""
        return LEVELS[self.fail_on] if self.fail_on else None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> StrictSettings:
        """Read and validate `STRICT`; raise one SettingsError naming every problem."""
        raw = settings.get("STRICT", {})
        if not isinstance(raw, Mapping):
            raise SettingsError("STRICT", [f"STRICT must be a dict, not {type(raw).__name__}"])
        problems = [
            f"STRICT[{key!r}]: unknown key — the only key is 'fail_on'"
            for key in sorted(raw)
            if key != "fail_on"
        ]
        fail_on = raw.get("fail_on")
        if fail_on is not None and fail_on not in LEVELS:
            problems.append(
                f"STRICT['fail_on']: {fail_on!r} is not one of 'warning', 'error' or None"
            )
        if problems:
            raise SettingsError("STRICT", problems)
        return cls(fail_on=fail_on)
