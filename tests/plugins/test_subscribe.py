"""Following the site: the subscribe page of each language lists every feed in every format,
every page's footer leads there, and listings show the feed they follow."""

from __future__ import annotations

import pytest

from tests.conftest import BASE, BuiltSite

HEADINGS = {
    "az": ["Hamısı", "Nəşrlər", "Bölmələr", "Çıxış edənlər", "Təşkilatlar"],
    "en": ["Everything", "Publications", "Sections", "Speakers", "Organisations"],
}


@pytest.fixture
def site(sample_production: BuiltSite) -> BuiltSite:
    """The sample site, built for production."""
    return sample_production


@pytest.mark.parametrize("lang", ["az", "en"])
def test_the_subscribe_page_lists_every_feed_of_its_language(site: BuiltSite, lang: str) -> None:
    page = site.html(f"/{lang}/subscribe/")
    assert page.html["lang"] == lang
    assert [h2.get_text() for h2 in page.select("main h2")] == HEADINGS[lang]
    addresses = [a["href"] for a in page.select(".feed-list__formats a")]
    rss = sorted(
        BASE + site.url_of(path).rstrip("/")
        for path in site.output.glob(f"{lang}/feeds/**/*.rss.xml")
    )
    assert sorted(url for url in addresses if url.endswith(".rss.xml")) == rss
    assert len(addresses) == 3 * len(rss)  # RSS, Atom and JSON Feed for each
    assert len(set(addresses)) == len(addresses)
    for url in addresses:
        assert site.exists(url.removeprefix(BASE)), url
    opml = page.select_one(f'.subscribe__intro a[href="{BASE}/{lang}/feeds/feeds.opml"]')
    assert opml is not None
    assert f"{BASE}/{lang}/subscribe/" in site.sitemap()


@pytest.mark.parametrize("lang", ["az", "en"])
def test_every_page_s_footer_leads_to_the_subscribe_page(site: BuiltSite, lang: str) -> None:
    pages = [p for p in site.output.glob(f"{lang}/**/index.html") if "drafts" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        links = site.html(site.url_of(path)).select(".site-footer a")
        assert f"{BASE}/{lang}/subscribe/" in [a["href"] for a in links], path


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/en/", "/en/feeds/all"),
        ("/az/", "/az/feeds/all"),
        ("/en/category/events/", "/en/feeds/category/events"),
        ("/en/speakers/sabina-aliyeva/", "/en/feeds/speaker/sabina-aliyeva"),
        ("/az/organisations/unicef/", "/az/feeds/organisation/unicef"),
        ("/en/publications/", "/en/feeds/publications"),
    ],
)
def test_listings_show_the_feed_they_follow(site: BuiltSite, url: str, feed: str) -> None:
    follow = site.html(url).select_one("main .follow")
    assert follow is not None, url
    links = [a["href"].removeprefix(BASE) for a in follow.select("a")]
    assert links == [
        f"{feed}.rss.xml",
        f"{feed}.atom.xml",
        f"{feed}.json",
        f"/{url[1:3]}/subscribe/",
    ]
    assert all(site.exists(link) for link in links)
