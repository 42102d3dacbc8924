"""Categories and tags that belong to one language and link to that language's listing."""

from __future__ import annotations

from typing import Any

from pelican.urlwrappers import Category, Tag

from plugins.common.outputs import save_as_for


class _LanguageMixin:
    """A Pelican URL wrapper that lives in one language, with its own URL pattern."""

    lang: str
    slug: str
    _url_pattern: str

    @property
    def url(self) -> str:
        """The URL of this listing in its language."""
        return self._url_pattern.format(lang=self.lang, slug=self.slug)

    @property
    def save_as(self) -> str:
        """The file this listing is written to."""
        return save_as_for(self.url)

    def _key(self) -> tuple[str, str]:
        return (self.lang, self.slug)

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LanguageMixin):
            return self._key() == other._key()
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal


class LanguageCategory(_LanguageMixin, Category):  # type: ignore[misc]
    """A configured category in one language: its id is its slug, its name is localised."""

    def __init__(
        self, category_id: str, lang: str, name: str, url_pattern: str, settings: Any
    ) -> None:
        super().__init__(name, settings)
        self.id = category_id
        self.lang = lang
        self.slug = category_id
        self._url_pattern = url_pattern


class LanguageTag(_LanguageMixin, Tag):  # type: ignore[misc]
    """A tag in one language; the same word in two languages is two tags."""

    def __init__(self, name: str, slug: str, lang: str, url_pattern: str, settings: Any) -> None:
        super().__init__(name, settings)
        self.lang = lang
        self.slug = slug
        self._url_pattern = url_pattern
