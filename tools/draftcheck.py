"""`invoke check`'s findings for stories still being written, before they are saved.

An editor sends the text of the files a writer has open; each is checked by the same
check-only build as `invoke check`, in a small copy of the content folder holding the
drafts and what they need to be checked as they would be in place: the speakers' and
contacts' registries, the other languages of each story, and the files each draft names.
Nothing is written outside a temporary folder, and nothing outside the content folder is
read: the paths a draft names are untrusted text.

Running Pelican again and again in one process keeps what every run rendered; a server
calls `check_in_fork`, which checks in a copy of its process that ends with the check.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.log import console
from pelican.settings import read_settings

from plugins.checks.command import read_content
from plugins.checks.scan import scan_source
from plugins.common.confine import ContentFolder
from plugins.common.errors import StopBuild, error_summary
from plugins.common.processes import end_with_parent
from plugins.common.sources import display_path
from plugins.contacts.settings import ContactsSettings
from plugins.speakers.settings import SpeakersSettings
from tools.preview import Problems

FORK = multiprocessing.get_context("fork")
TIMEOUT = 30.0  # seconds a check in a copy of the process may take
# Headers naming a file of the content folder that the scan does not list (publications').
NAMED_FILES = ("cover", "document")


def check_drafts(
    settings_file: str | Path,
    drafts: Mapping[str, str],
    overrides: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Check drafts (their path in the content folder: their text) as `invoke check` would
    check them in place; return their findings, in the order it reports them.

    Each finding is `{"path", "line", "level", "message"}`: the draft's path as given, the
    line (None when the finding names none), "ERROR" or "WARNING", and `problem — fix`.
    The links to pages of the site are not checked, nor clashes with stories outside the
    copy (a URL, a `Story:` key): the copy holds only the drafts' stories, and `invoke
    check` reports those. A draft path that is absolute, climbs with
    `..` or is not a `.md` file raises ValueError. Run it in a process of its own (see
    `check_in_fork`): Pelican keeps what it renders for as long as its process lives.
    """
    settings = read_settings(str(settings_file), override=dict(overrides or {}))
    source = Path(settings["PATH"])
    with tempfile.TemporaryDirectory(prefix="draftcheck-") as temporary:
        root = Path(temporary) / source.name  # messages name the folder (`content/…`)
        places = copy_for_check(settings, drafts, root)
        logged = run_check_only(settings_file, overrides, root, Path(temporary))
        shown = {display_path(place, root): rel for rel, place in places.items()}
        return [
            finding for level, message in logged if (finding := as_finding(shown, level, message))
        ]


def copy_for_check(
    settings: Mapping[str, Any], drafts: Mapping[str, str], root: Path
) -> dict[str, Path]:
    """Write the drafts into a new content folder `root`, with the registries, the drafts'
    other languages and the files they name copied from the settings' content folder;
    return where each draft is."""
    source = Path(settings["PATH"])
    folder = ContentFolder(source)
    places = {rel: draft_place(root, rel) for rel in drafts}
    for rel, text in drafts.items():
        places[rel].parent.mkdir(parents=True, exist_ok=True)
        places[rel].write_text(text, encoding="utf-8")
    for registry in (
        SpeakersSettings.from_settings(settings).registry,
        ContactsSettings.from_settings(settings).registry,
    ):
        copy_inside(folder, registry, root)
    # The other languages' files too: a translation may share its document with them.
    stories = dict(drafts)
    for rel in drafts:
        for name in other_languages(source, rel):
            if copy_inside(folder, name, root):
                stories[name] = (root / name).read_text(encoding="utf-8", errors="replace")
    for rel, text in stories.items():
        for name in named_files(source, rel, text):
            copy_inside(folder, name, root)
    return places


def draft_path(rel: str) -> PurePosixPath:
    """A draft's path in the content folder, as written; ValueError if it is absolute,
    climbs with `..` or does not name a Markdown file."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or path.suffix != ".md":
        raise ValueError(f"{rel!r} is not a Markdown file's path inside the content folder.")
    return path


def draft_place(root: Path, rel: str) -> Path:
    """Where a draft goes in the copy of the content folder; ValueError if it cannot go."""
    place = root / draft_path(rel)
    if not place.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"{rel!r} leads outside the content folder.")
    return place


def named_files(source: Path, rel: str, text: str) -> list[str]:
    """The files of the content folder a draft names, relative to it, as the check reads
    them: its photo, cover and document, and its `{static}`, `{attach}` and `{filename}`
    links."""
    scan = scan_source(
        source / rel,
        text.encode("utf-8"),
        content_root=source,
        needs_date=False,
        known_keys=(),
    )
    names = [reference.target for reference in scan.references]
    return names + [scan.headers[key][1] for key in NAMED_FILES if key in scan.headers]


def other_languages(source: Path, rel: str) -> list[str]:
    """The story's files in its other languages (`name.xx.md` beside `name.en.md`)."""
    path = PurePosixPath(rel)
    story = path.name.removesuffix(".md").rsplit(".", 1)[0]
    folder = source / path.parent
    if folder.is_symlink() or not folder.is_dir():
        return []
    return [
        (path.parent / entry.name).as_posix()
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name)
        if entry.name != path.name
        and entry.name.endswith(".md")
        and entry.name.removesuffix(".md").rsplit(".", 1)[0] == story
    ]


def copy_inside(folder: ContentFolder, name: str, root: Path) -> bool:
    """Copy a file of the content folder to the same place in the copy, if it is a plain
    file (not a symbolic link) that no `..` or link leads outside the folder, and not there
    yet (a draft stays as written); anything else is left for the check to report. Return
    whether it was copied."""
    if folder.escape(name) is not None:
        return False
    # Named from the folder, or by its absolute path inside it: the same place in the copy.
    relative = os.path.relpath(os.path.normpath(os.path.join(folder.root, name)), folder.root)  # noqa: PTH118
    original, target = Path(folder.root) / relative, root / relative
    try:
        if original.is_symlink() or not original.is_file() or target.exists():
            return False
    except (OSError, ValueError):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(original, target, follow_symlinks=False)
    return True


def run_check_only(
    settings_file: str | Path, overrides: Mapping[str, Any] | None, root: Path, work: Path
) -> list[tuple[str, str]]:
    """Run `invoke check`'s reading on a content folder; return what it logged, by level.

    Pelican logs a message once per process: run it in a process of its own (a fork of one
    that never logged the draft's messages), as `check_in_fork` does.
    """
    findings = Problems()
    logger = logging.getLogger()
    level = logger.level
    logger.addHandler(findings)
    if level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        with console.capture():  # progress and the translation summary
            read_content(
                str(settings_file),
                {
                    **(overrides or {}),
                    "PATH": str(root),
                    "OUTPUT_PATH": str(work / "output"),
                    "CACHE_PATH": str(work / "cache"),
                    "CACHE_CONTENT": False,
                    "LOAD_CONTENT_CACHE": False,
                    "BUILD": {"processes": 1},  # a few files: no processes of its own
                },
            )
    finally:
        logger.removeHandler(findings)
        logger.setLevel(level)
    return findings.logged


def as_finding(shown: Mapping[str, str], level: str, message: str) -> dict[str, Any] | None:
    """A logged `path[:line]: problem — fix` as a finding about a draft, or None when it
    is about another file."""
    for path, rel in shown.items():
        match = re.match(rf"{re.escape(path)}(?::(\d+))?: (.*)", message, re.DOTALL)
        if match:
            line = int(match[1]) if match[1] else None
            return {"path": rel, "line": line, "level": level, "message": match[2]}
    return None


def check_in_fork(
    settings_file: str | Path,
    drafts: Mapping[str, str],
    overrides: Mapping[str, Any] | None = None,
    timeout: float = TIMEOUT,
) -> list[dict[str, Any]]:
    """`check_drafts` in a copy of this process that ends with the check.

    A check that fails, or takes longer than `timeout` seconds, gives one finding with no
    path saying so, rather than an exception: the editor shows it as it shows the others.
    A draft path that cannot be checked raises ValueError here, before any copy is made.
    """
    for rel in drafts:
        draft_path(rel)
    receiving, sending = FORK.Pipe(duplex=False)
    # The copy's temporary folder is made in one of this process's, removed here even when
    # the copy is stopped.
    with tempfile.TemporaryDirectory(prefix="draftcheck-") as work:
        child = FORK.Process(
            target=_check_and_send,
            args=(settings_file, drafts, overrides, work, sending),
            daemon=True,
        )
        child.start()
        sending.close()
        try:
            if not receiving.poll(timeout):
                child.kill()
                return [failure(f"the check took more than {timeout:g} seconds")]
            outcome: tuple[bool, Any] = receiving.recv()
        except EOFError:
            child.join()
            return [failure(f"the check stopped (exit code {child.exitcode})")]
        finally:
            receiving.close()
            child.join()
    ok, result = outcome
    return list(result) if ok else [failure(str(result))]


def _check_and_send(
    settings_file: str | Path,
    drafts: Mapping[str, str],
    overrides: Mapping[str, Any] | None,
    work: str,
    sending: Connection,
) -> None:
    end_with_parent()  # a check left running would hold the server's port and lock
    # The server's own log handlers are left out: the findings go back through the pipe.
    logging.getLogger().handlers.clear()
    tempfile.tempdir = work
    try:
        outcome: tuple[bool, Any] = (True, check_drafts(settings_file, drafts, overrides))
    except StopBuild as stop:  # invalid settings: the message names each
        outcome = (False, stop.message)
    except Exception as error:  # the editor shows why rather than nothing
        outcome = (False, error_summary(error))
    sending.send(outcome)
    sending.close()


def failure(message: str) -> dict[str, Any]:
    """A finding about the check itself, not about one draft."""
    return {"path": None, "line": None, "level": "ERROR", "message": message}
