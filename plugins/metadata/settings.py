"""Settings of machine-readable metadata: the `METADATA` dict and its validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.common.settings import Key, matching, read_settings, text_or_none, true_or_false

TWITTER_HANDLE = re.compile(r"^@\w{1,15}$")
TABLE = {
    # The publisher's logo: a path on the site, e.g. theme/images/logo.svg.
    "logo": Key(
        None,
        lambda value: (
            None
            if value is None or (isinstance(value, str) and not value.startswith(("/", "http")))
            else f"{value!r} must be a path on the site, e.g. theme/images/logo.svg"
        ),
    ),
    # Who holds the rights to the site's photos, said with each photo in JSON-LD.
    "copyright_notice": Key(None, text_or_none("must be text, e.g. '© Office of the Ombudsman'")),
    # The page (by its story key: the file name without the language) that states how the
    # office corrects what it published, named as the publisher's corrections policy.
    "corrections_policy": Key(
        None, text_or_none("must be a page's name, e.g. 'corrections-policy'")
    ),
    # The institution's account, e.g. @ombudsman.
    "twitter": Key(
        None, matching(TWITTER_HANDLE, "must be an account like '@name'", optional=True)
    ),
    # Every page of a production build names its release (<html data-build="…">). Off by
    # default: any change of content then changes every page, which a deploy sends again.
    "release_id": Key(False, true_or_false),
}


@dataclass(frozen=True)
class MetadataSettings:
    """The validated `METADATA` settings."""

    logo: str | None = None
    twitter: str | None = None
    copyright_notice: str | None = None
    corrections_policy: str | None = None
    release_id: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> MetadataSettings:
        """Read and validate `METADATA`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "METADATA", TABLE)
