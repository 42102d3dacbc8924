"""The manifest: every content file, what became of it, and where it is published."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from plugins.common.errors import StopBuild, cannot_write

PUBLISHED, DRAFT, SCHEDULED, ERROR = "published", "draft", "scheduled", "error"
KINDS = {"Article": "story", "Page": "page", "Publication": "publication"}


@dataclass
class Entry:
    """One content file: its status, language, URLs and, for an error, what went wrong."""

    source: str
    status: str
    kind: str = "file"  # story, page, publication, file or data
    lang: str | None = None
    urls: list[str] = field(default_factory=list)
    release: datetime | None = None  # when a scheduled story goes out
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Return the entry as plain data, leaving out what it does not have."""
        data: dict[str, Any] = {"source": self.source, "kind": self.kind, "status": self.status}
        if self.lang:
            data["lang"] = self.lang
        if self.urls:
            data["urls"] = self.urls
        if self.release:
            data["release"] = self.release.isoformat()
        if self.problems:
            data["problems"] = self.problems
        return data


def content_status(item: Any) -> str:
    """Return whether a story or page is published, a draft, or scheduled for later."""
    if item.status != "draft":
        return PUBLISHED
    if str(item.metadata.get("status", "")).lower() == "draft":
        return DRAFT
    return SCHEDULED


def classify(
    sources: Mapping[str, str],
    items: Mapping[str, Any],
    static: Mapping[str, Any],
    extra: Mapping[str, Entry],
) -> list[Entry]:
    """Give every content file an entry.

    `sources` maps each file of the content folder (relative path) to the path staff know
    it by; `items` are the stories and pages Pelican kept, `static` the files it copies,
    `extra` entries other plugins made (the speakers registry). Anything else was not
    built: an error.
    """
    entries = []
    for relative, shown in sorted(sources.items()):
        item = items.get(relative)
        if shown in extra:
            entries.append(extra[shown])
        elif item is not None:
            status = content_status(item)
            entries.append(
                Entry(
                    shown,
                    status,
                    kind=KINDS.get(type(item).__name__, "story"),
                    lang=getattr(item, "lang", None),
                    urls=[item.url] if item.save_as else [],
                    release=item.date if status == SCHEDULED else None,
                )
            )
        elif relative in static:
            entries.append(Entry(shown, PUBLISHED, urls=[static[relative].url]))
        else:
            entries.append(
                Entry(shown, ERROR, kind="story" if relative.endswith(".md") else "file")
            )
    return entries


def render_manifest(entries: Iterable[Entry]) -> bytes:
    """Return the manifest as JSON, sorted by source, the same bytes for the same build."""
    data = [entry.as_json() for entry in sorted(entries, key=lambda entry: entry.source)]
    return (json.dumps({"files": data}, ensure_ascii=False, indent=2) + "\n").encode()


def write_manifest(path: Path, entries: Iterable[Entry]) -> None:
    """Write the manifest file; a failure (a full disk) stops the build in one sentence."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_manifest(entries))
    except OSError as error:
        raise StopBuild(cannot_write(path, error)) from error
