"""A Pelican writer that keeps a page from the previous build when nothing it shows changed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any

from pelican.paginator import Paginator
from pelican.writers import Writer

from .state import IncrementalState

# The lists Pelican paginates when a template is paginated and no list is named.
PAGINATED_LISTS = ("articles", "dates")


class IncrementalWriter(Writer):  # type: ignore[misc]
    """Writes like Pelican's writer, skipping pages whose fingerprint is unchanged.

    A paginated listing is fingerprinted page by page: an edited story renders again only
    the page of each listing it is on, not the whole listing.
    """

    state: IncrementalState  # set on the class made for each build

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
        fingerprint = self.state.page_fingerprint(name, template, shown)
        if self.state.unchanged(name, fingerprint):
            return
        # Written as one page, to `name`: a listing's pagination is already in `values`.
        super().write_file(
            name,
            template,
            context,
            relative_urls=relative_urls,
            paginated={},
            override_output=override_output,
            **values,
        )
        self.state.wrote(name, fingerprint, [PurePosixPath(name).as_posix()])
