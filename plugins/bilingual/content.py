"""Giving every story and page its language, story key, slug, category and tags."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, MutableSequence, Sequence
from datetime import timedelta
from typing import Any

from plugins.common.sources import where

from .slugs import slugify
from .state import BilingualState
from .stories import identify
from .translations import Story, pair_translations

logger = logging.getLogger(__name__)


def identify_items(items: Iterable[Any], state: BilingualState) -> list[Any]:
    """Set language, story key and slug on each item; return those to leave out.

    An item in a language that is not configured is reported and left out; the others
    are still built.
    """
    languages = state.settings.languages
    rejected = []
    for item in items:
        identity = identify(
            item.source_path, item.metadata, state.settings.default_language, languages
        )
        if identity.lang not in languages:
            path, line = where(item, "Lang" if identity.lang_from == "header" else None)
            names = ", ".join(f"'.{code}.md'" for code in languages)
            logger.error(
                "%s:%d: language %r is not configured — name the file with one of %s, "
                "or add %r to BILINGUAL['languages']",
                path,
                line,
                identity.lang,
                names,
                identity.lang,
            )
            rejected.append(item)
            continue
        item.lang = identity.lang
        item.story = identity.story
        item.in_default_lang = identity.lang == state.settings.default_language
        if "slug" not in item.metadata:
            item.slug = _slug_from_title(item, identity.story)
    return rejected


def _slug_from_title(item: Any, story: str) -> str:
    slug = slugify(str(getattr(item, "title", "")))
    if slug:
        return slug
    path, line = where(item, "Title")
    fallback = slugify(story)
    logger.error(
        "%s:%d: the title gives no usable URL slug — add a 'Slug:' line (using %r for now)",
        path,
        line,
        fallback,
    )
    return fallback


def localise_taxonomy(article: Any, state: BilingualState) -> None:
    """Replace an article's category and tags by those of its language, reporting bad ones."""
    category = getattr(article, "category", None)
    configured = state.settings.categories
    if category is None:
        path, line = where(article)
        logger.error(
            "%s:%d: the story has no category — add a 'Category:' line with one of %s",
            path,
            line,
            ", ".join(configured),
        )
    else:
        category_id = str(category.name).strip()
        known = {c.lower(): c for c in configured}
        if category_id.lower() in known:
            article.category = state.category(known[category_id.lower()], article.lang)
        else:
            path, line = where(article, "Category")
            logger.error(
                "%s:%d: unknown category %r — use one of %s",
                path,
                line,
                category_id,
                ", ".join(configured),
            )
            del article.category
    tags = []
    for tag in getattr(article, "tags", ()):
        localised = state.tag(tag.name, article.lang)
        if not localised.slug:
            path, line = where(article, "Tags")
            logger.warning(
                "%s:%d: tag %r gives no usable URL slug — spell it with letters or digits",
                path,
                line,
                tag.name,
            )
        elif localised not in tags:
            tags.append(localised)
    if hasattr(article, "tags"):
        article.tags = tags


def pair_and_link(
    published: Sequence[Any], drafts: Sequence[Any], state: BilingualState
) -> dict[str, Story]:
    """Pair language versions by story key and set each item's `translations`.

    Published items link only to published versions; a draft previews its links to
    published versions and to other drafts of the same story.
    """
    stories, duplicates = pair_translations(published, state.settings.codes)
    for duplicate in duplicates:
        path, line = where(duplicate.other, "Story")
        logger.error(
            "%s:%d: story %r already has a %r version in %s — give one file another "
            "name, or a 'Story:' line naming a different story",
            path,
            line,
            duplicate.story,
            duplicate.lang,
            where(duplicate.kept)[0],
        )
    for story in stories.values():
        report_dates_apart(story)
    paired = set()
    for story in stories.values():
        for lang, version in story.versions.items():
            _link(version, story, [v for code, v in story.versions.items() if code != lang])
            paired.add(id(version))
    for item in published:
        if id(item) not in paired:  # a duplicate, left out of pairing
            _link(item, Story(item.story, {item.lang: item}), [])
    if drafts:
        everything, _ = pair_translations([*published, *drafts], state.settings.codes)
        for draft in drafts:
            with_draft = everything.get(draft.story, Story(draft.story, {draft.lang: draft}))
            others = [v for v in with_draft.versions.values() if v.lang != draft.lang]
            _link(draft, with_draft, others)
    return stories


# Translations of one story are released together: dates further apart are a typo.
DATES_APART = timedelta(days=1)


def report_dates_apart(story: Story) -> None:
    """Warn of each version dated more than a day after the story's first."""
    dated = sorted(
        (v for v in story.versions.values() if getattr(v, "date", None)), key=lambda v: v.date
    )
    for version in dated[1:]:
        if version.date - dated[0].date > DATES_APART:
            path, line = where(version, "Date")
            logger.warning(
                "%s:%d: dated %s, more than a day after its %r version (%s) — translations "
                "of one story carry the date it was released: make them agree",
                path,
                line,
                f"{version.date:%Y-%m-%d %H:%M}",
                dated[0].lang,
                f"{dated[0].date:%Y-%m-%d %H:%M}",
            )


def _link(item: Any, story: Story, translations: list[Any]) -> None:
    item.translations = translations
    item.translation_status = story.status
    item.outdated = item.lang in story.outdated


def drop_url_collisions(items: Iterable[Any]) -> list[Any]:
    """Report items that would be written to the same file; return all but the first of each.

    The item whose source path sorts first keeps the URL, so the outcome does not depend
    on the order files were read in.
    """
    by_file: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        if item.save_as:
            by_file[item.save_as].append(item)
    dropped = []
    for save_as, claimants in sorted(by_file.items()):
        if len(claimants) < 2:
            continue
        kept, *others = sorted(claimants, key=lambda item: item.source_path)
        for other in others:
            path, line = where(other, "Slug" if "slug" in other.metadata else "Title")
            logger.error(
                "%s:%d: URL /%s is already taken by %s — set a different 'Slug:' in one of them",
                path,
                line,
                save_as.removesuffix("index.html"),
                where(kept)[0],
            )
            dropped.append(other)
    return dropped


def remove_items(lists: Iterable[MutableSequence[Any]], unwanted: Iterable[Any]) -> None:
    """Remove items from a generator's lists in place, so that nothing writes them."""
    ids = {id(item) for item in unwanted}
    if not ids:
        return
    for items in lists:
        items[:] = [item for item in items if id(item) not in ids]


def forget_sources(context: dict[str, Any], unwanted: Iterable[Any]) -> None:
    """Mark items' sources as failed, so that links to them are reported, not followed."""
    for item in unwanted:
        context["generated_content"][item.get_relative_source_path()] = None
