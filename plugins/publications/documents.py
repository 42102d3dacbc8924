"""The document of a publication: its file, format and size, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.units import format_unit

from plugins.common.site import media_type

# What readers call each kind of document, by its media type.
FORMAT_NAMES = {
    "application/pdf": "PDF",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/epub+zip": "EPUB",
}


@dataclass(frozen=True)
class Document:
    """A file of the content folder offered for download."""

    path: str  # relative to the content folder, e.g. files/annual-report-2023.az.pdf
    url: str  # where the site serves it
    size: int  # bytes
    media_type: str
    lang: str  # the language the document is in

    @property
    def format_name(self) -> str:
        """The format as readers know it: `PDF`."""
        known = FORMAT_NAMES.get(self.media_type)
        return known or Path(self.path).suffix.lstrip(".").upper()

    def describe(self, locale: str) -> str:
        """Return `PDF, 2.4 MB` in the locale's number format (`PDF, 2,4 MB` in az)."""
        return f"{self.format_name}, {human_size(self.size, locale)}"


def human_size(size: int, locale: str) -> str:
    """Return a file size in the locale's digits and units: `340 kB`, `2,4 MB`; a file under
    a kilobyte is `1 kB` (CLDR's short byte unit reads "835 byte" in English)."""
    value: float = max(1, round(size / 1000))
    unit = "digital-kilobyte"
    if value >= 1000:  # 999,500 bytes are 1 MB, not 1,000 kB
        value, unit = round(size / 1_000_000, 1), "digital-megabyte"
    return str(format_unit(value, unit, length="short", locale=locale, format="#,##0.#"))


def read_document(content_root: Path, relative: str, url: str, lang: str) -> Document | None:
    """Describe a document file, or return None when it is missing or cannot be read."""
    path = content_root / relative
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.read(1)
    except OSError:  # missing, unreadable, or a folder
        return None
    return Document(path=relative, url=url, size=size, media_type=media_type(path.name), lang=lang)
