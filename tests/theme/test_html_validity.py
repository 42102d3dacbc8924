"""Every page of the sample site passes the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, BuiltSite, require_tool

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def site(sample_production: BuiltSite) -> BuiltSite:
    """The sample site, built for production (shared by the test run)."""
    return sample_production


def nu_messages(folder: Path) -> list[str]:
    """Run the checker over a folder; return its errors as `file:line: message`."""
    java = shutil.which("java") or "/usr/bin/java"
    require_tool(java, "install Java 17")
    require_tool(VNU, "run `npm ci` in the repository")
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        f"{m.get('url', '').split(str(folder))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
    ]


def test_every_page_has_valid_html(site: BuiltSite) -> None:
    assert len(site.html_files()) > 50
    assert nu_messages(site.output) == []


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></p>", encoding="utf-8"
    )
    assert nu_messages(tmp_path)
