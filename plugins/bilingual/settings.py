"""Settings of languages: the `BILINGUAL` dict, its defaults and its validation."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from plugins.common.errors import SettingsError
from plugins.common.outputs import save_as_for
from plugins.common.settings import (
    Key,
    UrlPatterns,
    list_of_text,
    read_table,
    stop_on,
    unknown_keys,
)

from .collation import Alphabet
from .stories import LANGUAGE_CODE

DEFAULT_URLS: Mapping[str, str] = {
    "home": "{lang}/",
    "category": "{lang}/category/{slug}/",
    "tag": "{lang}/tag/{slug}/",
    "archive": "{lang}/archive/",
    "archive_year": "{lang}/archive/{year}/",
    "not_found": "{lang}/404.html",
}
DEFAULT_CATEGORIES = ("news", "events", "statements")
TABLE = {
    "default_language": Key(None),  # checked against the languages; Pelican's DEFAULT_LANG
    "languages": Key(None),  # each checked on its own
    "categories": Key(DEFAULT_CATEGORIES, list_of_text("must be a list of category ids")),
    "urls": UrlPatterns(DEFAULT_URLS, kind_name="listing"),
    # The gettext catalogues' folder; by default the theme's `translations`.
    "catalogues": Key(
        None,
        lambda value: (
            None
            if not value or (isinstance(value, str | os.PathLike) and str(value))
            else f"{value!r} must be a folder's path"
        ),
    ),
}
LANGUAGE_KEYS = ("name", "locale", "sitename", "categories", "publication_types", "alphabet")
REQUIRED_LANGUAGE_KEYS = ("name", "locale", "sitename")
CATALOGUE = "{lang}/LC_MESSAGES/messages.po"


@dataclass(frozen=True)
class Language:
    """One configured language: its code, names, Babel locale and category names."""

    code: str
    name: str
    locale: str
    sitename: str
    categories: Mapping[str, str]
    alphabet: Alphabet = field(default_factory=Alphabet)
    # Names of publication types (annual report, brochure...), for the publications plugin.
    publication_types: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def babel_locale(self) -> Locale:
        """The Babel locale, parsed once (Babel parses a locale's name at every call)."""
        return Locale.parse(self.locale)

    def sort_key(self, text: str) -> tuple[Any, ...]:
        """Return a key that sorts text in this language's alphabetical order."""
        return self.alphabet.sort_key(text)


@dataclass(frozen=True)
class BilingualSettings:
    """The validated `BILINGUAL` settings."""

    default_language: str
    languages: Mapping[str, Language]
    categories: tuple[str, ...]
    urls: Mapping[str, str]
    catalogues: Path

    @property
    def codes(self) -> tuple[str, ...]:
        """The language codes in their configured order."""
        return tuple(self.languages)

    def url(self, kind: str, **values: str) -> str:
        """Return the URL of a listing kind (`home`, `category`, ...) filled with values."""
        return self.urls[kind].format(**values)

    def save_as(self, kind: str, **values: str) -> str:
        """Return the output file of a listing kind filled with values."""
        return save_as_for(self.url(kind, **values))

    def catalogue_path(self, code: str) -> Path:
        """Return where the gettext catalogue of a language lives."""
        return self.catalogues / CATALOGUE.format(lang=code)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> BilingualSettings:
        """Read and validate `BILINGUAL`; raise one SettingsError naming every problem."""
        if not isinstance(settings.get("BILINGUAL"), Mapping):
            raise SettingsError(
                "BILINGUAL",
                ["BILINGUAL is missing or not a dict — add it to the settings file"],
            )
        raw, problems = read_table(settings, "BILINGUAL", TABLE)
        problems += _pelican_language_problems(settings)

        categories = tuple(raw["categories"])
        catalogues = Path(
            raw["catalogues"] or Path(settings.get("THEME", "theme")) / "translations"
        )
        languages = {
            str(code): language
            for code, spec in _language_specs(raw["languages"], problems)
            if (language := _read_language(code, spec, categories, catalogues, problems))
        }

        default = raw["default_language"] or settings.get("DEFAULT_LANG")
        if languages and default not in languages:
            problems.append(
                f"BILINGUAL['default_language']: {default!r} is not a configured language "
                f"— use one of {', '.join(languages)}"
            )
        pelican_default = settings.get("DEFAULT_LANG")
        if pelican_default and default in languages and pelican_default != default:
            problems.append(
                f"DEFAULT_LANG is {pelican_default!r} but BILINGUAL['default_language'] is "
                f"{default!r} — set both to the same language"
            )

        stop_on("BILINGUAL", problems)
        return cls(
            default_language=str(default),
            languages=languages,
            categories=categories,
            urls=raw["urls"],
            catalogues=catalogues,
        )


# Pelican's own pairing of translations and its own URLs for them: this plugin pairs by story
# key, and every language's pages live under its prefix with the same patterns.
PELICAN_PAIRING = ("ARTICLE_TRANSLATION_ID", "PAGE_TRANSLATION_ID")
SAME_AS = {
    "ARTICLE_LANG_URL": "ARTICLE_URL",
    "ARTICLE_LANG_SAVE_AS": "ARTICLE_SAVE_AS",
    "PAGE_LANG_URL": "PAGE_URL",
    "PAGE_LANG_SAVE_AS": "PAGE_SAVE_AS",
    "DRAFT_LANG_URL": "DRAFT_URL",
    "DRAFT_LANG_SAVE_AS": "DRAFT_SAVE_AS",
    "DRAFT_PAGE_LANG_URL": "DRAFT_PAGE_URL",
    "DRAFT_PAGE_LANG_SAVE_AS": "DRAFT_PAGE_SAVE_AS",
}


def _pelican_language_problems(settings: Mapping[str, Any]) -> list[str]:
    """Pelican's translation settings that would undo this plugin's work."""
    problems = [
        f"{name} is {settings[name]!r}: Pelican would pair translations itself and leave "
        "some out of every listing — set it to None"
        for name in PELICAN_PAIRING
        if settings.get(name)  # None, False or '' all leave Pelican's pairing off
    ]
    problems += [
        f"{name} differs from {same}: Pelican would put other languages' pages elsewhere — "
        f"set {name} = {same}"
        for name, same in SAME_AS.items()
        if name in settings and settings.get(name) != settings.get(same)
    ]
    return problems


def _language_specs(raw: Any, problems: list[str]) -> list[tuple[str, Any]]:
    if not isinstance(raw, Mapping) or not raw:
        problems.append(
            "BILINGUAL['languages']: must map each language code to its settings, "
            "e.g. {'az': {'name': 'Azərbaycanca', 'locale': 'az', 'sitename': '...'}}"
        )
        return []
    return list(raw.items())


def _read_language(
    code: str,
    spec: Any,
    categories: tuple[str, ...],
    catalogues: Path,
    problems: list[str],
) -> Language | None:
    where = f"BILINGUAL['languages'][{code!r}]"
    if not re.fullmatch(LANGUAGE_CODE, str(code)):
        problems.append(
            f"{where}: {code!r} is not a language code as files name it — use lowercase, "
            "like 'az', 'en' or 'pt-br'"
        )
        return None
    if not isinstance(spec, Mapping):
        problems.append(f"{where}: must be a dict with {', '.join(REQUIRED_LANGUAGE_KEYS)}")
        return None
    before = len(problems)
    problems += unknown_keys(spec, LANGUAGE_KEYS, where)
    problems += [
        f"{where}: {key!r} is missing"
        for key in REQUIRED_LANGUAGE_KEYS
        if not isinstance(spec.get(key), str) or not spec.get(key)
    ]
    locale = spec.get("locale")
    if isinstance(locale, str) and locale:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            problems.append(f"{where}['locale']: {locale!r} is not a locale Babel knows")
    names = spec.get("categories", {})
    if not isinstance(names, Mapping):
        problems.append(f"{where}['categories']: must map category ids to names")
        names = {}
    problems += [
        f"{where}['categories']: no name for category {category!r} — add it"
        for category in categories
        if not names.get(category)
    ]
    problems += [
        f"{where}['categories']: {category!r} is not in BILINGUAL['categories']"
        for category in sorted(set(names) - set(categories))
    ]
    catalogue = catalogues / CATALOGUE.format(lang=code)
    if not catalogue.is_file():
        problems.append(
            f"{where}: no translation catalogue at {catalogue} — create it with "
            f"`invoke i18n --add {code}`"
        )
    types = spec.get("publication_types", {})
    if not isinstance(types, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in types.items()
    ):
        problems.append(f"{where}['publication_types']: must map type ids to names")
        types = {}
    alphabet = spec.get("alphabet")
    if alphabet is not None and not isinstance(alphabet, str):
        problems.append(f"{where}['alphabet']: must be a string of letters separated by spaces")
    if len(problems) > before:
        return None
    return Language(
        code=code,
        name=spec["name"],
        locale=str(locale),
        sitename=spec["sitename"],
        categories=dict(names),
        alphabet=Alphabet.parse(alphabet) if alphabet else Alphabet(),
        publication_types=dict(types),
    )
