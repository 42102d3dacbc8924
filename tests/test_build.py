"""The real sample content, built as it is published and as staff preview it."""

from __future__ import annotations

import html
import logging
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from plugins.bilingual.stories import identify
from tests.conftest import REPO, BuiltSite, build_site
from tests.feedcheck import atom_problems, rss_problems

CONTENT = REPO / "content"


@pytest.fixture
def production(sample_production: BuiltSite) -> BuiltSite:
    """The sample site built with the production settings (shared by the test run)."""
    return sample_production


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site built with the development settings."""
    root = tmp_path_factory.mktemp("development")
    return build_site(CONTENT, root / "output", "pelicanconf.py")


def content_files() -> list[tuple[Path, dict[str, object]]]:
    """Every story and page source with its metadata, read by Pelican's Markdown reader."""
    reader = MarkdownReader(read_settings(str(REPO / "pelicanconf.py")))
    files = sorted([*CONTENT.glob("articles/**/*.md"), *CONTENT.glob("pages/*.md")])
    return [(path, reader.read(str(path))[1]) for path in files]


def is_withheld(metadata: dict[str, object]) -> bool:
    """Whether a production build must leave a file out: a draft, or dated in the future."""
    date = metadata.get("date")
    scheduled = isinstance(date, datetime) and date.replace(
        tzinfo=date.tzinfo or UTC
    ) > datetime.now(UTC)
    return metadata.get("status") == "draft" or scheduled


def pages_by_heading(site: BuiltSite) -> dict[tuple[str, str], str]:
    """Map (language, h1 text) of every page to its URL."""
    found = {}
    for path in site.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.h1 is not None:
            found[(soup.html["lang"], soup.h1.get_text(strip=True))] = site.url_of(path)
    return found


def test_production_build_logs_no_warning(production: BuiltSite) -> None:
    assert production.failure is None
    assert production.messages(logging.WARNING) == []


def test_sample_content_covers_what_a_press_office_publishes() -> None:
    files = content_files()
    stories = [(p, m) for p, m in files if "articles" in p.parts and not is_withheld(m)]
    keys = {identify(str(p), m, "az").story for p, m in stories}
    langs_by_key = {
        key: {
            identify(str(p), m, "az").lang
            for p, m in stories
            if identify(str(p), m, "az").story == key
        }
        for key in keys
    }
    assert len(keys) >= 6
    assert len({str(m["category"]) for _, m in stories}) >= 3
    assert any(len(langs) == 1 for langs in langs_by_key.values())
    # The public record: updates, a correction, a withdrawal, contacts, a photo's licence.
    assert any("update" in m for _, m in stories)
    assert any("correction" in m for _, m in stories)
    assert any(str(m.get("status")) == "withdrawn" and "withdrawn" in m for _, m in stories)
    assert any("contacts" in m for _, m in stories)
    assert any("image-license" in m for _, m in stories)
    assert any(
        "image" in m and "image-alt" in m and "image-caption" in m and "image-credit" in m
        for _, m in stories
    )
    assert "2023-10-27-children-migration-training" in keys
    pages = {p.name for p, _ in files if "pages" in p.parts}
    assert {"about.az.md", "about.en.md", "contacts.az.md", "contacts.en.md"} <= pages
    assert {f"{name}.{lang}.md" for name in ("accessibility", "corrections-policy")
            for lang in ("az", "en")} <= pages  # fmt: skip
    assert len(yaml.safe_load((CONTENT / "contacts.yml").read_text(encoding="utf-8"))) >= 2
    assert len(yaml.safe_load((CONTENT / "speakers.yml").read_text(encoding="utf-8"))) >= 4


def test_every_published_content_file_produced_its_page(production: BuiltSite) -> None:
    headings = pages_by_heading(production)
    for path, metadata in content_files():
        if is_withheld(metadata):
            continue
        lang = identify(str(path), metadata, "az").lang
        assert (lang, str(metadata["title"])) in headings, f"{path} produced no page"


def test_drafts_and_scheduled_stories_appear_nowhere_in_production(production: BuiltSite) -> None:
    withheld = [str(m["title"]) for _, m in content_files() if is_withheld(m)]
    assert withheld, "the sample content should show a draft and a scheduled story"
    for path in production.output.rglob("*"):
        assert "drafts" not in path.relative_to(production.output).parts, path
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json"}:
            # Entities undone twice: feeds carry HTML escaped inside XML.
            text = html.unescape(html.unescape(path.read_text(encoding="utf-8")))
            for title in withheld:
                assert title not in text, f"{title!r} leaked into {path}"


def test_production_writes_no_feeds_of_pelican_itself(production: BuiltSite) -> None:
    assert not (production.output / "feeds").exists()
    languages = {"az", "en"}
    for path in production.output.rglob("*.xml"):
        relative = path.relative_to(production.output).parts
        if relative in (("sitemap.xml",), ("sitemap-news.xml",)):
            continue
        assert relative[0] in languages, path
        assert relative[1] == "feeds", path


def test_production_links_are_absolute(production: BuiltSite) -> None:
    soup = production.html("/en/")
    assert soup.select_one("link[rel=canonical]")["href"] == "https://press.example.org/en/"


def test_development_previews_drafts_with_a_notice(development: BuiltSite) -> None:
    drafts = sorted(development.output.glob("*/drafts/*/index.html"))
    assert drafts
    for path in drafts:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".notice--draft") is not None
    home = development.html("/en/")
    assert "Work begins on the annual report" not in home.get_text()


def test_every_page_is_rendered_by_the_theme(production: BuiltSite) -> None:
    pages = production.html_files()
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        sheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
        assert "https://press.example.org/theme/css/base.css" in sheets, path


def test_every_speaker_has_a_page_in_both_languages(production: BuiltSite) -> None:
    registry = yaml.safe_load((CONTENT / "speakers.yml").read_text(encoding="utf-8"))
    for speaker_id, entry in registry.items():
        for lang in ("az", "en"):
            soup = production.html(f"/{lang}/speakers/{speaker_id}/")
            assert soup.html["lang"] == lang
            assert soup.h1.get_text() == entry["name"][lang]


def test_seed_story_shows_its_speakers_in_both_languages(production: BuiltSite) -> None:
    az = production.html(
        "/az/2023/10/miqrasiya-seraitinde-usaq-huquqlarina-dair-iki-gunluk-telim-basladi/"
    )
    organisations = [a.get_text() for a in az.select(".speaker-card__organisation")]
    assert organisations[:2] == ["Ombudsman Aparatı", "Dövlət Miqrasiya Xidməti"]
    assert "UNICEF" in organisations
    en_url = az.select_one("nav.language-switcher a")["href"]
    en = production.html(en_url)
    names = [a.get_text() for a in en.select(".speaker-card__name")]
    assert names[:2] == ["Sabina Aliyeva", "Vusal Huseynov"]


def english_interface_strings() -> set[str]:
    """The English interface strings that Azerbaijani pages must show translated."""
    with (REPO / "theme/translations/az/LC_MESSAGES/messages.po").open("rb") as po:
        catalogue = read_po(po)
    strings = set()
    for message in catalogue:
        if message.id and isinstance(message.id, str) and message.string != message.id:
            strings.add(re.sub(r"%\(\w+\)s", "", message.id).strip())
    return {s for s in strings if len(s) > 3}


def interface_text(soup: BeautifulSoup) -> list[str]:
    """Text and labels of a page, leaving out parts marked as another language."""
    texts = []
    for node in soup.find_all(string=True):
        parent = node.parent
        if any(
            isinstance(a, Tag) and a.get("lang") not in (None, "az")
            for a in [parent, *parent.parents]
        ):
            continue
        if parent.name not in ("script", "style"):
            texts.append(node.strip())
    texts += [el["aria-label"] for el in soup.select("[aria-label]")]
    return [t for t in texts if t]


def test_interface_strings_on_azerbaijani_pages_are_azerbaijani(production: BuiltSite) -> None:
    english = english_interface_strings()
    assert "Latest news" in english
    checked = 0
    for path in production.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.html["lang"] != "az":
            continue
        checked += 1
        for text in interface_text(soup):
            for string in english:
                assert string not in text, f"{string!r} untranslated in {path}"
    assert checked > 20


def test_sample_feeds_are_valid(production: BuiltSite) -> None:
    rss = sorted(production.output.glob("*/feeds/**/*.rss.xml"))
    atom = sorted(production.output.glob("*/feeds/**/*.atom.xml"))
    assert len(rss) == len(atom) > 10
    for path in rss:
        assert rss_problems(path) == [], path
    for path in atom:
        assert atom_problems(path) == [], path


def test_static_pages_are_listed_in_the_language_s_alphabetical_order(
    production: BuiltSite,
) -> None:
    nav = [a.get_text() for a in production.html("/az/").select("nav.main-nav a")]
    assert nav.index("Əlaqə") < nav.index("Haqqımızda")  # ə comes before h in Azerbaijani
    nav = [a.get_text() for a in production.html("/en/").select("nav.main-nav a")]
    assert nav.index("About us") < nav.index("Contacts")
