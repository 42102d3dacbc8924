"""A saved story's pages at once: in the process that built the site, and kept it in memory,
the saved stories (and pages) are read again and their own pages written, before the build
that brings every other page up to date.

The live preview asks for them first on every save. Only a save of stories and pages the
build knows is taken this way, when each is read without an error and keeps its language,
story, status, address and photos (a page its title and menu too: every page's navigation
shows them). A story's page shows the story, its translations, its speakers and contacts,
all of which are made again here as the build makes them. Anything else (a publication, a
photo, a new or removed file, a changed date or slug) waits for the build. The pages are
written through the site's writer (confined to the output folder) by Pelican's own
generators, and what follows (`live`, or a build) writes them again: it is the reference.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blinker import Signal
from pelican import signals
from pelican.contents import Article, Page, SkipStub
from pelican.generators import ArticlesGenerator, PagesGenerator

from plugins.bilingual.content import identify_items, localise_taxonomy, pair_and_link
from plugins.checks.reader import MISSING_PHOTO, CheckedMarkdownReader
from plugins.common.pelican_api import raw_text
from plugins.common.sources import FILE_HEADERS, article_lists, page_lists
from plugins.incremental.state import ATTACH
from plugins.speakers.attach import attach_speakers

from .model import Build
from .shell import attach_story_contacts, build_of, ours
from .workers import held_back
from .writer import SiteWriter

# What an item must keep for its page alone to change: the rest of the site shows these.
KEPT = ("lang", "story", "status", "url", "save_as")
SHOWN_FILES = (*FILE_HEADERS, MISSING_PHOTO)


@dataclass(frozen=True)
class Kind:
    """Stories or pages: how the build reads, pairs and writes them."""

    generator: type[Any]
    content: type[Any]
    preread: Signal
    read: Signal
    lists: Callable[[Any], list[list[Any]]]
    published: Callable[[Any], list[Any]]  # the items paired as published, and as drafts
    drafts: Callable[[Any], list[Any]]
    kept: tuple[str, ...]  # what the rest of the site shows: the same, or the build makes it
    kept_metadata: tuple[str, ...]
    # The prefix of Pelican's settings for them: where it finds them (`_PATHS`,
    # `_EXCLUDES`), how it orders them (`_ORDER_BY`) and pairs them (`_TRANSLATION_ID`).
    setting: str


STORIES = Kind(
    ArticlesGenerator,
    Article,
    signals.article_generator_preread,
    signals.article_generator_context,
    article_lists,
    lambda g: [*g.articles, *g.hidden_articles],
    lambda g: [*g.drafts, *g.drafts_translations],
    KEPT,
    SHOWN_FILES,
    "ARTICLE",
)
PAGES = Kind(
    PagesGenerator,
    Page,
    signals.page_generator_preread,
    signals.page_generator_context,
    page_lists,
    lambda g: [*g.pages, *g.hidden_pages],
    lambda g: [*g.draft_pages],
    (*KEPT, "title"),
    (*SHOWN_FILES, "menu"),
    "PAGE",
)


class Unchanged(Exception):  # noqa: N818 - not an error: a build writes them
    """Raised when a save is not of the kind taken here: a build takes it."""


def quick_pages(generators: Iterable[Any], saved: Iterable[Path]) -> list[str]:
    """Read the saved stories and pages again and write their pages and their translations';
    return the pages' URLs. Nothing is written (and `Unchanged` raised) for a save the build
    must make (see the module's text)."""
    found = {
        kind: g for g in generators for kind in (STORIES, PAGES) if isinstance(g, kind.generator)
    }
    if len(found) < 2 or not ours(found[STORIES]):
        raise Unchanged("no site built")
    build = build_of(found[STORIES])
    # By the absolute path Pelican gives each item, as the preview names the saved files.
    known = {
        item.source_path: (kind, item)
        for kind, generator in found.items()
        for items in kind.lists(generator)
        for item in items
    }
    old = []
    for path in sorted({os.path.abspath(path) for path in saved}):  # noqa: PTH100 - as Pelican
        if path in known:
            old.append(known[path])
        elif os.path.lexists(path):
            raise Unchanged("not a story or page the build knows")
        # else made and removed again: an editor's temporary file
    if not old:
        raise Unchanged("nothing the build knows saved")
    for generator in found.values():
        for reader in generator.readers.readers.values():
            if isinstance(reader, CheckedMarkdownReader):
                reader.look_again()
    with held_back() as logged:
        fresh = [(kind, read_again(kind, found[kind], build, item)) for kind, item in old]
        for (kind, before), (_, after) in zip(old, fresh, strict=True):
            replace(kind, found[kind], before, after)
        for kind, item in fresh:
            link_versions(kind, found[kind], build, item)
    if any(record.levelno >= logging.ERROR for record in logged.records):
        raise Unchanged("the build reports the mistakes")
    shown = {id(item) for _, item in fresh}
    shown.update(id(version) for _, item in fresh for version in item.translations)
    urls = write_pages(found[STORIES], found[PAGES], shown)
    saved_urls = {item.url for _, item in fresh}
    return sorted(urls, key=lambda url: url not in saved_urls)  # the saved items' first


def read_again(kind: Kind, generator: Any, build: Build, before: Any) -> Any:
    """An item read again as the build reads it, and made as the build makes it; it must
    keep what the rest of the site shows of it."""
    if not Path(before.source_path).is_file():
        raise Unchanged("removed")
    item = read_source(kind, generator, build, before.source_path)
    if any(getattr(item, name) != getattr(before, name) for name in kind.kept) or any(
        item.metadata.get(name) != before.metadata.get(name) for name in kind.kept_metadata
    ):
        raise Unchanged("the rest of the site shows the change")
    if kind is STORIES:
        if build.speakers is not None:
            attach_speakers(item, build.speakers)
        attach_story_contacts(build, item)
    item.refresh_metadata_intersite_links()
    return item


def read_source(kind: Kind, generator: Any, build: Build, path: str) -> Any:
    """A story or page read as the build reads it (from its absolute path), with its
    language, story, slug, category, tags and URL as the build gives them."""
    item = generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(path, generator.path),
        content_class=kind.content,
        context=generator.context,
        preread_signal=kind.preread,
        preread_sender=generator,
        context_signal=kind.read,
        context_sender=generator,
    )
    if isinstance(item, SkipStub) or not item.is_valid():
        raise Unchanged("not built")
    if ATTACH in raw_text(item):  # read, not yet made: nothing has moved
        raise Unchanged("an attached file moves with the build")
    languages = build.languages
    if identify_items([item], languages):
        raise Unchanged("a language the site does not have")
    if kind is STORIES:
        localise_taxonomy(item, languages)
    item.override_url, item.override_save_as = item.url, item.save_as
    return item


def replace(kind: Kind, generator: Any, before: Any, after: Any) -> None:
    """Put an item read again in the place of its earlier reading."""
    for items in kind.lists(generator):
        items[:] = [after if item is before else item for item in items]
    generator.add_source_path(after)
    generator.add_static_links(after)


def link_versions(kind: Kind, generator: Any, build: Build, item: Any) -> None:
    """Link an item read again and its other language versions to each other, as the build
    does (a draft to published versions and other drafts)."""
    pair_and_link(
        [v for v in kind.published(generator) if v.story == item.story],
        [v for v in kind.drafts(generator) if v.story == item.story],
        build.languages,
    )


def write_pages(stories: Any, pages: Any, shown: set[int]) -> list[str]:
    """Write the pages of the items `shown` (by id), through Pelican's generators and the
    site's writer; return their URLs."""
    writer = Shown(SiteWriter(stories.output_path, settings=stories.settings), shown)
    write = functools.partial(writer.write_file, relative_urls=stories.settings["RELATIVE_URLS"])
    stories.generate_articles(write)
    stories.generate_drafts(write)
    pages.generate_output(writer)
    return writer.urls


@dataclass
class Shown:
    """A writer that writes only the pages of some items (by id), and keeps their URLs."""

    writer: SiteWriter
    shown: set[int]
    urls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.writer.queueing = False  # written here and now, in this process

    def write_file(self, name: str, template: Any, context: Any, **values: Any) -> None:
        """Write a page if it shows one of the items."""
        item = values.get("article", values.get("page"))
        if item is not None and id(item) in self.shown:
            self.writer.write_file(name, template, context, **values)
            self.urls.append(item.url)
