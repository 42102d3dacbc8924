"""Settings of the incremental plugin: the `INCREMENTAL` dict and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, flag, settings_dict

KEYS = ("enabled",)


@dataclass(frozen=True)
class IncrementalSettings:
    """Whether unchanged pages are kept from the previous build."""

    enabled: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> IncrementalSettings:
        """Read and validate `INCREMENTAL`; raise one SettingsError naming every problem.

        Keeping pages needs the previous output: it cannot be combined with
        `DELETE_OUTPUT_DIRECTORY`.
        """
        raw, problems = settings_dict(settings, "INCREMENTAL", KEYS)
        enabled = flag("INCREMENTAL", raw, "enabled", False, problems)
        if enabled and settings.get("DELETE_OUTPUT_DIRECTORY"):
            problems.append(
                "INCREMENTAL['enabled'] keeps pages of the previous build, but "
                "DELETE_OUTPUT_DIRECTORY deletes them — turn one of them off"
            )
        if problems:
            raise SettingsError("INCREMENTAL", problems)
        return cls(enabled=enabled)
