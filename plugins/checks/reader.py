"""A Markdown reader that checks each source before Pelican builds it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from plugins.common.sources import display_path

from .scan import ERROR, scan_source
from .settings import ChecksSettings

logger = logging.getLogger(__name__)


class CheckedMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """Reports every problem of a source with its line; leaves out files it cannot build."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.known_keys = ChecksSettings.from_settings(settings).known_keys

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        """Read the header, as if empty lines (`Image:` with nothing after) were not there."""
        filled = {key: values for key, values in meta.items() if any(v.strip() for v in values)}
        return dict(super()._parse_metadata(filled))

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Check the file, then read it as Pelican's Markdown reader does."""
        path = Path(source_path)
        root = Path(self.settings["PATH"])
        page_roots = [root / folder for folder in self.settings.get("PAGE_PATHS", [])]
        scan = scan_source(
            path,
            path.read_bytes(),
            content_root=root,
            needs_date=not any(path.is_relative_to(folder) for folder in page_roots),
            known_keys=self.known_keys,
        )
        shown = display_path(path, root)
        for finding in scan.findings:
            log = logger.error if finding.level == ERROR else logger.warning
            log("%s:%d: %s — %s", shown, finding.line, finding.problem, finding.fix)
        if scan.fatal:
            return "", {"status": "skip"}
        content, metadata = super().read(source_path)
        if scan.drop_image:
            metadata.pop("image", None)
        return content, metadata
