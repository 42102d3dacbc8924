"""Output files: which ones content items take, and writing generated pages around them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .confine import OutputFolder
from .sources import display_path, header_line

logger = logging.getLogger(__name__)


def save_as_for(url: str) -> str:
    """Return the file a URL is written to: `a/b/` → `a/b/index.html`, `` → `index.html`."""
    return f"{url}index.html" if not url or url.endswith("/") else url


CONTENT_OUTPUTS = "content_outputs"
# The build's output files (the writer plugin's), in the context: they may be written in
# the background.
OUTPUT_FILES = "output_files"


class WritesFiles(Protocol):
    """Writes output files, now or in the background; refuses paths outside the output
    folder (`OutsideFolder`)."""

    def write(self, path: str, data: bytes) -> None:
        """Write `data` to `path`, making its folders."""
        ...


def write_output(context: MutableMapping[str, Any], path: Path, data: bytes) -> None:
    """Write an output file through the build's output files, or at once without them.

    A path that leads outside the output folder is refused (`OutsideFolder`): by the
    output files, which check every path they are handed, or here.
    """
    files: WritesFiles | None = context.get(OUTPUT_FILES)
    if files is not None:
        files.write(str(path), data)
        return
    path = OutputFolder.of(context).confine(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def content_outputs(context: Mapping[str, Any]) -> dict[str, str]:
    """Map each output file a content item will be written to onto its source path.

    Generated pages (listings, speaker pages) check this before writing: content is never
    overwritten, and a generated page whose file a content item takes is reported instead.
    Made once per build, when writing starts (kept in the context).
    """
    known = context.get(CONTENT_OUTPUTS)
    if isinstance(known, dict):
        return known
    taken = {}
    for item in context.get("generated_content", {}).values():
        save_as = getattr(item, "save_as", "") if item is not None else ""
        if save_as:  # drafts have none in production
            taken[save_as] = item.source_path
    if isinstance(context, dict):
        context[CONTENT_OUTPUTS] = taken
    return taken


@dataclass(frozen=True)
class PageVersions:
    """A page of one language and its versions in every language that has it (itself too)."""

    url: str
    lang: str
    alternates: Mapping[str, str]

    @classmethod
    def of(cls, item: Any) -> PageVersions:
        """A content item's page (a story, a page, a publication) and its translations'."""
        return cls(item.url, item.lang, language_versions(item))


def language_versions(item: Any) -> dict[str, str]:
    """The URL of each language version of a content item, by language, itself included."""
    return {version.lang: version.url for version in (item, *item.translations)}


class IndexesPages(Protocol):
    """Derived data in the context that knows which of its pages search engines should see."""

    def indexed_pages(self) -> Iterable[PageVersions]:
        """The pages, with their language versions."""
        ...


@dataclass(frozen=True)
class GeneratedPage(PageVersions):
    """A page a plugin renders (a listing, a speaker page) with its template's values."""

    template: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    indexable: bool = True  # a 404 or a redirect is not


class ProducesOutputs(Protocol):
    """Derived data in the context that knows the URLs its plugin writes."""

    def output_urls(self) -> Iterable[str]:
        """The URLs (site-relative, `az/speakers/` or `az/feeds/all.rss.xml`)."""
        ...


def providers(context: Mapping[str, Any], name: str) -> Iterator[Callable[[], Any]]:
    """The method `name` of each plugin's derived data in the context that has one
    (`output_urls`, `indexed_pages`, `shown_files`)."""
    for value in context.values():
        method = getattr(value, name, None)
        if callable(method) and not isinstance(value, type):
            yield method


def known_outputs(context: Mapping[str, Any]) -> set[str]:
    """Every file the build writes or copies, as paths in the output folder.

    Stories, pages and static files from Pelican; listings, speaker pages and feeds from the
    plugins' derived data; the theme's own files.
    """
    files = set(content_outputs(context))
    files |= {
        item.save_as for item in context.get("static_content", {}).values() if item is not None
    }
    for output_urls in providers(context, "output_urls"):
        files |= {save_as_for(url) for url in output_urls()}
    theme = Path(context.get("THEME", "theme"))
    for folder in context.get("THEME_STATIC_PATHS", ["static"]):
        root = theme / folder
        prefix = context.get("THEME_STATIC_DIR", "theme")
        files |= {
            f"{prefix}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file()
        }
    return files


def indexed_pages(context: Mapping[str, Any]) -> list[PageVersions]:
    """Collect the indexable pages of every plugin's derived data in the context."""
    pages: list[PageVersions] = []
    for method in providers(context, "indexed_pages"):
        pages.extend(method())
    return pages


class PageWriter:
    """Writes generated pages (paginated or not), except where a content file took the URL."""

    def __init__(self, generator: Any, writer: Any) -> None:
        self.generator = generator
        self.writer = writer
        self.taken = content_outputs(generator.context)

    def write(self, page: GeneratedPage, *, content: bool = False) -> None:
        """Render a page's template at its URL in its language, with its language versions.

        Pages whose template is in `PAGINATED_TEMPLATES` are paginated by Pelican. A
        `content` page is a content item's own (a publication): its URL is its own to take.
        """
        save_as = save_as_for(page.url)
        if save_as in self.taken and not content:
            source = self.taken[save_as]
            logger.error(
                "%s:%d: takes the URL /%s of the site's %s page — set a different 'Slug:' "
                "so that that page can be written",
                display_path(source, self.generator.settings["PATH"]),
                header_line(source, "Slug", "Title"),  # where the URL comes from
                page.url,
                page.template.removesuffix(".html"),
            )
            return
        self.writer.write_file(
            save_as,
            self.generator.get_template(page.template),
            self.generator.context,
            relative_urls=self.generator.settings["RELATIVE_URLS"],
            template_name=page.template,
            url=page.url,
            page_url=page.url,
            lang=page.lang,
            alternates=dict(page.alternates),
            indexable=page.indexable,
            **page.values,
        )
