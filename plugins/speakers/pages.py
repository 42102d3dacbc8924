"""Which speakers and organisations each language lists, and their stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plugins.bilingual.settings import Language
from plugins.common.outputs import GeneratedPage

from .people import LocalOrganisation, LocalSpeaker, People

if TYPE_CHECKING:
    from .state import SpeakersState


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


def listings_of(
    people: People, language: Language, articles: Sequence[Any]
) -> tuple[list[SpeakerListing], list[OrganisationListing]]:
    """One language's speakers and organisations, each alphabetical, with their stories
    there (`articles`: its published stories, newest first).

    Every registered speaker is listed in every language, so that the language switcher
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
    return speakers, organisations


def plan_speaker_pages(state: SpeakersState) -> list[GeneratedPage]:
    """Return every language's speaker and organisation pages, with their other versions.

    Needs the bilingual plugin's editions, which exist once every generator has read its
    content.
    """
    urls = state.settings
    people = state.people
    editions = state.languages.editions
    codes = list(editions)
    indexes = {code: urls.url("index", lang=code) for code in codes}
    organisation_indexes = {code: urls.url("organisations", lang=code) for code in codes}
    planned = []
    for lang, edition in editions.items():
        speakers, organisations = listings_of(people, edition.language, edition.articles)
        spoken = [listing for listing in speakers if listing.articles]  # the index: who spoke here
        planned.append(
            GeneratedPage(indexes[lang], lang, indexes, "speakers", {"listings": spoken})
        )
        for listing in speakers:
            speaker = listing.speaker
            versions = {code: people.speaker(speaker.id, code).url for code in codes}
            values = {"speaker": speaker, "articles": listing.articles}
            planned.append(GeneratedPage(speaker.url, lang, versions, "speaker", values))
        values = {"listings": organisations}
        planned.append(
            GeneratedPage(
                organisation_indexes[lang], lang, organisation_indexes, "organisations", values
            )
        )
        for org in organisations:
            key = org.organisation.key
            versions = {code: people.organisation(key, code).url for code in codes}
            values = {
                "organisation": org.organisation,
                # Only the people themselves: their stories are not on this page.
                "people": [member.speaker for member in org.people],
                "articles": org.articles,
            }
            planned.append(
                GeneratedPage(org.organisation.url, lang, versions, "organisation", values)
            )
    return planned
