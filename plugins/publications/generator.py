"""Reading publications, and writing their pages and each language's section."""

from __future__ import annotations

import logging
from typing import Any

from pelican.contents import SkipStub
from pelican.generators import Generator
from pelican.plugins import signals

from plugins.bilingual.content import (
    drop_url_collisions,
    forget_sources,
    identify_items,
    pair_and_link,
    remove_items,
)
from plugins.bilingual.editions import newest_first
from plugins.bilingual.state import BilingualState
from plugins.common.outputs import GeneratedPage, PageWriter, language_versions
from plugins.common.sources import where

from .contents import Publication
from .settings import PublicationsSettings
from .state import CONTEXT_KEY, PublicationsState
from .validate import describe_publication, share_documents

logger = logging.getLogger(__name__)


class PublicationsGenerator(Generator):  # type: ignore[misc]
    """Reads `content/publications/`, pairs the language versions, writes the pages."""

    def generate_context(self) -> None:
        """Read every publication, check it, pair its language versions, group by language."""
        settings = PublicationsSettings.from_settings(self.settings)
        languages = BilingualState.for_context(self.context, self.settings)
        state = PublicationsState(settings, languages)
        self.context[CONTEXT_KEY] = state
        published: list[Any] = []
        drafts: list[Any] = []
        for path in sorted(self.get_files([settings.path])):
            item = self._read(path)
            if item is None:
                continue
            (drafts if item.status == "draft" else published).append(item)
            self.add_source_path(item)
            self.add_static_links(item)
        lists = [published, drafts]
        rejected = identify_items(published + drafts, languages)
        rejected += drop_url_collisions(published + drafts)
        remove_items(lists, rejected)
        forget_sources(self.context, rejected)
        for item in published + drafts:
            describe_publication(item, settings)
            item.type_name = state.type_name(item.type_id, item.lang)
            item.section_url = state.index_url(item.lang)
        pair_and_link(published, drafts, languages)
        share_documents(published + drafts)
        self.publications, self.drafts = published, drafts
        for code in languages.settings.codes:
            mine = [item for item in published if item.lang == code]
            state.by_language[code] = sorted(mine, key=newest_first)

    def _read(self, path: str) -> Any | None:
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
            self._add_failed_source_path(path)
            return None
        if isinstance(item, SkipStub):
            return None
        if not item.is_valid():
            self._add_failed_source_path(path)
            return None
        return item

    def refresh_metadata_intersite_links(self) -> None:
        """Let `{filename}` links in summaries point at their final URLs (as Pelican does)."""
        for item in (*self.publications, *self.drafts):
            item.refresh_metadata_intersite_links()

    def generate_output(self, writer: Any) -> None:
        """Write each publication's page and each language's section."""
        state: PublicationsState = self.context[CONTEXT_KEY]
        static = self.context.get("static_content", {})
        write = PageWriter(self, writer)
        for item in (*self.publications, *self.drafts):
            if not item.save_as:
                continue
            document = item.document
            # Only the version that names it (not a translation sharing it); a missing file
            # was reported when the publication was read, and left it no document.
            unpublished = (
                item.metadata.get("document")
                and document is not None
                and document.path not in static
            )
            if unpublished:
                path, line = where(item, "Document")
                logger.error(
                    "%s:%d: the document %s is not published — keep documents under "
                    "files/ (a folder of STATIC_PATHS)",
                    path,
                    line,
                    document.path,
                )
            versions = language_versions(item)
            page = GeneratedPage(
                item.url, item.lang, versions, item.template, {"publication": item}
            )
            write.write(page, content=True)
        for page in state.section_pages():
            write.write(page)
