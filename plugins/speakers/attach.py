"""Reading a story's `Speakers:` header and reporting what is wrong with the registry."""

from __future__ import annotations

import difflib
import logging
from pathlib import Path
from typing import Any

from plugins.bilingual.slugs import slugify
from plugins.common.sources import where
from plugins.report.manifest import ERROR, PUBLISHED, Entry
from plugins.report.record import BuildReport

from .people import missing_translations
from .state import SpeakersState

logger = logging.getLogger(__name__)


def report_registry(state: SpeakersState) -> None:
    """Log the registry's problems, missing photos and the fields shown in another language."""
    for problem in state.registry.problems:
        log = logger.error if problem.is_error else logger.warning
        log("%s:%d: %s", state.registry_path, problem.line, problem.message)
    for speaker_id in state.missing_photos:
        speaker = state.registry.speakers[speaker_id]
        refusal = state.refused_photos.get(speaker_id)
        if refusal is not None:
            logger.error(
                "%s:%d: the photo %s of speaker %r is not published: %s — %s",
                state.registry_path,
                speaker.field_lines.get("photo", speaker.line),
                speaker.photo,
                speaker_id,
                refusal.reason(),
                refusal.fix,
            )
            continue
        logger.warning(
            "%s:%d: photo %r of speaker %r is not in the content folder — put the file there, "
            "under a folder of STATIC_PATHS (images/)",
            state.registry_path,
            speaker.field_lines.get("photo", speaker.line),
            speaker.photo,
            speaker_id,
        )
    for fallback in missing_translations(state.registry, state.people.order):
        speaker = fallback.speaker
        logger.warning(
            "%s:%d: speaker %r has no %s in %r — the %r one is shown; add %s.%s",
            state.registry_path,
            speaker.field_lines.get(fallback.field, speaker.line),
            speaker.id,
            fallback.field,
            fallback.lang,
            fallback.shown,
            fallback.field,
            fallback.lang,
        )


def record_registry(state: SpeakersState, report: BuildReport) -> None:
    """Tell the build report what became of the registry: published, or not read at all."""
    if not (state.registry.found or state.registry.problems):
        return
    unreadable = state.registry.unreadable
    urls = [state.settings.url("index", lang=code) for code in state.languages.settings.codes]
    report.add(
        Entry(
            state.registry_path,
            ERROR if unreadable else PUBLISHED,
            kind="data",
            urls=[] if unreadable else urls,
        )
    )


def speaker_ids(article: Any) -> list[str]:
    """Return the ids named by a story's `Speakers:` header, in order, without repeats."""
    raw = article.metadata.get("speakers") or ""
    text = ",".join(raw) if isinstance(raw, list) else str(raw)
    ids = [part.strip() for part in text.split(",") if part.strip()]
    return list(dict.fromkeys(ids))


def attach_speakers(article: Any, state: SpeakersState) -> None:
    """Set `speakers` (localised people) on a story; report ids the registry lacks."""
    article.speakers = []
    registry = state.registry
    for speaker_id in speaker_ids(article):
        if speaker_id in registry.speakers:
            article.speakers.append(state.people.speaker(speaker_id, article.lang))
        elif speaker_id not in registry.rejected and not registry.unreadable:
            # Rejected ids, and every id of a registry that cannot be read, were reported.
            _report_unknown(article, speaker_id, state)


def _report_unknown(article: Any, speaker_id: str, state: SpeakersState) -> None:
    path, line = where(article, "Speakers")
    if not state.registry.found:
        logger.error(
            "%s:%d: unknown speaker %r — there is no speakers registry at %s; create it",
            path,
            line,
            speaker_id,
            state.registry_path,
        )
        return
    # A name written instead of an id ("Sabina Aliyeva") is matched by its slug.
    guesses = difflib.get_close_matches(
        slugify(speaker_id) or speaker_id, sorted(state.registry.speakers), n=2, cutoff=0.75
    )
    if guesses:
        logger.error(
            "%s:%d: unknown speaker %r — did you mean %s?",
            path,
            line,
            speaker_id,
            " or ".join(repr(guess) for guess in guesses),
        )
    else:
        logger.error(
            "%s:%d: unknown speaker %r — add them to %s, or use one of its ids",
            path,
            line,
            speaker_id,
            Path(state.registry_path).name,
        )
