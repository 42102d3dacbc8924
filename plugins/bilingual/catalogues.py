"""The theme's gettext catalogues, compiled in memory from the committed `.po` files."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations


def N_(message: str) -> str:  # noqa: N802 - the gettext marker Babel extracts
    """Mark a string for translation; it is translated where it is used."""
    return message


def load_catalogue(path: Path, locale: str) -> Translations:
    """Compile one `.po` file into translations; fuzzy entries are left out, as msgfmt does."""
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled)
