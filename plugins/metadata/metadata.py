"""Signal glue of the metadata plugin: which signal calls which handler."""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import SitemapGenerator
from .settings import MetadataSettings
from .templating import CONTEXT_KEY, install


def register() -> None:
    """Connect the metadata plugin's handlers."""
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(install_metadata_helpers)
    signals.get_generators.connect(add_sitemap_generator)


def validate_settings(pelican: Any) -> None:
    """Stop the build with one clear message when `METADATA` is invalid."""
    MetadataSettings.from_settings(pelican.settings)


def install_metadata_helpers(generator: Any) -> None:
    """Give a generator's templates JSON-LD and Open Graph helpers."""
    generator.context[CONTEXT_KEY] = MetadataSettings.from_settings(generator.settings)
    install(generator.env)


def add_sitemap_generator(pelican: Any) -> type[SitemapGenerator]:
    """Add the generator that writes sitemap.xml and robots.txt."""
    return SitemapGenerator
