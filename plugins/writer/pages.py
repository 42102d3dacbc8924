"""The site's writer: Pelican's, with files written through the build's `OutputFiles`."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.common.errors import error_summary
from plugins.common.outputs import write_output
from plugins.common.site import relative_siteurl
from plugins.common.sources import display_path

logger = logging.getLogger(__name__)
# The lists Pelican paginates when a template is paginated and no list is named.
PAGINATED_LISTS = ("articles", "dates")
# The incremental plugin's state in the context: it knows which pages can be kept.
INCREMENTAL = "incremental"
# The values that hold the one content item a page shows (a story, a page, a publication).
OWN_ITEMS = ("article", "page", "publication")


class SiteWriter(Writer):  # type: ignore[misc]
    """Renders pages as Pelican's writer does, and hands their files to the output files.

    A paginated listing is written page by page. In previews with the incremental plugin, a
    page whose fingerprint is unchanged is kept from the previous build: an edited story
    renders again only the page of each listing it is on.
    """

    def write_file(
        self,
        name: str,
        template: Any,
        context: Any,
        relative_urls: bool = False,
        paginated: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Render and write a page (each page of a listing), unless the previous one holds."""
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in PAGINATED_LISTS}
        where = {"url": url, "template_name": template_name}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            shown = kwargs | where
            self._write_page(name, template, context, relative_urls, override_output, shown, kwargs)
            return
        # What every page of the listing shows besides its own part of the lists.
        common = {k: v for k, v in kwargs.items() if k not in paginated}
        for page_name, own, page_kwargs in self._pages(name, url, template_name, paginated):
            self._write_page(
                page_name,
                template,
                context,
                relative_urls,
                override_output,
                common | own | where,
                kwargs | page_kwargs,
            )

    def _pages(
        self, name: str, url: str | None, template_name: str | None, lists: Mapping[str, Any]
    ) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
        """Each page of a listing: its file, what it shows, and its template values.

        The values are those Pelican's own pagination gives a page's template.
        """
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, values, self.settings, per_page)
            for key, values in lists.items()
        }
        pages = next(iter(paginators.values())).num_pages
        for number in range(1, pages + 1):
            values: dict[str, Any] = {}
            shown: dict[str, Any] = {}
            for key, paginator in paginators.items():
                page = paginator.page(number)
                values |= {
                    f"{key}_paginator": paginator,
                    f"{key}_page": page,
                    f"{key}_previous_page": paginator.page(number - 1) if number > 1 else None,
                    f"{key}_next_page": paginator.page(number + 1) if number < pages else None,
                }
                shown[f"{key}_page"] = (number, pages, page.object_list)
            yield page.save_as, shown, values

    def _write_page(
        self,
        name: str,
        template: Any,
        context: Any,
        relative_urls: bool,
        override_output: bool,
        shown: dict[str, Any],
        values: dict[str, Any],
    ) -> None:
        """Render a page with the values Pelican's writer gives its template, and write it.

        With the incremental state, a page whose fingerprint is unchanged is kept instead,
        and a written one is recorded there.
        """
        state = context.get(INCREMENTAL)
        fingerprint = ""
        if state is not None:
            fingerprint = state.page_fingerprint(name, template, shown)
            if state.unchanged(name, fingerprint):
                return
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            local["SITEURL"] = local["localsiteurl"] = relative_siteurl(name)
        local["output_file"] = name
        local.update(values)
        if local["localsiteurl"]:  # content items adjust their links to it
            context["localsiteurl"] = local["localsiteurl"]
        try:
            output = template.render(local)
        except Exception as error:  # one page's failure must not lose every other page
            logger.error("%s", render_failure(name, values, self.settings, error))
            return
        path = sanitised_join(self.output_path, name)
        if self._claim(path, override_output):
            write_output(context, Path(path), output.encode("utf-8"))
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=local)
        if state is not None:
            state.wrote(name, fingerprint, [PurePosixPath(name).as_posix()])

    def _claim(self, path: str, override: bool) -> bool:
        """Apply Pelican's rule for a file written twice; return whether to write it.

        A file is written once, unless one (and only one) of its writes overrides the
        others: that one is kept, and the later ones are skipped.
        """
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            logger.info('Overwriting "%s"', path)
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True


def render_failure(name: str, values: Mapping[str, Any], settings: Any, error: Exception) -> str:
    """The message for a page that could not be rendered: its item's source file, or for a
    listing its output name, what went wrong, and what to do."""
    item = next((values[key] for key in OWN_ITEMS if values.get(key) is not None), None)
    source = getattr(item, "source_path", None)
    reason = error_summary(error)
    if source:
        where = display_path(source, settings["PATH"])
        fix = "fix the story, or report the problem if it persists"
    else:
        where = name
        fix = "fix the stories it lists, or report the problem if it persists"
    return f"{where}: could not be built ({reason}) — {fix}"
