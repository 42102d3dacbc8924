"""What the site knows of its speakers during one build."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from plugins.bilingual.state import BilingualState
from plugins.checks.files import PublishableFiles, Refusal
from plugins.common.outputs import GeneratedPage
from plugins.common.sources import display_path

from .pages import plan_speaker_pages
from .people import People
from .registry import Registry, load_registry
from .settings import SpeakersSettings


@dataclass
class SpeakersState:
    """The registry, its localised people, and where the registry lives."""

    settings: SpeakersSettings
    languages: BilingualState
    registry: Registry
    people: People
    registry_path: str  # as staff know it, for messages
    missing_photos: tuple[str, ...] = ()  # ids of speakers whose photo file is not there
    # Speakers whose photo is there but not published (a link out, a script), and why.
    refused_photos: Mapping[str, Refusal] = field(default_factory=dict)
    _pages: list[GeneratedPage] | None = field(default=None, repr=False)

    def shown_files(self) -> Iterator[str]:
        """The speakers' photos (files of the content folder) that the site shows."""
        for speaker in self.registry.speakers.values():
            if speaker.photo:
                yield speaker.photo

    def pages(self) -> list[GeneratedPage]:
        """Return the speaker and organisation pages, planned once per build.

        Planning needs the editions, which exist once every story is read.
        """
        if self._pages is None:
            self._pages = plan_speaker_pages(self)
        return self._pages

    @classmethod
    def load(
        cls,
        settings: SpeakersSettings,
        languages: BilingualState,
        files: PublishableFiles,
        static: Mapping[str, Any],
    ) -> SpeakersState:
        """Load the registry (once per build), and find each speaker's photo among the
        static files the build copies (`static`: Pelican's `static_content`)."""
        default = languages.settings.default_language
        order = (default, *(code for code in languages.settings.codes if code != default))
        path = files.root / settings.registry
        if files.folder.escape(settings.registry) is None:
            registry = load_registry(path, order)
        else:  # a link out of the content folder: reported with the content's other links
            registry = Registry(speakers={}, found=False)

        def photo_url(photo: str) -> str | None:
            item = static.get(photo)
            return str(item.url) if item is not None else None

        missing = tuple(
            sid
            for sid, speaker in registry.speakers.items()
            if speaker.photo and speaker.photo not in static
        )
        refused = {
            sid: refusal
            for sid in missing
            if (refusal := files.refusal(str(registry.speakers[sid].photo))) is not None
        }
        people = People(
            registry,
            order,
            speaker_url=lambda sid, lang: settings.url("speaker", lang=lang, id=sid),
            organisation_url=lambda slug, lang: settings.url("organisation", lang=lang, slug=slug),
            photo_url=photo_url,
        )
        return cls(
            settings=settings,
            languages=languages,
            registry=registry,
            people=people,
            registry_path=display_path(path, files.root),
            missing_photos=missing,
            refused_photos=refused,
        )
