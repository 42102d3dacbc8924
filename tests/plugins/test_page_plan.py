"""The page plan: a paginated listing planned page by page, as Pelican's writer would
paginate it."""

from __future__ import annotations

from pelican.settings import read_settings

from plugins.common.outputs import GeneratedPage
from plugins.newsroom.model import paginate
from tests.conftest import REPO


def test_a_listing_is_planned_page_by_page() -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    stories = [f"story {number}" for number in range(45)]  # 20 a page
    listing = GeneratedPage(
        "az/category/events/", "az", {}, "category", {"category": "events", "articles": stories}
    )
    pages = paginate(listing, settings)
    assert [page.save_as for page in pages] == [
        "az/category/events/index.html",
        "az/category/events/page/2/index.html",
        "az/category/events/page/3/index.html",
    ]
    first, second, last = (page.values for page in pages)
    assert first["articles_page"].object_list == stories[:20]
    assert last["articles_page"].object_list == stories[40:]
    assert first["articles_previous_page"] is None
    assert second["articles_previous_page"].url == "az/category/events/"
    assert second["articles_next_page"].url == "az/category/events/page/3/"
    assert last["articles_next_page"] is None
    assert all(page.values["category"] == "events" for page in pages)
    assert all(page.values["articles"] is stories for page in pages)  # as Pelican gives it


def test_a_page_without_a_list_is_one_page() -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    search = GeneratedPage("az/search/", "az", {}, "search", indexable=False)
    assert paginate(search, settings) == [search]
