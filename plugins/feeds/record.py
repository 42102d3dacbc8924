"""What a feed item says first when its story was withdrawn, corrected or updated: the
withdrawal, each correction and the newest update, dated, in the story's language."""

from __future__ import annotations

from html import escape
from typing import Any

from babel.dates import format_date
from babel.support import Translations

from plugins.bilingual.catalogues import N_

WITHDRAWN = N_("Withdrawn on %(date)s:")
CORRECTION = N_("Correction, %(date)s:")
UPDATE = N_("Updated %(date)s:")


def record_note(article: Any, catalogue: Translations, locale: Any) -> str:
    """HTML to put before an item's text: every correction and the newest update of the
    story (newest first); empty for a story that has none."""
    corrections = list(getattr(article, "corrections", ()) or ())
    updates = list(getattr(article, "updates", ()) or ())[:1]
    notes = sorted([*corrections, *updates], key=lambda entry: entry.date, reverse=True)
    withdrawn = getattr(article, "withdrawn", None)
    if withdrawn:
        notes.insert(0, withdrawn)
    labels = {"withdrawn": WITHDRAWN, "correction": CORRECTION, "update": UPDATE}
    lines = []
    for entry in notes:
        label = labels[entry.kind]
        date = format_date(entry.date.date(), format="long", locale=locale)
        said = str(catalogue.gettext(label)) % {"date": date}
        lines.append(f"<p><strong>{escape(said)}</strong> {escape(entry.text)}</p>")
    return "".join(lines)
