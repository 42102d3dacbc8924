"""The writer: files written beside the rendering are the files Pelican's writer writes."""

from __future__ import annotations

import errno
import json
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

from plugins.common.confine import OutsideFolder
from plugins.common.errors import SettingsError, StopBuild
from plugins.incremental.settings import IncrementalSettings
from plugins.writer import files
from plugins.writer.files import OutputFiles
from plugins.writer.settings import WriterSettings
from tests.conftest import REPO, BuiltSite, build_site, copy_case


def build_listening(tmp_path: Path, signal: Any, receiver: Any) -> BuiltSite:
    """Build the basic site with `receiver` connected to one of Pelican's signals."""
    signal.connect(receiver)
    try:
        return build_site(copy_case("basic", tmp_path / "content", {}), tmp_path / "output")
    finally:
        signal.disconnect(receiver)


def record_tar(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Keep every tar process the output files start."""
    started: list[Any] = []
    start = OutputFiles._start

    def recording_start(self: OutputFiles) -> Any:
        started.append(start(self))
        return started[-1]

    monkeypatch.setattr(OutputFiles, "_start", recording_start)
    return started


def slow_tar(folder: Path) -> str:
    """A tar that waits half a second before it reads anything."""
    script = folder / "slow-tar"
    script.write_text('#!/bin/sh\nsleep 0.5\nexec tar "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_files_written_in_the_background_are_those_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    started = record_tar(monkeypatch)
    background = build_site(content, tmp_path / "background" / "output")
    assert len(started) == 1
    at_once = build_site(content, tmp_path / "at-once" / "output", WRITER={"background": False})
    assert background.failure is None
    assert at_once.failure is None
    written = background.files()
    assert len([name for name in written if name.endswith("index.html")]) > 20
    assert any(name.endswith(".atom.xml") for name in written)  # feeds go through it too
    assert written == at_once.files()
    for name in written:
        assert (background.output / name).read_bytes() == (at_once.output / name).read_bytes()
        assert (background.output / name).stat().st_mode == (at_once.output / name).stat().st_mode


@pytest.mark.parametrize("tar", ["missing", "refusing"])
def test_without_a_tar_that_reads_the_archive_files_are_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tar: str
) -> None:
    """No tar on the PATH, or one that does not take the options (the build goes on)."""
    refusing = tmp_path / "refusing-tar"
    refusing.write_text('#!/bin/sh\necho "tar: unknown option" >&2\nexit 2\n', encoding="utf-8")
    refusing.chmod(0o755)
    monkeypatch.setattr(files, "TAR", "no-such-tar" if tar == "missing" else str(refusing))
    started = record_tar(monkeypatch)
    site = build_site(copy_case("basic", tmp_path / "content", {}), tmp_path / "output")
    assert site.failure is None
    assert started == []
    assert len([name for name in site.files() if name.endswith("index.html")]) > 20


@pytest.mark.parametrize("background", [True, False])
def test_a_file_that_cannot_be_written_fails_the_build(tmp_path: Path, background: bool) -> None:
    """In one sentence: the file, why, what to do."""
    content = copy_case("basic", tmp_path / "content", {})
    output = tmp_path / "output"
    output.mkdir()
    (output / "en").write_text("a file where the English pages' folder goes", encoding="utf-8")
    site = build_site(content, output, WRITER={"background": background})
    assert site.failure is not None
    assert re.fullmatch(
        rf"{re.escape(str(output))}/en/\S+: could not write: Not a directory — check the "
        "folder and build again",
        site.failure,
    ), site.failure
    if background:  # tar goes on with the other files
        assert (output / "az" / "index.html").is_file()


def test_a_build_that_fails_stops_the_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What was handed over is written, and no tar is left running."""
    started = record_tar(monkeypatch)

    def fail(generator: Any, content: Any) -> None:
        del generator, content
        raise RuntimeError("a plugin failed")

    with pytest.raises(RuntimeError, match="a plugin failed"):
        # Pages are written after the stories are handed over.
        build_listening(tmp_path, signals.page_generator_write_page, fail)
    assert len(started) == 1
    assert started[0].poll() is not None
    story = tmp_path / "output" / "en" / "2023" / "10" / "training-on-childrens-rights-opens"
    assert (story / "index.html").is_file()


def test_every_file_is_written_when_pelican_says_the_build_is_finalized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when tar is slow: the last generator waits for it."""
    monkeypatch.setattr(files, "TAR", slow_tar(tmp_path))
    started = record_tar(monkeypatch)
    found: list[int] = []

    def count_files(pelican: Any) -> None:
        found.append(sum(1 for path in Path(pelican.output_path).rglob("*") if path.is_file()))

    site = build_listening(tmp_path, signals.finalized, count_files)
    assert site.failure is None
    assert len(started) == 1
    assert found == [len(site.files())]
    assert found[0] > 20


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


def test_a_plugin_called_when_the_stories_are_written_finds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Such a plugin may come from another project: files are written at once."""
    found: list[bool] = []
    monkeypatch.setattr(files, "TAR", slow_tar(tmp_path))
    started = record_tar(monkeypatch)

    def read_stories(generator: Any, writer: Any) -> None:
        del writer
        found.extend(
            (Path(generator.output_path) / article.save_as).is_file()
            for article in generator.articles + generator.translations
        )

    site = build_listening(tmp_path, signals.article_writer_finalized, read_stories)
    assert site.failure is None
    assert started == []
    assert len(found) > 5
    assert all(found)


def test_output_files_are_written_in_order_and_make_their_folders(tmp_path: Path) -> None:
    output = OutputFiles(str(tmp_path), background=True)
    for number in range(300):
        output.write(str(tmp_path / "a" / f"{number % 7}" / "index.html"), f"{number}".encode())
    output.write(str(tmp_path / "b.xml"), b"<feed/>")
    output.write(str(tmp_path / "ünïcode" / ("long-name-" * 20)), b"z")
    output.wait()
    # Each folder's file holds the last number written to it.
    assert (tmp_path / "a" / "6" / "index.html").read_text(encoding="utf-8") == "293"
    assert (tmp_path / "b.xml").read_bytes() == b"<feed/>"
    assert (tmp_path / "ünïcode" / ("long-name-" * 20)).read_bytes() == b"z"


def test_files_outside_the_output_are_refused(tmp_path: Path) -> None:
    output = OutputFiles(str(tmp_path / "output"), background=True)
    outside = tmp_path / "outside.html"
    with pytest.raises(OutsideFolder, match=r"outside\.html: is outside the output folder"):
        output.write(str(outside), b"x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "output" / "linked").parent.mkdir()
    (tmp_path / "output" / "linked").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutsideFolder, match=r"through a symbolic link"):
        output.write(str(tmp_path / "output" / "linked" / "index.html"), b"x")
    assert not outside.exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []
    output.write(str(tmp_path / "output" / "b.html"), b"y")
    output.write(f"{tmp_path}/output/a/../b.html", b"z")  # the same file
    output.wait()
    assert (tmp_path / "output" / "b.html").read_bytes() == b"z"  # in the order handed over
    assert not (tmp_path / "output" / "a").exists()


def test_a_file_cut_short_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupted build stops tar rather than let it write half a file as a whole."""
    started = record_tar(monkeypatch)
    output = OutputFiles(str(tmp_path), background=True)
    output.write(str(tmp_path / "first.html"), b"first")
    pipe = started[0].stdin
    writes: list[bytes] = []

    class Interrupted:
        def write(self, data: bytes) -> int:
            writes.append(data)
            if len(writes) == 2:  # the file's header went, its text does not
                raise KeyboardInterrupt
            return int(pipe.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(pipe, name)

    started[0].stdin = Interrupted()
    with pytest.raises(KeyboardInterrupt):
        output.write(str(tmp_path / "cut.html"), b"x" * 1000)
    with pytest.raises(StopBuild, match="could not write the output files: tar was stopped by"):
        output.wait()
    assert not (tmp_path / "cut.html").exists()


def test_a_file_handed_over_after_the_writing_is_written_at_once(tmp_path: Path) -> None:
    """A `finalized` handler that writes through the output files starts no tar."""
    output = OutputFiles(str(tmp_path), background=True)
    output.write(str(tmp_path / "during.html"), b"x")
    output.wait()
    output.write(str(tmp_path / "after" / "index.html"), b"y")
    assert (tmp_path / "after" / "index.html").read_bytes() == b"y"
    assert (tmp_path / "during.html").read_bytes() == b"x"


def test_a_failed_write_is_raised_once_and_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    output = OutputFiles(str(tmp_path), background=True)
    output.write(str(tmp_path / "taken" / "index.html"), b"x")
    output.write(str(tmp_path / "later.html"), b"y")
    with pytest.raises(StopBuild, match=r"taken/index\.html: could not write: Not a directory"):
        output.wait()
    output.wait()  # reported once
    assert (tmp_path / "later.html").read_bytes() == b"y"


def test_a_full_disk_is_named_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tar's own words (GNU tar's) give the file and the reason; the sentence says what to do."""
    full = tmp_path / "full-tar"
    full.write_text(
        "#!/bin/sh\n"
        'if [ "$(wc -c)" -gt 1024 ]; then\n'  # more than an empty archive: a file came
        '  echo "tar: en/index.html: Cannot write: No space left on device" >&2\n'
        '  echo "tar: Exiting with failure status due to previous errors" >&2\n'
        "  exit 2\n"
        "fi\n",
        encoding="utf-8",
    )
    full.chmod(0o755)
    monkeypatch.setattr(files, "TAR", str(full))
    output = OutputFiles(str(tmp_path / "output"), background=True)
    assert output.background
    output.write(str(tmp_path / "output" / "en" / "index.html"), b"x" * 2000)
    with pytest.raises(StopBuild) as raised:
        output.wait()
    assert str(raised.value) == (
        f"{tmp_path}/output/en/index.html: could not write: No space left on device — "
        "free some disk space and build again"
    )


def test_an_error_of_the_system_while_writing_stops_the_build_in_one_sentence(
    tmp_path: Path,
) -> None:
    """Whoever writes (Pelican, a plugin): the file, why, what to do; no traceback."""
    page = tmp_path / "output" / "en" / "about" / "index.html"

    def full(generator: Any, content: Any) -> None:
        del generator, content
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(page))

    site = build_listening(tmp_path, signals.page_generator_write_page, full)
    assert site.failure == (
        f"{page}: could not write: No space left on device — free some disk space and build again"
    )


@pytest.mark.parametrize("background", [True, False])
def test_a_file_too_large_ends_pelican_in_one_sentence(tmp_path: Path, background: bool) -> None:
    """Pelican's command line shows a traceback for any error; not for this one."""
    content = copy_case("basic", tmp_path / "content", {})

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"),
         "-s", str(REPO / "publishconf.py"),
         "-e", f"WRITER={json.dumps({'background': background})}"],
        capture_output=True, text=True, cwd=tmp_path, check=False, preexec_fn=limit_file_size,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("output"), last
    assert "could not write" in last
    assert last.endswith(" — raise the limit on the size of files (ulimit -f) and build again")


def test_writer_settings_name_every_problem() -> None:
    assert WriterSettings.from_settings({}).background
    with pytest.raises(SettingsError) as raised:
        WriterSettings.from_settings({"WRITER": {"background": "yes", "threads": 2}})
    assert "WRITER['background']: 'yes' must be True or False" in str(raised.value)
    assert "unknown key" in str(raised.value)


def test_incremental_previews_need_the_writer() -> None:
    """Without the writer nothing keeps pages, and the sweep would remove them all."""
    settings = {"INCREMENTAL": {"enabled": True}, "PLUGINS": ["plugins.incremental"]}
    with pytest.raises(SettingsError, match=r"add 'plugins\.writer' to PLUGINS"):
        IncrementalSettings.from_settings(settings)
    settings["PLUGINS"] = ["plugins.incremental", "plugins.writer"]
    assert IncrementalSettings.from_settings(settings).enabled
