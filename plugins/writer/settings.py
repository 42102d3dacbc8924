"""Settings of the writer plugin: the `WRITER` dict and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, flag, settings_dict

KEYS = ("background",)


@dataclass(frozen=True)
class WriterSettings:
    """Whether output files are written by a `tar` process while pages render."""

    background: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> WriterSettings:
        """Read and validate `WRITER`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "WRITER", KEYS)
        background = flag("WRITER", raw, "background", True, problems)
        if problems:
            raise SettingsError("WRITER", problems)
        return cls(background=background)
