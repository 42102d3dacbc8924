"""A Pelican writer that keeps a page from the previous build when nothing it shows changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.writers import Writer

from .state import IncrementalState


class IncrementalWriter(Writer):  # type: ignore[misc]
    """Writes like Pelican's writer, skipping pages whose fingerprint is unchanged."""

    state: IncrementalState  # set on the class made for each build

    def write_file(
        self,
        name: str,
        template: Any,
        context: Any,
        relative_urls: bool = False,
        paginated: Any = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Render and write a page (and its pagination), unless the previous one still holds."""
        if not name:
            return
        values = {**kwargs, "url": url, "template_name": template_name}
        fingerprint = self.state.page_fingerprint(name, template, values)
        if self.state.unchanged(name, fingerprint):
            return
        before = set(self._written_files)
        super().write_file(
            name,
            template,
            context,
            relative_urls=relative_urls,
            paginated=paginated,
            template_name=template_name,
            override_output=override_output,
            url=url,
            **kwargs,
        )
        output = Path(self.output_path)
        files = sorted(
            Path(path).relative_to(output).as_posix() for path in self._written_files - before
        )
        self.state.wrote(name, fingerprint, files)
