"""Alphabetical order for a language from its alphabet, without OS locales.

Azerbaijani orders `ç` after `c`, `ə` after `e`, `x` after `h`, `ı` before `i`, `q` after
`k`, ... and has two letters i: dotless `I ı` and dotted `İ i`. Python's own string order
and case mapping know none of this, and no OS locale for Azerbaijani can be relied on, so
a language may name its alphabet in the settings and this module sorts by it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

# Characters that are not letters of the alphabet sort by group: spaces and punctuation
# first, then digits, then letters of the alphabet, then any other letters.
_SEPARATOR, _DIGIT, _LETTER, _OTHER = range(4)


@dataclass(frozen=True)
class Alphabet:
    """The letters of a language in order; each letter may have several case forms."""

    letters: tuple[str, ...] = ()
    _rank: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, spec: str) -> Alphabet:
        """Read `"Aa Bb Cc Çç ..."`: one letter per word, with every case form it has.

        A word of one character also takes that character's default capital, unless the
        capital is spelled out for another letter (Azerbaijani `Iı İi`).
        """
        letters = tuple(spec.split())
        rank: dict[str, int] = {}
        for index, forms in enumerate(letters):
            for form in forms:
                rank.setdefault(form, index)
        for index, forms in enumerate(letters):
            if len(forms) == 1 and len(forms.upper()) == 1:
                rank.setdefault(forms.upper(), index)
        return cls(letters=letters, _rank=rank)

    def sort_key(self, text: str) -> tuple[Any, ...]:
        """Return a key: alphabet order first, then the exact text to break ties."""
        if not self.letters:
            return (unicodedata.normalize("NFC", text).casefold(), text)
        key = []
        for char in unicodedata.normalize("NFC", text):
            index = self._rank.get(char)
            if index is not None:
                key.append((_LETTER, index))
            elif char.isdigit():
                key.append((_DIGIT, ord(char)))
            elif char.isalpha():
                key.append((_OTHER, ord(char.casefold()[0])))
            else:
                key.append((_SEPARATOR, 0))
        return (tuple(key), text)
