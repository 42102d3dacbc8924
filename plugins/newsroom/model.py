"""The site model: everything one build knows, made once and handed to what writes.

`Build` is made when the build starts, before any content is read: the settings, the
languages and their catalogues, the report, the verdicts on the content folder's files,
the output folder and, for previews, the previous build's fingerprints. `Build.plan` is
made once every story, page and publication is read: the editions of each language, the
speakers, the publications, the feeds, and every page the build writes.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from pelican.paginator import Paginator

from plugins.bilingual.embargo import embargo_text, is_scheduled
from plugins.bilingual.listings import plan_listings
from plugins.bilingual.navigation import NavLink, main_navigation
from plugins.bilingual.settings import BilingualSettings
from plugins.bilingual.state import BilingualState
from plugins.checks.files import PublishableFiles
from plugins.checks.settings import ChecksSettings
from plugins.common.confine import OutputFolder
from plugins.common.outputs import GeneratedPage, PageVersions, save_as_for
from plugins.common.site import absolute, base_url
from plugins.common.sources import display_path
from plugins.common.story_html import StoryHtml
from plugins.contacts.registry import Contacts
from plugins.contacts.settings import ContactsSettings
from plugins.feeds.pages import subscribe_pages
from plugins.feeds.settings import FORMATS, FeedsSettings
from plugins.feeds.state import FeedsState
from plugins.incremental.fingerprint import build_id as release_id
from plugins.incremental.settings import IncrementalSettings
from plugins.incremental.state import IncrementalState
from plugins.metadata.settings import MetadataSettings
from plugins.photos.library import Photo, Photos
from plugins.publications.settings import PublicationsSettings
from plugins.publications.state import PublicationsState
from plugins.report.record import BuildReport
from plugins.report.settings import ReportSettings
from plugins.sanitise.settings import SanitiseSettings
from plugins.search.pages import search_pages
from plugins.search.settings import SearchSettings
from plugins.speakers.settings import SpeakersSettings
from plugins.speakers.state import SpeakersState

from .conversions import Conversions
from .settings import BuildSettings

# Where the build is kept in Pelican's context: templates find the site there.
CONTEXT_KEY = "site"
# A setting `invoke check` gives: the build stops once the content is read and checked.
CHECK_ONLY = "NEWSROOM_CHECK_ONLY"


class ContentRead(Exception):  # noqa: N818 - not an error: the end of a check
    """Raised when a build that only checks has read its content (see `CHECK_ONLY`)."""

    def __init__(self, build: Build) -> None:
        super().__init__("the content is read")
        self.build = build


@dataclass(frozen=True)
class Settings:
    """Every settings dict of the site, validated together."""

    bilingual: BilingualSettings
    speakers: SpeakersSettings
    contacts: ContactsSettings
    feeds: FeedsSettings
    metadata: MetadataSettings
    checks: ChecksSettings
    sanitise: SanitiseSettings
    search: SearchSettings
    publications: PublicationsSettings
    incremental: IncrementalSettings
    report: ReportSettings
    build: BuildSettings

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> Settings:
        """Validate every dict; stop at the first that is invalid, naming its problems."""
        return cls(
            report=ReportSettings.from_settings(settings),
            bilingual=BilingualSettings.from_settings(settings),
            speakers=SpeakersSettings.from_settings(settings),
            contacts=ContactsSettings.from_settings(settings),
            feeds=FeedsSettings.from_settings(settings),
            metadata=MetadataSettings.from_settings(settings),
            checks=ChecksSettings.from_settings(settings),
            sanitise=SanitiseSettings.from_settings(settings),
            search=SearchSettings.from_settings(settings),
            publications=PublicationsSettings.from_settings(settings),
            incremental=IncrementalSettings.from_settings(settings),
            build=BuildSettings.from_settings(settings),
        )


@dataclass
class Build:
    """One build of the site: what it knows from the start, and what it plans to write."""

    settings: Settings
    pelican_settings: Mapping[str, Any]
    context: dict[str, Any] = field(repr=False)
    languages: BilingualState
    report: BuildReport
    files: PublishableFiles
    output: OutputFolder
    photos: Photos
    incremental: IncrementalState | None = None
    speakers: SpeakersState | None = None
    contacts: Contacts | None = None  # the media contacts registry, as read
    publications: PublicationsState | None = None
    feeds: FeedsState | None = None
    conversions: Conversions | None = None  # sources converted ahead, once reading starts
    html: StoryHtml = field(default_factory=StoryHtml)  # stories' HTML, parsed once
    pages: list[GeneratedPage] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)  # stories, pages, publications; scheduled too
    _navigation: dict[str, tuple[NavLink, ...]] = field(default_factory=dict, repr=False)
    _photo_urls: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def start(
        cls,
        settings: Mapping[str, Any],
        context: dict[str, Any],
        incremental: IncrementalState | None = None,
    ) -> Build:
        """Begin a build: validate the settings, load the catalogues, start the report.

        `incremental`: the previous preview's record, read before Pelican made its
        generators (their readers fill in settings as they are made); read here if not.
        """
        parsed = Settings.read(settings)
        languages = BilingualState.load(parsed.bilingual, settings)
        report = BuildReport(parsed.report)
        report.start()
        if not parsed.incremental.enabled:
            incremental = None
        else:
            theme = Path(settings["THEME"])
            content = Path(settings["PATH"])
            roots = [theme, content / parsed.speakers.registry, content / parsed.contacts.registry]
            catalogues = parsed.bilingual.catalogues
            if catalogues is not None and not catalogues.is_relative_to(theme):
                roots.append(catalogues)  # interface strings kept outside the theme
            incremental = incremental or IncrementalState.start(settings)
            incremental.roots = roots
            incremental.context = context
        photos = Photos(Path(settings["PATH"]), Path(settings["CACHE_PATH"]) / "photos")
        return cls(
            settings=parsed,
            pelican_settings=settings,
            context=context,
            languages=languages,
            report=report,
            files=PublishableFiles(
                Path(settings["PATH"]),
                parsed.checks,
                tuple(settings.get("IGNORE_FILES", ())),
                photos,
            ),
            output=OutputFolder(settings["OUTPUT_PATH"]),
            photos=photos,
            incremental=incremental,
        )

    def start_again(self) -> None:
        """Begin a preview's update of this build in place (`live`): a report of its own,
        the record of the pages written since, and nothing kept of the model before."""
        self.report = BuildReport(self.settings.report)
        self.report.start()
        if self.incremental is not None:
            before = self.incremental
            self.incremental = IncrementalState.start(self.pelican_settings)
            # What the readers depend on, as the build worked it out when it started (Pelican
            # has added to the settings since): the same settings file and code, or the
            # preview would have started again.
            self.incremental.inputs = before.inputs
            self.incremental.roots = before.roots
            self.incremental.context = self.context
            self.incremental.before = before.shown
        self._navigation = {}
        self._photo_urls = None

    def photo(self, path: str) -> tuple[Photo | None, str]:
        """A photo of the content folder, by its path there or its URL on the site, and
        its URL (the path itself for a file that is no photo of the site's)."""
        relative = path if path in self.photos.photos else self.photo_urls().get(path)
        item = self.context["static_content"].get(relative) if relative else None
        if relative is None or item is None:
            return None, path
        return self.photos.get(relative), static_url(item)

    @functools.cached_property
    def contacts_registry(self) -> tuple[Path, str]:
        """The media contacts registry's file, and its path as messages name it."""
        root = self.pelican_settings["PATH"]
        path = Path(root) / self.settings.contacts.registry
        return path, display_path(path, root)

    @functools.cached_property
    def build_id(self) -> str | None:
        """The id every page of a production build carries, with METADATA['release_id'], to
        tell its release from others (previews have none: it would change every page at
        every edit)."""
        if self.incremental is not None or not self.settings.metadata.release_id:
            return None
        return release_id(self.pelican_settings)

    def drawing_size(self, path: str) -> tuple[int, int] | None:
        """The size an SVG of the content folder (by its path there or URL) gives itself."""
        relative = path if path in self.context["static_content"] else None
        return self.photos.drawing_size(relative) if relative else None

    def photo_linked(self, src: str, siteurl: str) -> tuple[Photo, str] | None:
        """The photo an `<img src>` of a story's text shows, as the page links to it
        (`{siteurl}/images/a.jpg`, `../../images/a.jpg`); None for any other image."""
        path = src.split("#")[0].split("?")[0]
        if "//" in path:  # an address: the site's own, or another site's image
            if not siteurl or not path.startswith(f"{siteurl}/"):
                return None
            path = path.removeprefix(f"{siteurl}/")
        parts = path.lstrip("/").split("/")
        while parts and parts[0] in ("..", "."):  # a relative link climbs to the site's root
            parts.pop(0)
        for fresh in (False, True):  # again with the URLs of now: an `{attach}`ed photo moved
            relative = self.photo_urls(fresh).get("/".join(parts))
            photo = self.photos.get(relative) if relative else None
            if photo is not None:
                return photo, src
        return None

    def photo_urls(self, fresh: bool = False) -> dict[str, str]:
        """The photos of the site by their URL."""
        if self._photo_urls is None or fresh:
            static = self.context["static_content"]
            self._photo_urls = {
                static_url(static[relative]): relative
                for relative in self.photos.photos
                if static.get(relative) is not None
            }
        return self._photo_urls

    # The page plan --------------------------------------------------------------------------

    def plan(self) -> None:
        """Plan every page the build writes besides Pelican's own: each language's
        listings, speaker and organisation pages, search pages and publication sections,
        each page of a paginated listing on its own."""
        self.languages.listings = plan_listings(self.languages)
        planned = [*self.languages.listings]
        if self.speakers is not None:
            planned += self.speakers.pages()
        planned += search_pages(self.settings.search, self.languages.settings.codes)
        if self.publications is not None:
            planned += self.publications.item_pages()
            planned += self.publications.section_pages()
        if self.feeds is not None:
            planned += subscribe_pages(self.feeds, self.languages.settings.codes)
        planned += self.drafts_pages()
        paginated = self.pelican_settings["PAGINATED_TEMPLATES"]
        self.pages = [
            part
            for page in planned
            for part in (
                paginate(page, self.pelican_settings) if page.template in paginated else [page]
            )
        ]

    def drafts_url(self, lang: str) -> str | None:
        """Where a language's drafts are listed, in builds that write drafts (previews)."""
        pattern = str(self.pelican_settings.get("DRAFT_SAVE_AS") or "")
        if not pattern:
            return None
        folder = posixpath.dirname(str(self.pelican_settings["DRAFT_URL"]).rstrip("/"))
        return f"{folder.format(lang=lang, slug='')}/"

    def drafts_pages(self) -> list[GeneratedPage]:
        """Each language's list of its drafts and scheduled items, in previews only."""
        codes = self.languages.settings.codes
        urls = {code: url for code in codes if (url := self.drafts_url(code))}
        return [
            GeneratedPage(
                urls[code],
                code,
                urls,
                "drafts",
                {"drafts": sorted(self._written_drafts(code), key=_newest_first)},
                indexable=False,
            )
            for code in urls
        ]

    def _written_drafts(self, lang: str) -> Iterator[Any]:
        return (item for item in self.drafts if item.lang == lang and item.save_as)

    def draft_lines(self) -> Iterator[str]:
        """Where each draft can be seen in a preview, for the end of the build."""
        for code in self.languages.settings.codes:
            url = self.drafts_url(code)
            written = list(self._written_drafts(code))
            if url is None or not written:
                continue
            yield f"Drafts in {code}: {absolute(self.base_url, url)}"
            for item in sorted(written, key=_newest_first):
                shown = display_path(item.source_path, self.pelican_settings["PATH"])
                line = f"  {shown} → {absolute(self.base_url, item.url)}"
                if is_scheduled(item):  # the build speaks English, as British English dates
                    said = embargo_text(item.date, Locale.parse("en_GB"), str)
                    line += f" — {said[0].lower()}{said[1:]}"
                yield line

    def navigation(self, lang: str) -> tuple[NavLink, ...]:
        """A language's main navigation, made once for all its pages."""
        if lang not in self._navigation:
            speakers, publications = self.speakers, self.publications
            self._navigation[lang] = main_navigation(
                self.languages.editions[lang],
                self.languages.catalogues[lang],
                speakers.settings.url("index", lang=lang) if speakers else None,
                publications.index_url(lang) if publications else None,
            )
        return self._navigation[lang]

    def around(self, lang: str) -> tuple[Any, ...]:
        """What every page of a language shows around its content: its navigation (menus
        and footer), and whether it has stories and publications (for previews, which keep
        a page only while these are the same)."""
        edition = self.languages.editions.get(lang)
        if edition is None:  # a feed, a page of no language
            return ()
        publications = self.publications
        return (
            self.navigation(lang),
            bool(edition.articles),
            bool(publications is not None and publications.items(lang)),
        )

    def output_urls(self) -> Iterator[str]:
        """Every URL the build writes besides content items and static files."""
        for page in self.pages:
            yield page.url or "index.html"
        if self.feeds is not None:
            for source in self.feeds.sources():
                for fmt in FORMATS:
                    yield source.url(self.settings.feeds, fmt)
            for code in self.languages.settings.codes:
                yield self.settings.feeds.opml_url(code)

    def indexed_pages(self) -> Iterator[PageVersions]:
        """Every page search engines should see, with its language versions."""
        yield from self.languages.indexed_pages()
        if self.speakers is not None:
            yield from self.speakers.pages()
        if self.publications is not None:
            yield from self.publications.indexed_pages()
        # The search and subscribe pages, as planned (one page each, never paginated).
        yield from (page for page in self.pages if page.template in ("search", "subscribe"))

    def shown_files(self) -> Iterator[str]:
        """Files of the content folder the site shows besides its items': speakers' photos."""
        if self.speakers is not None:
            yield from self.speakers.shown_files()

    @property
    def base_url(self) -> str:
        """The site's absolute address."""
        return base_url(self.pelican_settings)


def static_url(item: Any) -> str:
    """A static file's URL, read without claiming it: Pelican moves a file an `{attach}`
    link names beside its page only while nothing has read its `url` or `save_as`."""
    return str(item.get_url_setting("url"))


def _newest_first(item: Any) -> tuple[int, float, str]:
    """Dated items newest first, then undated ones (pages) by title."""
    date = getattr(item, "date", None)
    return (0, -date.timestamp(), "") if date else (1, 0.0, str(item.title))


def paginate(page: GeneratedPage, settings: Mapping[str, Any]) -> list[GeneratedPage]:
    """The pages of a paginated listing, each with the values Pelican gives a paginated
    template: `articles_paginator`, `articles_page`, `articles_previous_page` and
    `articles_next_page` (Pelican's own `Paginator` makes each page's URL)."""
    articles = page.values.get("articles")
    if articles is None:
        return [page]
    per_page = settings["PAGINATED_TEMPLATES"][page.template] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(save_as_for(page.url), page.url, articles, settings, per_page)
    count = paginator.num_pages
    parts = []
    for number in range(1, count + 1):
        current = paginator.page(number)
        values = {
            **page.values,
            "articles_paginator": paginator,
            "articles_page": current,
            "articles_previous_page": paginator.page(number - 1) if number > 1 else None,
            "articles_next_page": paginator.page(number + 1) if number < count else None,
        }
        parts.append(dataclasses.replace(page, values=values, save_as=current.save_as))
    return parts
