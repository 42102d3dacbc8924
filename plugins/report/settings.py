"""Settings of the report plugin: the `REPORT` dict, its defaults and its validation."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, settings_dict

LEVELS = {"warning": logging.WARNING, "error": logging.ERROR}
KEYS = ("fail_on", "manifest")


@dataclass(frozen=True)
class ReportSettings:
    """Which problems fail the build, and where the manifest is written."""

    fail_on: str | None = None
    # Beside the output folder, never inside it: it names drafts and scheduled stories.
    manifest: str = "manifest.json"

    @property
    def level(self) -> int | None:
        """The logging level that fails the build, or None when the build never fails."""
        return LEVELS[self.fail_on] if self.fail_on else None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ReportSettings:
        """Read and validate `REPORT`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "REPORT", KEYS)
        fail_on = raw.get("fail_on")
        if fail_on is not None and (not isinstance(fail_on, str) or fail_on not in LEVELS):
            problems.append(
                f"REPORT['fail_on']: {fail_on!r} is not one of 'warning', 'error' or None"
            )
        manifest = raw.get("manifest", cls.manifest)
        if not isinstance(manifest, str) or not manifest.endswith(".json"):
            problems.append(f"REPORT['manifest']: {manifest!r} must be a .json file name")
        if problems:
            raise SettingsError("REPORT", problems)
        return cls(fail_on=fail_on, manifest=manifest)
