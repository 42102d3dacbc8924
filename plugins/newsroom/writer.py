"""Writing the site's files: every path checked to stay in the output folder, a page whose
inputs did not change kept from the previous preview, one page's failure reported and the
others still written, and the pages of a clean build rendered in several processes."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pelican.paginator import Page, Paginator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.common.errors import StopBuild, cannot_write, error_summary
from plugins.common.sources import display_path
from plugins.incremental.state import OWN_ITEMS, IncrementalState

from .model import CONTEXT_KEY, Build
from .workers import Outcome, can_fork, log_again, run_in_processes

logger = logging.getLogger(__name__)


class SiteWriter(Writer):  # type: ignore[misc]
    """Pelican's writer, with the output folder kept, unchanged pages kept, and the pages of
    a clean build rendered in several processes.

    Every page comes here unpaginated: the site's listings are planned page by page (see
    `plugins.newsroom.model.paginate`), and Pelican's own generators write one page per
    story or page.

    A build that renders the whole site with `BUILD['processes']` above 1 only queues each
    page here; once a generator has queued its pages, `write_queued` has them rendered in
    that many forked processes and writes them, in the order they were queued, through
    Pelican's writer (which refuses two pages for one file, logs and sends
    `content_written`, as it does for a page rendered here).
    """

    def __init__(self, output_path: str, settings: Any = None) -> None:
        super().__init__(output_path, settings)
        self.queued: list[PageJob] = []
        # Whether pages are queued: decided at the build's first page.
        self.queueing: bool | None = None

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
        """Render and write one page, unless the previous build's still holds; or, in a
        clean build in several processes, queue it."""
        if not name:
            return
        build: Build = context[CONTEXT_KEY]
        incremental = build.incremental
        if incremental is not None:
            shown = shown_values(kwargs, url, template_name)
            if incremental.shows_as_before(name, template, shown):
                return
        target = build.output.confine(sanitised_join(self.output_path, name))
        if self.queueing is None:
            # A preview renders in one process the few pages an edit changes.
            everything = incremental is None or incremental.renders_everything()
            self.queueing = everything and can_fork(build.settings.build.process_count)
        job = PageJob(
            name, template, context, relative_urls, template_name, override_output, url,
            kwargs, "", target,
        )  # fmt: skip
        if self.queueing:
            # Every page is rendered: its fingerprint is made where it is rendered.
            self.queued.append(job)
            return
        if incremental is not None:
            job = replace(job, fingerprint=incremental.page_fingerprint(name, template, shown))
            if incremental.unchanged(name, job.fingerprint):
                return
        self.write_page(job, template)

    def write_page(self, job: PageJob, template: Any) -> None:
        """Render a page with `template` and write it; one page's failure is logged and the
        build goes on, an error of the system stops it."""
        try:
            super().write_file(
                job.name, template, job.context, job.relative_urls, {}, job.template_name,
                job.override_output, job.url, **job.values,
            )  # fmt: skip
        except FileOverwriteFailedError:
            raise  # two pages for one file: a fault of the site, not of one page
        except OSError as error:
            raise StopBuild(write_failure(error, job.target)) from error
        except Exception as error:  # one page's failure must not lose every other page
            logger.error("%s", render_failure(job.name, job.values, self.settings, error))
            return
        incremental = job.context[CONTEXT_KEY].incremental
        if incremental is not None:
            source = getattr(own_item(job.values), "relative_source_path", "")
            incremental.wrote(job.name, job.fingerprint, [job.name], source)

    def write_queued(self, after: AfterPages | None = None) -> None:
        """Render the pages queued so far in the build's processes and write them, in the
        order they were queued (at the end of each generator's writing); then do the work
        `after` them, made in one of the processes while the others render."""
        jobs, self.queued = self.queued, []
        if not jobs:
            if after is not None:
                after.here()
            return
        settle_contents(jobs)
        build: Build = jobs[0].context[CONTEXT_KEY]
        if build.incremental is not None:
            build.incremental.digester()  # made once, here, for every process's fingerprints
        processes = build.settings.build.process_count
        logger.debug("Rendering %d pages in %d processes", len(jobs), processes)
        # The work after the pages is the last piece, and the longest: taken up first.
        after_index = len(jobs) if after is not None else None

        def render(index: int) -> Outcome:
            if after is not None and index == after_index:
                return make_elsewhere(index, after)
            return self.render_page(index, jobs[index])

        def take(outcome: Outcome) -> None:
            if after is not None and outcome.index == after_index:
                if outcome.value is None:  # it failed there: made again here, and reported
                    after.here()
                else:
                    log_again(outcome.records)
                    after.finish(outcome.value[0])
                return
            log_again(outcome.records)
            job = jobs[outcome.index]
            if outcome.stop is not None:
                raise StopBuild(outcome.stop)
            if outcome.failure is not None:
                logger.error("%s", outcome.failure)
                return
            html, fingerprint = outcome.value
            self.write_page(replace(job, fingerprint=fingerprint), Rendered(html))

        count = len(jobs) + (after is not None)
        run_in_processes(count, processes, render, take, last_first=after is not None)

    def render_page(self, index: int, job: PageJob) -> Outcome:
        """In a rendering process: a page rendered as Pelican's writer would render it, and
        not written; or why it could not be."""
        try:
            super().write_file(
                job.name, Rendering(job.template), job.context, job.relative_urls, {},
                job.template_name, job.override_output, job.url, **job.values,
            )  # fmt: skip
        except RenderedPage as page:
            incremental = job.context[CONTEXT_KEY].incremental
            fingerprint = "" if incremental is None else job.fingerprint_in(incremental)
            return Outcome(index, value=(page.html, fingerprint))
        except OSError as error:
            return Outcome(index, stop=write_failure(error, job.target))
        except Exception as error:
            return Outcome(
                index, failure=render_failure(job.name, job.values, self.settings, error)
            )
        return Outcome(index, stop=f"{job.name}: the page was not rendered — report the problem")


@dataclass(frozen=True)
class AfterPages:
    """Work a generator does once its pages are written: what can be done in a rendering
    process (`make`, with a small result that can be sent), and what the build's process
    does with that result (`finish`)."""

    make: Callable[[], Any]
    finish: Callable[[Any], None]

    def here(self) -> None:
        """Make it and finish it in the build's process."""
        self.finish(self.make())


def make_elsewhere(index: int, after: AfterPages) -> Outcome:
    """In a rendering process: the work after the pages, made; or no value, if it failed
    (it is made again, and reported, in the build's process)."""
    try:
        return Outcome(index, value=(after.make(),))
    except Exception:  # made again in the build's process, which reports it
        return Outcome(index)


@dataclass(frozen=True)
class PageJob:
    """One page to write: what Pelican's writer is asked, its fingerprint and its file."""

    name: str
    template: Any
    context: Any
    relative_urls: bool
    template_name: str | None
    override_output: bool
    url: str | None
    values: dict[str, Any]
    fingerprint: str  # made for a page that is written (empty: rendered every time)
    target: Path

    def fingerprint_in(self, incremental: IncrementalState) -> str:
        """The page's fingerprint: everything it shows (`IncrementalState.page_fingerprint`)."""
        shown = shown_values(self.values, self.url, self.template_name)
        return incremental.page_fingerprint(self.name, self.template, shown)


class RenderedPage(Exception):  # noqa: N818 - not an error: the page, rendered
    """Raised by `Rendering` with the page it rendered, before Pelican's writer writes it."""

    def __init__(self, html: str) -> None:
        super().__init__("the page is rendered")
        self.html = html


@dataclass(frozen=True)
class Rendering:
    """A template that renders its page and hands it over (`RenderedPage`) unwritten."""

    template: Any

    def render(self, values: Any) -> str:
        """Render the page, and raise it."""
        raise RenderedPage(self.template.render(values))


@dataclass(frozen=True)
class Rendered:
    """A template whose page is already rendered (in another process)."""

    html: str

    def render(self, values: Any) -> str:
        """The page."""
        del values
        return self.html


def settle_contents(jobs: list[PageJob]) -> None:
    """Make the text of each page's story, page or publication final before the pages are
    rendered elsewhere, in the order of the pages: Pelican relocates a file linked with
    `{attach}` when it first makes the text that links it, and the copy of the static files
    (in this process) must see that."""
    for item in (own_item(job.values) for job in jobs):
        if item is not None:
            # A text that cannot be made is reported by the page that shows it.
            with contextlib.suppress(Exception):
                item.content  # noqa: B018 - made once, here, for its effect


def own_item(values: Mapping[str, Any]) -> Any | None:
    """The one content item a page shows (a story, a page, a publication), if any."""
    return next((values[key] for key in OWN_ITEMS if values.get(key) is not None), None)


def shown_values(values: Mapping[str, Any], url: str | None, template_name: str | None
                 ) -> dict[str, Any]:  # fmt: skip
    """What a page shows, for its fingerprint: the values its template is given, its URL
    and its template's name (`fingerprinted`)."""
    return fingerprinted({**values, "url": url, "template_name": template_name})


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
    source = getattr(own_item(values), "source_path", None)
    reason = error_summary(error)
    if source:
        where = display_path(source, settings["PATH"])
        fix = "fix the story, or report the problem if it persists"
    else:
        where = name
        fix = "fix the stories it lists, or report the problem if it persists"
    return f"{where}: could not be built ({reason}) — {fix}"
