"""Signal glue of the speakers plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator

from plugins.common.sources import article_lists
from plugins.report.manifest import ERROR, PUBLISHED, Entry
from plugins.report.record import CONTEXT_KEY as REPORT_KEY

from .attach import attach_speakers, report_registry
from .generator import SpeakersGenerator
from .settings import SpeakersSettings
from .state import SpeakersState


def register() -> None:
    """Connect the speakers plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.all_generators_finalized.connect(attach_speakers_to_stories)
    signals.get_generators.connect(add_speakers_generator)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `SPEAKERS` is invalid."""
    SpeakersSettings.from_settings(pelican.settings)


def attach_speakers_to_stories(generators: list[Any]) -> None:
    """Load the registry once, report its problems, and give every story its speakers."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    state = SpeakersState.load(articles.context, articles.settings)
    report_registry(state)
    record_registry(state, articles.context.get(REPORT_KEY))
    for items in article_lists(articles):
        for article in items:
            attach_speakers(article, state)


def add_speakers_generator(pelican: Any) -> type[SpeakersGenerator]:
    """Add the generator that writes speaker and organisation pages."""
    return SpeakersGenerator


def record_registry(state: SpeakersState, report: Any) -> None:
    """Tell the build report what became of the registry: published, or not read at all."""
    if report is None or not (state.registry.found or state.registry.problems):
        return
    unreadable = state.registry.problems and not state.registry.speakers
    urls = [state.settings.url("index", lang=code) for code in state.languages.settings.codes]
    report.add(
        Entry(
            state.registry_path,
            ERROR if unreadable else PUBLISHED,
            kind="data",
            urls=[] if unreadable else urls,
        )
    )
