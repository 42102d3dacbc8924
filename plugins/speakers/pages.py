"""Which speakers and organisations each language lists, and their stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from plugins.bilingual.settings import Language

from .people import LocalOrganisation, LocalSpeaker, People


@dataclass
class SpeakerListing:
    """A speaker in one language and the stories they spoke at there, newest first."""

    speaker: LocalSpeaker
    articles: list[Any] = field(default_factory=list)


@dataclass
class OrganisationListing:
    """An organisation in one language: its people and their stories there, newest first."""

    organisation: LocalOrganisation
    people: list[SpeakerListing]
    articles: list[Any]


@dataclass
class SpeakerPages:
    """One language's speakers index, speaker pages and organisation pages."""

    lang: str
    speakers: list[SpeakerListing]  # everyone in the registry, alphabetical
    organisations: list[OrganisationListing]  # alphabetical

    @property
    def index(self) -> list[SpeakerListing]:
        """The speakers who have spoken in this language, alphabetical."""
        return [listing for listing in self.speakers if listing.articles]


def build_speaker_pages(
    people: People, language: Language, articles: Sequence[Any]
) -> SpeakerPages:
    """Build one language's listings from its published stories (newest first).

    Every registered speaker has a page in every language, so that the language switcher
    and the organisation pages always lead somewhere.
    """
    lang = language.code
    listings = {
        sid: SpeakerListing(people.speaker(sid, lang)) for sid in sorted(people.registry.speakers)
    }
    for article in articles:
        for speaker in getattr(article, "speakers", ()):
            if speaker.id in listings:
                listings[speaker.id].articles.append(article)
    speakers = sorted(listings.values(), key=lambda item: language.sort_key(item.speaker.name))
    organisations = []
    for key, organisation in people.organisations.items():
        members = [listings[sid] for sid in organisation.members]
        members.sort(key=lambda item: language.sort_key(item.speaker.name))
        member_ids = set(organisation.members)
        stories = [
            article
            for article in articles
            if any(s.id in member_ids for s in getattr(article, "speakers", ()))
        ]
        organisations.append(OrganisationListing(people.organisation(key, lang), members, stories))
    organisations.sort(key=lambda item: language.sort_key(item.organisation.name))
    return SpeakerPages(lang=lang, speakers=speakers, organisations=organisations)
