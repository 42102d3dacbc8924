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
    notice = ctx[SITE].settings.metadata.copyright_notice
    return news_article(article, **_site_of(ctx, article.lang), copyright_notice=notice)


@pass_context
def publication_json_ld(ctx: Context, item: Any) -> dict[str, Any]:
    """Return the schema.org `Report`/`CreativeWork` of a publication, with its document."""
    schema_type = ctx[SITE].publications.settings.types.get(item.type_id, "CreativeWork")
    return creative_work(item, schema_type=schema_type, **_site_of(ctx, item.lang))


def _site_of(ctx: Context, lang: str) -> dict[str, Any]:
    """What the description of a work in `lang` says of the site: its address, its
    publisher in that language, and its default language."""
    bilingual: BilingualState = ctx[SITE].languages
    settings: MetadataSettings = ctx[SITE].settings.metadata
    base = base_url(ctx.get_all())
    home = absolute(base, bilingual.settings.url("home", lang=lang))
    logo = absolute(base, settings.logo) if settings.logo else None
    edition = bilingual.editions.get(lang)
    policy = next(
        (
            absolute(base, page.url)
            for page in (edition.pages if edition else ())
            if settings.corrections_policy and page.story == settings.corrections_policy
        ),
        None,
    )
    return {
        "base": base,
        "publisher": publisher(bilingual.language(lang).sitename, home, logo, policy),
        "default_language": bilingual.settings.default_language,
    }


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
