"""Interface strings in templates: the page's language, escaped and %-formatted exactly as
Jinja's own "newstyle" gettext does it with the same catalogue."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment
from pelican.settings import read_settings

from plugins.bilingual.settings import BilingualSettings
from plugins.bilingual.state import BilingualState
from plugins.bilingual.templating import install
from plugins.common.site import SITE

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = """\
{{ _(known) }}|{{ _(known) }}
{{ _("Crowds: 50%% <more>") }}
{{ _("%(who)s spoke", who="<b>Ali</b>") }}
{{ _(known_with_value, **values) }}
{% trans who="<i>Ali</i>" %}{{ who }} spoke{% endtrans %}
{% trans %}Nothing to fill, 10%% off{% endtrans %}
{{ gettext(known) }}"""


@pytest.fixture(scope="module")
def languages() -> BilingualState:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return BilingualState.load(BilingualSettings.from_settings(settings), settings)


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_strings_match_jinjas_gettext_in_the_pages_language(
    languages: BilingualState, lang: str, autoescape: bool
) -> None:
    catalogue = languages.catalogues[lang]
    with languages.settings.catalogue_path("az").open("rb") as po_file:
        messages = [m.id for m in read_po(po_file) if m.id and isinstance(m.id, str)]
    azerbaijani = languages.catalogues["az"]
    known = next(m for m in messages if "%" not in m and azerbaijani.gettext(m) != m)
    known_with_value = next(m for m in messages if "%(" in m)
    names = known_with_value.split("%(")[1:]
    values = {name.split(")")[0]: "<x>" for name in names}

    ours = Environment(autoescape=autoescape)
    install(ours)
    jinjas = Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    jinjas.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    context = {
        SITE: SimpleNamespace(languages=languages),
        "lang": lang,
        "known": known,
        "known_with_value": known_with_value,
        "values": values,
    }
    expected = jinjas.from_string(TEMPLATE).render(context)
    assert ours.from_string(TEMPLATE).render(context) == expected
    # The page's language: the Azerbaijani string on an Azerbaijani page, not another's.
    other = languages.catalogues["en" if lang == "az" else "az"]
    assert catalogue.gettext(known) in expected
    assert other.gettext(known) not in expected
