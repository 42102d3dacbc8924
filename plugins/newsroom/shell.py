"""The one place that talks to Pelican: which of its signals calls which step, in the order
a build takes them.

1. `initialized`: what an earlier build in the process left to its end is given back to
   the collector, log lines are written whole where the output is not a terminal, and
   folders linked from outside the content folder are kept out of Pelican's walk.
2. `readers_init`: Markdown is read by the checked reader (checks, confinement,
   sanitising, one converter for every file).
3. `get_generators`, `get_writer`: the site's one generator (`SiteGenerator`) and its
   writer. The generator starts the build's model (`Build`) when Pelican makes it, before
   any content is read: every settings dict is validated then, once (a bad one stops the
   build). Templates of every generator get the site's helpers.
4. Reading: in a clean build, every Markdown source is converted ahead, in several
   processes, in the order Pelican reads them, each read as soon as it is converted;
   each story and page gets its language, story key and slug; each source's findings are
   reported (from Pelican's cache too); the site generator reads the publications;
   refused static files are taken out of the files Pelican copies.
5. `all_generators_finalized`: the model is completed: categories and tags localised,
   translations paired, URL collisions left out, the editions, the speakers, the feeds
   and the page plan; files only unpublished items show are withheld.
6. Writing: Pelican writes the stories and pages; the site generator writes the planned
   pages, the feeds, the sitemap and checks the links; Pelican copies the static files. A
   build that renders the whole site renders each generator's pages in several processes
   when the generator has asked for them all (`article_writer_finalized`,
   `page_writer_finalized`, the site generator's own end); the site generator's feeds,
   sitemaps and link check are made in one of them meanwhile.
7. `finalized`: the build is finished (stale files removed, search index, manifest and
   summary), every problem of the writing counted; what it made is left to the process's
   end, out of the collector's reach.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import SkipStub
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator, StaticGenerator
from pelican.log import console

from plugins.bilingual.content import (
    drop_url_collisions,
    forget_sources,
    identify_items,
    localise_taxonomy,
    pair_and_link,
    remove_items,
)
from plugins.bilingual.editions import build_editions
from plugins.bilingual.summary import summarise_translations
from plugins.bilingual.templating import install as install_bilingual
from plugins.bilingual.withheld import withhold_files
from plugins.checks.files import check_shown_files, check_static_files, exclude_linked_folders
from plugins.checks.links import check_links, written_items
from plugins.checks.reader import CheckedMarkdownReader, report_findings
from plugins.common import pelican_api
from plugins.common.errors import StopBuild
from plugins.common.outputs import content_outputs, save_as_for
from plugins.common.sources import article_lists, display_path, header_line, page_lists
from plugins.contacts.attach import attach_contacts, report_contacts
from plugins.contacts.registry import load_contacts
from plugins.feeds.state import FeedsState
from plugins.feeds.templating import install as install_feed_links
from plugins.feeds.writing import Written, write_feeds
from plugins.incremental.settings import IncrementalSettings
from plugins.incremental.state import IncrementalState
from plugins.metadata.sitemap import (
    build_time,
    render_news_sitemap,
    render_robots,
    render_sitemap,
    sitemap_entries,
)
from plugins.metadata.templating import install as install_metadata
from plugins.photos.templating import install as install_photos
from plugins.publications.contents import Publication
from plugins.publications.reading import describe_publications, report_unpublished_documents
from plugins.publications.state import PublicationsState
from plugins.report.logs import plain_lines_unless_a_terminal
from plugins.report.manifest import write_manifest
from plugins.search.index import build_index
from plugins.speakers.attach import attach_speakers, record_registry, report_registry
from plugins.speakers.state import SpeakersState

from .conversions import Conversions, convert_ahead
from .model import CHECK_ONLY, CONTEXT_KEY, Build, ContentRead
from .workers import can_fork
from .writer import AfterPages, SiteWriter, write_bytes

logger = logging.getLogger(__name__)
# This plugin as Pelican names it in `PLUGINS`.
PLUGIN = __name__.rpartition(".")[0]
# The build each running Pelican takes part in, by its settings: the one object Pelican hands
# both its generators and `finalized`, the signal it sends once it has copied the static
# files, the last thing it writes.
RUNNING: dict[int, Build] = {}
# The previous preview's record, read for the build about to start (by the same key).
PREVIOUS: dict[int, IncrementalState] = {}
READ_AGAIN = "The settings or the code changed since the previous build: every file is read again"


def register() -> None:
    """Connect each step of the build to the signal Pelican sends when it is due."""
    signals.initialized.connect(take_back_an_earlier_build)
    signals.initialized.connect(write_whole_log_lines)
    signals.initialized.connect(spare_the_walk)
    signals.readers_init.connect(read_markdown_checked)
    signals.get_generators.connect(add_site_generator)
    signals.get_writer.connect(use_site_writer)
    signals.generator_init.connect(install_template_helpers)
    signals.article_generator_preread.connect(convert_sources_ahead)
    signals.page_generator_preread.connect(convert_sources_ahead)
    signals.article_generator_preread.connect(show_reading_progress)
    signals.page_generator_preread.connect(show_reading_progress)
    signals.article_generator_context.connect(check_source)
    signals.page_generator_context.connect(check_source)
    signals.article_generator_pretaxonomy.connect(identify_stories)
    signals.page_generator_finalized.connect(identify_pages)
    signals.static_generator_finalized.connect(refuse_static_files)
    signals.all_generators_finalized.connect(complete_the_model)
    signals.article_writer_finalized.connect(write_queued_pages)
    signals.page_writer_finalized.connect(write_queued_pages)
    signals.content_written.connect(show_writing_progress)
    signals.finalized.connect(finish_the_build)


def ours(sender: Any) -> bool:
    """Whether what sent a signal (Pelican, its readers, a generator) builds this site.

    Pelican's signals belong to the process: a site built in it without this plugin (a
    stock Pelican build in the same process) is left alone.
    """
    return PLUGIN in getattr(sender, "settings", {}).get("PLUGINS", ())


# 1–3. Start --------------------------------------------------------------------------------


def take_back_an_earlier_build(pelican: Any) -> None:
    """Give the collector back what an earlier build in this process left to its end, and
    what was imported before the plugins."""
    if ours(pelican):
        gc.unfreeze()


def write_whole_log_lines(pelican: Any) -> None:
    """Log plain, whole lines where the output is not a terminal (a CI job, a file)."""
    if ours(pelican):
        plain_lines_unless_a_terminal(logging.getLogger())


def spare_the_walk(pelican: Any) -> None:
    """Keep Pelican's walk out of folders linked from outside the content folder."""
    if ours(pelican):
        exclude_linked_folders(pelican)


def read_markdown_checked(readers: Any) -> None:
    """Read Markdown with the reader that checks each file first."""
    if not ours(readers):
        return
    for extension in CheckedMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = CheckedMarkdownReader


def add_site_generator(pelican: Any) -> type[Generator] | None:
    """The generator that reads publications and writes everything Pelican does not.

    Asked for before any generator is made: when the settings or the code changed since
    the previous preview, Pelican's content cache is removed first (it would keep what the
    readers made of each file with the old ones).
    """
    if not ours(pelican):
        return None
    settings = pelican.settings
    if IncrementalSettings.from_settings(settings).enabled:
        previous = PREVIOUS[id(settings)] = IncrementalState.start(settings)
        if previous.readers_changed:
            if previous.previous_inputs:
                logger.info("%s", READ_AGAIN)
            pelican_api.forget_content_cache(settings)
    return SiteGenerator


def use_site_writer(pelican: Any) -> type[SiteWriter] | None:
    """Write pages with the site's writer."""
    return SiteWriter if ours(pelican) else None


def install_template_helpers(generator: Any) -> None:
    """Give a generator's templates gettext, dates, the page's languages, feed links,
    machine-readable metadata and photos."""
    if not ours(generator):
        return
    settings = generator.settings
    # Builds that keep a content cache (previews) keep compiled templates beside it, and
    # use them when they use the content cache.
    kept = Path(settings["CACHE_PATH"]) / "templates" if settings.get("CACHE_CONTENT") else None
    install_bilingual(generator.env, kept, load_compiled=bool(settings.get("LOAD_CONTENT_CACHE")))
    install_feed_links(generator.env)
    install_metadata(generator.env)
    install_photos(generator.env)


# 4. Reading --------------------------------------------------------------------------------


def build_of(generator: Any) -> Build:
    """The build a generator takes part in."""
    build: Build = generator.context[CONTEXT_KEY]
    return build


def convert_sources_ahead(generator: Any) -> None:
    """Before the first source is read, convert every Markdown source the build reads in the
    build's processes (a clean build in several); let the generator's reader take them."""
    if not ours(generator):
        return
    build = build_of(generator)
    if build.conversions is None:
        build.conversions = convert_sources(generator, build)
    take_conversions(generator, build.conversions)


def convert_sources(generator: Any, build: Build) -> Conversions:
    """The conversions of the stories', pages' and publications' sources, made ahead."""
    settings = generator.settings
    processes = build.settings.build.process_count
    readers = [
        r for r in generator.readers.readers.values() if isinstance(r, CheckedMarkdownReader)
    ]
    if (
        not readers
        # A preview reads again only what changed, unless the settings or the code did;
        # another build with Pelican's cache, only what is not in it.
        or (build.incremental is not None and not build.incremental.readers_changed)
        or (build.incremental is None and settings.get("LOAD_CONTENT_CACHE"))
        or not can_fork(processes)
    ):
        return Conversions()
    # In the order the generators read them: Pelican's own walk, then the publications'.
    files = [
        *generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]),
        *generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"]),
        *sorted(generator.get_files([build.settings.publications.path])),
    ]
    # The path Pelican hands its reader: made absolute, symbolic links kept.
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in files]  # noqa: PTH100, PTH118
    return convert_ahead(readers[0], paths, processes)


def take_conversions(generator: Any, conversions: Conversions) -> None:
    """Let a generator's Markdown reader take the conversions made ahead."""
    for reader in generator.readers.readers.values():
        if isinstance(reader, CheckedMarkdownReader):
            reader.converted = conversions.take


def show_reading_progress(generator: Any) -> None:
    """Print a line now and then while a long build reads its content."""
    line = build_of(generator).report.tick_read() if ours(generator) else None
    if line:
        console.print(line, highlight=False)


def check_source(generator: Any, metadata: dict[str, Any]) -> None:
    """Report a source's findings (read now or from the cache) and leave out the files it
    names that are refused."""
    if not ours(generator):
        return
    build = build_of(generator)
    report_findings(build.pelican_settings, metadata)
    check_shown_files(build.files, metadata)


def identify_stories(generator: Any) -> None:
    """Give each story its language, story key and slug; leave out unconfigured languages."""
    _identify(generator, article_lists(generator))


def identify_pages(generator: Any) -> None:
    """Give each static page its language, story key and slug."""
    _identify(generator, page_lists(generator))


def _identify(generator: Any, lists: list[list[Any]]) -> None:
    if not ours(generator):
        return
    rejected = identify_items(_all(lists), build_of(generator).languages)
    remove_items(lists, rejected)
    forget_sources(generator.context, rejected)


def refuse_static_files(generator: Any) -> None:
    """Report links out of the content folder; leave refused files out of the copies, and
    photos too: the site publishes them (without their metadata) with their copies."""
    if not ours(generator):
        return
    build = build_of(generator)
    refused = check_static_files(build.files, generator.context["static_content"])
    pelican_api.leave_out_static_files(generator, refused)
    pelican_api.leave_out_static_files(generator, build.photos.photos, published_by_the_site=True)


def _all(lists: Iterable[list[Any]]) -> list[Any]:
    return [item for items in lists for item in items]


# 5. The model ------------------------------------------------------------------------------


def complete_the_model(generators: list[Any]) -> None:
    """Localise, pair and plan, once every generator has read its content.

    Categories and tags are localised only now, after Pelican grouped its own: their
    objects carry URLs, and Pelican would write its language-mixed listings to them.
    """
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    if not ours(articles):
        return
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    static = next(g for g in generators if isinstance(g, StaticGenerator))
    build = build_of(articles)
    if build.conversions is not None:
        build.conversions.close()  # every source is read
    # What was read lives as long as the build: out of the collector's reach, it is not
    # walked by a full collection while the model is completed (about 0.09 s at 2,000
    # stories, on one core). The next build in this process takes it back.
    gc.freeze()
    languages = build.languages

    stories, static_pages = article_lists(articles), page_lists(pages)
    all_stories = _all(stories)
    for article in all_stories:
        localise_taxonomy(article, languages)
    everything = all_stories + _all(static_pages)
    for item in everything:
        # A URL is final now: keep it rather than format it again at every use.
        item.override_url, item.override_save_as = item.url, item.save_as
    model_the_site(build, articles, pages, static)
    if build.pelican_settings.get(CHECK_ONLY):
        # `invoke check`: the links of summaries made final (Pelican's next step), and
        # nothing written.
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        raise ContentRead(build)
    if build.incremental is not None:
        build.incremental.begin_writing()


def model_the_site(build: Build, articles: Any, pages: Any, static: Any) -> None:
    """Pair, group and plan the stories, pages and publications read, each localised and
    with its URL: every build does, and a preview again after saves (`live`)."""
    languages = build.languages
    stories, static_pages = article_lists(articles), page_lists(pages)
    collisions = drop_url_collisions(_all(stories) + _all(static_pages))
    remove_items([*stories, *static_pages], collisions)
    forget_sources(articles.context, collisions)
    # Pelican's own groupings feed listings that are off; emptied, Pelican does not walk them
    # (its per-tag, per-category and per-author loops grow with the square of the stories).
    articles.tags, articles.categories, articles.authors = {}, [], []
    published = [*articles.articles, *articles.hidden_articles]
    drafts = [*articles.drafts, *articles.drafts_translations]
    languages.stories = pair_and_link(published, drafts, languages)
    languages.page_stories = pair_and_link(
        [*pages.pages, *pages.hidden_pages], [*pages.draft_pages], languages
    )
    withdrawn = [item for item in articles.hidden_articles if getattr(item, "withdrawn", None)]
    languages.editions = build_editions(
        languages.settings, articles.articles, pages.pages, withdrawn
    )
    for line in summarise_translations(
        [*languages.stories.values(), *languages.page_stories.values()], articles.settings["PATH"]
    ):
        console.print(line, soft_wrap=True, markup=False, highlight=False)

    static_content = articles.context["static_content"]
    speakers = SpeakersState.load(build.settings.speakers, languages, build.files, static_content)
    report_registry(speakers)
    record_registry(speakers, build.report)
    for items in stories:
        for article in items:
            attach_speakers(article, speakers)
    build.speakers = speakers
    attach_all_contacts(build, [article for items in stories for article in items])
    for photo in speakers.shown_files():
        if photo in build.photos.photos:
            build.photos.prepare(photo, square=True)  # cropped square for its circle
    publication_drafts = build.publications.drafts if build.publications else []
    build.drafts = [*drafts, *pages.draft_pages, *publication_drafts]
    build.feeds = FeedsState(build.settings.feeds, build.base_url, languages, build.publications)
    build.plan()
    if build.incremental is not None:
        build.incremental.around = build.around
        build.incremental.photos = build.photos.keys
    withheld = withhold_files(articles.context, build.output, build.report, build.shown_files())
    pelican_api.leave_out_static_files(static, withheld)
    if build.publications is not None:
        report_unpublished_documents(build.publications, static_content)


def attach_all_contacts(build: Build, stories: list[Any]) -> None:
    """Give every story its media contacts, from the registry beside the speakers'."""
    path, shown = build.contacts_registry
    build.contacts = load_contacts(path, list(build.languages.settings.codes))
    report_contacts(build.contacts, shown, build.report, build.settings.contacts)
    for article in stories:
        attach_story_contacts(build, article)


def attach_story_contacts(build: Build, article: Any) -> None:
    """Give one story its media contacts, from the registry the build loaded."""
    if build.contacts is None:
        return
    codes = list(build.languages.settings.codes)
    shown = build.contacts_registry[1]
    attach_contacts(article, build.contacts, build.settings.contacts, codes, shown)


# 6. Writing --------------------------------------------------------------------------------


def show_writing_progress(path: str, context: Any) -> None:
    """Print a line now and then while a long build writes its pages."""
    del path
    build = context.get(CONTEXT_KEY)
    line = build.report.tick_written() if isinstance(build, Build) else None
    if line:
        console.print(line, highlight=False)


def write_queued_pages(generator: Any, writer: Any) -> None:
    """Write the pages a generator queued (rendered in several processes) once it has asked
    for all of them: a plugin told that the stories or pages are written finds them."""
    if ours(generator) and isinstance(writer, SiteWriter):
        writer.write_queued()


class SiteGenerator(Generator):  # type: ignore[misc]
    """Starts the build's model, reads the publications, writes every page Pelican does not
    and finishes the build."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        previous = PREVIOUS.pop(id(self.settings), None)
        self.context[CONTEXT_KEY] = RUNNING[id(self.settings)] = Build.start(
            self.settings, self.context, previous
        )

    def generate_context(self) -> None:
        """Read every publication, pair its language versions, group them by language."""
        build = build_of(self)
        if build.conversions is not None:
            take_conversions(self, build.conversions)
        settings = build.settings.publications
        state = PublicationsState(settings, build.languages)
        build.publications = state
        published: list[Any] = []
        drafts: list[Any] = []
        for path in sorted(self.get_files([settings.path])):
            item = self._read(path, settings.urls)
            if item is None:
                continue
            (drafts if item.status == "draft" else published).append(item)
            self.add_source_path(item)
            self.add_static_links(item)
        describe_publications(state, published, drafts, self.context)

    def _read(self, path: str, urls: Any) -> Any | None:
        """Read one publication; None, reported, if it cannot be built."""
        try:
            item = self.readers.read_file(
                base_path=self.path,
                path=path,
                content_class=Publication,
                context=self.context,
                # Publications are read like pages: the same handlers see their headers.
                context_signal=signals.page_generator_context,
                context_sender=self,
            )
        except Exception:
            logger.exception(
                "Could not process %s", path, exc_info=self.settings.get("DEBUG", False)
            )
            self.context["generated_content"][path] = None
            return None
        if isinstance(item, SkipStub):
            return None
        item.urls = urls
        if not item.is_valid():
            self.context["generated_content"][path] = None
            return None
        return item

    def refresh_metadata_intersite_links(self) -> None:
        """Let `{filename}` links in summaries point at their final URLs (as Pelican does)."""
        publications = build_of(self).publications
        for item in publications.every_read() if publications else ():
            item.refresh_metadata_intersite_links()

    def generate_output(self, writer: Any) -> None:
        """Write the planned pages, the feeds and the sitemap; check the links; finish."""
        build = build_of(self)
        taken = content_outputs(self.context["generated_content"])
        for page in build.pages:
            save_as = page.save_as or save_as_for(page.url)
            if save_as in taken and page.template != "publication":
                source = taken[save_as]
                logger.error(
                    "%s:%d: takes the URL /%s of the site's %s page — set a different 'Slug:' "
                    "so that that page can be written",
                    display_path(source, self.settings["PATH"]),
                    header_line(source, "Slug", "Title"),  # where the URL comes from
                    page.url,
                    page.template.removesuffix(".html"),
                )
                continue
            writer.write_file(
                save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                template_name=page.template,
                url=page.url,
                page_url=page.url,
                lang=page.lang,
                alternates=dict(page.alternates),
                indexable=page.indexable,
                **page.values,
            )
        # The feeds, the sitemaps and the link check are made while the pages render.
        after = AfterPages(
            functools.partial(write_site_files, build, self.context, Path(self.output_path)),
            functools.partial(record_site_files, build, Path(self.output_path)),
        )
        if isinstance(writer, SiteWriter):
            writer.write_queued(after)
        else:
            after.here()


def write_site_files(build: Build, context: Any, output: Path) -> list[Written]:
    """Write the feeds, the sitemaps and robots.txt, and check the links of what the build
    writes; return the feeds written, for the build's record. (It may run in a rendering
    process: what it logs is the build's, and it records none of the files it writes.)"""
    feeds: list[Written] = []
    if build.feeds is not None:
        feeds = write_feeds(
            build.feeds,
            build.pelican_settings,
            context["static_content"],
            build.incremental,
            lambda url, data: write_bytes(build, output / url, data),
            build.html,
            build.photos,
        )
    entries, base = sitemap_entries(build.indexed_pages()), build.base_url
    if build.incremental is not None:  # a preview's pass makes it again only if it changed
        sitemap = build.incremental.made(
            "sitemap.xml", entries, lambda: render_sitemap(entries, base)
        )
    else:
        sitemap = render_sitemap(entries, base)
    write_bytes(build, output / "sitemap.xml", sitemap)
    languages = build.languages
    news = render_news_sitemap(
        [story for edition in languages.editions.values() for story in edition.articles],
        build.base_url,
        {code: languages.language(code).sitename for code in languages.settings.codes},
        build_time(),
    )
    write_bytes(build, output / "sitemap-news.xml", news)
    write_bytes(build, output / "robots.txt", render_robots(build.base_url))
    check_links(context, written_items(context), build.output_urls(), build.html)
    return feeds


def record_site_files(build: Build, output: Path, feeds: list[Written]) -> None:
    """Write the photos; record the feeds written."""
    write_photos(build, output)
    if build.incremental is not None:
        for feed in feeds:
            build.incremental.wrote(*feed)


def write_photos(build: Build, output: Path) -> None:
    """Write each published photo and its copies (a preview keeps those it wrote before)."""
    static = build.context["static_content"]
    incremental = build.incremental
    for relative, photo in sorted(build.photos.photos.items()):
        item = static.get(relative)
        if item is None:  # shown by drafts only, or refused
            continue
        files = dict(photo.files(item.save_as))
        name, fingerprint = f"photo:{item.save_as}", f"{photo.folder.name}:{photo.square}"
        if incremental is not None and incremental.unchanged(name, fingerprint):
            continue
        for saved, kept in files.items():
            write_bytes(build, output / saved, kept.read_bytes())
        if incremental is not None:
            incremental.wrote(name, fingerprint, sorted(files))


def finish_the_build(pelican: Any) -> None:
    """Finish the build once Pelican has written everything, its static files last."""
    build = RUNNING.pop(id(pelican.settings), None)
    if build is not None:
        # What the build made lives until the process ends, which Pelican's command does
        # soon: out of the collector's reach, it is not walked again by a collection while
        # the build finishes (about 0.1 s at 2,000 stories) nor by those at exit (0.4 s).
        # A next build in this process takes it back.
        gc.freeze()
        finish(build)


def finish(build: Build) -> None:
    """Remove stale files, index the site for search, write the manifest and the summary,
    and fail a strict build with problems."""
    settings = build.pelican_settings
    if build.incremental is not None:
        removed = build.incremental.finish()
        logger.info(
            "%d pages kept from the previous build, %d stale files removed",
            build.incremental.kept,
            removed,
        )
    search = build.settings.search
    output = Path(settings["OUTPUT_PATH"])
    if search.enabled and search.index:
        if not build_index(output):
            build.report.stop()
            raise StopBuild("Build failed: the search index could not be built (see above).")
    elif search.enabled:
        # An index left by an earlier build would answer with stories that changed since.
        shutil.rmtree(output / "pagefind", ignore_errors=True)
    report = build.report
    report.stop()
    entries = report.entries(build.context)
    write_manifest(output.parent / report.settings.manifest, entries)
    for line in build.draft_lines():
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    console.print(report.summary(entries), soft_wrap=True, markup=False, highlight=False)
    level = report.settings.level
    if level is not None and report.counter.count(level):
        raise StopBuild(
            f"Build failed: {report.counter.describe()} reported above, and this build is "
            f"strict (REPORT fails on {report.settings.fail_on}s) — fix them and build again."
        )
