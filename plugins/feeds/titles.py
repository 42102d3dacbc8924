"""Feed titles and descriptions in the feed's language, from the theme's catalogues."""

from __future__ import annotations

from babel.support import Translations

from plugins.bilingual.catalogues import N_

PUBLICATIONS = N_("Publications")
DESCRIPTIONS = {
    "all": N_("All stories, newest first"),
    "category": N_("Stories in “%(name)s”, newest first"),
    "speaker": N_("Stories with %(name)s, newest first"),
    "organisation": N_("Stories with speakers from %(name)s, newest first"),
    "publications": N_("Reports and other publications, newest first"),
}


def feed_title(sitename: str, name: str | None) -> str:
    """Return a feed's title: the institution's name, then the category or speaker."""
    return f"{sitename} — {name}" if name else sitename


def feed_description(kind: str, catalogue: Translations, name: str | None) -> str:
    """Return a feed's one-line description in the catalogue's language."""
    return str(catalogue.gettext(DESCRIPTIONS[kind])) % {"name": name or ""}


def publications_name(catalogue: Translations) -> str:
    """Return the name of the publications section in the catalogue's language."""
    return str(catalogue.gettext(PUBLICATIONS))
