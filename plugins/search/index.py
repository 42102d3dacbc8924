"""Building the Pagefind index of a built site, the same bytes for the same site."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from plugins.common.errors import StopBuild, cannot_write

logger = logging.getLogger(__name__)
ENTRY = "pagefind-entry.json"


def build_index(site: Path) -> bool:
    """Index the pages of `site` that mark their body for search; return whether it worked.

    Pagefind makes one index per language from each page's `<html lang>`. Its entry file
    lists the languages in no fixed order; it is rewritten sorted, so that two builds of
    the same site give the same bytes.
    """
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    entry = site / "pagefind" / ENTRY
    if result.returncode or not entry.is_file():
        logger.error(
            "%s: the search index was not built (%s) — install it with "
            '`pip install "pagefind[bin]"`',
            site,
            (result.stderr or result.stdout).strip().splitlines()[-1:] or "no output",
        )
        return False
    data = json.loads(entry.read_text(encoding="utf-8"))
    try:
        entry.write_text(
            json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            encoding="utf-8",
        )
    except OSError as error:
        raise StopBuild(cannot_write(entry, error)) from error
    return True
