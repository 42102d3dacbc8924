"""Settings of the metadata plugin: the `METADATA` dict, its defaults and its validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.errors import SettingsError, settings_dict

KEYS = ("logo", "twitter")
TWITTER_HANDLE = re.compile(r"^@\w{1,15}$")


@dataclass(frozen=True)
class MetadataSettings:
    """The validated `METADATA` settings."""

    logo: str | None = None  # the publisher's logo: a path on the site, e.g. theme/images/logo.svg
    twitter: str | None = None  # the institution's account, e.g. @ombudsman

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> MetadataSettings:
        """Read and validate `METADATA`; raise one SettingsError naming every problem."""
        raw, problems = settings_dict(settings, "METADATA", KEYS)
        logo = raw.get("logo")
        if logo is not None and (not isinstance(logo, str) or logo.startswith(("/", "http"))):
            problems.append(
                f"METADATA['logo']: {logo!r} must be a path on the site, e.g. theme/images/logo.svg"
            )
        twitter = raw.get("twitter")
        if twitter is not None and (
            not isinstance(twitter, str) or not TWITTER_HANDLE.match(twitter)
        ):
            problems.append(f"METADATA['twitter']: {twitter!r} must be an account like '@name'")
        if problems:
            raise SettingsError("METADATA", problems)
        return cls(logo=logo, twitter=twitter)
