"""Fixtures: build real sites with Pelican in a temporary folder and parse what they wrote."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from plugins.common.errors import StopBuild
from plugins.feeds import writing

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
REPO = Path(__file__).resolve().parents[1]
BASE = "https://press.example.org"  # SITEURL of publishconf.py: production links start with it
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_SITES = FIXTURES / "sites"
# The production settings with an office's own address and feed ids (`invoke publish`
# refuses the examples `publishconf.py` ships with).
OFFICE_SETTINGS = FIXTURES / "office_publishconf.py"


class RecordingHandler(logging.Handler):
    """Keeps every log record of one build."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuiltSite:
    """A site Pelican built: its folders, its log and, for a failed build, why it failed."""

    content: Path
    output: Path
    settings: dict[str, Any]
    records: list[logging.LogRecord] = field(default_factory=list)
    failure: str | None = None

    def path(self, url: str) -> Path:
        """Return the output file a site URL is served from."""
        relative = url.split("#")[0].lstrip("/")
        siteurl = self.settings.get("SITEURL", "")
        if siteurl and url.startswith(siteurl):
            relative = url[len(siteurl) :].lstrip("/")
        target = self.output / relative
        if not relative or relative.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def exists(self, url: str) -> bool:
        """Whether the site has a file at a URL."""
        return self.path(url).is_file()

    def html(self, url: str) -> BeautifulSoup:
        """Parse the page at a URL."""
        path = self.path(url)
        assert path.is_file(), f"no page at {url} ({path})"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def files(self) -> dict[str, bytes]:
        """Every file of the output, by its path there, with its bytes."""
        return folder_files(self.output)

    def html_files(self) -> list[Path]:
        """Every HTML file of the site, sorted."""
        return sorted(self.output.rglob("*.html"))

    def sitemap(self) -> dict[str, dict[str, str]]:
        """Parse sitemap.xml: each listed URL with its language alternates (hreflang → URL)."""
        root = ElementTree.parse(self.output / "sitemap.xml").getroot()
        return {
            str(url.findtext(f"{SITEMAP}loc")): {
                str(link.get("hreflang")): str(link.get("href"))
                for link in url.findall(f"{XHTML}link")
            }
            for url in root.findall(f"{SITEMAP}url")
        }

    def json_ld(self, url: str) -> dict[str, Any]:
        """The JSON-LD of the page at a URL (a page has exactly one)."""
        return json_ld_of(self.html(url))

    def feed(self, url: str) -> Any:
        """Parse the feed at a URL with feedparser."""
        return feedparser.parse(self.path(url).read_bytes())

    def manifest(self) -> dict[str, dict[str, Any]]:
        """The build's manifest (written beside the output folder), its entries by source."""
        data = json.loads((self.output.parent / "manifest.json").read_text(encoding="utf-8"))
        return {entry["source"]: entry for entry in data["files"]}

    def url_of(self, path: Path) -> str:
        """Return the site URL of an output file."""
        relative = path.relative_to(self.output).as_posix()
        return "/" + relative.removesuffix("index.html")

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """The messages logged at `level` or above."""
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def messages_at(self, level: int) -> list[str]:
        """The messages logged at exactly `level`."""
        return [r.getMessage() for r in self.records if r.levelno == level]


SiteBuilder = Callable[..., BuiltSite]


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def json_ld_of(soup: BeautifulSoup) -> dict[str, Any]:
    """The one JSON-LD block of a parsed page."""
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return dict(json.loads(scripts[0].string or ""))


def forget_logged_messages() -> None:
    """Clear Pelican's memory of messages already logged in this process.

    Pelican's log filter drops a message it has logged before, process-wide; every build
    or check in the tests must report its own problems.
    """
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def require_tool(path: Path | str, install: str) -> None:
    """Skip a test whose outside tool is missing, unless this run requires every tool (CI).

    `.ci/run` sets NEWSROOM_FULL_CHECKS=1: there a missing tool fails the test instead.
    """
    if Path(path).exists():
        return
    message = f"{path} is missing — {install}"
    if os.environ.get("NEWSROOM_FULL_CHECKS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def build_site(
    content: Path,
    output: Path,
    settings_file: str = "pelicanconf.py",
    **overrides: Any,
) -> BuiltSite:
    """Build `content` into `output` with the project's settings file and overrides."""
    forget_logged_messages()
    settings = read_settings(
        str(REPO / settings_file),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / "cache"),
            **overrides,
        },
    )
    site = BuiltSite(content=content, output=output, settings=settings)
    handler = RecordingHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        Pelican(settings).run()
    except StopBuild as stop:
        site.failure = stop.message
    finally:
        root.removeHandler(handler)
    site.records = handler.records
    return site


def run_pelican(
    content: Path, output: Path, settings: str, *extra: str
) -> subprocess.CompletedProcess[str]:
    """Run Pelican's command line as staff do, with the project's settings file."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    return subprocess.run(
        [*command, "-s", str(REPO / settings), *extra],
        capture_output=True,
        text=True,
        cwd=content.parent,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


def copy_case(
    case: str, destination: Path, files: Mapping[str, str | None], overlay: str | None = None
) -> Path:
    """Copy a fixture site's content, lay an overlay fixture over it, then add, replace
    (text) or delete (None) single files."""
    shutil.copytree(FIXTURE_SITES / case, destination)
    if overlay:
        shutil.copytree(FIXTURES / overlay, destination, dirs_exist_ok=True)
    for relative, text in files.items():
        target = destination / relative
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return destination


@pytest.fixture
def site_builder(tmp_path: Path) -> SiteBuilder:
    """Build a tiny site from `tests/fixtures/sites/<case>` in `tmp_path`; return it parsed.

    `overlay` names a fixture folder laid over the case (tests/fixtures/bad_input/...);
    `files` adds, replaces or (with None) deletes content files before the build;
    `settings` names the project settings file; other keywords override settings.
    """
    count = 0

    def build(
        case: str = "basic",
        *,
        files: Mapping[str, str | None] | None = None,
        settings: str = "pelicanconf.py",
        content_folder: str = "content",
        overlay: str | None = None,
        **overrides: Any,
    ) -> BuiltSite:
        nonlocal count
        count += 1
        root = tmp_path / f"build-{count}"
        content = copy_case(case, root / content_folder, files or {}, overlay)
        return build_site(content, root / "output", settings, **overrides)

    return build


# Sites built once per test run and shared: tests read them and never change them.


@pytest.fixture(scope="session")
def sample_production(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site (`content/`) built with the production settings."""
    root = tmp_path_factory.mktemp("sample-production")
    return build_site(REPO / "content", root / "output", "publishconf.py")


@pytest.fixture(scope="session")
def basic_production(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The basic two-language fixture built with the production settings."""
    root = tmp_path_factory.mktemp("basic-production")
    content = copy_case("basic", root / "content", {})
    return build_site(content, root / "output", "publishconf.py")


@pytest.fixture(scope="session")
def basic_preview(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The basic two-language fixture built with the development settings."""
    root = tmp_path_factory.mktemp("basic-preview")
    content = copy_case("basic", root / "content", {})
    return build_site(content, root / "output", "pelicanconf.py")


def fail_feed_item(monkeypatch: pytest.MonkeyPatch, source_end: str) -> None:
    """Make the feed item of the story whose file's path ends with `source_end` fail (for
    every process the build forks after)."""
    made = writing.item_from_article

    def failing(article: Any, *args: Any) -> Any:
        if article.source_path.endswith(source_end):
            raise RuntimeError("no item today")
        return made(article, *args)

    monkeypatch.setattr(writing, "item_from_article", failing)
