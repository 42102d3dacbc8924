"""The main navigation of a language's site: the same on every page, made once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.support import Translations

from .catalogues import N_
from .editions import Edition

HOME, SPEAKERS, PUBLICATIONS, ARCHIVE = (
    N_("Home"),
    N_("Speakers"),
    N_("Publications"),
    N_("Archive"),
)


@dataclass(frozen=True)
class NavLink:
    """One entry of the main navigation."""

    url: str
    label: str


def main_navigation(
    edition: Edition,
    catalogue: Translations,
    speakers_url: str | None = None,
    publications_url: str | None = None,
) -> tuple[NavLink, ...]:
    """The home page, each category, the speakers and the publications (where the site has
    them), the archive and each page of a language, in its language; a page whose header
    says `Menu: footer` (an accessibility statement) is in the footer only."""
    links = [NavLink(edition.home_url, catalogue.gettext(HOME))]
    links += [NavLink(category.url, category.name) for category, _ in edition.categories]
    if speakers_url is not None:
        links.append(NavLink(speakers_url, catalogue.gettext(SPEAKERS)))
    if publications_url is not None:
        links.append(NavLink(publications_url, catalogue.gettext(PUBLICATIONS)))
    links.append(NavLink(edition.archive_url, catalogue.gettext(ARCHIVE)))
    links += [NavLink(page.url, page.title) for page in edition.pages if not footer_only(page)]
    return tuple(links)


def footer_only(page: Any) -> bool:
    """Whether a page is linked from the footer only (`Menu: footer`)."""
    return str(page.metadata.get("menu", "")).strip().lower() == "footer"
