"""Output files: which ones content items take, and writing generated pages around them."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from .sources import display_path

logger = logging.getLogger(__name__)


def save_as_for(url: str) -> str:
    """Return the file a URL is written to: `a/b/` → `a/b/index.html`, `` → `index.html`."""
    return f"{url}index.html" if not url or url.endswith("/") else url


def content_outputs(context: Mapping[str, Any]) -> dict[str, str]:
    """Map each output file a content item will be written to onto its source path.

    Generated pages (listings, speaker pages) check this before writing: content is never
    overwritten, and a generated page whose file a content item takes is reported instead.
    """
    taken = {}
    for item in context.get("generated_content", {}).values():
        save_as = getattr(item, "save_as", "") if item is not None else ""
        if save_as:  # drafts have none in production
            taken[save_as] = display_path(item.source_path, context["PATH"])
    return taken


class ListingWriter:
    """Writes one listing page (paginated or not), unless a content file took its URL."""

    def __init__(self, generator: Any, writer: Any) -> None:
        self.generator = generator
        self.writer = writer
        self.taken = content_outputs(generator.context)

    def page(
        self,
        template: str,
        url: str,
        lang: str,
        alternates: Mapping[str, str],
        **values: Any,
    ) -> None:
        """Render `template` for a listing at `url` in `lang`, with its language versions.

        Listings whose template is in `PAGINATED_TEMPLATES` are paginated by Pelican.
        """
        save_as = save_as_for(url)
        if save_as in self.taken:
            logger.error(
                "%s: takes the URL /%s of the %s listing — set a different 'Slug:' so that "
                "the listing can be written",
                self.taken[save_as],
                url,
                template,
            )
            return
        self.writer.write_file(
            save_as,
            self.generator.get_template(template),
            self.generator.context,
            relative_urls=self.generator.settings["RELATIVE_URLS"],
            template_name=template,
            url=url,
            page_url=url,
            lang=lang,
            alternates=dict(alternates),
            page_name=url.rstrip("/"),
            **values,
        )
