"""Compiled templates shared by the Jinja environments of a build's generators, and kept
between preview builds."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache


class SharedBytecode(BytecodeCache):
    """Keeps each compiled template in memory for every environment configured alike,
    and in a folder too when given one.

    Pelican gives every generator its own Jinja environment, and each would compile the
    same templates again (about 60 compilations a build). A template is reused only while
    its source is the same: Jinja compares a checksum of it, in memory and on disk.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._codes: dict[str, tuple[str, CodeType | None]] = {}
        # Jinja's own cache of files (one per template, written whole or not at all).
        self._files = FileSystemBytecodeCache(str(folder), "%s") if folder else None
        self.load_from_folder = True

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give the bucket the compiled code kept for its template, if its source is the same."""
        kept = self._codes.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
            return
        if self._files is None or not self.load_from_folder:
            return
        try:
            self._files.load_bytecode(bucket)  # left empty when stale or from another Python
        except OSError:
            return
        if bucket.code is not None:
            self._codes[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template just compiled; write it to the folder, whole or not at all."""
        self._codes[bucket.key] = (bucket.checksum, bucket.code)
        if self._files is None:
            return
        try:
            Path(self._files.directory).mkdir(parents=True, exist_ok=True)
            self._files.dump_bytecode(bucket)
        except OSError:
            pass  # a read-only cache folder only costs the next build a compilation


# One cache per configuration for the life of the process: builds in one process (the tests,
# a preview server) reuse compiled templates, each only while its template's text is the same.
_SHARED: dict[tuple[object, ...], SharedBytecode] = {}


def share_compiled_templates(
    env: Environment, folder: Path | None = None, *, load: bool = True
) -> None:
    """Let an environment reuse what environments configured like it compiled; with a
    `folder`, also what earlier builds compiled (unless `load` is false: then what it
    compiles is only written there).

    Compiled code depends on all that Jinja decides when it compiles: the syntax options,
    the extensions, how gettext is called, which filters and tests take the context, and
    Jinja's own version. Only environments that agree on all of it share, and on disk each
    such configuration has its own subfolder.
    """
    configuration = (
        jinja2.__version__,
        getattr(env, "newstyle_gettext", False),
        env.is_async,
        _pass_args(env.filters),
        _pass_args(env.tests),
        _pass_args({"finalize": env.finalize}),
        env.finalize is not None,
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        repr(env.autoescape),
        env.optimized,
        tuple(sorted(env.extensions)),
    )
    if folder is not None and not isinstance(env.autoescape, bool):
        folder = None  # an autoescape function has no name to tell it from another
    if folder is not None:
        folder = folder / hashlib.sha256(repr(configuration).encode()).hexdigest()[:16]
    key = (configuration, folder)
    if key not in _SHARED:
        _SHARED[key] = SharedBytecode(folder)
    shared = _SHARED[key]
    shared.load_from_folder = load
    env.bytecode_cache = shared


def _pass_args(functions: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """What each function is passed first (context, environment, nothing): Jinja writes it
    into the compiled code."""
    return tuple(
        sorted(
            (name, str(getattr(function, "jinja_pass_arg", "")))
            for name, function in functions.items()
        )
    )
