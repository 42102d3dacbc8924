"""What the site knows of its publications during one build."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from plugins.bilingual.state import BilingualState
from plugins.common.outputs import GeneratedPage, PageVersions, language_versions

from .settings import PublicationsSettings


@dataclass(frozen=True)
class TypeGroup:
    """The publications of one type in one year."""

    type_id: str
    name: str
    items: list[Any]


@dataclass(frozen=True)
class YearGroup:
    """The publications of one year, by type."""

    year: int
    types: list[TypeGroup]


@dataclass
class PublicationsState:
    """Every language's publications, newest first, and the section pages."""

    settings: PublicationsSettings
    languages: BilingualState
    by_language: dict[str, list[Any]] = field(default_factory=dict)
    published: list[Any] = field(default_factory=list)  # every language's, as read
    drafts: list[Any] = field(default_factory=list)

    def every_read(self) -> list[Any]:
        """Every publication read, in every language: the published, then the drafts."""
        return [*self.published, *self.drafts]

    def items(self, lang: str) -> list[Any]:
        """A language's published publications, newest first."""
        return self.by_language.get(lang, [])

    def index_url(self, lang: str) -> str:
        """A language's publications section."""
        return self.settings.url("index", lang=lang)

    def type_name(self, type_id: str, lang: str) -> str:
        """A publication type's name in a language."""
        return self.languages.language(lang).publication_types.get(type_id, type_id)

    def grouped(self, lang: str) -> list[YearGroup]:
        """A language's publications by year (newest first), then by type in settings order."""
        order = {type_id: index for index, type_id in enumerate(self.settings.types)}
        years = []
        by_year = sorted(self.items(lang), key=lambda item: -item.year)
        for year, in_year in groupby(by_year, key=lambda item: item.year):
            items = sorted(
                in_year, key=lambda item: (order.get(item.type_id, 99), -item.date.timestamp())
            )
            types = [
                TypeGroup(type_id, self.type_name(type_id, lang), list(group))
                for type_id, group in groupby(items, key=lambda item: item.type_id)
            ]
            years.append(YearGroup(year, types))
        return years

    def section_pages(self) -> list[GeneratedPage]:
        """Every language's publications section."""
        codes = self.languages.settings.codes
        versions = {code: self.index_url(code) for code in codes}
        return [
            GeneratedPage(
                self.index_url(code), code, versions, "publications", {"years": self.grouped(code)}
            )
            for code in codes
        ]

    def item_pages(self) -> list[GeneratedPage]:
        """Each publication's own page, drafts' too where drafts are written."""
        return [
            GeneratedPage(
                item.url,
                item.lang,
                language_versions(item),
                item.template,
                {"publication": item},
                save_as=item.save_as,
            )
            for item in self.every_read()
            if item.save_as
        ]

    def indexed_pages(self) -> Iterator[PageVersions]:
        """The sections and every published publication, with their language versions."""
        yield from self.section_pages()
        for items in self.by_language.values():
            yield from (PageVersions.of(item) for item in items)
