"""Describing the publications once they are read, and reporting documents left out."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from plugins.bilingual.content import (
    drop_url_collisions,
    forget_sources,
    identify_items,
    pair_and_link,
    remove_items,
)
from plugins.bilingual.editions import newest_first
from plugins.common.sources import where

from .state import PublicationsState
from .validate import describe_publication, share_documents

logger = logging.getLogger(__name__)


def describe_publications(
    state: PublicationsState,
    published: list[Any],
    drafts: list[Any],
    context: dict[str, Any],
) -> None:
    """Check every publication read, pair its language versions, group them by language.

    Publications of no configured language, and those whose URL another takes, are left
    out (and forgotten by the build's `context`); the others are kept in `state`.
    """
    lists = [published, drafts]
    rejected = identify_items(published + drafts, state.languages)
    rejected += drop_url_collisions(published + drafts)
    remove_items(lists, rejected)
    forget_sources(context, rejected)
    for item in published + drafts:
        describe_publication(item, state.settings)
        item.type_name = state.type_name(item.type_id, item.lang)
        item.section_url = state.index_url(item.lang)
    pair_and_link(published, drafts, state.languages)
    share_documents(published + drafts)
    state.published, state.drafts = published, drafts
    for code in state.languages.settings.codes:
        mine = [item for item in published if item.lang == code]
        state.by_language[code] = sorted(mine, key=newest_first)


def report_unpublished_documents(state: PublicationsState, static: Mapping[str, Any]) -> None:
    """Report each publication whose document is not among the files the build copies
    (`static`: Pelican's `static_content`)."""
    for item in state.every_read():
        if not item.save_as:
            continue
        document = item.document
        # Only the version that names it (not a translation sharing it); a missing file
        # was reported when the publication was read, and left it no document.
        if item.metadata.get("document") and document is not None and document.path not in static:
            path, line = where(item, "Document")
            logger.error(
                "%s:%d: the document %s is not published — keep documents under "
                "files/ (a folder of STATIC_PATHS)",
                path,
                line,
                document.path,
            )
