"""Settings of sanitising: the `SANITISE` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, read_settings, true_or_false

TABLE = {"enabled": Key(True, true_or_false)}


@dataclass(frozen=True)
class SanitiseSettings:
    """Whether stories and pages are sanitised."""

    enabled: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SanitiseSettings:
        """Read and validate `SANITISE`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "SANITISE", TABLE)
