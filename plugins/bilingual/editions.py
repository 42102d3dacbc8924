"""One language's edition of the site: its stories, pages and listings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import groupby
from typing import Any

from .settings import BilingualSettings, Language


@dataclass(frozen=True)
class Month:
    """The stories of one month, newest first; `date` is the month's first day."""

    date: datetime
    articles: list[Any]


@dataclass(frozen=True)
class Year:
    """The months of one year that have stories, newest first."""

    year: int
    months: list[Month]
    url: str = ""  # the year's own page

    @property
    def articles(self) -> list[Any]:
        """The year's stories, newest first."""
        return [article for month in self.months for article in month.articles]


@dataclass
class Edition:
    """Everything one language's site lists."""

    language: Language
    home_url: str
    archive_url: str
    not_found_url: str
    articles: list[Any] = field(default_factory=list)
    withdrawn: list[Any] = field(default_factory=list)  # at their address, in no listing
    pages: list[Any] = field(default_factory=list)
    categories: list[tuple[Any, list[Any]]] = field(default_factory=list)
    tags: list[tuple[Any, list[Any]]] = field(default_factory=list)
    archive: list[Year] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The language code."""
        return self.language.code

    def category(self, category_id: str) -> Any | None:
        """Return this edition's category with the id, if it has stories."""
        return next((c for c, _ in self.categories if c.id == category_id), None)

    def tag(self, slug: str) -> Any | None:
        """Return this edition's tag with the slug, if it has stories."""
        return next((t for t, _ in self.tags if t.slug == slug), None)


def build_editions(
    settings: BilingualSettings,
    articles: Iterable[Any],
    pages: Iterable[Any],
    withdrawn: Iterable[Any] = (),
) -> dict[str, Edition]:
    """Split published stories and pages by language and build each language's listings.

    Stories are listed newest first; categories in their configured order; tags in the
    language's alphabetical order; the archive by year and month, newest first.
    """
    editions = {
        code: Edition(
            language=language,
            home_url=settings.url("home", lang=code),
            archive_url=settings.url("archive", lang=code),
            not_found_url=settings.url("not_found", lang=code),
        )
        for code, language in settings.languages.items()
    }
    for article in sorted(articles, key=newest_first):
        edition = editions.get(article.lang)
        if edition is not None:
            edition.articles.append(article)
    for article in sorted(withdrawn, key=newest_first):
        if article.lang in editions:
            editions[article.lang].withdrawn.append(article)
    for page in pages:
        if page.lang in editions:
            editions[page.lang].pages.append(page)
    for edition in editions.values():
        # Static pages in the language's alphabetical order (Əlaqə before Haqqımızda).
        edition.pages.sort(
            key=lambda page: (edition.language.sort_key(page.title), page.source_path)
        )
        edition.categories = _by_category(edition.articles, settings.categories)
        edition.tags = _by_tag(edition.articles, edition.language)
        edition.archive = [
            replace(year, url=settings.url("archive_year", lang=edition.lang, year=str(year.year)))
            for year in _by_month(edition.articles)
        ]
    return editions


def newest_first(item: Any) -> tuple[float, str]:
    """Sort key of stories and publications: newest first, then by file."""
    return (-item.date.timestamp(), item.source_path)


def _by_category(articles: Sequence[Any], order: Sequence[str]) -> list[tuple[Any, list[Any]]]:
    groups: dict[str, tuple[Any, list[Any]]] = {}
    for article in articles:
        category = getattr(article, "category", None)
        if category is not None:
            groups.setdefault(category.id, (category, []))[1].append(article)
    return [groups[category_id] for category_id in order if category_id in groups]


def _by_tag(articles: Sequence[Any], language: Language) -> list[tuple[Any, list[Any]]]:
    groups: dict[str, tuple[Any, list[Any]]] = {}
    for article in articles:
        for tag in getattr(article, "tags", ()):
            groups.setdefault(tag.slug, (tag, []))[1].append(article)
    return sorted(groups.values(), key=lambda group: language.sort_key(group[0].name))


def _by_month(articles: Sequence[Any]) -> list[Year]:
    years = []
    for year, in_year in groupby(articles, key=lambda a: a.date.year):
        months = [
            Month(date=group[0].date.replace(day=1), articles=group)
            for _, items in groupby(in_year, key=lambda a: a.date.month)
            if (group := list(items))
        ]
        years.append(Year(year=year, months=months))
    return years
