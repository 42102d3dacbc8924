"""Speakers on tiny sites: story boxes, indexes in each language's order, speaker pages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.conftest import REPO, BuiltSite, SiteBuilder, copy_case, run_pelican

TRAINING_AZ = "/az/2023/10/usaq-huquqlarina-dair-telim-basladi/"
TRAINING_EN = "/en/2023/10/training-on-childrens-rights-opens/"


@pytest.fixture
def basic(basic_preview: BuiltSite) -> BuiltSite:
    """The basic two-language fixture, built once per test run."""
    return basic_preview


def test_story_box_shows_localised_name_role_and_organisation(basic: BuiltSite) -> None:
    for url, name, role, organisation in [
        (
            TRAINING_AZ,
            "Səbinə Əliyeva",
            "İnsan hüquqları üzrə müvəkkil (ombudsman)",
            "Ombudsman Aparatı",
        ),
        (
            TRAINING_EN,
            "Sabina Aliyeva",
            "Commissioner for Human Rights (Ombudsman)",
            "Office of the Ombudsman",
        ),
    ]:
        box = basic.html(url).select_one("section.speakers-box")
        first = box.select_one(".speaker-card")
        assert first.select_one(".speaker-card__name").get_text() == name
        assert first.select_one(".speaker-card__role").get_text() == role
        assert first.select_one(".speaker-card__organisation").get_text() == organisation
        assert len(box.select(".speaker-card")) == 4
        for link in box.select("a"):
            assert basic.exists(link["href"]), link["href"]
            assert basic.html(link["href"]).html["lang"] == url[1:3]


def test_index_follows_the_azerbaijani_alphabet(basic: BuiltSite) -> None:
    names = [a.get_text() for a in basic.html("/az/speakers/").select(".people-list__item > a")]
    assert names == [
        "Cavid Quliyev",
        "Çingiz Məmmədov",
        "Elnur Zeynalov",
        "Əli Hüseynov",
        "Ilqar Həsənov",
        "İlham Qasımov",
        "Səbinə Əliyeva",
        "Vüsal Hüseynov",
    ]


def test_index_lists_only_who_spoke_in_that_language_with_counts(basic: BuiltSite) -> None:
    items = basic.html("/en/speakers/").select(".people-list__item")
    counts = {
        item.select_one("a").get_text(): item.select_one(".people-list__count").get_text()
        for item in items
    }
    assert counts == {
        "Chingiz Mammadov": "1 story",
        "Javid Guliyev": "1 story",
        "Sabina Aliyeva": "2 stories",
        "Vusal Huseynov": "1 story",
    }
    az = basic.html("/az/speakers/")
    sabina = next(i for i in az.select(".people-list__item") if "Səbinə" in i.get_text())
    assert sabina.select_one(".people-list__count").get_text() == "3 xəbər"


def test_speaker_page_lists_their_stories_newest_first_in_each_language(basic: BuiltSite) -> None:
    for lang, name, count in [("az", "Səbinə Əliyeva", 3), ("en", "Sabina Aliyeva", 2)]:
        soup = basic.html(f"/{lang}/speakers/sabina-aliyeva/")
        assert soup.html["lang"] == lang
        assert soup.h1.get_text() == name
        times = [t["datetime"] for t in soup.select("main .story-summary time")]
        assert len(times) == count
        assert times == sorted(times, reverse=True)
        links = [a["href"] for a in soup.select("main .story-summary__title a")]
        assert all(href.startswith(f"/{lang}/") for href in links)
        other = "en" if lang == "az" else "az"
        assert (
            soup.select_one("nav.language-switcher a")["href"]
            == f"/{other}/speakers/sabina-aliyeva/"
        )


def test_speaker_pages_are_paginated(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", DEFAULT_PAGINATION=2)
    first = site.html("/az/speakers/sabina-aliyeva/")
    second = site.html("/az/speakers/sabina-aliyeva/page/2/")
    assert len(first.select("main .story-summary")) == 2
    assert len(second.select("main .story-summary")) == 1
    assert first.select_one("a[rel=next]")["href"] == "/az/speakers/sabina-aliyeva/page/2/"


def test_speaker_without_stories_in_a_language_still_has_a_page(basic: BuiltSite) -> None:
    soup = basic.html("/en/speakers/ilqar-hasanov/")
    assert soup.h1.get_text() == "Ilgar Hasanov"
    assert soup.select(".story-summary") == []
    assert soup.select_one("main .empty") is not None


def test_organisation_page_lists_people_and_their_stories(basic: BuiltSite) -> None:
    soup = basic.html("/en/organisations/unicef/")
    assert soup.h1.get_text() == "UNICEF"
    people = [a.get_text() for a in soup.select(".people-list__item > a")]
    assert people == ["Chingiz Mammadov", "Javid Guliyev"]
    assert [a["href"] for a in soup.select(".story-summary__title a")] == [TRAINING_EN]
    az = basic.html("/az/organisations/dovlet-miqrasiya-xidmeti/")
    assert (
        az.select_one("nav.language-switcher a")["href"]
        == "/en/organisations/state-migration-service/"
    )
    index = [
        a.get_text() for a in basic.html("/az/organisations/").select(".people-list__item > a")
    ]
    assert index == ["Dövlət Miqrasiya Xidməti", "Ombudsman Aparatı", "UNICEF"]


UNKNOWN = (
    "Title: Bəyanat\nDate: 2023-10-30 10:00\nCategory: statements\n"
    "Speakers: sabina-aliyev, nobody-at-all\n\nMətn.\n"
)


def test_unknown_speaker_names_file_line_and_closest_id(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", files={"articles/2023-10-30-x.az.md": UNKNOWN})
    errors = site.messages(logging.ERROR)
    assert errors == [
        "content/articles/2023-10-30-x.az.md:4: unknown speaker 'sabina-aliyev' — "
        "did you mean 'sabina-aliyeva'?",
        "content/articles/2023-10-30-x.az.md:4: unknown speaker 'nobody-at-all' — add them "
        "to speakers.yml, or use one of its ids",
    ]
    assert site.failure is None
    assert site.exists("/az/2023/10/beyanat/")


def test_unknown_speaker_fails_the_production_build(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic", settings="publishconf.py", files={"articles/2023-10-30-x.az.md": UNKNOWN}
    )
    assert site.failure is not None
    assert "Build failed: 2 errors and 0 warnings reported above" in site.failure


def test_production_build_exits_one_without_a_traceback(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {"articles/2023-10-30-x.az.md": UNKNOWN})
    result = run_pelican(content, tmp_path / "output", "publishconf.py")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "content/articles/2023-10-30-x.az.md:4: unknown speaker 'sabina-aliyev'" in result.stdout
    assert "Build failed: 2 errors and 0 warnings" in result.stderr


def test_invalid_yaml_registry_names_the_file_and_line(tmp_path: Path) -> None:
    registry = (REPO / "tests/fixtures/sites/basic/speakers.yml").read_text(encoding="utf-8")
    broken = registry.replace(
        "  role: {az: Təlimçi, en: Trainer}", "  role: {az: Təlimçi, en: Trainer", 1
    )
    content = copy_case("basic", tmp_path / "content", {"speakers.yml": broken})
    result = run_pelican(content, tmp_path / "output", "pelicanconf.py")
    assert "Traceback" not in result.stdout + result.stderr
    line = broken.splitlines().index("  organisation: {az: UNICEF, en: UNICEF}") + 1
    assert f"content/speakers.yml:{line}: not valid YAML" in result.stdout


def test_entry_without_a_name_names_the_file_and_line(site_builder: SiteBuilder) -> None:
    registry = (REPO / "tests/fixtures/sites/basic/speakers.yml").read_text(encoding="utf-8")
    broken = registry.replace("  name: {az: Vüsal Hüseynov, en: Vusal Huseynov}\n", "", 1)
    site = site_builder("basic", files={"speakers.yml": broken})
    line = broken.splitlines().index("vusal-huseynov:") + 1
    errors = site.messages(logging.ERROR)
    assert errors == [
        f"content/speakers.yml:{line}: speaker 'vusal-huseynov' has no name — "
        "add `name: {az: ..., en: ...}`"
    ]
    assert site.exists(TRAINING_AZ)
    assert "Vüsal" not in site.html(TRAINING_AZ).select_one(".speakers-box").get_text()


def test_missing_role_falls_back_to_another_language_and_is_reported(
    site_builder: SiteBuilder,
) -> None:
    registry = (REPO / "tests/fixtures/sites/basic/speakers.yml").read_text(encoding="utf-8")
    changed = registry.replace(
        "  role: {az: Dövlət Miqrasiya Xidmətinin rəisi, en: Head of the State Migration Service}",
        "  role: {az: Dövlət Miqrasiya Xidmətinin rəisi}",
    )
    site = site_builder("basic", files={"speakers.yml": changed})
    line = changed.splitlines().index("  role: {az: Dövlət Miqrasiya Xidmətinin rəisi}") + 1
    assert site.messages(logging.WARNING) == [
        f"content/speakers.yml:{line}: speaker 'vusal-huseynov' has no role in 'en' — the 'az' "
        "one is shown; add role.en"
    ]
    card = site.html(TRAINING_EN).select(".speaker-card")[1]
    assert card.select_one(".speaker-card__role").get_text() == "Dövlət Miqrasiya Xidmətinin rəisi"


def test_registry_is_found_in_a_content_folder_of_any_name(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", content_folder="press-releases")
    assert site.messages() == []
    assert site.html("/en/speakers/sabina-aliyeva/").h1.get_text() == "Sabina Aliyeva"


def test_person_data_is_available_for_machine_readable_metadata() -> None:
    from plugins.speakers.people import LocalOrganisation, LocalSpeaker

    speaker = LocalSpeaker(
        id="a",
        lang="en",
        name="Sabina Aliyeva",
        role="Ombudsman",
        organisation=LocalOrganisation(
            "o", "en", "Office of the Ombudsman", "office", "en/organisations/office/"
        ),
        url="en/speakers/a/",
        photo=None,
    )
    assert speaker.person("https://example.org") == {
        "@type": "Person",
        "name": "Sabina Aliyeva",
        "url": "https://example.org/en/speakers/a/",
        "jobTitle": "Ombudsman",
        "affiliation": {"@type": "Organization", "name": "Office of the Ombudsman"},
    }


def test_speaker_photo_is_shown_and_a_missing_one_is_reported(site_builder: SiteBuilder) -> None:
    registry = (REPO / "tests/fixtures/sites/basic/speakers.yml").read_text(encoding="utf-8")
    with_photos = registry.replace(
        "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n",
        "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n"
        "  photo: images/speakers/sabina.svg\n",
    ).replace(
        "  role: {az: Ekspert, en: Expert}\n",
        "  role: {az: Ekspert, en: Expert}\n  photo: images/speakers/missing.svg\n",
        1,
    )
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    site = site_builder(
        "basic", files={"speakers.yml": with_photos, "images/speakers/sabina.svg": svg}
    )
    line = with_photos.splitlines().index("  photo: images/speakers/missing.svg") + 1
    assert site.messages(logging.WARNING) == [
        f"content/speakers.yml:{line}: photo 'images/speakers/missing.svg' of speaker "
        "'ilqar-hasanov' is not in the content folder — put the file there, under a folder of "
        "STATIC_PATHS (images/)"
    ]
    photo = site.html("/en/speakers/sabina-aliyeva/").select_one("img.person__photo")
    assert photo["alt"] == ""  # the name is the heading beside it: said once, not twice
    assert site.exists(photo["src"])
    assert site.html("/en/speakers/ilqar-hasanov/").select_one("main img") is None
