"""Keeping a build inside its folders: nothing is written or removed outside the output
folder, and nothing outside the content folder is read into the site.

Paths are resolved as the operating system does (symbolic links followed, `..` taken
away), so a link inside a folder cannot lead out of it. Each folder is resolved once per
build: a site of ten thousand stories checks each file with one or two system calls.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import StopBuild


class OutsideFolder(StopBuild):
    """A path leads outside the folder it must stay in; the message names it.

    It stops a build without a traceback, as a settings error does: a page that would be
    written outside the output folder means the folder itself is wrong (a symbolic link
    in it leads out), not one story.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str, fix: str) -> None:
        super().__init__(f"{os.fspath(path)}: {problem} — {fix}")
        self.path = os.fspath(path)
        self.problem = problem
        self.fix = fix


def _join(base: str, path: str | os.PathLike[str]) -> str:
    """`path` under the folder `base`, or `path` itself when it is absolute (as
    `os.path.join`, in a few string operations: every output file is joined)."""
    text = os.fspath(path)
    if text.startswith(os.sep) or os.path.splitdrive(text)[0]:
        return text
    return f"{base.rstrip(os.sep)}{os.sep}{text}"


def _climbs(path: str) -> bool:
    """Whether a path has a `..` part."""
    return f"{os.sep}..{os.sep}" in f"{os.sep}{path}{os.sep}"


def _inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or under it (both absolute and normalised)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class OutputFolder:
    """The output folder of one build: every path written or removed is checked here."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.path.normpath(Path(root).absolute())
        self.real = os.path.realpath(self.root)
        # Each folder met (as written under the root) and where it really is.
        self._folders: dict[str, str] = {self.root: self.real}

    def confine(self, path: str | os.PathLike[str]) -> Path:
        """Return the path of a file in the output folder, `..` and symbolic links
        resolved, as a path under the folder as it was given; raise `OutsideFolder` if it
        leads anywhere else (the folder itself included).

        A relative path is taken from the output folder.
        """
        raw = _join(self.root, path)
        lexical = os.path.normpath(raw)
        if lexical == self.root or not _inside(lexical, self.root):
            raise OutsideFolder(
                path,
                f"is outside the output folder {self.root}",
                "pages and files are only written and removed inside it",
            )
        if _climbs(raw):
            # `a/../b` goes where `a` leads, then up: only the system can say where.
            real = os.path.realpath(raw)
        else:
            folder, name = os.path.split(lexical)
            real = self._resolve(f"{self._folder(folder)}{os.sep}{name}")
        if real == self.real or not _inside(real, self.real):
            raise OutsideFolder(
                path,
                f"leads outside the output folder {self.root} through a symbolic link (to {real})",
                "remove the link from the output folder",
            )
        return Path(self.root + real[len(self.real) :])

    def _folder(self, folder: str) -> str:
        """Where a folder under the root really is (remembered for the build)."""
        known = self._folders.get(folder)
        if known is None:
            parent, name = os.path.split(folder)
            known = self._resolve(f"{self._folder(parent)}{os.sep}{name}")
            self._folders[folder] = known
        return known

    @staticmethod
    def _resolve(path: str) -> str:
        """Where a path whose folder is resolved leads: itself, unless it is a link."""
        try:
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                return path
        except OSError:  # not there yet: what the build makes there is a plain file
            return path
        return os.path.realpath(path)


def output_files(root: str | os.PathLike[str]) -> Iterator[str]:
    """The plain files under a folder, as `/`-separated paths relative to it; symbolic
    links (to files or folders) are neither listed nor followed."""
    return files_under(root)


def files_under(
    root: str | os.PathLike[str], *, linked_files: bool = False, ignored: Sequence[str] = ()
) -> Iterator[str]:
    """The files under a folder, as `/`-separated paths relative to it, in no set order.
    Symbolic links to folders are not followed; those to files are listed if
    `linked_files`. A file or folder whose name matches one of the `ignored` patterns is
    left out, with everything in it."""
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if any(fnmatch.fnmatch(entry.name, pattern) for pattern in ignored):
                continue
            relative = f"{prefix}{entry.name}"
            if entry.is_symlink():
                if linked_files and entry.is_file():
                    yield relative
            elif entry.is_dir(follow_symlinks=False):
                pending.append((f"{relative}/", entry.path))
            elif entry.is_file(follow_symlinks=False):
                yield relative


# How a path of the content folder leads out of it.
LEAVES, LINK, LOOP = "leaves", "link", "loop"


@dataclass(frozen=True)
class Escape:
    """A path of the content folder that leads outside it, and the link at fault."""

    kind: str  # LEAVES (by its `..` or as an absolute path), LINK (outside) or LOOP
    path: str  # the symbolic link at fault, or the path itself; relative to the content
    folder: bool = False  # the link is to a folder

    @property
    def problem(self) -> str:
        """What is wrong, said of `path`."""
        if self.kind == LINK:
            return (
                f"is a symbolic link to a {'folder' if self.folder else 'file'} outside the "
                "content folder"
            )
        if self.kind == LOOP:
            return "is a symbolic link to a folder that contains it (a loop)"
        return "leads outside the content folder"

    def fix(self, content: str) -> str:
        """How to fix it; `content` is the content folder as staff know it (`content/`)."""
        if self.kind == LINK:
            what = "its files" if self.folder else "the file"
            return f"copy {what} into {content} instead"
        if self.kind == LOOP:
            return "remove the link"
        return f"name a file inside {content}"


class ContentFolder:
    """The content folder of one build: which of its paths lead outside it.

    A path leads out when it climbs above the folder (`../x`, an absolute path) or passes
    through a symbolic link to somewhere outside, or to a folder that contains the link (a
    loop, which a walk would follow forever). Links that stay inside are fine. What each
    folder and file is, is found once per build.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.path.normpath(Path(root).absolute())
        self.real = os.path.realpath(self.root)
        self._verdicts: dict[str, Escape | None] = {}

    def escape(self, relative: str | os.PathLike[str]) -> Escape | None:
        """How a path (relative to the content folder, or absolute) leads outside it, if
        it does: the first symbolic link on the way that does, or the path itself."""
        raw = _join(self.root, relative)
        lexical = os.path.normpath(raw)
        if not _inside(lexical, self.root):
            return Escape(LEAVES, os.fspath(relative))
        if _climbs(raw) and not _inside(os.path.realpath(raw), self.real):
            return Escape(LEAVES, os.fspath(relative))
        if lexical == self.root:
            return None
        key = ""
        for name in PurePath(lexical[len(self.root) :]).parts[1:]:
            key = f"{key}/{name}" if key else name
            if key not in self._verdicts:
                self._verdicts[key] = self._link_at(key)
            verdict = self._verdicts[key]
            if verdict is not None:
                return verdict
        return None

    def _link_at(self, key: str) -> Escape | None:
        """Whether the path `key` (its folders known to stay inside) is a link out."""
        path = _join(self.root, key)
        try:
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                return None
        except OSError:  # not there: nothing to follow
            return None
        target = os.path.realpath(path)
        folder = Path(target).is_dir()
        if not _inside(target, self.real):
            return Escape(LINK, key, folder)
        if folder and _inside(os.path.realpath(Path(path).parent), target):
            return Escape(LOOP, key, folder)
        return None
