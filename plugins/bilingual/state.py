"""What the site knows of its languages during one build."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from babel.support import Translations

from plugins.common.outputs import GeneratedPage, PageVersions

from .catalogues import load_catalogue
from .editions import Edition
from .settings import BilingualSettings, Language
from .slugs import slugify
from .taxonomy import LanguageCategory, LanguageTag
from .translations import Story


@dataclass
class BilingualState:
    """Settings, catalogues, shared categories and tags, and the editions of one build."""

    settings: BilingualSettings
    pelican_settings: Any
    catalogues: dict[str, Translations]
    editions: dict[str, Edition] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    page_stories: dict[str, Story] = field(default_factory=dict)
    listings: list[GeneratedPage] = field(default_factory=list)
    # Dates formatted for a locale, by (date, Babel format, locale): listings repeat them.
    formatted_dates: dict[tuple[Any, str, str], str] = field(default_factory=dict)
    _categories: dict[tuple[str, str], LanguageCategory] = field(default_factory=dict)
    _tags: dict[tuple[str, str], LanguageTag] = field(default_factory=dict)
    _tag_names: dict[tuple[str, str], LanguageTag] = field(default_factory=dict)

    @classmethod
    def load(cls, settings: BilingualSettings, pelican_settings: Any) -> BilingualState:
        """Start a build's languages: load every language's catalogue."""
        catalogues = {
            code: load_catalogue(settings.catalogue_path(code), language.locale)
            for code, language in settings.languages.items()
        }
        return cls(settings=settings, pelican_settings=pelican_settings, catalogues=catalogues)

    def indexed_pages(self) -> Iterator[PageVersions]:
        """Every published story and page, and every listing, with its language versions."""
        for edition in self.editions.values():
            items = (*edition.articles, *edition.withdrawn, *edition.pages)
            yield from (PageVersions.of(item) for item in items)
        yield from (page for page in self.listings if page.indexable)

    def language(self, code: str) -> Language:
        """Return a configured language."""
        return self.settings.languages[code]

    def category(self, category_id: str, lang: str) -> LanguageCategory:
        """Return the one category object for an id in a language."""
        key = (lang, category_id)
        if key not in self._categories:
            self._categories[key] = LanguageCategory(
                category_id,
                lang,
                self.language(lang).categories[category_id],
                self.settings.urls["category"],
                self.pelican_settings,
            )
        return self._categories[key]

    def tag(self, name: str, lang: str) -> LanguageTag:
        """Return the one tag object for a tag name in a language (same slug, same tag)."""
        named = self._tag_names.get((lang, name))
        if named is not None:
            return named
        slug = slugify(name)
        key = (lang, slug)
        if key not in self._tags:
            self._tags[key] = LanguageTag(
                name, slug, lang, self.settings.urls["tag"], self.pelican_settings
            )
        self._tag_names[(lang, name)] = self._tags[key]
        return self._tags[key]
