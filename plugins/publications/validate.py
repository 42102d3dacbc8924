"""A publication's own headers: type, year, pages, cover and document, checked with lines."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plugins.checks.files import REFUSED
from plugins.common.sources import where

from .documents import read_document
from .settings import PublicationsSettings

logger = logging.getLogger(__name__)


def describe_publication(item: Any, settings: PublicationsSettings) -> None:
    """Set `type_id`, `year`, `pages`, `cover` and `document` on a publication, reporting
    every header that is missing or wrong with its line."""
    root = Path(item.settings["PATH"])
    metadata = item.metadata
    type_id = str(metadata.get("type", "")).strip().lower()
    if type_id not in settings.types:
        path, line = where(item, "Type")
        logger.error(
            "%s:%d: %s — use one of %s",
            path,
            line,
            f"unknown publication type {type_id!r}"
            if type_id
            else "the publication has no 'Type:'",
            ", ".join(settings.types),
        )
        type_id = next(iter(settings.types))
    item.type_id = type_id
    item.year = _whole_number(item, "year", required=True) or item.date.year
    item.pages = _whole_number(item, "pages", required=False)
    item.cover = None
    cover = str(metadata.get("cover", "")).strip()
    if cover:
        if (root / cover).is_file():
            item.cover = cover
        else:
            path, line = where(item, "Cover")
            logger.error(
                "%s:%d: the cover %r does not exist — put it there or fix the path",
                path,
                line,
                cover,
            )
        if not str(metadata.get("cover-alt", "")).strip():
            path, line = where(item, "Cover")
            logger.error(
                "%s:%d: the cover has no alt text — add 'Cover-Alt:' saying what it shows",
                path,
                line,
            )
    item.document = None
    document = str(metadata.get("document", "")).strip()
    if document:
        item.document = read_document(root, document, document, item.lang)
        if item.document is None:
            path, line = where(item, "Document")
            logger.error(
                "%s:%d: the document %r does not exist or cannot be read — put the file in "
                "the content folder's files/ or fix the path",
                path,
                line,
                document,
            )


def share_documents(items: Sequence[Any]) -> None:
    """Give a version without a document of its own the document of one of its translations.

    Its page then says the document is only in that language. A publication with no
    document in any language is reported (unless its own was named, and reported).
    """
    for item in items:
        if item.document is not None:
            continue
        shared = next((t.document for t in item.translations if t.document is not None), None)
        item.document = shared
        named = str(item.metadata.get("document") or item.metadata.get(REFUSED["document"]) or "")
        if shared is None and not named.strip():
            path, line = where(item)
            logger.error(
                "%s:%d: the publication has no document — add 'Document: files/name.pdf' "
                "here or in one of its translations",
                path,
                line,
            )


def _whole_number(item: Any, key: str, *, required: bool) -> int | None:
    raw = str(item.metadata.get(key, "")).strip()
    if not raw:
        if required:
            path, line = where(item)
            logger.error("%s:%d: the publication has no '%s:' — add it", path, line, key.title())
        return None
    if raw.isdigit():
        return int(raw)
    path, line = where(item, key.title())
    logger.error(
        "%s:%d: '%s: %s' is not a whole number — write it in digits", path, line, key.title(), raw
    )
    return None
