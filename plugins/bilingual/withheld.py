"""Files that only unpublished items show stay out of a production build with the items.

A draft's or a scheduled story's lead photo, a scheduled report's document: Pelican copies
every file of the static folders, so an embargoed PDF would be online before its page. A
file that a published item, or any plugin's data (a speaker's photo), also shows is kept.
Files that are not there (a photo deleted since the last build) are left out in every build:
the checks report them, and there is nothing to copy.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from plugins.common.confine import OutputFolder, OutsideFolder
from plugins.common.pelican_api import raw_text
from plugins.common.sources import FILE_HEADERS, display_path
from plugins.report.manifest import Entry, content_status
from plugins.report.record import BuildReport

logger = logging.getLogger(__name__)


def withhold_files(
    context: Mapping[str, Any],
    output: OutputFolder,
    report: BuildReport,
    also_shown: Iterable[str],
) -> set[str]:
    """The files the build must not copy: those that are missing, those that would be
    copied outside the output folder and, when drafts are not written, those only
    unpublished items show (`also_shown`: files the site shows besides its items', which
    stay). Each withheld file is recorded in the report."""
    static = context.get("static_content", {})
    root = Path(context["PATH"])
    removed = {path for path in static if not (root / path).is_file()}
    removed |= _outside_output(output, root, static)
    if not context.get("DRAFT_SAVE_AS"):
        withheld = _withheld(context, static, also_shown)
        removed |= set(withheld)
        for path, item in withheld.items():
            shown = display_path(root / path, root)
            report.add(Entry(shown, content_status(item), lang=getattr(item, "lang", None)))
    return removed


def _outside_output(output: OutputFolder, root: Path, static: Mapping[str, Any]) -> set[str]:
    """The static files that would be copied outside the output folder (a symbolic link
    in it leads out), each reported.

    Where a file goes is read without fixing it: an `{attach}`ed file not yet moved beside
    its page can still be.
    """
    outside = set()
    for path, item in sorted(static.items()):
        save_as = item.get_url_setting("save_as") if item is not None else ""
        if not save_as:
            continue
        try:
            output.confine(save_as)
        except OutsideFolder as error:
            outside.add(path)
            logger.error(
                "%s: would be copied to %s, which %s — %s",
                display_path(root / path, root),
                error.path,
                error.problem,
                error.fix,
            )
    return outside


def _withheld(
    context: Mapping[str, Any], static: Collection[str], also_shown: Iterable[str]
) -> dict[str, Any]:
    """The static files only unpublished items show, each with one item that shows it.

    A file stays when a published item names it in any way: its path in the item's text or
    summary (a `{static}` link, a plain `/images/...` address), as its lead photo, cover or
    document, or when any plugin's data shows it (a speaker's photo). A file's URL is not
    read here: reading it would stop Pelican from moving an `{attach}`ed file.
    """
    candidates: dict[str, Any] = {}  # shown by unpublished items
    published: list[Any] = []
    for item in context.get("generated_content", {}).values():
        if item is None:
            continue
        if item.status == "draft":
            for path in shown_files(item):
                if path in static:
                    candidates.setdefault(path, item)
        else:
            published.append(item)
    for path in also_shown:
        candidates.pop(_normal(path), None)
    for item in published:
        if not candidates:
            break
        for path in shown_files(item):
            candidates.pop(path, None)
        text = f"{raw_text(item)} {item.metadata.get('summary') or ''}"
        for path in [p for p in candidates if p in text or quote(p) in text]:
            del candidates[path]
    return candidates


def shown_files(item: Any) -> set[str]:
    """The files of the content folder an item shows: the targets of its `{static}` and
    `{attach}` links, its lead photo, its cover and its document."""
    files = {_normal(path) for path in item.get_static_links()}
    for name in FILE_HEADERS:
        value = str(item.metadata.get(name) or "").strip()
        if value:
            files.add(_normal(value))
    document = getattr(item, "document", None)
    if document is not None:
        files.add(_normal(document.path))
    return files


def _normal(path: str) -> str:
    """A path in the content folder as Pelican keys its files: `./images/x.jpg` → `images/x.jpg`."""
    return posixpath.normpath(path.lstrip("/"))
