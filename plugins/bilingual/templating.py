"""What templates get from the bilingual plugin: gettext, dates and the page's languages.

Every function reads the page's language from the template context, so one Jinja
environment renders pages in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.support import Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from plugins.common.outputs import language_versions
from plugins.common.site import SITE
from plugins.common.templates import share_compiled_templates

from .editions import Edition
from .embargo import embargo_text, is_scheduled
from .settings import Language
from .state import BilingualState


@dataclass(frozen=True)
class LanguageLink:
    """A link to this page, or the nearest page, in one language."""

    code: str
    name: str
    url: str
    current: bool
    translated: bool


@dataclass(frozen=True)
class Here:
    """The page being rendered: its language, URL and language versions."""

    lang: str
    language: Language
    edition: Edition | None
    url: str
    languages: tuple[LanguageLink, ...]

    @property
    def alternates(self) -> tuple[LanguageLink, ...]:
        """The language versions that exist, this page included: for `hreflang` links."""
        return tuple(link for link in self.languages if link.translated)

    @property
    def others(self) -> tuple[LanguageLink, ...]:
        """The other languages, for the language switcher."""
        return tuple(link for link in self.languages if not link.current)


def install(
    env: Environment, compiled_templates: Path | None = None, *, load_compiled: bool = True
) -> None:
    """Add gettext, date filters and the page helpers to a generator's Jinja environment.

    Compiled templates are shared with the build's other environments, and kept in the
    `compiled_templates` folder for the next build when it is given (and read from it
    when `load_compiled`).
    """
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext
    )
    # `_()` and `{% trans %}` find the page's string in one call, not through three.
    env.globals.update(_=translate, gettext=translate)
    env.filters.update(format_date=format_date, isoformat=isoformat)
    env.globals.update(
        describe_page=describe_page,
        language_name=language_name,
        language_in_page=language_in_page,
        embargo=embargo,
    )
    share_compiled_templates(env, compiled_templates, load=load_compiled)


def _state(ctx: Context) -> BilingualState:
    state = getattr(ctx.get(SITE), "languages", None)
    if not isinstance(state, BilingualState):
        raise RuntimeError("the site's languages are missing from the template context")
    return state


def page_language(ctx: Context) -> str:
    """Return the language of the page being rendered (kept on the render's context: every
    interface string asks for it)."""
    known = getattr(ctx, PAGE_LANGUAGE, None)
    if known is None:
        known = _page_language(ctx)
        setattr(ctx, PAGE_LANGUAGE, known)
    return str(known)


PAGE_LANGUAGE = "_newsroom_page_language"


def _page_language(ctx: Context) -> str:
    state = _state(ctx)
    explicit = ctx.get("lang")
    if isinstance(explicit, str) and explicit in state.settings.languages:
        return explicit
    for key in ("article", "page"):
        item = ctx.get(key)
        lang = getattr(item, "lang", None)
        if lang in state.settings.languages:
            return str(lang)
    return state.settings.default_language


def _translations(ctx: Context) -> Translations:
    return _state(ctx).catalogues[page_language(ctx)]


@pass_context
def gettext(ctx: Context, message: str) -> str:
    """Translate an interface string into the page's language."""
    return str(_translations(ctx).gettext(message))


@pass_context
def translate(ctx: Context, message: str, /, **variables: Any) -> str:
    """`_()` with Jinja's "newstyle" gettext: the page's string, escaped like the page and
    %-formatted with the variables (always, so that `%%` is one `%` either way)."""
    escape = bool(ctx.eval_ctx.autoescape)
    if variables:
        text = str(_translations(ctx).gettext(message))
        return (Markup(text) if escape else text) % variables
    return _translated(_translations(ctx), message, escape)


@lru_cache(maxsize=4096)
def _translated(catalogue: Translations, message: str, escape: bool) -> str:
    text = str(catalogue.gettext(message))
    return (Markup(text) if escape else text) % {}


@pass_context
def ngettext(ctx: Context, singular: str, plural: str, count: int) -> str:
    """Translate an interface string with a number into the page's language."""
    return str(_translations(ctx).ngettext(singular, plural, count))


@pass_context
def pgettext(ctx: Context, context: str, message: str) -> str:
    """Translate an interface string that needs a context to disambiguate it."""
    return str(_translations(ctx).pgettext(context, message))


@pass_context
def format_date(ctx: Context, value: date, format: str = "long") -> str:
    """Format a date for the page's locale: az `27 oktyabr 2023`, en `27 October 2023`."""
    state = _state(ctx)
    language = state.language(page_language(ctx))
    day = value.date() if isinstance(value, datetime) else value
    key = (day, format, language.code)
    if key not in state.formatted_dates:  # listings show a story's date again and again
        state.formatted_dates[key] = str(
            babel_format_date(day, format=format, locale=language.babel_locale)
        )
    return state.formatted_dates[key]


def isoformat(value: date) -> str:
    """Return the ISO 8601 form of a date, for `<time datetime>` and machine-readable data."""
    return value.isoformat()


@pass_context
def language_name(ctx: Context, code: str) -> str:
    """Return a configured language's own name (`Azərbaycanca`, `English`)."""
    return _state(ctx).language(code).name


@pass_context
def language_in_page(ctx: Context, code: str) -> str:
    """Return a language's name in the page's language: `az` on an English page: Azerbaijani
    (the language alone, without the country of its locale: `en_GB` is English)."""
    state = _state(ctx)
    page_locale = state.language(page_language(ctx)).babel_locale
    return str(state.language(code).babel_locale.get_language_name(page_locale))


@pass_context
def describe_page(ctx: Context) -> Here:
    """Describe the page being rendered: language, URL and its versions in every language."""
    state = _state(ctx)
    lang = page_language(ctx)
    url, versions, paginated_beyond_first = _versions(ctx, lang)
    links = []
    for code, language in state.settings.languages.items():
        edition = state.editions.get(code)
        target = versions.get(code)
        fallback = edition.home_url if edition else state.settings.url("home", lang=code)
        links.append(
            LanguageLink(
                code=code,
                name=language.name,
                url=url if code == lang else (target or fallback),
                current=code == lang,
                translated=target is not None and not paginated_beyond_first,
            )
        )
    return Here(
        lang=lang,
        language=state.language(lang),
        edition=state.editions.get(lang),
        url=url,
        languages=tuple(links),
    )


def _versions(ctx: Context, lang: str) -> tuple[str, dict[str, str], bool]:
    """Return the page URL, its language versions' URLs, and whether it is page 2 or later."""
    for key in ("article", "page"):
        item = ctx.get(key)
        if item is not None and getattr(item, "lang", None) == lang:
            return item.url, language_versions(item), False
    versions = dict(ctx.get("alternates") or {})
    listing_page = ctx.get("articles_page")
    if listing_page is not None:
        return listing_page.url, versions, listing_page.number > 1
    return str(ctx.get("page_url", "")), versions, False


@pass_context
def embargo(ctx: Context, item: Any) -> str | None:
    """A scheduled item's embargo in the page's language; None for any other item."""
    if not is_scheduled(item):
        return None
    language = _state(ctx).language(page_language(ctx))
    translations = _translations(ctx)
    return embargo_text(
        item.date, language.babel_locale, lambda text: str(translations.gettext(text))
    )
