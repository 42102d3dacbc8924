"""Settings of the sanitise plugin: the `SANITISE` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, flag, settings_dict

KEYS = ("enabled",)


@dataclass(frozen=True)
class SanitiseSettings:
    """Whether stories and pages are sanitised."""

    enabled: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SanitiseSettings:
        """Read and validate `SANITISE`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "SANITISE", KEYS)
        enabled = flag("SANITISE", raw, "enabled", True, problems)
        if problems:
            raise SettingsError("SANITISE", problems)
        return cls(enabled=enabled)
