"""A broken link is reported at the line of the source it is written on, however the
source spells it."""

from __future__ import annotations

import logging
import re

import pytest

from tests.conftest import SiteBuilder

SOURCE = "articles/2023-10-30-links.en.md"
HEADER = "Title: Links\nDate: 2023-10-30 10:00\nCategory: news\n"


def broken_link_lines(site_builder: SiteBuilder, text: str, **files: str) -> dict[str, int]:
    """Build a story and return each of its broken links with the line reported for it."""
    site = site_builder("basic", files={SOURCE: text, **files})
    found = {}
    for message in site.messages(logging.ERROR):
        match = re.match(
            rf"content/{re.escape(SOURCE)}:(\d+): the link (.+?) (?:leads|points)", message
        )
        if match:
            found[match[2]] = int(match[1])
    return found


CASES = {
    "inline": (HEADER + "\nText.\n\nSee [nothing](/en/nowhere/).\n", "/en/nowhere/", 7),
    "relative": (
        HEADER + "\nText.\n\nAnd [up](../../gone/) there.\n",
        "../../gone/",
        7,
    ),
    "ampersand written as an entity": (
        HEADER + '\nText.\n\n<p><a href="/en/nowhere/?a=1&amp;b=2">raw</a></p>\n',
        "/en/nowhere/?a=1&b=2",
        7,
    ),
    "space written as %20": (
        HEADER + "\nText.\n\nThe [plan](/en/annual%20plan/).\n",
        "/en/annual%20plan/",
        7,
    ),
    "space written in angle brackets": (
        HEADER + "\nText.\n\nThe [plan](</en/annual plan/>).\n",
        "/en/annual plan/",
        7,
    ),
    "reference-style": (
        HEADER + "\nSee [the list][list] and more.\n\nMore text.\n\n[list]: /en/nowhere/\n",
        "/en/nowhere/",
        9,
    ),
    "summary header": (
        HEADER.replace("Category", "Summary: See [x](/en/elsewhere/).\nCategory") + "\nText.\n",
        "/en/elsewhere/",
        3,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_link_is_reported_at_its_line(site_builder: SiteBuilder, case: str) -> None:
    text, href, line = CASES[case]
    found = broken_link_lines(site_builder, text)
    assert found.get(href) == line, found


def test_a_link_found_inside_a_longer_one_is_not_taken_for_it(site_builder: SiteBuilder) -> None:
    text = HEADER + "\n[first](/en/x/nowhere/) text.\n\n[second](/nowhere/).\n"
    found = broken_link_lines(site_builder, text)
    assert found == {"/en/x/nowhere/": 5, "/nowhere/": 7}


def test_a_filename_link_is_reported_at_the_line_it_names_the_file(
    site_builder: SiteBuilder,
) -> None:
    # The page exists when the story is read; the writer's rule leaves it out.
    text = HEADER + "\nText.\n\nSee [the notes]({filename}/notes/plan.md) please.\n"
    found = broken_link_lines(
        site_builder, text, **{"notes/plan.md": "Title: Plan\n\nNot a story.\n"}
    )
    assert found == {"{filename}/notes/plan.md": 7}
