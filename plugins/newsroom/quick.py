"""A saved story's pages at once: in the process that built the site, and kept it in memory,
the saved stories are read again and their own pages written, before the build that brings
every other page up to date.

The live preview asks for them first on every save. Only a save of stories the build knows
is taken this way, when each is read without an error and keeps its language, story, status,
address and photos: each page shows the story, its translations, its speakers and contacts,
all of which are made again here as the build makes them. Anything else (a page, a
publication, a photo, a new or removed story, a changed date or slug) waits for the build.
The pages are written through the site's writer (confined to the output folder) by Pelican's
own article generator, and the build that follows writes them again: it is the reference.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Article, SkipStub
from pelican.generators import ArticlesGenerator

from plugins.bilingual.content import identify_items, localise_taxonomy, pair_and_link
from plugins.checks.reader import MISSING_PHOTO
from plugins.common.sources import FILE_HEADERS, article_lists
from plugins.incremental.state import ATTACH
from plugins.speakers.attach import attach_speakers

from .model import Build
from .shell import attach_story_contacts, build_of, ours
from .writer import SiteWriter

# What a story must keep for its page alone to change: the rest of the site shows these.
KEPT = ("lang", "story", "status", "url", "save_as")


class Unchanged(Exception):  # noqa: N818 - not an error: the build that follows writes them
    """Raised when a save is not of the kind whose pages can be written alone."""


def quick_pages(generators: Iterable[Any], saved: Iterable[Path]) -> list[str]:
    """Read the saved stories again and write their pages and their translations'; return
    the pages' URLs. Nothing is written (and `Unchanged` raised) for a save the build must
    make (see the module's text)."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None or not ours(articles):
        raise Unchanged("no site built")
    build = build_of(articles)
    known = {Path(item.source_path).absolute(): item for items in article_lists(articles)
             for item in items}  # fmt: skip
    old = []
    for path in sorted(set(saved)):
        item = known.get(Path(path).absolute())
        if item is not None:
            old.append(item)
        elif os.path.lexists(path):
            raise Unchanged("not a story the build knows")
        # else made and removed again: an editor's temporary file
    if not old:
        raise Unchanged("no story saved")
    with held_back() as logged:
        fresh = [read_again(articles, build, item) for item in old]
        for before, after in zip(old, fresh, strict=True):
            replace(articles, before, after)
        for item in fresh:
            link_versions(articles, build, item)
    if any(record.levelno >= logging.ERROR for record in logged):
        raise Unchanged("the build reports the mistakes")
    shown = {id(item) for item in fresh}
    shown.update(id(version) for item in fresh for version in item.translations)
    return write_pages(articles, shown)


@contextlib.contextmanager
def held_back() -> Iterator[list[logging.LogRecord]]:
    """The records logged meanwhile, kept rather than shown: the build that follows shows
    what it finds."""
    root = logging.getLogger()
    handlers, kept = root.handlers[:], Kept()
    root.handlers = [kept]
    try:
        yield kept.records
    finally:
        root.handlers = handlers


class Kept(logging.Handler):
    """Keeps every record it is given."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def read_again(articles: Any, build: Build, before: Any) -> Any:
    """A story read again as the build reads it, and made as the build makes it; it must
    keep what the rest of the site shows of it."""
    try:
        source = Path(before.source_path).read_text("utf-8", errors="replace")
    except OSError as gone:
        raise Unchanged("removed") from gone
    if ATTACH in source:
        raise Unchanged("an attached file moves with the build")
    item = articles.readers.read_file(
        base_path=articles.path,
        path=os.path.relpath(before.source_path, articles.path),
        content_class=Article,
        context=articles.context,
        preread_signal=signals.article_generator_preread,
        preread_sender=articles,
        context_signal=signals.article_generator_context,
        context_sender=articles,
    )
    if isinstance(item, SkipStub) or not item.is_valid():
        raise Unchanged("not built")
    languages = build.languages
    if identify_items([item], languages):
        raise Unchanged("a language the site does not have")
    localise_taxonomy(item, languages)
    item.override_url, item.override_save_as = item.url, item.save_as
    if any(getattr(item, name) != getattr(before, name) for name in KEPT) or any(
        item.metadata.get(name) != before.metadata.get(name)
        for name in (*FILE_HEADERS, MISSING_PHOTO)
    ):
        raise Unchanged("the rest of the site shows the change")
    if build.speakers is not None:
        attach_speakers(item, build.speakers)
    attach_story_contacts(build, item)
    item.refresh_metadata_intersite_links()
    return item


def replace(articles: Any, before: Any, after: Any) -> None:
    """Put a story read again in the place of its earlier reading."""
    for items in article_lists(articles):
        items[:] = [after if item is before else item for item in items]
    articles.add_source_path(after)
    articles.add_static_links(after)


def link_versions(articles: Any, build: Build, item: Any) -> None:
    """Link a story read again and its other language versions to each other, as the build
    does (a draft to published versions and other drafts)."""
    published = [*articles.articles, *articles.hidden_articles]
    drafts = [*articles.drafts, *articles.drafts_translations]
    pair_and_link(
        [v for v in published if v.story == item.story],
        [v for v in drafts if v.story == item.story],
        build.languages,
    )


def write_pages(articles: Any, shown: set[int]) -> list[str]:
    """Write the pages of the stories `shown` (by id), through Pelican's article generator
    and the site's writer; return their URLs."""
    writer = SiteWriter(articles.output_path, settings=articles.settings)
    writer.queueing = False
    urls: list[str] = []

    def write(name: str, template: Any, context: Any, **values: Any) -> None:
        if id(values.get("article")) in shown:
            writer.write_file(
                name, template, context, relative_urls=articles.settings["RELATIVE_URLS"],
                **values,
            )  # fmt: skip
            urls.append(values["article"].url)

    articles.generate_articles(write)
    articles.generate_drafts(write)
    return urls
