"""Signal glue of the feeds plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import FeedsGenerator
from .settings import FeedsSettings
from .state import FeedsState
from .templating import install


def register() -> None:
    """Connect the feeds plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(install_feed_links)
    signals.get_generators.connect(add_feeds_generator)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `FEEDS` is invalid or Pelican's feeds are on."""
    FeedsSettings.from_settings(pelican.settings)


def install_feed_links(generator: Any) -> None:
    """Give a generator's templates the feed autodiscovery links of each page."""
    FeedsState.for_context(generator.context, generator.settings)
    install(generator.env)


def add_feeds_generator(pelican: Any) -> type[FeedsGenerator]:
    """Add the generator that writes every language's feeds."""
    return FeedsGenerator
