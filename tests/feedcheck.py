"""Checks of RSS 2.0 and Atom 1.0 documents, built from the specifications.

Atom: the RELAX NG schema of RFC 4287 Appendix B, plus the two rules it cannot express.
RSS 2.0: the rules of the RSS 2.0 specification and the RSS Advisory Board's profile.
Both: what a reader needs (absolute URLs everywhere, HTML included) and what the W3C Feed
Validation Service warns about: elements and attributes it calls a security risk, two
entries with the same `updated`, ids that are not well-formed `tag:` URIs (RFC 4151).
"""

from __future__ import annotations

import email.utils
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

SCHEMA = Path(__file__).resolve().parent / "fixtures" / "schemas" / "atom.rng"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
URL_ATTRIBUTES = ("href", "src", "poster", "cite")
RISKY_ELEMENTS = {
    "script", "style", "iframe", "object", "embed", "applet", "frame", "frameset", "link",
    "meta", "base", "param", "title", "html", "head", "body",
}  # fmt: skip
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+(?:@[a-z0-9.-]+)?,\d{4}(?:-\d{2}){0,2}:[\x21-\x7e]+$")


@cache
def atom_schema() -> etree.RelaxNG:
    """The Atom schema, parsed once."""
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def is_absolute(url: str) -> bool:
    """Whether a URL has a scheme and a host."""
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def html_problems(html: str) -> list[str]:
    """Relative URLs (a lone `#fragment` included) and risky markup in a piece of HTML."""
    soup = BeautifulSoup(html or "", "html.parser")
    found = []
    for element in soup.find_all(True):
        if element.name in RISKY_ELEMENTS:
            found.append(f"risky element <{element.name}>")
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"event handler {attribute}")
            elif attribute in URL_ATTRIBUTES and not is_absolute(str(value)):
                found.append(f"relative URL {value!r}")
    return found


def reader_problems(path: Path) -> list[str]:
    """Problems a feed reader (feedparser) has with the document."""
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        return [f"feedparser: {parsed.bozo_exception}"]
    return []


def atom_problems(path: Path) -> list[str]:
    """Everything that makes an Atom document invalid or unusable."""
    document = etree.parse(str(path))
    schema = atom_schema()
    problems = [str(error) for error in schema.error_log] if not schema.validate(document) else []
    feed = document.getroot()
    entries = feed.findall(f"{ATOM}entry")
    # RFC 4287 4.1.1: an author on the feed, or on every entry.
    if feed.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in entries):
        problems.append("an entry has no author and the feed has none")
    for entry in entries:
        entry_id = entry.findtext(f"{ATOM}id")
        links = entry.findall(f"{ATOM}link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        # RFC 4287 4.1.2: content, or an alternate link.
        if entry.find(f"{ATOM}content") is None and not alternates:
            problems.append(f"{entry_id}: no content and no alternate link")
        pairs = [(link.get("type"), link.get("hreflang")) for link in alternates]
        if len(pairs) != len(set(pairs)):
            problems.append(f"{entry_id}: two alternate links of the same type and language")
        for link in links:
            if not is_absolute(link.get("href", "")):
                problems.append(f"{entry_id}: relative link {link.get('href')!r}")
            if link.get("rel") == "enclosure" and not (
                link.get("length", "").isdigit()
                and int(link.get("length")) > 0
                and link.get("type")
            ):
                problems.append(f"{entry_id}: enclosure without a length and a type")
        for name in ("content", "summary"):
            html = entry.findtext(f"{ATOM}{name}") or ""
            problems += [f"{entry_id}: {found} in {name}" for found in html_problems(html)]
    for link in feed.findall(f"{ATOM}link"):
        if not is_absolute(link.get("href", "")):
            problems.append(f"feed: relative link {link.get('href')!r}")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    problems += [
        f"{i!r} is not a tag: URI"
        for i in [feed.findtext(f"{ATOM}id"), *ids]
        if not TAG_URI.match(i or "")
    ]
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    if len(updated) != len(set(updated)):
        problems.append("two entries share an updated date")
    return problems + reader_problems(path)


def _rfc822(value: str | None) -> bool:
    if not value:
        return False
    try:
        return email.utils.parsedate_to_datetime(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def rss_problems(path: Path) -> list[str]:
    """Everything that makes an RSS 2.0 document invalid or unusable."""
    root = etree.parse(str(path)).getroot()
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("not an RSS 2.0 document")
    channel = root.find("channel")
    if channel is None:
        return [*problems, "no channel"]
    for name in ("title", "link", "description", "language"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    if not is_absolute(channel.findtext("link") or ""):
        problems.append("channel link is not absolute")
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selfs) != 1 or not is_absolute(selfs[0].get("href", "")):
        problems.append("channel needs one absolute atom:link rel=self")
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None and not _rfc822(channel.findtext(name)):
            problems.append(f"channel {name} is not an RFC 822 date")
    guids = []
    for item in channel.findall("item"):
        guid = item.find("guid")
        label = guid.text if guid is not None else item.findtext("title")
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{label}: no title and no description")
        if guid is None or not guid.text:
            problems.append(f"{label}: no guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink") == "true" and not is_absolute(guid.text):
                problems.append(f"{label}: permalink guid is not an absolute URL")
        if not _rfc822(item.findtext("pubDate")):
            problems.append(f"{label}: pubDate is not an RFC 822 date")
        if not is_absolute(item.findtext("link") or ""):
            problems.append(f"{label}: link is not absolute")
        author = item.findtext("author")
        if author is not None and "@" not in author.split(" ")[0]:
            problems.append(f"{label}: author does not start with an email address")
        for enclosure in item.findall("enclosure"):
            length = enclosure.get("length", "")
            if not is_absolute(enclosure.get("url", "")):
                problems.append(f"{label}: enclosure URL is not absolute")
            if not length.isdigit() or int(length) <= 0 or not enclosure.get("type"):
                problems.append(f"{label}: enclosure without a length and a type")
        for name in ("description", f"{CONTENT}encoded"):
            html = item.findtext(name) or ""
            problems += [f"{label}: {found} in {name}" for found in html_problems(html)]
    if len(guids) != len(set(guids)):
        problems.append("two items share a guid")
    return problems + reader_problems(path)
