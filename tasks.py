"""Tasks for staff and developers; `invoke --list` explains each in one line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Context, task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
TRANSLATIONS = ROOT / "theme" / "translations"
# Where interface strings are written: the templates, and plugins with text of their own.
MESSAGE_SOURCES = ("theme/templates", "plugins/feeds")
BABEL = f"{PYTHON} -m babel.messages.frontend"


@task
def build(c: Context) -> None:
    """Build the site for preview into output/ (drafts shown as marked previews)."""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m pelican content -s pelicanconf.py")


@task
def serve(c: Context, port: int = 8000) -> None:
    """Serve output/ on http://127.0.0.1:8000/ (run `invoke build` first)."""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m pelican --listen --bind 127.0.0.1 --port {port} -s pelicanconf.py")


@task
def publish(c: Context) -> None:
    """Build the production site into output/: no drafts, absolute URLs, any warning fails."""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m pelican content -s publishconf.py")


@task
def clean(c: Context) -> None:
    """Remove the built site and Pelican's cache."""
    for folder in ("output", "cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task
def test(c: Context) -> None:
    """Run the test suite."""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m pytest")


@task
def lint(c: Context) -> None:
    """Check code style (ruff) and the plugins' types (mypy)."""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m ruff check .")
        c.run(f"{PYTHON} -m ruff format --check .")
        c.run(f"{PYTHON} -m mypy")


@task(help={"add": "language code of a new catalogue to create, e.g. ru"})
def i18n(c: Context, add: str = "") -> None:
    """Extract the theme's interface strings and update every language's catalogue."""
    pot = TRANSLATIONS / "messages.pot"
    with c.cd(str(ROOT)):
        c.run(
            f"{BABEL} extract -F babel.cfg --no-location --sort-output --width 100 "
            f'--project "newsroom theme" --version 1 --copyright-holder "Press Office" '
            f"--msgid-bugs-address press@example.org -o {pot} {' '.join(MESSAGE_SOURCES)}"
        )
        if add:
            c.run(f"{BABEL} init -i {pot} -d {TRANSLATIONS} -l {add} --width 100")
        c.run(
            f"{BABEL} update -i {pot} -d {TRANSLATIONS} --no-fuzzy-matching "
            "--ignore-obsolete --width 100"
        )
