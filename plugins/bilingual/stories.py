"""Which language a content file is in and which story it belongs to."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

# A language code: `az`, `en`, `pt-br`. Files may write it in capitals (`name.EN.md`).
LANGUAGE_CODE = r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?"
# `name.az.md`: the last dotted part of the stem is the language when it looks like one.
_LANGUAGE_SUFFIX = re.compile(rf"^(?P<story>.+)\.(?P<lang>{LANGUAGE_CODE})$", re.IGNORECASE)


@dataclass(frozen=True)
class Identity:
    """The language of one file and the key of the story it is a version of."""

    lang: str
    story: str
    lang_from: str  # "header", "file name" or "default"


def identify(
    source_path: str,
    metadata: Mapping[str, Any],
    default_lang: str,
    languages: Collection[str] | None = None,
) -> Identity:
    """Return a file's language and story key.

    The language comes from the file suffix (`name.az.md`), a `Lang:` header overrides it;
    the story key is the file name without language and extension, a `Story:` header
    overrides it. A file without either is in the default language. A suffix in capitals
    is a language only when it names one of `languages` (`visit.EN.md`, not `visit.UN.md`).
    """
    stem = PurePath(source_path).stem
    match = _LANGUAGE_SUFFIX.match(stem)
    suffix = match["lang"] if match else ""
    if languages is not None and not suffix.islower() and suffix.lower() not in languages:
        match = None  # a suffix in capitals that names no language: `visit.UN.md`
    story = match.group("story") if match else stem
    header_lang = str(metadata.get("lang", "")).strip()
    if header_lang:
        lang, lang_from = header_lang.lower(), "header"
    elif match:
        lang, lang_from = match.group("lang").lower(), "file name"
    else:
        lang, lang_from = default_lang, "default"
    header_story = str(metadata.get("story", "")).strip()
    return Identity(lang=lang, story=header_story or story, lang_from=lang_from)
