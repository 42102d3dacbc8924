"""Writing `sitemap.xml` and `robots.txt` at the root of the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from plugins.common.outputs import indexed_pages, write_output
from plugins.common.site import base_url

from .sitemap import render_robots, render_sitemap


class SitemapGenerator(Generator):  # type: ignore[misc]
    """Writes the sitemap (every page with its language versions) and robots.txt."""

    def generate_output(self, writer: Any) -> None:
        """Write both files from the pages every plugin's derived data knows of."""
        del writer
        base = base_url(self.settings)
        output = Path(self.output_path)
        sitemap = render_sitemap(indexed_pages(self.context), base)
        write_output(self.context, output / "sitemap.xml", sitemap)
        write_output(self.context, output / "robots.txt", render_robots(base))
