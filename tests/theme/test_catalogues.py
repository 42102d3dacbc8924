"""The theme's gettext catalogues: complete, current, and true to their placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.conftest import REPO

TRANSLATIONS = REPO / "theme" / "translations"
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def load(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {
        message.id if isinstance(message.id, str) else tuple(message.id)
        for message in catalog
        if message.id
    }


def test_every_configured_language_has_a_catalogue() -> None:
    from pelicanconf import BILINGUAL

    assert {path.parts[-3] for path in CATALOGUES} >= set(BILINGUAL["languages"])


def test_template_is_not_stale() -> None:
    from tasks import MESSAGE_SOURCES

    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # as `invoke i18n` reads it
    extracted = set()
    for source in MESSAGE_SOURCES:
        for _, _, message, _, _ in extract_from_dir(
            str(REPO / source), method_map=method_map, options_map=options_map
        ):
            extracted.add(message if isinstance(message, str) else tuple(message))
    assert extracted == ids(load(TRANSLATIONS / "messages.pot")), "run `invoke i18n` to update"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_translates_every_string(path: Path) -> None:
    catalog = load(path)
    assert ids(catalog) == ids(load(TRANSLATIONS / "messages.pot")), "run `invoke i18n` to update"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        expected = set(
            PLACEHOLDER.findall(message.id if isinstance(message.id, str) else message.id[0])
        )
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (
                f"placeholders differ: {message.id!r}"
            )
