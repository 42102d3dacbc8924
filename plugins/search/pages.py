"""The generator that writes each language's search page."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from plugins.common.outputs import PageWriter

from .state import CONTEXT_KEY, SearchState


class SearchPagesGenerator(Generator):  # type: ignore[misc]
    """Writes each language's search page."""

    def generate_output(self, writer: Any) -> None:
        """Write the search pages."""
        state: SearchState = self.context[CONTEXT_KEY]
        write = PageWriter(self, writer)
        for page in state.pages():
            write.write(page)
