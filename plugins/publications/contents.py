"""The publication content type: a report or brochure, its abstract and its document."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from pelican.contents import Content

from plugins.common.outputs import save_as_for


class Publication(Content):  # type: ignore[misc]
    """One language version of a publication; the Markdown body is its abstract."""

    mandatory_properties = ("title", "date")
    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    default_template = "publication"
    # The URL patterns of `PUBLICATIONS`, given by the site once the item is read.
    urls: Mapping[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Like a story, a publication dated in the future is scheduled: a draft until then.
        future = hasattr(self, "date") and self.date > datetime.datetime.now(datetime.UTC)
        if future and not self.settings["WITH_FUTURE_DATES"]:
            self.status = "draft"

    @property
    def url(self) -> str:
        """Where the publication's page is; a draft's under the drafts' folder."""
        lang, slug = getattr(self, "lang", ""), getattr(self, "slug", "")
        if self.status == "draft":
            return f"{lang}/drafts/publications/{slug}/"
        return str(self.urls["publication"]).format(lang=lang, slug=slug)

    @property
    def save_as(self) -> str:
        """The file the publication's page is written to: none for a draft where the
        settings write no drafts (production), so links to it are reported as broken."""
        if self.status == "draft" and not self.settings.get("DRAFT_SAVE_AS"):
            return ""
        return save_as_for(self.url)
