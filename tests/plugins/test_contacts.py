"""Media contacts and notes to editors at the end of every story, from `contacts.yml`."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import FIXTURE_SITES, BuiltSite, SiteBuilder

REGISTRY = """\
press-office:
  name: {az: Mətbuat xidməti, en: Press office}
  role: {az: Ombudsman Aparatı, en: Office of the Ombudsman}
  email: press@example.org
  phone: +994 12 000 00 00
nigar-aliyeva:
  name: {az: Nigar Əliyeva, en: Nigar Aliyeva}
  role: {en: Press secretary}
  email: n.aliyeva@example.org
"""
TRAINING_EN = "/en/2023/10/training-on-childrens-rights-opens/"
TRAINING_AZ = "/az/2023/10/usaq-huquqlarina-dair-telim-basladi/"
NOTES = {"az": "Suallar üçün mətbuat xidmətinə yazın.", "en": "Write to the press office."}
SETTINGS = {"default": ["press-office"], "notes_to_editors": NOTES}


def with_contacts(site_builder: SiteBuilder, contacts: str = "nigar-aliyeva") -> BuiltSite:
    story = "articles/2023-10-27-training.en.md"
    header, body = (FIXTURE_SITES / "basic" / story).read_text(encoding="utf-8").split("\n\n", 1)
    files = {"contacts.yml": REGISTRY, story: f"{header}\nContacts: {contacts}\n\n{body}"}
    return site_builder("basic", files=files, CONTACTS=SETTINGS)


def test_a_story_ends_with_its_contacts_and_the_notes_to_editors(
    site_builder: SiteBuilder,
) -> None:
    site = with_contacts(site_builder)
    assert site.messages(logging.WARNING) == []
    box = site.html(TRAINING_EN).select_one(".media-contacts")
    (contact,) = box.select("li")
    assert contact.select_one(".media-contacts__name").get_text() == "Nigar Aliyeva"
    assert "Press secretary" in contact.get_text()
    assert [a["href"] for a in contact.select("a")] == ["mailto:n.aliyeva@example.org"]
    assert box.select("h2")[1].get_text() == "Notes to editors"
    assert box.select_one("p").get_text() == NOTES["en"]
    # The Azerbaijani version names none: the default, in Azerbaijani, with its telephone.
    az = site.html(TRAINING_AZ).select_one(".media-contacts")
    assert az.select_one(".media-contacts__name").get_text() == "Mətbuat xidməti"
    links = [a["href"] for a in az.select("a")]
    assert links == ["mailto:press@example.org", "tel:+994120000000"]
    assert az.select_one("h2").get_text() == "Media üçün əlaqə"
    assert az.select_one("p").get_text() == NOTES["az"]
    manifest = site.manifest()["content/contacts.yml"]
    assert (manifest["kind"], manifest["status"]) == ("data", "published")


@pytest.mark.parametrize(
    ("contacts", "message"),
    [
        ("nigar-aliyev", "unknown contact 'nigar-aliyev' — did you mean 'nigar-aliyeva'?"),
        ("someone", "unknown contact 'someone' — add them to content/contacts.yml"),
    ],
)
def test_an_unknown_contact_is_named_at_its_line(
    site_builder: SiteBuilder, contacts: str, message: str
) -> None:
    site = with_contacts(site_builder, contacts)
    errors = site.messages(logging.ERROR)
    assert [m for m in errors if message in m] == [
        f"content/articles/2023-10-27-training.en.md:9: {message}"
        + ("" if "did you mean" in message else ", or use one of its ids")
    ]


def test_a_contact_with_a_wrong_email_is_named_and_the_rest_still_shown(
    site_builder: SiteBuilder,
) -> None:
    broken = REGISTRY.replace("email: press@example.org", "email: press at example")
    site = site_builder(
        "basic", files={"contacts.yml": broken}, CONTACTS=SETTINGS, settings="pelicanconf.py"
    )
    assert any(
        m.startswith("content/contacts.yml:4: contact 'press-office': email 'press at example'")
        for m in site.messages(logging.ERROR)
    )
    contact = site.html(TRAINING_EN).select_one(".media-contacts li")
    assert [a["href"] for a in contact.select("a")] == ["tel:+994120000000"]


def test_a_default_contact_missing_from_the_registry_is_named(site_builder: SiteBuilder) -> None:
    settings = {**SETTINGS, "default": ["press-desk"]}
    site = site_builder("basic", files={"contacts.yml": REGISTRY}, CONTACTS=settings)
    assert (
        "CONTACTS['default']: unknown contact 'press-desk' — add them to content/contacts.yml, "
        "or name one of its ids"
    ) in site.messages(logging.ERROR)


def test_a_site_without_a_registry_lists_no_contacts(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", CONTACTS=SETTINGS, settings="publishconf.py")
    assert site.failure is None
    box = site.html(f"{site.settings['SITEURL']}{TRAINING_EN}").select_one(".media-contacts")
    assert box.select("li") == []
    assert box.select_one("h2").get_text() == "Notes to editors"
