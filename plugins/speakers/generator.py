"""The speakers index, speaker pages and organisation pages of every language."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from plugins.common.outputs import PageWriter

from .state import CONTEXT_KEY, SpeakersState


class SpeakersGenerator(Generator):  # type: ignore[misc]
    """Writes, per language, the speakers and organisations indexes and their pages."""

    def generate_output(self, writer: Any) -> None:
        """Write every language's speaker and organisation pages."""
        state: SpeakersState | None = self.context.get(CONTEXT_KEY)
        if state is None:
            return
        write = PageWriter(self, writer)
        for page in state.pages():
            write.write(page)
