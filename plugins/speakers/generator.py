"""Writing the speakers index, speaker pages and organisation pages of every language."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from plugins.common.outputs import ListingWriter

from .pages import build_speaker_pages
from .state import CONTEXT_KEY, SpeakersState


class SpeakersGenerator(Generator):  # type: ignore[misc]
    """Writes, per language, the speakers and organisations indexes and their pages."""

    def generate_output(self, writer: Any) -> None:
        """Write every language's speaker and organisation pages."""
        state: SpeakersState | None = self.context.get(CONTEXT_KEY)
        if state is None:
            return
        editions = state.languages.editions
        urls = state.settings
        codes = list(editions)
        write = ListingWriter(self, writer)
        for lang, edition in editions.items():
            pages = build_speaker_pages(state.people, edition.language, edition.articles)
            write.page(
                "speakers",
                urls.url("index", lang=lang),
                lang,
                {code: urls.url("index", lang=code) for code in codes},
                listings=pages.index,
            )
            for listing in pages.speakers:
                write.page(
                    "speaker",
                    listing.speaker.url,
                    lang,
                    {code: state.people.speaker(listing.speaker.id, code).url for code in codes},
                    speaker=listing.speaker,
                    articles=listing.articles,
                )
            write.page(
                "organisations",
                urls.url("organisations", lang=lang),
                lang,
                {code: urls.url("organisations", lang=code) for code in codes},
                listings=pages.organisations,
            )
            for org in pages.organisations:
                key = org.organisation.key
                write.page(
                    "organisation",
                    org.organisation.url,
                    lang,
                    {code: state.people.organisation(key, code).url for code in codes},
                    organisation=org.organisation,
                    people=org.people,
                    articles=org.articles,
                )
