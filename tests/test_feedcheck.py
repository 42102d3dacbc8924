"""The feed checks themselves find what they are meant to find."""

from pathlib import Path

from tests.feedcheck import atom_problems, rss_problems

ATOM_FEED = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:example.org,2023:feed/en/all</id>
  <title>Example</title>
  <updated>2023-10-27T11:00:00+04:00</updated>
  <link href="https://example.org/en/feeds/all.atom.xml" rel="self"/>
  {entries}
</feed>
"""
ENTRY = """<entry>
    <id>{id}</id>
    <title>A story</title>
    <updated>2023-10-27T11:00:00+04:00</updated>
    <author><name>Press office</name></author>
    <content type="html">{content}</content>
    <link rel="alternate" type="text/html" href="https://example.org/en/a/"/>
  </entry>"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_atom_feed_passes(tmp_path: Path) -> None:
    entry = ENTRY.format(id="tag:example.org,2023:story/a/en", content="&lt;p&gt;Hi&lt;/p&gt;")
    assert atom_problems(write(tmp_path, "ok.atom", ATOM_FEED.format(entries=entry))) == []


def test_atom_problems_are_found(tmp_path: Path) -> None:
    entries = [
        ENTRY.format(id="https://example.org/a", content='&lt;a href="/en/b/"&gt;b&lt;/a&gt;'),
        ENTRY.format(
            id="tag:example.org,2023:story/b/en", content="&lt;script&gt;x()&lt;/script&gt;"
        ),
        "<entry><id>tag:example.org,2023:c</id><updated>2023-10-28T11:00:00+04:00</updated></entry>",
    ]
    problems = "\n".join(
        atom_problems(write(tmp_path, "bad.atom", ATOM_FEED.format(entries="".join(entries))))
    )
    assert "relative URL '/en/b/'" in problems
    assert "risky element <script>" in problems
    assert "'https://example.org/a' is not a tag: URI" in problems
    assert "two entries share an updated date" in problems
    assert "no author" in problems
    assert "no content and no alternate link" in problems
    assert "RELAXNG" in problems  # the schema requires every entry's title


RSS_FEED = """<?xml version='1.0' encoding='UTF-8'?>
<rss version="2.0"><channel>
  <title>Example</title><link>/en/</link><description>All</description>
  <item><title>A</title><link>https://example.org/a/</link><guid isPermaLink="false">x</guid>
    <pubDate>2023-10-27</pubDate><author>Press office</author>
    <description>&lt;img src="a.png"&gt;</description>
    <enclosure url="https://example.org/a.jpg" length="0" type="image/jpeg"/></item>
  <item><title>B</title><link>https://example.org/b/</link><guid isPermaLink="false">x</guid>
    <pubDate>Fri, 27 Oct 2023 11:00:00 +0400</pubDate></item>
</channel></rss>
"""


def test_rss_problems_are_found(tmp_path: Path) -> None:
    problems = "\n".join(rss_problems(write(tmp_path, "bad.rss", RSS_FEED)))
    for expected in [
        "channel has no language",
        "channel link is not absolute",
        "one absolute atom:link rel=self",
        "pubDate is not an RFC 822 date",
        "author does not start with an email address",
        "enclosure without a length and a type",
        "relative URL 'a.png'",
        "two items share a guid",
    ]:
        assert expected in problems
