"""URL slugs: ASCII, lowercase, hyphenated, with proper transliteration.

Slugs are made by python-slugify (Unidecode underneath) with one transliteration table
applied first. Unidecode alone gets Azerbaijani wrong (`ə` becomes `@`, which is then
dropped: "Səbinə" → `sbin`) and romanises Russian by no published standard, so the table
fixes both:

- **Azerbaijani Latin**: each letter outside ASCII becomes the ASCII letter it is written
  as without its mark: `ə→e, ğ→g, ı→i, İ→i, ö→o, ü→u, ç→c, ş→s`.
- **Russian Cyrillic**: ICAO Doc 9303 (7th ed., part 3, section 6), the table used in
  machine-readable passports and by Russia's own passports since 2013.

| а | б | в | г | д | е | ё | ж  | з | и | й | к | л | м | н | о | п | р | с | т | у | ф | х  |
| a | b | v | g | d | e | e | zh | z | i | i | k | l | m | n | o | p | r | s | t | u | f | kh |

| ц  | ч  | ш  | щ    | ъ  | ы | ь | э | ю  | я  |
| ts | ch | sh | shch | ie | y | – | e | iu | ia |
"""

from __future__ import annotations

from slugify import slugify as _slugify

MAX_LENGTH = 80

AZERBAIJANI = {"ə": "e", "ğ": "g", "ı": "i", "i̇": "i", "ö": "o", "ü": "u", "ç": "c", "ş": "s"}
RUSSIAN_ICAO_9303 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip

# Capitals map like their small letters; `İ` (dotted capital I) is spelled out because
# Python lower-cases it to `i` plus a combining dot.
_CAPITALS = {"Ə": "e", "Ğ": "g", "İ": "i", "Ö": "o", "Ü": "u", "Ç": "c", "Ş": "s"}
TRANSLITERATION: dict[str, str] = {
    **AZERBAIJANI,
    **_CAPITALS,
    **RUSSIAN_ICAO_9303,
    **{letter.upper(): latin for letter, latin in RUSSIAN_ICAO_9303.items()},
}
# Apostrophes join a word rather than split it: "children's" → `childrens`.
APOSTROPHES = {"'": "", "’": "", "ʼ": ""}
# Longest source first, so that `i̇` (two code points) is replaced before a lone `i`.
_REPLACEMENTS = [
    [source, target]
    for source, target in sorted(
        {**TRANSLITERATION, **APOSTROPHES}.items(), key=lambda pair: -len(pair[0])
    )
]


def slugify(text: str, max_length: int = MAX_LENGTH, *, whole_words: bool = False) -> str:
    """Return the URL slug of a title or name: `"Səbinə Əliyeva"` → `"sebine-eliyeva"`.

    Long titles are cut at a word boundary within `max_length` characters. The slugs of
    stories already published keep the form they were made in (a word too long to fit is
    skipped and shorter ones after it kept: `…-children-in-in`), so that their addresses
    do not change; `whole_words` cuts after the last word that fits, for new stories'
    keys and slugs.
    """
    slug = _slug(text, max_length, word_boundary=True, in_order=whole_words)
    return slug or _slug(text, max_length, word_boundary=False, in_order=whole_words)


def _slug(text: str, max_length: int, *, word_boundary: bool, in_order: bool) -> str:
    return str(
        _slugify(
            text,
            replacements=_REPLACEMENTS,
            replacement_stage="pre",
            max_length=max_length,
            word_boundary=word_boundary,
            save_order=in_order,
            backend="unidecode",
        )
    )
