"""What templates get for machine-readable metadata: JSON-LD of a story and Open Graph locales."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale
from babel.core import get_global
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from plugins.bilingual.state import BilingualState
from plugins.common.site import SITE, absolute, base_url

from .jsonld import creative_work, news_article, publisher
from .settings import MetadataSettings


def install(env: Environment) -> None:
    """Add `story_json_ld()`, `og_locale()` and `site_url()` to a Jinja environment."""
    env.globals.update(
        story_json_ld=story_json_ld,
        publication_json_ld=publication_json_ld,
        og_locale=og_locale,
        site_url=site_url,
    )


@pass_context
def site_url(ctx: Context, url: str = "") -> str:
    """Return the absolute address of a site URL (`az/2023/10/x/`), as machines need it."""
    return absolute(base_url(ctx.get_all()), url)


@pass_context
def story_json_ld(ctx: Context, article: Any) -> dict[str, Any]:
    """Return the schema.org `NewsArticle` of a story; render it with `|tojson`."""
    bilingual: BilingualState = ctx[SITE].languages
    base = base_url(ctx.get_all())
    return news_article(
        article,
        base=base,
        publisher=_publisher(ctx, article.lang, base),
        default_language=bilingual.settings.default_language,
    )


def _publisher(ctx: Context, lang: str, base: str) -> dict[str, Any]:
    bilingual: BilingualState = ctx[SITE].languages
    settings: MetadataSettings = ctx[SITE].settings.metadata
    home = bilingual.settings.url("home", lang=lang)
    logo = absolute(base, settings.logo) if settings.logo else None
    return publisher(bilingual.language(lang).sitename, absolute(base, home), logo)


@pass_context
def publication_json_ld(ctx: Context, item: Any) -> dict[str, Any]:
    """Return the schema.org `Report`/`CreativeWork` of a publication, with its document."""
    bilingual: BilingualState = ctx[SITE].languages
    base = base_url(ctx.get_all())
    return creative_work(
        item,
        schema_type=ctx[SITE].publications.settings.types.get(item.type_id, "CreativeWork"),
        base=base,
        publisher=_publisher(ctx, item.lang, base),
        default_language=bilingual.settings.default_language,
    )


@pass_context
def og_locale(ctx: Context, code: str) -> str:
    """Return a language's Open Graph locale: `az` → `az_AZ`, `en` (en_GB) → `en_GB`."""
    bilingual: BilingualState = ctx[SITE].languages
    return _og_locale(bilingual.language(code).locale)


@lru_cache(maxsize=32)
def _og_locale(identifier: str) -> str:
    locale = Locale.parse(identifier)
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags").get(locale.language)
        territory = Locale.parse(likely).territory if likely else None
    return f"{locale.language}_{territory}" if territory else locale.language
