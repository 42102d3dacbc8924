"""Signal glue of the bilingual plugin: which signal calls which handler, and the handlers
that tie the plugin's steps together once every generator has read its content."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console

from plugins.common.sources import article_lists, page_lists

from .content import (
    drop_url_collisions,
    forget_sources,
    identify_items,
    localise_taxonomy,
    pair_and_link,
    remove_items,
)
from .editions import build_editions
from .listings import LanguageSitesGenerator, plan_listings
from .settings import BilingualSettings
from .state import BilingualState
from .summary import summarise_translations
from .templating import install
from .withheld import WithheldFilesGenerator

logger = logging.getLogger(__name__)


def register() -> None:
    """Connect the bilingual plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(install_template_helpers)
    signals.article_generator_pretaxonomy.connect(assign_article_languages)
    signals.page_generator_finalized.connect(assign_page_languages)
    signals.all_generators_finalized.connect(pair_translations_and_build_editions)
    signals.get_generators.connect(add_language_sites_generator)
    signals.get_generators.connect(add_withheld_files_generator)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `BILINGUAL` is invalid."""
    BilingualSettings.from_settings(pelican.settings)


def install_template_helpers(generator: Any) -> None:
    """Give a generator's templates gettext, localised dates and the page's languages."""
    BilingualState.for_context(generator.context, generator.settings)
    settings = generator.settings
    # Builds that keep a content cache (previews) keep compiled templates beside it, and
    # use them when they use the content cache (not with --ignore-cache, nor after the
    # settings or the plugins' code changed).
    kept = Path(settings["CACHE_PATH"]) / "templates" if settings.get("CACHE_CONTENT") else None
    install(generator.env, kept, load_compiled=bool(settings.get("LOAD_CONTENT_CACHE")))


def _all(lists: Iterable[list[Any]]) -> list[Any]:
    return [item for items in lists for item in items]


def assign_article_languages(generator: Any) -> None:
    """Give each story its language, story key and slug; leave out unconfigured languages."""
    _identify(generator, article_lists(generator))


def assign_page_languages(generator: Any) -> None:
    """Give each static page its language, story key and slug."""
    _identify(generator, page_lists(generator))


def _identify(generator: Any, lists: list[list[Any]]) -> None:
    state = BilingualState.for_context(generator.context, generator.settings)
    rejected = identify_items(_all(lists), state)
    remove_items(lists, rejected)
    forget_sources(generator.context, rejected)


def pair_translations_and_build_editions(generators: list[Any]) -> None:
    """Localise categories and tags, pair translations, leave out URL collisions, build
    every language's listings, and print the translation summary.

    Categories and tags are localised only now, after Pelican grouped its own: their
    objects carry URLs, and Pelican would write its language-mixed listings to them.
    """
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    state = BilingualState.for_context(articles.context, articles.settings)

    stories, static_pages = article_lists(articles), page_lists(pages)
    all_stories = _all(stories)
    for article in all_stories:
        localise_taxonomy(article, state)
    everything = all_stories + _all(static_pages)
    for item in everything:
        # A URL is final now: keep it rather than format it again at every use.
        item.override_url, item.override_save_as = item.url, item.save_as
    collisions = drop_url_collisions(everything)
    remove_items([*stories, *static_pages], collisions)
    forget_sources(articles.context, collisions)

    # Pelican's own groupings feed listings that are off; emptied, Pelican does not walk them
    # (its per-tag, per-category and per-author loops grow with the square of the stories).
    articles.tags, articles.categories, articles.authors = {}, [], []
    published = [*articles.articles, *articles.hidden_articles]
    drafts = [*articles.drafts, *articles.drafts_translations]
    state.stories = pair_and_link(published, drafts, state)
    state.page_stories = pair_and_link(
        [*pages.pages, *pages.hidden_pages], [*pages.draft_pages], state
    )
    state.editions = build_editions(state.settings, articles.articles, pages.pages)
    state.listings = plan_listings(state)
    for line in summarise_translations(
        [*state.stories.values(), *state.page_stories.values()], articles.settings["PATH"]
    ):
        console.print(line, soft_wrap=True, markup=False, highlight=False)


def add_language_sites_generator(pelican: Any) -> type[LanguageSitesGenerator]:
    """Add the generator that writes each language's listings."""
    return LanguageSitesGenerator


def add_withheld_files_generator(pelican: Any) -> type[WithheldFilesGenerator]:
    """Add the generator that keeps unpublished items' files out of production builds."""
    return WithheldFilesGenerator
