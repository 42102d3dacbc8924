"""A preview's site brought up to date in place after saves: in the process that built it,
and kept it in memory, only the saved stories and pages are read, the site's model is made
again from them and the others as they are, and only the pages whose fingerprints changed
are rendered (`plugins.incremental`).

It is taken for saves of stories and pages only (edited, added or removed), when the build
before reported no problem and the saves are read without one, and when no photo or
document a story shows is added, changed or removed. Anything else (a registry, a
template, a photo, a publication, a mistake to report) is left to a whole build, which
reads every file and reports every problem: `Unchanged` says so before anything is
written.

The lists Pelican keeps stories and pages in are made again as Pelican makes them, in the
order it finds their files, with its own `process_translations` and `order_content`.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.utils import order_content, process_translations

from plugins.checks.reader import CheckedMarkdownReader
from plugins.common.pelican_api import raw_text
from plugins.incremental.state import ATTACH

from .model import Build
from .quick import PAGES, SHOWN_FILES, STORIES, Kind, Unchanged, read_source
from .shell import build_of, finish, model_the_site, ours
from .workers import held_back
from .writer import SiteWriter

logger = logging.getLogger(__name__)
NONE_SHOWN = (None,) * len(SHOWN_FILES)
# The statuses of Pelican's lists of stories and pages, as `article_lists` gives them.
STATUSES = ("published", "hidden", "draft")
# A link to another item by its file: `{filename}path` (and Pelican's older `|filename|path`).
FILENAME_LINK = re.compile(r"[{|]filename[|}]")


def update_in_place(generators: list[Any], saved: Iterable[Path], problems: list[str]) -> None:
    """Bring the site up to date with saved stories and pages; raise `Unchanged`, having
    written nothing, for saves a whole build must take (see the module's text).
    `problems`: what the build before reported."""
    if problems:
        raise Unchanged("the build before reported problems: a whole build reports them again")
    found = {type(g): g for g in generators}
    articles, pages = found.get(ArticlesGenerator), found.get(PagesGenerator)
    static = found.get(StaticGenerator)
    if articles is None or pages is None or static is None or not ours(articles):
        raise Unchanged("no site built")
    build = build_of(articles)
    kinds = {STORIES: articles, PAGES: pages}
    sources = {kind: walk(kind, generator) for kind, generator in kinds.items()}
    known = {kind: read_before(kind, generator) for kind, generator in kinds.items()}
    paths = {os.path.abspath(path) for path in saved}  # noqa: PTH100 - as Pelican names them
    # A file made and removed again, not a story or page before: an editor's temporary file.
    before = set().union(*known.values())
    paths = {path for path in paths if path in before or os.path.lexists(path)}
    if not paths <= set().union(*sources.values()) | before:
        raise Unchanged("a file that is not a story or page")
    for generator in kinds.values():
        for reader in generator.readers.readers.values():
            if isinstance(reader, CheckedMarkdownReader):
                reader.look_again()
    # The collector would walk the whole site, again and again, as it is made again: it
    # waits until the preview has its answer (`tidy_up`).
    gc.disable()
    try:
        remake(generators, kinds, static, build, sources, known, paths)
        if build.incremental is not None:
            build.incremental.begin_writing()
        write_site(generators, build)
    finally:
        gc.enable()


def remake(
    generators: list[Any],
    kinds: dict[Kind, Any],
    static: Any,
    build: Build,
    sources: dict[Kind, list[str]],
    known: dict[Kind, dict[str, Any]],
    saved: set[str],
) -> None:
    """Read the saved stories and pages, and make the site's model again with them; raise
    `Unchanged` if that reports a problem or needs a whole build."""
    articles, pages = kinds[STORIES], kinds[PAGES]
    linked = set(articles.context["static_links"])
    # A report of its own, counting what the pass logs (from here: not held back).
    build.start_again()
    with held_back() as logged:
        for kind, generator in kinds.items():
            read_saved(kind, generator, build, sources[kind], known[kind], saved)
        now = {kind: read_before(kind, generator) for kind, generator in kinds.items()}
        if moved(known, now, saved):
            # Pelican makes an item's text once, with the URLs its `{filename}` links point
            # at then: the items that have such links are read again too.
            read = build.publications.every_read() if build.publications else []
            if any(links_to_items(item) for item in read):
                raise Unchanged("a publication links to a story or page that moved")
            linking = {
                path
                for items in now.values()
                for path, item in items.items()
                if path not in saved and links_to_items(item)
            }
            for kind, generator in kinds.items():
                if linking & set(now[kind]):
                    read_saved(kind, generator, build, sources[kind], now[kind], linking)
        if not articles.context["static_links"] <= linked:
            raise Unchanged("a file linked that Pelican copies only with a build")
        for generator in generators:  # as Pelican does once every generator has read
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        model_the_site(build, articles, pages, static)
    if any(record.levelno >= logging.WARNING for record in logged.records):
        raise Unchanged("the build reports the problems")


def moved(before: dict[Kind, dict[str, Any]], now: dict[Kind, dict[str, Any]], saved: set[str]
          ) -> bool:  # fmt: skip
    """Whether a saved story or page is at another URL than before (added or removed too):
    `before` and `now`, each kind's items by source path."""

    def url(items: dict[str, Any], path: str) -> str | None:
        return items[path].url if path in items else None

    return any(url(before[kind], path) != url(now[kind], path) for kind in now for path in saved)


def links_to_items(item: Any) -> bool:
    """Whether an item's text links to a story, page or publication (`{filename}`)."""
    return FILENAME_LINK.search(raw_text(item)) is not None


def tidy_up() -> None:
    """Between saves, once the preview has its answer: leave what the site no longer
    holds to the collector, and what it holds out of its reach again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def walk(kind: Kind, generator: Any) -> list[str]:
    """The sources of a kind, by absolute path, in the order Pelican reads them."""
    settings = generator.settings
    return [
        os.path.abspath(os.path.join(generator.path, name))  # noqa: PTH100, PTH118
        for name in generator.get_files(
            settings[f"{kind.setting}_PATHS"], exclude=settings[f"{kind.setting}_EXCLUDES"]
        )
    ]


def read_before(kind: Kind, generator: Any) -> dict[str, Any]:
    """The items of a kind the build holds, by absolute source path."""
    return {item.source_path: item for items in kind.lists(generator) for item in items}


def read_saved(
    kind: Kind,
    generator: Any,
    build: Build,
    sources: list[str],
    known: dict[str, Any],
    saved: set[str],
) -> None:
    """Read the saved sources of a kind again, and make its lists again as Pelican would
    with what it read before (`known`) for the others."""
    content = generator.context["generated_content"]
    items = []
    for path in sources:
        before = known.get(path)
        if path not in saved:
            if before is not None:  # else left out before (`Status: skip`), and still
                items.append(before)
            continue
        item = read_source(kind, generator, build, path)
        if ATTACH in raw_text(item):
            raise Unchanged("an attached file moves with the build")
        if shown_files(item) != (shown_files(before) if before else NONE_SHOWN):
            raise Unchanged("a photo or document shown changes")
        generator.add_source_path(item)
        generator.add_static_links(item)
        items.append(item)
    listed = set(sources)
    for path, before in known.items():
        if path not in listed:  # removed
            if shown_files(before) != NONE_SHOWN:
                raise Unchanged("a photo or document shown changes")
            content.pop(before.get_relative_source_path(), None)
    by_status: dict[str, list[Any]] = {status: [] for status in STATUSES}
    for item in items:
        by_status[item.status].append(item)
    settings = generator.settings
    lists = kind.lists(generator)  # each status's list, then its translations'
    for status, origs, translations in zip(STATUSES, lists[0::2], lists[1::2], strict=True):
        first, others = process_translations(
            by_status[status], translation_id=settings[f"{kind.setting}_TRANSLATION_ID"]
        )
        origs[:] = order_content(first, settings[f"{kind.setting}_ORDER_BY"])
        translations[:] = others


def shown_files(item: Any) -> tuple[Any, ...]:
    """The photos and documents an item names (and those left out for being missing)."""
    return tuple(item.metadata.get(name) for name in SHOWN_FILES)


def write_site(generators: list[Any], build: Build) -> None:
    """Write every page whose fingerprint changed, as a build does, and finish as it does."""
    settings = build.pelican_settings
    writer = SiteWriter(settings["OUTPUT_PATH"], settings=settings)
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)
    finish(build)
