"""New stories and publications, one file per language, as `invoke new` and
`invoke new-publication` write them.

The title is written in its own language's file only: the other files are drafts whose
`Title:` is still to be written (`invoke check` lists them), never a copy of another
language's headline. Keys and addresses are cut on whole words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from plugins.bilingual.slugs import MAX_LENGTH, slugify
from plugins.checks.dates import WrongDateError, read_date

KEY_LENGTH = 50  # a story key (the file name, the feed item's id) is at most this long


class ScaffoldError(ValueError):
    """What stops a new story from being written, in one sentence with its fix."""


@dataclass(frozen=True)
class NewItem:
    """A new story or publication: its title, in which language, and when."""

    title: str
    title_lang: str
    langs: Sequence[str]
    when: datetime
    dated: str  # the `Date:` line's value, as the option gave it (or now)

    @property
    def key(self) -> str:
        """The story key: the date and the title's first words."""
        words = slugify(self.title, KEY_LENGTH, whole_words=True) or "story"
        return f"{self.when:%Y-%m-%d}-{words}"

    @property
    def slug(self) -> str:
        """The titled version's address, when cutting on whole words changes it."""
        whole = slugify(self.title, MAX_LENGTH, whole_words=True)
        return whole if whole != slugify(self.title) else ""

    def title_of(self, lang: str) -> str:
        """The `Title:` of a language's file: the title in its own language, else empty."""
        return self.title if lang == self.title_lang else ""

    def slug_of(self, lang: str) -> str:
        """The `Slug:` of a language's file."""
        return self.slug if lang == self.title_lang else ""


def new_item(
    title: str, langs: Sequence[str], title_lang: str, date: str, now: datetime
) -> NewItem:
    """Check what `invoke new` was given; `ScaffoldError` names what is wrong."""
    if not any(character.isalnum() for character in title):
        raise ScaffoldError(
            f'{title!r} is not a title — give the headline in quotes: invoke new "Title"'
        )
    if title_lang not in langs:
        raise ScaffoldError(
            f"--lang {title_lang!r} is not one of the languages written ({', '.join(langs)})"
        )
    if not date:
        return NewItem(title, title_lang, langs, now, f"{now:%Y-%m-%d %H:%M}")
    try:
        when = read_date(date)
    except WrongDateError as wrong:
        raise ScaffoldError(f"--date {date!r} {wrong.problem} — {wrong.fix}") from None
    return NewItem(title, title_lang, langs, when, date.strip())


def write_files(paths: Sequence[Path], text_of: dict[Path, str]) -> None:
    """Write new files, refusing to overwrite any."""
    existing = [path for path in paths if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists — choose another title")
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of[path], encoding="utf-8")


def story_files(content: Path, item: NewItem, category: str) -> list[Path]:
    """Write a new story's files, one per language, every one a draft."""
    folder = content / "articles" / f"{item.when:%Y}"
    paths = {lang: folder / f"{item.key}.{lang}.md" for lang in item.langs}
    text = {
        paths[lang]: "\n".join(
            [
                f"Title: {item.title_of(lang)}",
                f"Date: {item.dated}",
                "Modified:",
                f"Category: {category}",
                "Tags:",
                "Speakers:",
                "Summary:",
                "Location:",
                "Image:",
                "Image-Alt:",
                "Image-Caption:",
                "Image-Credit:",
                "Source:",
                "Status: draft",
                f"Slug: {item.slug_of(lang)}",
                f"Story: {item.key}",
                "",
                "Write the story here. Remove 'Status: draft' to publish it.",
                "",
            ]
        )
        for lang in item.langs
    }
    write_files(list(paths.values()), text)
    return list(paths.values())


def publication_files(content: Path, folder: str, item: NewItem, type_id: str) -> list[Path]:
    """Write a new publication's files, one per language, every one a draft."""
    paths = {lang: content / folder / f"{item.key}.{lang}.md" for lang in item.langs}
    text = {
        paths[lang]: "\n".join(
            [
                f"Title: {item.title_of(lang)}",
                f"Date: {item.dated}",
                f"Type: {type_id}",
                f"Year: {item.when:%Y}",
                "Pages:",
                f"Document: files/{item.key}.{lang}.pdf",
                "Cover:",
                "Cover-Alt:",
                "Status: draft",
                f"Slug: {item.slug_of(lang)}",
                f"Story: {item.key}",
                "",
                "Write the abstract here: what the publication is about, in a paragraph or two.",
                "Put the document at the path of 'Document:', and remove 'Status: draft' to "
                "publish it.",
                "",
            ]
        )
        for lang in item.langs
    }
    write_files(list(paths.values()), text)
    return list(paths.values())
