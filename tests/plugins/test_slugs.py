"""Slugs: ASCII, lowercase, hyphenated, with Azerbaijani and Russian transliteration."""

import pytest

from plugins.bilingual.slugs import MAX_LENGTH, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Səbinə Əliyeva", "sebine-eliyeva"),
        ("İsmayıllı", "ismayilli"),
        ("ISMAYILLI", "ismayilli"),
        ("Ğ ğ Ö ö Ü ü Ç ç Ş ş Ə ə I ı İ i", "g-g-o-o-u-u-c-c-s-s-e-e-i-i-i-i"),
        (
            "Uşaqların hüquqları: miqrasiya şəraitində təlim",
            "usaqlarin-huquqlari-miqrasiya-seraitinde-telim",
        ),
        ("Ombudsman Milli Məclisdə çıxış etdi", "ombudsman-milli-meclisde-cixis-etdi"),
        # Russian: ICAO Doc 9303.
        ("Омбудсмен встретилась с детьми", "ombudsmen-vstretilas-s-detmi"),
        ("Щука, ёж и съезд", "shchuka-ezh-i-sieezd"),
        ("Юлия Хрущёва", "iuliia-khrushcheva"),
        ("Объявление", "obieiavlenie"),
        # English and punctuation.
        ("Children's rights & migration", "childrens-rights-migration"),
        ("UNICEF, UNHCR, IOM — and the ICRC", "unicef-unhcr-iom-and-the-icrc"),
        ("  2023: the year in review  ", "2023-the-year-in-review"),
    ],
)
def test_title_becomes_transliterated_slug(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_title_is_cut_at_a_word_boundary() -> None:
    title = "Təlim " * 40
    slug = slugify(title)
    assert len(slug) <= MAX_LENGTH
    assert slug.endswith("telim")
    assert not slug.endswith("-")


@pytest.mark.parametrize("title", ["", "!!!", "— …"])
def test_title_without_letters_gives_empty_slug(title: str) -> None:
    assert slugify(title) == ""
