"""Speakers and organisations as one language shows them, with fallbacks between languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plugins.bilingual.slugs import slugify

from .registry import LOCALISED, Registry, Speaker


@dataclass(frozen=True)
class Fallback:
    """A field shown in another language because the registry lacks it in this one."""

    speaker: Speaker
    field: str
    lang: str
    shown: str


def localise(values: Mapping[str, str], lang: str, order: Sequence[str]) -> tuple[str, str]:
    """Return a field's text in `lang`, else in the first language of `order` that has it.

    Returns the text and the language it is in (empty strings when no language has it).
    """
    for code in (lang, *order):
        if values.get(code):
            return values[code], code
    return "", ""


def missing_translations(registry: Registry, order: Sequence[str]) -> list[Fallback]:
    """List every field a speaker has in some languages but not in others."""
    fallbacks = []
    for speaker in registry.speakers.values():
        for name in LOCALISED:
            values: Mapping[str, str] = getattr(speaker, name)
            if not values:
                continue
            for lang in order:
                if lang not in values:
                    _, shown = localise(values, lang, order)
                    fallbacks.append(Fallback(speaker, name, lang, shown))
    return fallbacks


@dataclass(frozen=True)
class Organisation:
    """An organisation named in the registry; its key is the slug of its default name."""

    key: str
    names: Mapping[str, str]
    members: tuple[str, ...]


@dataclass(frozen=True)
class LocalOrganisation:
    """An organisation in one language: name, slug and URL."""

    key: str
    lang: str
    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class LocalSpeaker:
    """A speaker in one language, as the story box and the speaker pages show them."""

    id: str
    lang: str
    name: str
    role: str
    organisation: LocalOrganisation | None
    url: str
    photo: str | None  # the photo's URL, relative to the site root

    def person(self, siteurl: str) -> dict[str, Any]:
        """Return the schema.org `Person` of this speaker, for JSON-LD."""
        person: dict[str, Any] = {
            "@type": "Person",
            "name": self.name,
            "url": f"{siteurl}/{self.url}",
        }
        if self.role:
            person["jobTitle"] = self.role
        if self.organisation:
            person["affiliation"] = {"@type": "Organization", "name": self.organisation.name}
        if self.photo:
            person["image"] = f"{siteurl}/{self.photo}"
        return person


def organisations_of(registry: Registry, order: Sequence[str]) -> dict[str, Organisation]:
    """Group the registry's people by organisation, keyed by the slug of its default name."""
    names: dict[str, dict[str, str]] = {}
    members: dict[str, list[str]] = {}
    for speaker in registry.speakers.values():
        if not speaker.organisation:
            continue
        default_name, _ = localise(speaker.organisation, order[0], order)
        key = slugify(default_name)
        if not key:
            continue
        known = names.setdefault(key, {})
        for lang, text in speaker.organisation.items():
            known.setdefault(lang, text)
        members.setdefault(key, []).append(speaker.id)
    return {
        key: Organisation(key=key, names=names[key], members=tuple(members[key]))
        for key in sorted(names)
    }


class People:
    """Localised views of the registry's speakers and organisations, made once each."""

    def __init__(
        self,
        registry: Registry,
        order: Sequence[str],
        speaker_url: Callable[[str, str], str],
        organisation_url: Callable[[str, str], str],
        photo_url: Callable[[str], str | None],
    ) -> None:
        self.registry = registry
        self.order = tuple(order)
        self.organisations = organisations_of(registry, self.order)
        self._speaker_url = speaker_url
        self._organisation_url = organisation_url
        self._photo_url = photo_url
        self._organisation_of = {
            member: org.key for org in self.organisations.values() for member in org.members
        }
        self._speakers: dict[tuple[str, str], LocalSpeaker] = {}
        self._local_organisations: dict[tuple[str, str], LocalOrganisation] = {}
        self._organisation_slugs = self._unique_slugs()

    def _unique_slugs(self) -> dict[tuple[str, str], str]:
        """Give each organisation a slug per language from its name there, unique per language.

        Two organisations whose names give the same slug in a language fall back to their
        keys (the slug of their default-language name), which are unique.
        """
        slugs: dict[tuple[str, str], str] = {}
        for lang in self.order:
            taken: set[str] = set()
            for key, organisation in self.organisations.items():
                slug = slugify(localise(organisation.names, lang, self.order)[0]) or key
                if slug in taken:
                    slug = key
                taken.add(slug)
                slugs[(key, lang)] = slug
        return slugs

    def speaker(self, speaker_id: str, lang: str) -> LocalSpeaker:
        """Return a registered speaker as shown in `lang`."""
        key = (speaker_id, lang)
        if key not in self._speakers:
            entry = self.registry.speakers[speaker_id]
            org_key = self._organisation_of.get(speaker_id)
            self._speakers[key] = LocalSpeaker(
                id=speaker_id,
                lang=lang,
                name=localise(entry.name, lang, self.order)[0],
                role=localise(entry.role, lang, self.order)[0],
                organisation=self.organisation(org_key, lang) if org_key else None,
                url=self._speaker_url(speaker_id, lang),
                photo=self._photo_url(entry.photo) if entry.photo else None,
            )
        return self._speakers[key]

    def organisation(self, key: str, lang: str) -> LocalOrganisation:
        """Return an organisation as shown in `lang`."""
        cache_key = (key, lang)
        if cache_key not in self._local_organisations:
            name = localise(self.organisations[key].names, lang, self.order)[0]
            slug = self._organisation_slugs[cache_key]
            self._local_organisations[cache_key] = LocalOrganisation(
                key=key, lang=lang, name=name, slug=slug, url=self._organisation_url(slug, lang)
            )
        return self._local_organisations[cache_key]
