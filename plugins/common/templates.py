"""Compiled templates shared by the Jinja environments of a build's generators."""

from __future__ import annotations

from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


class SharedBytecode(BytecodeCache):
    """Keeps each compiled template in memory for every environment configured alike.

    Pelican gives every generator its own Jinja environment, and each would compile the
    same templates again (about 60 compilations a build). A template is reused only while
    its source is the same (Jinja compares a checksum of it).
    """

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, CodeType | None]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give the bucket the compiled code kept for its template, if its source is the same."""
        kept = self._codes.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template just compiled."""
        self._codes[bucket.key] = (bucket.checksum, bucket.code)


_SHARED: dict[tuple[object, ...], SharedBytecode] = {}


def share_compiled_templates(env: Environment) -> None:
    """Let an environment reuse what environments configured like it compiled.

    Compiled code depends on the environment's syntax options and extensions, so only
    environments that agree on all of them share.
    """
    configuration = (
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
    env.bytecode_cache = _SHARED.setdefault(configuration, SharedBytecode())
