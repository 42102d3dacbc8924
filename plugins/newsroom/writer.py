"""Writing the site's files: every path checked to stay in the output folder, a page whose
inputs did not change kept from the previous preview, one page's failure reported and the
others still written."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.paginator import Page, Paginator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.common.errors import StopBuild, cannot_write, error_summary
from plugins.common.sources import display_path

from .model import CONTEXT_KEY, Build

logger = logging.getLogger(__name__)
# The values that hold the one content item a page shows (a story, a page, a publication).
OWN_ITEMS = ("article", "page", "publication")


class SiteWriter(Writer):  # type: ignore[misc]
    """Pelican's writer, with the output folder kept and unchanged pages kept.

    Every page comes here unpaginated: the site's listings are planned page by page (see
    `plugins.newsroom.model.paginate`), and Pelican's own generators write one page per
    story or page.
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
        """Render and write one page, unless the previous build's still holds."""
        if not name:
            return
        build: Build = context[CONTEXT_KEY]
        target = build.output.confine(sanitised_join(self.output_path, name))
        incremental = build.incremental
        fingerprint = ""
        if incremental is not None:
            shown = {**kwargs, "url": url, "template_name": template_name}
            fingerprint = incremental.page_fingerprint(name, template, fingerprinted(shown))
            if incremental.unchanged(name, fingerprint):
                return
        try:
            super().write_file(
                name, template, context, relative_urls, {}, template_name, override_output,
                url, **kwargs,
            )  # fmt: skip
        except FileOverwriteFailedError:
            raise  # two pages for one file: a fault of the site, not of one page
        except OSError as error:
            raise StopBuild(write_failure(error, target)) from error
        except Exception as error:  # one page's failure must not lose every other page
            logger.error("%s", render_failure(name, kwargs, self.settings, error))
            return
        if incremental is not None:
            item = next((kwargs[key] for key in OWN_ITEMS if kwargs.get(key) is not None), None)
            incremental.wrote(name, fingerprint, [name], getattr(item, "relative_source_path", ""))


def fingerprinted(values: Mapping[str, Any]) -> dict[str, Any]:
    """What a page shows, for its fingerprint: a listing's page as its number, the number
    of pages and its stories (the paginator and the neighbouring pages follow from them)."""
    shown = {}
    paginated = {key.removesuffix("_page") for key, v in values.items() if isinstance(v, Page)}
    for key, value in values.items():
        if key in paginated:
            continue  # the whole list: each page shows its part
        if isinstance(value, Page):
            if key.endswith("_previous_page") or key.endswith("_next_page"):
                continue
            value = (value.number, value.paginator.num_pages, value.object_list)
        elif isinstance(value, Paginator):
            continue
        shown[key] = value
    return shown


def write_bytes(build: Build, path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file of the output folder (a feed, the sitemap), making its folders; a path
    leading outside the folder is refused (`OutsideFolder`), a failure stops the build."""
    target = build.output.confine(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise StopBuild(cannot_write(target, error)) from error


def write_failure(error: OSError, target: Path) -> str:
    """One sentence for an operating system's error while writing a page: the file (or
    the folder it names), why, and what to do."""
    named = (name for name in (error.filename2, error.filename) if isinstance(name, str))
    return cannot_write(next(named, target), error)


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
