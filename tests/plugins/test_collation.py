"""Alphabetical order by a language's alphabet."""

import pytest

from pelicanconf import BILINGUAL
from plugins.bilingual.collation import Alphabet

AZERBAIJANI = BILINGUAL["languages"]["az"]["alphabet"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Cavid", "Çingiz"),  # ç after c
        ("Çingiz", "Dadaş"),
        ("Elnur", "Əli"),  # ə after e
        ("Əli", "Fuad"),
        ("Gülnar", "Ğ"),  # ğ after g
        ("Həsən", "Xədicə"),  # x after h
        ("Xədicə", "Ilqar"),  # ı (capital I) before i
        ("Ilqar", "İlham"),
        ("ılıq", "iki"),
        ("Kamran", "Qərib"),  # q after k
        ("Orxan", "Ömər"),  # ö after o
        ("Səbinə", "Şəhla"),  # ş after s
        ("Uğur", "Ülviyyə"),  # ü after u
        ("Anar", "Anar Ə"),  # a shorter name first
        ("Anar E", "Anar Ə"),
    ],
)
def test_azerbaijani_alphabet_orders_letters(before: str, after: str) -> None:
    alphabet = Alphabet.parse(AZERBAIJANI)
    assert alphabet.sort_key(before) < alphabet.sort_key(after)


def test_sorting_a_list_of_names() -> None:
    names = ["Zaur", "İlham", "Əli", "Çingiz", "Ilqar", "Elnur", "Cavid", "Şəhla", "Səbinə"]
    ordered = sorted(names, key=Alphabet.parse(AZERBAIJANI).sort_key)
    assert ordered == [
        "Cavid",
        "Çingiz",
        "Elnur",
        "Əli",
        "Ilqar",
        "İlham",
        "Səbinə",
        "Şəhla",
        "Zaur",
    ]


def test_without_an_alphabet_order_ignores_case() -> None:
    assert sorted(["b", "A", "a", "B"], key=Alphabet().sort_key) == ["A", "a", "B", "b"]
