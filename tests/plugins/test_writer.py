"""The writer: every page written where Pelican's writer would write it, a failure told in
one sentence."""

from __future__ import annotations

import errno
import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pelican import signals

from tests.conftest import REPO, BuiltSite, build_site, copy_case


def build_listening(
    tmp_path: Path, signal: Any, receiver: Any, settings: str = "pelicanconf.py"
) -> BuiltSite:
    """Build the basic site with `receiver` connected to one of Pelican's signals, as a
    plugin listed after the site's connects it: once the site's plugin is registered."""

    def connect(pelican: Any) -> None:
        del pelican
        signal.connect(receiver)

    signals.initialized.connect(connect)
    try:
        content = copy_case("basic", tmp_path / "content", {})
        return build_site(content, tmp_path / "output", settings)
    finally:
        signals.initialized.disconnect(connect)
        signal.disconnect(receiver)


def test_a_file_that_cannot_be_written_fails_the_build(tmp_path: Path) -> None:
    """In one sentence: the file, why, what to do."""
    content = copy_case("basic", tmp_path / "content", {})
    output = tmp_path / "output"
    output.mkdir()
    (output / "en").write_text("a file where the English pages' folder goes", encoding="utf-8")
    site = build_site(content, output)
    assert site.failure is not None
    assert re.fullmatch(
        rf"{re.escape(str(output))}/en/\S+: could not write: Not a directory — check the "
        "folder and build again",
        site.failure,
    ), site.failure


def test_a_plugin_told_of_a_written_file_finds_it_written(tmp_path: Path) -> None:
    """A plugin of another project may read a file as soon as Pelican says it is written."""
    found: dict[str, bool] = {}

    def read_at_once(path: str, context: Any) -> None:
        del context
        found[path] = Path(path).is_file()

    site = build_listening(tmp_path, signals.content_written, read_at_once)
    assert site.failure is None
    assert len(found) > 20
    assert [path for path, written in found.items() if not written] == []


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_a_plugin_called_when_the_stories_are_written_finds_them(
    tmp_path: Path, settings: str
) -> None:
    """Such a plugin may come from another project: every file is written by then, also
    when the pages are rendered in several processes."""
    found: list[bool] = []

    def read_stories(generator: Any, writer: Any) -> None:
        del writer
        found.extend(
            (Path(generator.output_path) / article.save_as).is_file()
            for article in generator.articles + generator.translations
        )

    site = build_listening(tmp_path, signals.article_writer_finalized, read_stories, settings)
    assert site.failure is None
    assert len(found) > 5
    assert all(found)


def test_an_error_of_the_system_while_writing_stops_the_build_in_one_sentence(
    tmp_path: Path,
) -> None:
    """Whoever fails while a page is written (the disk, a plugin told of the page): the
    file, why, what to do; no traceback."""
    page = tmp_path / "output" / "en" / "about" / "index.html"

    def full(path: str, context: Any) -> None:
        del context
        if path == str(page):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    site = build_listening(tmp_path, signals.content_written, full)
    assert site.failure == (
        f"{page}: could not write: No space left on device — free some disk space and build again"
    )


def test_a_file_too_large_ends_pelican_in_one_sentence(tmp_path: Path) -> None:
    """Pelican's command line shows a traceback for any error; not for this one."""
    content = copy_case("basic", tmp_path / "content", {})

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"),
         "-s", str(REPO / "publishconf.py")],
        capture_output=True, text=True, cwd=tmp_path, check=False, preexec_fn=limit_file_size,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("output"), last
    assert "could not write" in last
    assert last.endswith(" — raise the limit on the size of files (ulimit -f) and build again")
