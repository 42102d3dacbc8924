"""Settings of feeds: the `FEEDS` dict, its defaults and its validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from plugins.common.settings import (
    Key,
    UrlPatterns,
    matching,
    read_settings,
    web_addresses,
    whole_number,
)
from plugins.common.site import siteurl_problem

FORMATS = ("rss", "atom", "json")
# Every feed of a language in one file, for readers that import subscriptions.
OPML_URL = "{lang}/feeds/feeds.opml"
# The page that explains feeds and lists every feed of a language.
SUBSCRIBE_URL = "{lang}/subscribe/"
DEFAULT_URLS: Mapping[str, str] = MappingProxyType(
    {
        "all": "{lang}/feeds/all.{format}.xml",
        "category": "{lang}/feeds/category/{slug}.{format}.xml",
        "speaker": "{lang}/feeds/speaker/{id}.{format}.xml",
        "organisation": "{lang}/feeds/organisation/{slug}.{format}.xml",
        "publications": "{lang}/feeds/publications.{format}.xml",
    }
)
# RFC 4151: a tagging entity is a domain name or an email address, a comma, and a date.
TAGGING_ENTITY = re.compile(
    r"^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|[^@\s,]+@[a-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$"
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TABLE = {
    "max_items": Key(30, whole_number(1, " above 0")),
    "id_authority": Key(
        None,
        matching(
            TAGGING_ENTITY,
            "must be a domain (or email) the office owns and a date it owned it, e.g. "
            "'press.example.org,2023' — item ids are made from it and must never change",
        ),
    ),
    "email": Key(None, matching(EMAIL, "must be an email address", optional=True)),
    "websub_hubs": Key((), web_addresses("must be a list of WebSub hub addresses (https://…)")),
    "urls": UrlPatterns(DEFAULT_URLS, kind_name="feed kind"),
}
PELICAN_FEED_SETTINGS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)


@dataclass(frozen=True)
class FeedsSettings:
    """The validated `FEEDS` settings."""

    id_authority: str
    max_items: int = 30
    email: str | None = None
    websub_hubs: tuple[str, ...] = ()
    urls: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_URLS))

    def url(self, kind: str, fmt: str, **values: str) -> str:
        """Return the URL of one feed: its kind (`all`, `category`, `speaker`) and format.
        A JSON Feed lives beside its RSS file: `all.rss.xml`, `all.json`."""
        if fmt == "json":
            rss = self.url(kind, "rss", **values)
            return f"{rss.removesuffix('.xml').removesuffix('.rss')}.json"
        return self.urls[kind].format(format=fmt, **values)

    def opml_url(self, lang: str) -> str:
        """Where a language's list of every feed is."""
        return OPML_URL.format(lang=lang)

    def subscribe_url(self, lang: str) -> str:
        """Where a language's page about following the site is."""
        return SUBSCRIBE_URL.format(lang=lang)

    def tag_uri(self, specific: str) -> str:
        """Return a permanent `tag:` URI (RFC 4151) of this site for a specific name."""
        return f"tag:{self.id_authority}:{specific}"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FeedsSettings:
        """Read and validate `FEEDS`; raise one SettingsError naming every problem.

        Pelican's own feed settings must be off: its feeds would be written beside these,
        with ids made from titles and dates.
        """
        problems = [
            f"{name} is set: Pelican's own feeds would be written too — set it to None"
            for name in PELICAN_FEED_SETTINGS
            if settings.get(name)
        ]
        if problem := siteurl_problem(settings):
            problems.append(problem)
        return read_settings(cls, settings, "FEEDS", TABLE, problems)
