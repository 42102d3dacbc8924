"""Metadata for machines: JSON-LD, Open Graph, sitemap and robots.txt, safely escaped."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from PIL import Image

from tests.conftest import BASE, SITEMAP, BuiltSite, SiteBuilder, json_ld_of

TRAINING = {
    "az": "/az/2023/10/usaq-huquqlarina-dair-telim-basladi/",
    "en": "/en/2023/10/training-on-childrens-rights-opens/",
}


@pytest.fixture
def site(basic_production: BuiltSite) -> BuiltSite:
    """The basic fixture built for production (shared by the test run)."""
    return basic_production


def test_story_json_ld_describes_the_news_article(site: BuiltSite) -> None:
    data = site.json_ld(TRAINING["en"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["url"] == BASE + TRAINING["en"]
    assert data["headline"] == "Training on children's rights opens"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2023-10-27T11:00:00+04:00"
    assert data["dateModified"] == "2023-10-27T11:00:00+04:00"
    assert data["dateline"] == "Baku"
    assert data["articleSection"] == "Events"
    assert data["image"]["url"] == f"{BASE}/images/training.svg"
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"].startswith("Commissioner for Human Rights")
    assert publisher["logo"]["url"] == f"{BASE}/theme/images/logo.svg"
    people = {person["name"]: person for person in data["mentions"]}
    sabina = people["Sabina Aliyeva"]
    assert sabina["@type"] == "Person"
    assert sabina["jobTitle"] == "Commissioner for Human Rights (Ombudsman)"
    assert sabina["affiliation"] == {"@type": "Organization", "name": "Office of the Ombudsman"}
    assert sabina["url"] == f"{BASE}/en/speakers/sabina-aliyeva/"


def test_language_versions_point_at_each_other(site: BuiltSite) -> None:
    original = site.json_ld(TRAINING["az"])
    translation = site.json_ld(TRAINING["en"])
    assert [work["@id"] for work in original["workTranslation"]] == [BASE + TRAINING["en"]]
    assert translation["translationOfWork"]["@id"] == BASE + TRAINING["az"]
    assert "translationOfWork" not in original
    single = site.json_ld("/en/2024/03/only-in-english/")
    assert "workTranslation" not in single
    assert "translationOfWork" not in single


def test_open_graph_and_twitter_card(site: BuiltSite) -> None:
    soup = site.html(TRAINING["az"])

    def meta(key: str) -> list[str]:
        found = soup.select(f'meta[property="{key}"]') or soup.select(f'meta[name="{key}"]')
        return [tag["content"] for tag in found]

    assert meta("og:type") == ["article"]
    assert meta("og:title") == ["Uşaq hüquqlarına dair təlim başladı"]
    assert meta("og:url") == [BASE + TRAINING["az"]]
    assert meta("og:locale") == ["az_AZ"]
    assert meta("og:locale:alternate") == ["en_GB"]
    assert meta("og:image") == [f"{BASE}/images/training.svg"]
    assert meta("og:image:alt") == ["Təlim zalı"]
    assert meta("article:published_time") == ["2023-10-27T11:00:00+04:00"]
    assert meta("article:tag") == ["uşaq hüquqları", "miqrasiya"]
    assert meta("twitter:card") == ["summary_large_image"]
    home = site.html("/az/")
    assert home.select_one('meta[property="og:type"]')["content"] == "website"
    assert home.select_one('meta[property="og:title"]')["content"] == home.title.string.strip()


def test_a_page_shares_its_own_title_and_every_page_has_an_icon(site: BuiltSite) -> None:
    about = site.html("/en/about/")
    heading = about.select_one("main h1").get_text(strip=True)
    assert about.select_one('meta[property="og:title"]')["content"] == heading
    icon = about.select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml"
    assert site.path(icon["href"].removeprefix(BASE)).is_file()
    # Phones' home screens ask for a square PNG, opaque (transparent corners turn black).
    touch = about.select_one('link[rel="apple-touch-icon"]')
    with Image.open(site.path(touch["href"].removeprefix(BASE))) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")


HOSTILE = """Title: Breaking </script><script>alert(1)</script> "quoted" & <b>bold</b>
Date: 2023-10-29 10:00
Category: news
Summary: A "summary" with </script> inside & more.
Location: Bakı </script>

Text.
"""


def test_metadata_text_cannot_break_out_of_json_ld_or_attributes(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic", settings="publishconf.py", files={"articles/hostile.en.md": HOSTILE}
    )
    title = 'Breaking </script><script>alert(1)</script> "quoted" & <b>bold</b>'
    url = next(
        site.url_of(path) for path in site.html_files() if "/2023/10/breaking" in site.url_of(path)
    )
    soup = site.html(url)
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"]
    data = json_ld_of(soup)
    assert data["headline"] == title
    assert data["dateline"] == "Bakı </script>"
    assert soup.select_one('meta[property="og:title"]')["content"] == title
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
    raw = site.path(url).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw


def test_sitemap_lists_every_page_with_alternates_that_exist(site: BuiltSite) -> None:
    entries = site.sitemap()
    assert len(entries) > 20
    for loc, alternates in entries.items():
        assert loc.startswith(BASE + "/")
        assert site.exists(loc), loc
        page = site.html(loc)
        assert page.select_one("link[rel=canonical]")["href"] == loc
        for lang, href in alternates.items():
            assert site.exists(href), href
            assert site.html(href).html["lang"] == lang
            assert entries[href] == alternates, f"{href} lists other versions than {loc}"
        if alternates:
            assert alternates[page.html["lang"]] == loc
    assert entries[BASE + TRAINING["az"]] == {
        "az": BASE + TRAINING["az"],
        "en": BASE + TRAINING["en"],
    }
    urls = set(entries)
    assert f"{BASE}/" not in urls
    assert not any(url.endswith("404.html") for url in urls)
    assert {f"{BASE}/en/speakers/sabina-aliyeva/", f"{BASE}/az/organisations/unicef/"} <= urls
    written = {
        BASE + site.url_of(path)
        for path in site.html_files()
        if path.name == "index.html"
        and "/page/" not in site.url_of(path)
        and path.parent != site.output
        and not site.html(site.url_of(path)).select_one('meta[name="robots"][content="noindex"]')
    }
    assert written == urls


def test_robots_names_the_sitemap(site: BuiltSite) -> None:
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()


def test_story_page_without_its_photo_is_small(site: BuiltSite) -> None:
    page = site.path(TRAINING["en"])
    sheets = site.html(TRAINING["en"]).select("link[rel=stylesheet]")
    css = sum(site.path(link["href"]).stat().st_size for link in sheets)
    assert page.stat().st_size + css < 50_000


def test_every_description_of_a_story_is_the_same_text(site_builder: SiteBuilder) -> None:
    """JSON-LD, `description` and `og:description` give the summary's text alike, with no
    space put where a tag ended inside a sentence."""
    story = (
        "Title: Emphasis\nDate: 2023-10-05\nCategory: news\nStory: emphasis\n"
        "Summary: Children's *rights*, in <abbr>UN</abbr>'s words &amp; ours.\n\nText."
    )
    site = site_builder("basic", settings="publishconf.py", files={"articles/em.en.md": story})
    soup = site.html("/en/2023/10/emphasis/")
    text = "Children's rights, in UN's words & ours."
    assert json_ld_of(soup)["description"] == text
    assert soup.select_one('meta[name="description"]')["content"] == text
    assert soup.select_one('meta[property="og:description"]')["content"] == text


NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def test_the_news_sitemap_lists_the_stories_of_the_last_two_days(
    site_builder: SiteBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build stands for 2 March 2024, 12:00 UTC: two days back is 29 February, 12:00.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709380800")
    site = site_builder("basic", settings="publishconf.py")
    root = ElementTree.parse(site.output / "sitemap-news.xml").getroot()
    entries = root.findall(f"{SITEMAP}url")
    listed = {url.findtext(f"{SITEMAP}loc"): url.find(f"{NEWS}news") for url in entries}
    assert list(listed) == [f"{BASE}/en/2024/03/only-in-english/"]
    news = listed[f"{BASE}/en/2024/03/only-in-english/"]
    assert [child.tag.removeprefix(NEWS) for child in news] == [
        "publication",
        "publication_date",
        "title",
    ]
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == (
        site.html("/en/").select_one(".site-name span").get_text()
    )
    assert news.findtext(f"{NEWS}publication_date") == "2024-03-01T10:00:00+04:00"
    assert news.findtext(f"{NEWS}title") == "Only in English"
    robots = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE}/sitemap-news.xml" in robots
    # A day later the story is older than two days: the sitemap is empty, and still valid.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1709380800 + 2 * 86400))
    later = site_builder("basic", settings="publishconf.py")
    assert ElementTree.parse(later.output / "sitemap-news.xml").getroot().findall("*") == []


@pytest.mark.parametrize(
    ("lang", "story", "policy", "statement"),
    [
        (
            "en",
            "/en/2023/10/two-day-training-on-the-rights-of-children-in-migration-opens-in-baku/",
            "/en/corrections-policy/",
            "/en/accessibility-statement/",
        ),
        (
            "az",
            "/az/2023/10/miqrasiya-seraitinde-usaq-huquqlarina-dair-iki-gunluk-telim-basladi/",
            "/az/duzelisler-qaydasi/",
            "/az/elcatanliq-beyanati/",
        ),
    ],
)
def test_the_record_s_pages_and_photo_rights_are_stated_for_people_and_machines(
    sample_production: BuiltSite, lang: str, story: str, policy: str, statement: str
) -> None:
    site = sample_production
    page = site.html(story)
    data = json_ld_of(page)
    assert data["publisher"]["correctionsPolicy"] == BASE + policy
    assert site.exists(policy)
    image = data["image"]
    assert image["license"] == "CC BY 4.0"
    assert image["creditText"]
    assert image["copyrightNotice"].startswith("©")
    caption = page.select_one("figure.story__photo figcaption").get_text(" ", strip=True)
    assert "CC BY 4.0" in caption
    assert data["correction"][0]["@type"] == "CorrectionComment"
    # The accessibility statement, in the page's language, is linked from every footer.
    for path in site.output.glob(f"{lang}/**/index.html"):
        footer = site.html(site.url_of(path)).select(".site-footer a")
        assert BASE + statement in [a["href"] for a in footer], path
