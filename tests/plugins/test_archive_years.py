"""Archives by year: `/{lang}/archive/{yyyy}/` lists a year's stories by month, newest first,
linked from the archive page, in pages when the year is long."""

from __future__ import annotations

from tests.conftest import BuiltSite, SiteBuilder


def test_each_year_has_its_page_linked_from_the_archive(basic_preview: BuiltSite) -> None:
    site = basic_preview
    archive = site.html("/en/archive/")
    years = [a["href"] for a in archive.select("main h2 a")]
    assert years == ["/en/archive/2024/", "/en/archive/2023/"]
    page = site.html("/en/archive/2023/")
    assert page.h1.get_text() == "Archive: 2023"
    months = [h2.get_text() for h2 in page.select("main h2")]
    assert months == ["December 2023", "October 2023"]
    listed = [a["href"] for a in page.select("main .archive-list a")]
    assert all(site.exists(url) and "/2023/" in url for url in listed)
    assert len(listed) == 2
    # The same year in the other language, where it has stories.
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
    assert alternates == {"az": "/az/archive/2023/", "en": "/en/archive/2023/"}
    assert site.html("/az/archive/2023/").select_one("main h2").get_text() == "Dekabr 2023"


def test_a_long_year_is_listed_in_pages(site_builder: SiteBuilder) -> None:
    stories = {
        f"articles/2023-0{month}-1{day}-story-{month}-{day}.en.md": (
            f"Title: Story {month}.{day}\nDate: 2023-0{month}-1{day} 10:00\nCategory: news\n\n"
            "The text.\n"
        )
        for month in range(1, 4)
        for day in range(3)
    }
    paginated = {"index": None, "category": None, "tag": None, "archive_year": 4}
    site = site_builder("basic", files=stories, PAGINATED_TEMPLATES=paginated)
    first = site.html("/en/archive/2023/")
    second = site.html("/en/archive/2023/page/2/")
    titles = [a.get_text() for a in first.select("main .archive-list a")]
    assert len(titles) == 4
    assert first.select_one('a[rel="next"]')["href"] == "/en/archive/2023/page/2/"
    assert [h2.get_text() for h2 in second.select("main h2")]
    pages = [site.html(f"/en/archive/2023/page/{n}/") for n in (2, 3)]
    everything = titles + [a.get_text() for p in pages for a in p.select("main .archive-list a")]
    assert len(everything) == len(set(everything)) == 11  # 9 new, 2 of the fixture
