"""Settings of incremental previews: the `INCREMENTAL` dict and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, read_table, stop_on, true_or_false

TABLE = {"enabled": Key(False, true_or_false)}


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
        values, problems = read_table(settings, "INCREMENTAL", TABLE)
        if values["enabled"] and settings.get("DELETE_OUTPUT_DIRECTORY"):
            problems.append(
                "INCREMENTAL['enabled'] keeps pages of the previous build, but "
                "DELETE_OUTPUT_DIRECTORY deletes them — turn one of them off"
            )
        stop_on("INCREMENTAL", problems)
        return cls(**values)
