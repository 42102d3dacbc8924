"""Signal glue of the search plugin: which signal calls which handler."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pelican import signals

from plugins.common.errors import StopBuild

from .index import build_index
from .pages import SearchPagesGenerator
from .settings import SearchSettings
from .state import SearchState


def register() -> None:
    """Connect the search plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(share_search_state)
    signals.get_generators.connect(add_search_pages)
    signals.finalized.connect(index_the_site)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `SEARCH` is invalid."""
    SearchSettings.from_settings(pelican.settings)


def share_search_state(generator: Any) -> None:
    """Give templates the search page of each language (the header's search box)."""
    SearchState.for_context(generator.context, generator.settings)


def add_search_pages(pelican: Any) -> type[SearchPagesGenerator]:
    """Add the generator that writes the search pages."""
    return SearchPagesGenerator


def index_the_site(pelican: Any) -> None:
    """Index the finished site with Pagefind: stories and publications (the pages that
    mark their body for it), one index per language.

    A site whose search pages cannot work must not look finished: without an index the
    build stops.
    """
    settings = SearchSettings.from_settings(pelican.settings)
    if not settings.enabled:
        return
    if not settings.index:
        # An index left by an earlier build would answer with stories that changed since.
        shutil.rmtree(Path(pelican.settings["OUTPUT_PATH"]) / "pagefind", ignore_errors=True)
        return
    if not build_index(Path(pelican.settings["OUTPUT_PATH"])):
        raise StopBuild("Build failed: the search index could not be built (see above).")
