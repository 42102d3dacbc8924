"""The editorial workflow as staff run it: new, check, publish, deploy; and what a
published site guarantees: nothing lost, nothing leaked, the same bytes every time."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from pelicanconf import METADATA
from plugins.checks.reader import CheckedMarkdownReader
from plugins.report.record import BuildReport
from plugins.report.settings import ReportSettings
from tests.conftest import (
    OFFICE_SETTINGS,
    REPO,
    BuiltSite,
    SiteBuilder,
    build_site,
    copy_case,
    folder_files,
    require_tool,
)

DRAFT = (
    "Title: Zqx draft about the annual report\nDate: 2023-11-01 10:00\nCategory: news\n"
    "Status: draft\n\nZqx draft text.\n"
)
SCHEDULED = (
    "Title: Zqx embargoed release\nDate: 2099-01-01 10:00\nCategory: news\n\nZqx embargoed text.\n"
)
WITHHELD = {
    "articles/2023-11-01-zqx-draft.en.md": DRAFT,
    "articles/2099-01-01-zqx-embargo.en.md": SCHEDULED,
}


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    """Run an invoke task as staff do."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_new_scaffolds_one_draft_per_language_with_every_header(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    result = invoke("new", "Ombudsman Gəncədə vətəndaşları qəbul etdi", "--category", "events",
                    "--content", str(content))  # fmt: skip
    assert result.returncode == 0, result.stderr
    today = datetime.now(ZoneInfo("Asia/Baku"))
    story = f"{today:%Y-%m-%d}-ombudsman-gencede-vetendaslari-qebul-etdi"
    reader = CheckedMarkdownReader(read_settings(str(REPO / "pelicanconf.py")))
    for lang in ("az", "en"):
        path = content / "articles" / f"{today:%Y}" / f"{story}.{lang}.md"
        assert path.is_file()
        header = path.read_text(encoding="utf-8").split("\n\n")[0]
        keys = {line.split(":")[0].lower() for line in header.splitlines()}
        assert keys >= {
            "title", "date", "modified", "category", "tags", "speakers", "summary", "location",
            "image", "image-alt", "image-caption", "image-credit", "source", "status", "slug",
        }  # fmt: skip
        metadata = reader.read(str(path))[1]
        assert metadata["story"] == story
        assert metadata["status"] == "draft"
        assert str(metadata["category"]) == "events"
        assert abs((metadata["date"] - today.replace(tzinfo=None)).total_seconds()) < 120
    # The title is the Azerbaijani file's (the site's language); the English one waits for its own.
    folder = content / "articles" / f"{today:%Y}"
    assert reader.read(str(folder / f"{story}.az.md"))[1]["title"] == (
        "Ombudsman Gəncədə vətəndaşları qəbul etdi"
    )
    assert "Title: \n" in (folder / f"{story}.en.md").read_text(encoding="utf-8")
    assert result.stdout.splitlines()[-2].startswith(f"Next: write the text in {story}.az.md")
    again = invoke("new", "Ombudsman Gəncədə vətəndaşları qəbul etdi", "--content", str(content))
    assert again.returncode == 1
    assert "already exists" in again.stderr + again.stdout
    check = invoke("check", "--content", str(content))
    assert check.returncode == 0, check.stdout
    assert (
        f"content/articles/{today:%Y}/{story}.en.md: a draft that still needs a title — write "
        "its 'Title:' before it is published"
    ) in check.stdout


def test_new_help_and_a_title_without_words_write_nothing(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    before = sorted(content.rglob("*"))
    helped = invoke("new", "--help", "--content", str(content))
    assert helped.returncode == 0
    assert "--date" in helped.stdout
    untitled = invoke("new", "—", "--content", str(content))
    assert untitled.returncode == 1
    assert "'—' is not a title" in untitled.stderr
    assert sorted(content.rglob("*")) == before


def test_new_takes_the_release_date_and_cuts_the_key_on_whole_words(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    title = (
        "Two-day training on the rights of children in migration opened in Baku with partners "
        "from UNICEF"
    )
    wrong = invoke(
        "new", title, "--lang", "en", "--date", "27.10.2023 11:00", "--content", str(content)
    )
    assert wrong.returncode == 1
    assert "--date '27.10.2023 11:00' looks like day.month.year — write it as 2023-10-27 11:00" in (
        wrong.stderr
    )
    result = invoke(
        "new", title, "--lang", "en", "--date", "2023-10-27 11:00", "--content", str(content)
    )
    assert result.returncode == 0, result.stderr
    key = "2023-10-27-two-day-training-on-the-rights-of-children-in"  # not …-children-in-in
    english = (content / "articles" / "2023" / f"{key}.en.md").read_text(encoding="utf-8")
    assert f"Title: {title}\nDate: 2023-10-27 11:00\n" in english
    assert (
        "Slug: two-day-training-on-the-rights-of-children-in-migration-opened-in-baku-with\n"
        in (english)
    )
    assert "Title: \n" in (content / "articles" / "2023" / f"{key}.az.md").read_text(
        encoding="utf-8"
    )


def test_new_publication_scaffolds_one_draft_per_language(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    result = invoke("new-publication", "Annual report for 2024", "--lang", "en", "--date",
                    "2025-03-01", "--content", str(content))  # fmt: skip
    assert result.returncode == 0, result.stderr
    key = "2025-03-01-annual-report-for-2024"
    english = (content / "publications" / f"{key}.en.md").read_text(encoding="utf-8")
    assert "Title: Annual report for 2024\nDate: 2025-03-01\nType: annual-report\n" in english
    assert f"Document: files/{key}.en.pdf\n" in english
    assert "Status: draft\n" in english
    assert (content / "publications" / f"{key}.az.md").is_file()


def test_check_passes_clean_content_and_lists_scheduled_stories(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", WITHHELD)
    result = invoke("check", "--content", str(content))
    assert result.returncode == 0, result.stdout
    assert (
        "content/articles/2099-01-01-zqx-embargo.en.md: scheduled for 2099-01-01 10:00 (+04)"
        in result.stdout
    )
    # A story in one language, or a translation behind, is listed, not warned of: the build
    # counts it the same way, and `invoke publish` (strict on warnings) may go ahead.
    assert "Checked 16 files: 0 errors and 0 warnings." in result.stdout
    assert "  only in en: content/articles/2024-03-01-english-only.en.md" in result.stdout
    assert "  outdated: content/articles/2024-02-01-outdated.az.md" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_every_content_file_is_in_the_manifest(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", settings="publishconf.py", files=WITHHELD)
    manifest = site.manifest()
    sources = {
        f"content/{p.relative_to(site.content).as_posix()}"
        for p in site.content.rglob("*")
        if p.is_file()
    }
    assert set(manifest) == sources
    assert manifest["content/articles/2023-11-01-zqx-draft.en.md"]["status"] == "draft"
    scheduled = manifest["content/articles/2099-01-01-zqx-embargo.en.md"]
    assert scheduled["status"] == "scheduled"
    assert scheduled["release"] == "2099-01-01T10:00:00+04:00"
    assert "urls" not in scheduled
    story = manifest["content/articles/2023-10-27-training.en.md"]
    assert story == {
        "source": "content/articles/2023-10-27-training.en.md",
        "kind": "story",
        "status": "published",
        "lang": "en",
        "urls": ["en/2023/10/training-on-childrens-rights-opens/"],
    }
    for entry in manifest.values():
        if entry["status"] == "published":
            for url in entry.get("urls", []):
                assert site.exists(f"/{url}"), url
    assert manifest["content/speakers.yml"]["status"] == "published"
    assert manifest["content/images/training.svg"]["urls"] == ["images/training.svg"]


def test_a_file_that_cannot_be_built_is_an_error_in_the_manifest(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic", overlay="bad_input/impossible_date", files={"articles/notes.txt": "x"}
    )
    manifest = site.manifest()
    broken = manifest["content/articles/2023-02-30-impossible.en.md"]
    assert broken["status"] == "error"
    assert broken["problems"][0].startswith("content/articles/2023-02-30-impossible.en.md:2:")
    assert manifest["content/articles/notes.txt"]["status"] == "error"


def test_drafts_and_scheduled_stories_leak_nowhere(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", settings="publishconf.py", files=WITHHELD)
    assert site.failure is None
    files = [path for path in site.output.rglob("*") if path.is_file()]
    assert len(files) > 50
    for path in files:
        data = path.read_bytes().lower()
        for leak in (b"zqx", b"2099-01-01", b"zqx-draft", b"zqx-embargo"):
            assert leak not in data, f"{leak!r} in {path}"


def test_two_publish_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_site(REPO / "content", tmp_path / "one" / "site", "publishconf.py")
    second = build_site(REPO / "content", tmp_path / "two" / "site", "publishconf.py")
    assert first.failure is None
    assert second.failure is None
    assert first.files() == second.files()
    assert (tmp_path / "one" / "manifest.json").read_bytes() == (
        tmp_path / "two" / "manifest.json"
    ).read_bytes()


def test_published_pages_name_their_release_when_asked(
    tmp_path: Path, basic_preview: BuiltSite, basic_production: BuiltSite
) -> None:
    """The id tells releases apart (a reader's page, a deploy under way): the same content
    in another folder gives the same id, an edited story another; previews carry none, and
    production only with METADATA['release_id']."""
    ids = {}
    edited = {
        "articles/2024-04-01-extra.en.md": "Title: Extra\nDate: 2024-04-01\nCategory: news\n\nx\n"
    }
    asked = {"METADATA": {**METADATA, "release_id": True}}
    for name, files in (("one", {}), ("two", {}), ("edited", edited)):
        content = copy_case("basic", tmp_path / name / "content", files)
        site = build_site(content, tmp_path / name / "site", "publishconf.py", **asked)
        assert site.failure is None
        found = {
            BeautifulSoup(path.read_bytes(), "html.parser").html.get("data-build")
            for path in site.html_files()
        }
        assert len(found) == 1, found
        ids[name] = found.pop()
    assert re.fullmatch(r"[0-9a-f]{16}", str(ids["one"]))
    assert ids["one"] == ids["two"] != ids["edited"]
    for path in [*basic_preview.html_files(), *basic_production.html_files()]:
        assert "data-build" not in BeautifulSoup(path.read_bytes(), "html.parser").html.attrs


def test_publish_swaps_in_a_new_site_and_a_failed_one_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "publish"
    good = copy_case("basic", tmp_path / "good", {})
    first = invoke(
        "publish",
        "--settings",
        str(OFFICE_SETTINGS),
        "--content",
        str(good),
        "--target",
        str(target),
    )
    assert first.returncode == 0, first.stdout + first.stderr
    current = target / "current"
    assert current.is_symlink()
    assert current.resolve() == (target / "releases" / "1").resolve()
    assert (current / "manifest.json").is_file()
    before = folder_files(current / "site")

    bad = copy_case("basic", tmp_path / "bad", {}, "bad_input/unknown_speaker")
    failed = invoke(
        "publish",
        "--settings",
        str(OFFICE_SETTINGS),
        "--content",
        str(bad),
        "--target",
        str(target),
    )
    assert failed.returncode == 1
    assert "The published site is unchanged." in failed.stderr + failed.stdout
    assert "Traceback" not in failed.stderr + failed.stdout
    assert current.resolve() == (target / "releases" / "1").resolve()
    assert folder_files(current / "site") == before
    assert not (target / "releases" / "2").exists()

    edited = copy_case(
        "basic", tmp_path / "edited", {"pages/about.en.md": "Title: About\n\nChanged.\n"}
    )
    second = invoke(
        "publish",
        "--settings",
        str(OFFICE_SETTINGS),
        "--content",
        str(edited),
        "--target",
        str(target),
    )
    assert second.returncode == 0
    assert current.resolve() == (target / "releases" / "2").resolve()
    page = BeautifulSoup(
        (current / "site" / "en" / "about" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.select_one("main").get_text(" ", strip=True).endswith("Changed.")


def test_deploy_copies_the_published_site(tmp_path: Path) -> None:
    require_tool(shutil.which("rsync") or "/usr/bin/rsync", "apt-get install rsync")
    target = tmp_path / "publish"
    content = copy_case("basic", tmp_path / "content", {})
    assert (
        invoke(
            "publish",
            "--settings",
            str(OFFICE_SETTINGS),
            "--content",
            str(content),
            "--target",
            str(target),
        ).returncode
        == 0
    )
    destination = tmp_path / "server"
    destination.mkdir()
    result = invoke("deploy", "--to", str(destination), "--target", str(target))
    assert result.returncode == 0, result.stderr
    site = target / "current" / "site"
    assert folder_files(destination / "current") == folder_files(site)
    sent = len([path for path in site.rglob("*") if path.is_file()])
    assert re.fullmatch(
        rf"Release 1 is live on {destination}: {sent} files sent \([\d,]+ bytes\), 0 unchanged; "
        "releases kept: 1",
        result.stdout.strip(),
    ), result.stdout
    again = invoke("deploy", "--to", str(destination), "--target", str(target))
    assert again.stdout.strip() == (
        f"Release 2 is live on {destination}: 0 files sent (0 bytes), {sent} unchanged; "
        "releases kept: 1, 2"
    )
    missing = invoke(
        "deploy", "--to", str(tmp_path / "no" / "such" / "folder"), "--target", str(target)
    )
    assert missing.returncode == 1
    first, *detail = missing.stderr.splitlines()
    assert first == (
        f"Not deployed to {tmp_path}/no/such/folder: the folder on the server is missing — "
        "create it (the folder of DEPLOY_TARGET, or of --to), then deploy again"
    )
    assert detail  # rsync's own words, below
    assert all(line.startswith("  ") for line in detail)


RAW_HTML = """Title: A story with raw HTML
Date: 2023-10-31 10:00
Category: news

<p onclick="steal()">Hello <a href="javascript:alert(1)">there</a>.</p>
<script>alert("x")</script>
<iframe src="https://example.com/"></iframe>

<table><tr><th>Year</th><td>2023</td></tr></table>

<figure><img src="{static}/images/training.svg" alt="A room">
<figcaption>The room</figcaption></figure>

## A heading {#anchor}

Some *emphasis*, a [link](https://example.org/), a footnote[^1] and a list:

- one
- two

[^1]: The source of the figures.
"""


def test_raw_html_is_sanitised(site_builder: SiteBuilder) -> None:
    site = site_builder("basic", settings="publishconf.py", files={"articles/raw.en.md": RAW_HTML})
    body = site.html("/en/2023/10/a-story-with-raw-html/").select_one(".story__body")
    assert body.find("script") is None
    assert body.find("iframe") is None
    assert not any(attr.startswith("on") for tag in body.find_all(True) for attr in tag.attrs)
    assert not any("javascript:" in (a.get("href") or "") for a in body.find_all("a"))
    for kept in ("table", "th", "figure", "figcaption", "em", "ul", "li", "h2"):
        assert body.find(kept) is not None, kept
    assert body.select_one("img")["src"] == "https://press.example.org/images/training.svg"
    assert body.select_one('a[href="https://example.org/"]') is not None
    # Footnotes and their way back: each link's target is on the page.
    targets = [a["href"] for a in body.select('a[href^="#"]')]
    assert len(targets) == 2
    for target in targets:
        assert body.find(id=target[1:]) is not None, target


def test_summaries_publications_and_cached_rebuilds_are_sanitised(tmp_path: Path) -> None:
    summary = RAW_HTML.replace(
        "Category: news\n", "Category: news\nSummary: Hi <script>x()</script>\n"
    )
    abstract = "The abstract. <script>steal()</script><img src=x onerror=steal()>\n"
    content = copy_case(
        "basic",
        tmp_path / "content",
        {"articles/raw.en.md": summary},
        overlay="overlays/publications",
    )
    report = content / "publications" / "2023-report.en.md"
    report.write_text(report.read_text(encoding="utf-8") + abstract, encoding="utf-8")
    for build in (1, 2):  # the second build reads from Pelican's content cache
        site = build_site(content, tmp_path / "output")
        assert site.failure is None
        story = site.html("/en/2023/10/a-story-with-raw-html/")
        assert story.find("script", string=lambda text: "alert" in (text or "")) is None, build
        description = story.select_one('meta[name="description"]')["content"]
        assert description == "Hi", build  # the script is gone, its text too
        home = site.html("/en/")
        assert not [s for s in home.select("main script")], build
        publication = site.html("/en/publications/annual-report-for-2023/")
        assert publication.select_one("main script") is None, build
        assert not [img for img in publication.select("main img") if img.get("onerror")], build


def test_every_build_ends_with_one_summary_line(
    site_builder: SiteBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    site_builder("basic", files=WITHHELD)
    out = capsys.readouterr().out
    summary = "Built az 5 stories, en 5 stories; 1 draft, 1 scheduled, 0 not built; "
    assert f"{summary}0 errors and 0 warnings." in out


def test_long_builds_show_progress() -> None:
    report = BuildReport(ReportSettings())
    report.start()
    assert logging.getLogger().handlers.count(report.counter) == 1
    lines = [report.tick_read() for _ in range(2500)]
    report.stop()
    assert [line for line in lines if line] == ["… 1000 files read", "… 2000 files read"]
    assert logging.getLogger().handlers.count(report.counter) == 0


def test_hidden_files_are_neither_published_nor_reported(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        settings="publishconf.py",
        files={
            "images/.DS_Store": "\0\0",
            "articles/.#2023-10-27-training.en.md": "root@host.1234:1700000000",
            ".git/config": "[core]",
        },
    )
    assert site.failure is None
    assert not list(site.output.rglob(".*"))
    sources = list(site.manifest())
    assert sources
    assert not [source for source in sources if "/." in source]


def test_a_draft_links_only_to_listings_that_exist(site_builder: SiteBuilder) -> None:
    draft = (
        "Title: A draft in a new section\nDate: 2023-11-01 10:00\nCategory: statements\n"
        "Tags: a tag nobody has used, migration\nStatus: draft\n\nText.\n"
    )
    site = site_builder(
        "basic",
        files={
            "articles/2023-11-01-draft.en.md": draft,
            "articles/2023-12-10-statement.en.md": None,  # English's only statement
        },
    )
    assert not site.exists("/en/category/statements/")
    page = site.html("/en/drafts/a-draft-in-a-new-section/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    published = site.html("/en/2023/10/training-on-childrens-rights-opens/")
    assert published.select_one('meta[name="robots"]') is None
    assert page.select_one(".story__category").get_text(strip=True) == "Statements"
    assert page.select(".story__category a, .story__tags a") == []
    links = [a["href"] for a in page.select('a[href^="/"]')]
    assert len(links) > 5  # navigation, language switcher
    assert all(site.exists(href) for href in links), links
    assert [li.get_text() for li in page.select(".story__tags li")] == [
        "a tag nobody has used",
        "migration",
    ]


def test_a_preview_lists_its_drafts_and_says_where_each_can_be_seen(
    site_builder: SiteBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_builder("basic", files=WITHHELD)
    out = capsys.readouterr().out.splitlines()
    listing = site.html("/en/drafts/")
    links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in listing.select("main li a")}
    assert links == {"zqx-draft-about-the-annual-report", "zqx-embargoed-release"}
    assert listing.select_one('meta[name="robots"]')["content"] == "noindex"
    assert site.html("/az/drafts/").select_one("main p.empty") is not None
    assert "Drafts in en: http://127.0.0.1:8000/en/drafts/" in out
    assert (
        "  content/articles/2023-11-01-zqx-draft.en.md → "
        "http://127.0.0.1:8000/en/drafts/zqx-draft-about-the-annual-report/"
    ) in out
    # A scheduled story carries its embargo, in the page's language and in the build's lines.
    embargoed = [line for line in out if "2099-01-01-zqx-embargo.en.md" in line]
    assert embargoed == [
        "  content/articles/2099-01-01-zqx-embargo.en.md → http://127.0.0.1:8000/en/drafts/"
        "zqx-embargoed-release/ — embargoed until 10:00, 1 January 2099 (Baku time, UTC+4)"
    ]
    page = site.html("/en/drafts/zqx-embargoed-release/")
    assert page.select_one(".notice--draft").get_text() == (
        "Embargoed until 10:00, 1 January 2099 (Baku time, UTC+4)"
    )
    assert "(Embargoed until 10:00, 1 January 2099" in listing.select_one("main ul").get_text()
    production = site_builder("basic", settings="publishconf.py", files=WITHHELD)
    assert not production.exists("/en/drafts/")


def test_a_draft_s_broken_link_is_reported_by_check_and_preview(tmp_path: Path) -> None:
    broken = DRAFT + "\nSee [the missing page](/en/2019/01/nowhere/).\n"
    content = copy_case(
        "basic", tmp_path / "content", {"articles/2023-11-01-zqx-draft.en.md": broken}
    )
    check = invoke("check", "--content", str(content))
    assert check.returncode == 1
    assert "content/articles/2023-11-01-zqx-draft.en.md:" in check.stdout
    preview = build_site(content, tmp_path / "preview")
    assert any("zqx-draft.en.md" in m for m in preview.messages(logging.ERROR))
    production = build_site(content, tmp_path / "production", "publishconf.py")
    assert production.failure is None  # a draft is not published: its links are not the site's
