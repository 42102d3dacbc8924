"""Handing an object made at the start of a build to every plugin, through the context."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator


def context_publisher(key: str, value: Any) -> type[Generator]:
    """Return a generator class, made for one build, that puts `value` into the context.

    Pelican builds its context after `get_generators` and before any generator reads
    content; a plugin that starts a per-build object in `get_generators` (where it also
    has the Pelican object, for `finalized`) hands it to the context this way.
    """

    class ContextPublisher(Generator):  # type: ignore[misc]
        """Publishes one object into the build's context."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.context[key] = value
            if hasattr(value, "context"):
                value.context = self.context

    ContextPublisher.__name__ = ContextPublisher.__qualname__ = f"Publish{key.title()}"
    return ContextPublisher
