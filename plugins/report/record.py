"""What one build did: its problems, what became of each content file, its progress."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.common.confine import files_under
from plugins.common.sources import display_path

from .counter import ProblemCounter, plural
from .manifest import DRAFT, ERROR, PUBLISHED, SCHEDULED, Entry, classify
from .settings import ReportSettings

PROGRESS_EVERY = 1000


@dataclass
class BuildReport:
    """One build's record: the problems counted, the progress, the files' fate."""

    settings: ReportSettings
    counter: ProblemCounter = field(default_factory=ProblemCounter)
    extra: dict[str, Entry] = field(default_factory=dict)
    read: int = 0
    written: int = 0
    # A quiet build's logging levels, to restore: its loggers' and the root's handlers'.
    _quiet: list[tuple[logging.Logger | logging.Handler, int]] = field(default_factory=list)

    def start(self) -> None:
        """Begin counting the problems logged anywhere.

        A quiet build (`pelican -q`) sets the root and `pelican` loggers above warnings, so
        problems would not even be logged, and a strict build would pass with errors. Those
        loggers come down to warnings for the counter; the handlers that show messages show
        errors, not warnings.
        """
        root = logging.getLogger()
        for counter in [h for h in root.handlers if isinstance(h, ProblemCounter)]:
            root.removeHandler(counter)  # left by an earlier build that crashed
        quiet = max(root.level, logging.getLogger("pelican").level)
        if quiet > logging.WARNING:
            loggers = [root, logging.getLogger("pelican")]
            items: list[logging.Logger | logging.Handler] = [*loggers, *root.handlers]
            self._quiet = [(item, item.level) for item in items]
            for handler in root.handlers:  # errors still show: they say why a build fails
                handler.setLevel(max(handler.level, min(quiet, logging.ERROR)))
            for logger in loggers:
                if logger.level > logging.WARNING:
                    logger.setLevel(logging.WARNING)
        root.addHandler(self.counter)

    def stop(self) -> None:
        """Stop counting; give a quiet build its levels back."""
        logging.getLogger().removeHandler(self.counter)
        for item, level in self._quiet:
            item.setLevel(level)
        self._quiet = []

    def add(self, entry: Entry) -> None:
        """Record what became of a content file a plugin reads itself (a data file)."""
        self.extra[entry.source] = entry

    def tick_read(self) -> str | None:
        """Count one file read; return a progress line every so often."""
        self.read += 1
        return f"… {self.read} files read" if self.read % PROGRESS_EVERY == 0 else None

    def tick_written(self) -> str | None:
        """Count one page written; return a progress line every so often."""
        self.written += 1
        return f"… {self.written} pages written" if self.written % PROGRESS_EVERY == 0 else None

    def entries(self, context: Mapping[str, Any]) -> list[Entry]:
        """Classify every file of the content folder, with the problems reported about it."""
        root = Path(context["PATH"])
        ignores = context.get("IGNORE_FILES", ["**/.*"])
        shown_root = display_path(root / "x", root).removesuffix("x")  # e.g. `content/`
        # As Pelican ignores files: by the name of the file or of any folder it is in.
        found = files_under(root, linked_files=True, ignored=ignores)
        sources = {
            relative: shown_root + relative
            for relative in sorted(found, key=lambda relative: relative.split("/"))
        }
        entries = classify(
            sources, context["generated_content"], context["static_content"], self.extra
        )
        for entry in entries:
            entry.problems = self.counter.about(entry.source)
        return entries

    def summary(self, entries: list[Entry]) -> str:
        """Return the one line every build ends with."""
        stories = [e for e in entries if e.kind == "story"]
        published = Counter(e.lang for e in stories if e.status == PUBLISHED)
        documents = Counter(
            e.lang for e in entries if e.kind == "publication" and e.status == PUBLISHED
        )
        by_language = ", ".join(
            f"{lang} {count} {'story' if count == 1 else 'stories'}"
            + (f" and {plural(documents[lang], 'publication')}" if documents[lang] else "")
            for lang, count in sorted(published.items(), key=lambda item: str(item[0]))
        )
        items = [e for e in entries if e.kind in ("story", "page", "publication")]
        drafts = sum(e.status == DRAFT for e in items)
        scheduled = sum(e.status == SCHEDULED for e in items)
        failed = sum(e.status == ERROR for e in entries)
        return (
            f"Built {by_language or 'no stories'}; {plural(drafts, 'draft')}, "
            f"{scheduled} scheduled, {failed} not built; {self.counter.describe()}."
        )
