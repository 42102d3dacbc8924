"""Every format readers use: JSON Feed 1.1 beside each RSS and Atom feed, one OPML file per
language, and WebSub hubs named in every feed when the office has them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from tests.conftest import BASE, FIXTURES, BuiltSite, SiteBuilder
from tests.feedcheck import ATOM, atom_problems, rss_problems

SCHEMA = json.loads((FIXTURES / "schemas" / "jsonfeed-1.1.json").read_text(encoding="utf-8"))
HUBS = ["https://hub.example.org/", "https://pubsubhubbub.example.com/publish"]


@pytest.fixture
def site(sample_production: BuiltSite) -> BuiltSite:
    """The sample site, built for production: stories, speakers and publications."""
    return sample_production


def json_feeds(site: BuiltSite) -> list[Path]:
    return sorted(site.output.glob("*/feeds/**/*.json"))


def load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_every_feed_has_a_json_feed_valid_against_the_schema(site: BuiltSite) -> None:
    rss_files = sorted(site.output.glob("*/feeds/**/*.rss.xml"))
    assert len(json_feeds(site)) == len(rss_files) > 10
    for path in json_feeds(site):
        feed = load(path)
        jsonschema.validate(feed, SCHEMA)
        for item in feed["items"]:
            for key in ("date_published", "date_modified"):
                assert datetime.fromisoformat(item[key]).tzinfo is not None
        # The same items, in the same order, as the Atom version.
        atom = etree.parse(str(path.with_name(path.name.replace(".json", ".atom.xml"))))
        ids = [entry.findtext(f"{ATOM}id") for entry in atom.getroot().iter(f"{ATOM}entry")]
        assert [item["id"] for item in feed["items"]] == ids


def test_the_json_feed_of_everything_carries_what_a_reader_shows(site: BuiltSite) -> None:
    for lang in ("az", "en"):
        feed = load(site.path(f"/{lang}/feeds/all.json"))
        assert feed["language"] == lang
        assert feed["feed_url"] == f"{BASE}/{lang}/feeds/all.json"
        assert feed["home_page_url"] == f"{BASE}/{lang}/"
        assert feed["authors"][0]["name"]
        assert "hubs" not in feed  # no hub set
        items = feed["items"]
        assert all(item["content_html"] and item["summary"] for item in items)
        assert not any("<" in item["summary"] for item in items)  # plain text, as 1.1 says
        assert all(item["url"].startswith(f"{BASE}/{lang}/") for item in items)
        documents = [item for item in items if "attachments" in item]
        assert documents, "publications carry their documents"
        for item in documents:
            (attachment,) = item["attachments"]
            assert attachment["mime_type"] == "application/pdf"
            local = site.path(attachment["url"].removeprefix(BASE))
            assert attachment["size_in_bytes"] == local.stat().st_size


def test_each_language_lists_every_feed_in_one_opml_file(site: BuiltSite) -> None:
    for lang in ("az", "en"):
        opml = etree.parse(str(site.path(f"/{lang}/feeds/feeds.opml"))).getroot()
        assert opml.tag == "opml"
        assert opml.get("version") == "2.0"
        assert opml.findtext("head/title")
        outlines = opml.findall("body/outline")
        listed = {outline.get("xmlUrl") for outline in outlines}
        rss = {
            BASE + site.url_of(path).rstrip("/")
            for path in site.output.glob(f"{lang}/feeds/**/*.rss.xml")
        }
        assert listed == rss
        for outline in outlines:
            assert outline.get("type") == "rss"
            assert outline.get("text")
            assert outline.get("language") == lang
            assert site.exists(outline.get("htmlUrl").removeprefix(BASE))


def test_feeds_name_their_websub_hubs_and_stay_valid(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        settings="publishconf.py",
        FEEDS={"id_authority": "a.org,2023", "websub_hubs": HUBS},
    )
    assert site.failure is None
    for path in sorted(site.output.glob("*/feeds/**/*.rss.xml")):
        assert rss_problems(path) == [], path
        channel = etree.parse(str(path)).getroot().find("channel")
        links = [(link.get("rel"), link.get("href")) for link in channel.iter(f"{ATOM}link")]
        assert links[0][0] == "self"
        assert links[1:] == [("hub", hub) for hub in HUBS]
    for path in sorted(site.output.glob("*/feeds/**/*.atom.xml")):
        assert atom_problems(path) == [], path
        root = etree.parse(str(path)).getroot()
        hubs = [link.get("href") for link in root.findall(f"{ATOM}link[@rel='hub']")]
        assert hubs == HUBS
    for path in json_feeds(site):
        assert load(path)["hubs"] == [{"type": "WebSub", "url": hub} for hub in HUBS]


def test_without_hubs_no_feed_names_one(site: BuiltSite) -> None:
    for path in sorted(site.output.glob("*/feeds/**/*.xml")):
        assert b'rel="hub"' not in path.read_bytes(), path


@pytest.mark.parametrize("hubs", [["not an address"], "https://hub.example.org/", [42]])
def test_a_hub_that_is_no_address_is_named(site_builder: SiteBuilder, hubs: Any) -> None:
    site = site_builder("basic", FEEDS={"id_authority": "a.org,2023", "websub_hubs": hubs})
    assert site.failure is not None
    assert "FEEDS['websub_hubs']" in site.failure
    assert "must be a list of WebSub hub addresses" in site.failure
