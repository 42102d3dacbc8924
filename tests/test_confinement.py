"""A build stays inside its folders: nothing outside the output folder is written or removed,
nothing outside the content folder is read into the site, and nothing active is published."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.checks.command import run_check
from plugins.checks.settings import ChecksSettings
from plugins.checks.svg import svg_problem
from plugins.common.confine import (
    LEAVES,
    LINK,
    LOOP,
    ContentFolder,
    Escape,
    OutputFolder,
    OutsideFolder,
    output_files,
)
from plugins.common.errors import SettingsError
from tests.conftest import (
    FIXTURES,
    OFFICE_SETTINGS,
    REPO,
    BuiltSite,
    build_site,
    copy_case,
    folder_files,
    forget_logged_messages,
)

GOOD_STORY = "/en/2023/10/training-on-childrens-rights-opens/"
ENGLISH_ONLY = "articles/2024-03-01-english-only.en.md"
ENGLISH_ONLY_URL = "/en/2024/03/only-in-english/"


# The confinement of the output folder --------------------------------------------------------


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """An output folder with a plain folder, a link to a folder outside, a link to a folder
    inside, and a link to a file outside."""
    root = tmp_path / "output"
    (root / "real").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "out").symlink_to(tmp_path / "elsewhere")
    (root / "inner").symlink_to(root / "real")
    (root / "file-link").symlink_to("/etc/passwd")
    return root


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("index.html", "index.html"),
        ("en/2023/10/story/index.html", "en/2023/10/story/index.html"),
        ("a/../b.html", "b.html"),
        ("inner/x.html", "real/x.html"),
        ("a/../../x", None),
        ("../x", None),
        ("../output-sibling/x", None),
        ("/etc/passwd", None),
        ("out/x.html", None),
        ("out/../x.html", None),  # `out` leads out, `..` then climbs from there
        ("file-link", None),
        ("", None),  # the folder itself is no file
        (".", None),
    ],
)  # fmt: skip
def test_only_paths_inside_the_output_folder_are_let_through(
    output: Path, path: str, expected: str | None
) -> None:
    folder = OutputFolder(output)
    if expected is None:
        with pytest.raises(OutsideFolder) as raised:
            folder.confine(path)
        assert raised.value.message.startswith(f"{path}: ")
        assert "outside the output folder" in raised.value.message
        with pytest.raises(OutsideFolder):
            OutputFolder(output).confine(path)  # the same answer without the folder's memory
    else:
        assert folder.confine(path) == output / expected
        assert folder.confine(output / path) == output / expected  # absolute paths too
        assert OutputFolder(output).confine(path) == output / expected


def test_an_output_folder_reached_through_a_link_is_the_folder(tmp_path: Path) -> None:
    (tmp_path / "real-output").mkdir()
    (tmp_path / "output").symlink_to(tmp_path / "real-output")
    output = OutputFolder(tmp_path / "output")
    assert output.confine("a/index.html") == tmp_path / "output" / "a/index.html"


def test_a_folder_made_a_link_after_a_build_is_seen_by_the_next(output: Path) -> None:
    """What a folder is, is remembered for one build only."""
    assert OutputFolder(output).confine("later/index.html") == output / "later" / "index.html"
    (output / "later").symlink_to(output.parent / "elsewhere")
    with pytest.raises(OutsideFolder, match="through a symbolic link"):
        OutputFolder(output).confine("later/index.html")


def test_the_output_listing_follows_no_link(output: Path) -> None:
    (output / "real" / "a.html").write_text("a", encoding="utf-8")
    (output / "b.xml").write_text("b", encoding="utf-8")
    (output.parent / "elsewhere" / "c.html").write_text("c", encoding="utf-8")
    assert sorted(output_files(output)) == ["b.xml", "real/a.html"]


# Paths of the content folder ------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with a plain file, a link inside it, a loop, a link to a file
    outside and a link to a folder outside."""
    root = tmp_path / "content"
    (root / "images" / "2023").mkdir(parents=True)
    (root / "images" / "2023" / "x.svg").write_text("<svg/>", encoding="utf-8")
    (root / "images" / "latest").symlink_to("2023")
    (root / "images" / "loop").symlink_to("..")
    (root / "files").mkdir()
    (root / "files" / "passwd.pdf").symlink_to("/etc/passwd")
    (tmp_path / "outside").mkdir()
    (root / "files" / "archive").symlink_to(tmp_path / "outside")
    return root


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("images/2023/x.svg", None),
        ("images/latest/x.svg", None),
        ("images/missing.svg", None),
        ("./images/2023/x.svg", None),
        ("../x", Escape(LEAVES, "../x")),
        ("images/../../x", Escape(LEAVES, "images/../../x")),
        ("/etc/passwd", Escape(LEAVES, "/etc/passwd")),
        ("images/loop/images/2023/x.svg", Escape(LOOP, "images/loop", folder=True)),
        ("images/loop/images/loop/files", Escape(LOOP, "images/loop", folder=True)),
        ("files/passwd.pdf", Escape(LINK, "files/passwd.pdf", folder=False)),
        ("files/archive/secret.pdf", Escape(LINK, "files/archive", folder=True)),
        # Written, the path stays inside; but `archive` leads out, and `..` climbs from there.
        ("files/archive/../../x", Escape(LEAVES, "files/archive/../../x")),
    ],
)  # fmt: skip
def test_paths_that_lead_out_of_the_content_folder_name_the_link_at_fault(
    content: Path, path: str, expected: Escape | None
) -> None:
    assert ContentFolder(content).escape(path) == expected


def test_each_way_out_says_what_is_wrong_and_how_to_fix_it() -> None:
    link = Escape(LINK, "files/passwd.pdf")
    assert link.problem == "is a symbolic link to a file outside the content folder"
    assert link.fix("content/") == "copy the file into content/ instead"
    folder = Escape(LINK, "files/archive", folder=True)
    assert folder.problem == "is a symbolic link to a folder outside the content folder"
    assert folder.fix("content/") == "copy its files into content/ instead"
    assert Escape(LOOP, "images/loop", True).fix("content/") == "remove the link"


# SVG files --------------------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<rect width="1" height="1" fill="#0b3d6b"/>', None),
        ('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/>', None),
        ('<use xlink:href="#g"/>', None),
        ("<script>alert(1)</script>", "the SVG carries a script (<script>)"),
        ('<rect onload="x()"/>', "the SVG carries a script (the onload attribute)"),
        ('<a xlink:href="java\tscript:x()"><rect/></a>',
         "the SVG carries a script (a javascript: address)"),
        ("<foreignObject><div/></foreignObject>", "the SVG embeds other content (<foreignObject>)"),
        ('<image href="https://tracker.example/p.png"/>',
         'the SVG refers to another file (href="https://tracker.example/p.png")'),
        ('<image xlink:href="photo.png"/>', 'the SVG refers to another file (href="photo.png")'),
        ('<rect style="fill: url(https://x.example/f)"/>',
         "the SVG refers to another file (in its style attribute)"),
        ('<style>@import "x.css";</style>', "the SVG refers to another file (in its <style>)"),
        ('<set attributeName="xlink:href" to="https://x.example/"/>',
         "the SVG refers to another file (an animated href)"),
        ("<rect", "the SVG is not well-formed XML"),
    ],
)  # fmt: skip
def test_an_svg_with_scripts_embedded_content_or_other_files_is_refused(
    body: str, expected: str | None
) -> None:
    problem = svg_problem(SVG.format(body).encode())
    if expected is None:
        assert problem is None
    else:
        assert problem is not None
        assert problem.problem.startswith(expected)
        assert problem.line >= 2  # the line of the element, or of the error


def test_entities_and_stylesheets_in_an_svg_are_refused() -> None:
    entity = b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "b">\n]>\n<svg>&a;</svg>'
    problem = svg_problem(entity)
    assert problem is not None
    assert (problem.line, problem.problem) == (3, "the SVG declares entities (<!ENTITY>)")
    sheet = b'<?xml-stylesheet href="a.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    problem = svg_problem(sheet)
    assert problem is not None
    assert problem.problem == "the SVG refers to another file (<?xml-stylesheet?>)"


def test_the_sample_and_fixture_svgs_are_plain_drawings() -> None:
    drawings = [*(REPO / "content").rglob("*.svg"), *(FIXTURES / "sites").rglob("*.svg")]
    assert drawings
    assert {path.name: svg_problem(path.read_bytes()) for path in drawings} == dict.fromkeys(
        (path.name for path in drawings), None
    )


# Deleting and writing outside the site, as staff reproduced it --------------------------------


def preview(tmp_path: Path, files: dict[str, str | None] | None = None) -> tuple[Path, Path]:
    """Copy the basic site to `tmp_path/site/content`; return it and its output folder."""
    content = copy_case("basic", tmp_path / "site" / "content", files or {})
    return content, content.parent / "output"


def test_a_link_out_of_content_taken_away_again_deletes_nothing_outside(tmp_path: Path) -> None:
    """The reproduced attack: a preview with a {static} link out of the content folder,
    then the link removed and a preview again, deleted the file it named (and, with
    `../pelicanconf.py`, the project's settings)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("not the site's\n", encoding="utf-8")
    settings = tmp_path / "site" / "pelicanconf.py"
    content, output = preview(tmp_path)
    settings.write_text("# the project's settings\n", encoding="utf-8")
    story = content / ENGLISH_ONLY
    original = story.read_text(encoding="utf-8")
    story.write_text(
        original + "\nSee [the file]({static}/../../victim.txt) and "
        "[the settings]({static}/../pelicanconf.py).\n",
        encoding="utf-8",
    )
    first = build_site(content, output)
    assert first.failure is None
    errors = first.messages(logging.ERROR)
    assert errors == [
        f"content/{ENGLISH_ONLY}:8: the link {{static}}/../../victim.txt leads outside the "
        "content folder — link a file inside content/",
        f"content/{ENGLISH_ONLY}:8: the link {{static}}/../pelicanconf.py leads outside the "
        "content folder — link a file inside content/",
    ]
    links = first.html(ENGLISH_ONLY_URL).select(".story__body a")
    assert [(a.get_text(), a.get("href")) for a in links][-2:] == [
        ("the file", None),
        ("the settings", None),
    ]
    record = json.loads((tmp_path / "site" / "cache" / "incremental.json").read_text("utf-8"))
    assert not [name for name in record["files"] if ".." in name]

    story.write_text(original, encoding="utf-8")
    second = build_site(content, output)
    assert second.failure is None
    assert second.messages(logging.ERROR) == []
    assert victim.read_text(encoding="utf-8") == "not the site's\n"
    assert settings.read_text(encoding="utf-8") == "# the project's settings\n"


def test_a_link_out_of_a_release_creates_nothing_beside_it(tmp_path: Path) -> None:
    """The reproduced attack: `invoke publish` with a link that climbs out of the release
    failed, yet made the file it named beside the releases."""
    project = tmp_path / "project"
    content = copy_case(
        "basic",
        tmp_path / "a" / "b" / "c" / "content",
        {
            ENGLISH_ONLY: (FIXTURES / "sites/basic" / ENGLISH_ONLY).read_text("utf-8")
            + "\nSee [the file]({static}/../../../../x/y).\n"
        },
    )
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "y").write_text("not the site's\n", encoding="utf-8")  # the link's file
    published = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--settings", str(OFFICE_SETTINGS),
         "--content", str(content), "--target", str(project / "publish")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "300"},
    )  # fmt: skip
    assert published.returncode == 1
    assert "Traceback" not in published.stdout + published.stderr
    assert re.search(
        r"content/articles/2024-03-01-english-only\.en\.md:8: the link "
        r"\{static\}/\.\./\.\./\.\./\.\./x/y leads outside the content folder",
        published.stdout,
    )
    assert not (project / "x").exists()
    assert sorted(path.name for path in project.iterdir()) == ["publish"]
    assert (tmp_path / "x" / "y").read_text(encoding="utf-8") == "not the site's\n"


def test_a_record_changed_by_hand_removes_nothing_outside(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("not the site's\n", encoding="utf-8")
    content, output = preview(tmp_path)
    first = build_site(content, output)
    record = tmp_path / "site" / "cache" / "incremental.json"
    saved = json.loads(record.read_text(encoding="utf-8"))
    saved["files"] += ["../../victim.txt", str(victim)]
    record.write_text(json.dumps(saved), encoding="utf-8")
    second = build_site(first.content, first.output)
    assert victim.is_file()
    errors = second.messages(logging.ERROR)
    assert len(errors) == 2
    assert all("is outside the output folder" in error for error in errors)


def test_a_first_preview_removes_stale_pages_but_follows_no_link_out(tmp_path: Path) -> None:
    content, output = preview(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "feeds").mkdir(parents=True)
    (elsewhere / "old.html").write_text("not the site's", encoding="utf-8")
    (elsewhere / "feeds" / "all.rss.xml").write_text("not the site's", encoding="utf-8")
    output.mkdir()
    (output / "stale.html").write_text("left by hand", encoding="utf-8")
    (output / "images").symlink_to(elsewhere)
    (output / "linked.html").symlink_to(elsewhere / "old.html")
    before = folder_files(elsewhere)
    site = build_site(content, output)
    assert site.failure is None
    assert not (output / "stale.html").exists()
    assert (output / "linked.html").is_symlink()
    assert folder_files(elsewhere) == before
    # The lead photo would have been copied through the link: it is reported, not copied
    # (and the story's link to it leads nowhere).
    assert site.messages(logging.ERROR)[:1] == [
        "content/images/training.svg: would be copied to images/training.svg, which leads "
        f"outside the output folder {output} through a symbolic link (to "
        f"{elsewhere}/training.svg) — remove the link from the output folder"
    ]


def test_pages_are_not_written_through_a_link_out_of_the_output_folder(tmp_path: Path) -> None:
    content, output = preview(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output.mkdir()
    (output / "en").symlink_to(elsewhere)
    site = build_site(content, output)
    assert site.failure is not None
    assert re.match(
        rf"{re.escape(str(output))}/en/.+: leads outside the output folder {re.escape(str(output))}"
        r" through a symbolic link \(to .+\) — remove the link from the output folder",
        site.failure,
    )
    assert list(elsewhere.iterdir()) == []


# Reading through links -------------------------------------------------------------------------


def test_a_story_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.en.md"
    outside.write_text(
        "Title: Read from outside\nDate: 2023-10-30 10:00\nCategory: news\n\nSecret.\n",
        encoding="utf-8",
    )
    content, output = preview(tmp_path)
    (content / "articles" / "2023-10-30-outside.en.md").symlink_to(outside)
    site = build_site(content, output)
    assert site.messages() == [
        "content/articles/2023-10-30-outside.en.md: is a symbolic link to a file outside the "
        "content folder — copy the file into content/ instead"
    ]
    assert not [path for path in site.html_files() if "Secret." in path.read_text("utf-8")]
    entry = site.manifest()["content/articles/2023-10-30-outside.en.md"]
    assert entry["status"] == "error"
    assert entry["problems"] == site.messages()


def test_a_loop_among_the_stories_is_reported_once_and_read_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content, output = preview(tmp_path)
    (content / "articles" / "again").symlink_to("..")
    site = build_site(content, output)
    loop = "content/articles/again: is a symbolic link to a folder that contains it (a loop) — "
    assert site.messages() == [f"{loop}remove the link"]
    assert not [path for path in site.output.rglob("*") if "again" in path.parts]
    clean = build_site(*preview(tmp_path / "clean"))
    assert sorted(site.files()) == sorted(clean.files())

    forget_logged_messages()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert run_check(str(REPO / "pelicanconf.py"), str(content)) == 1
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert errors == [f"{loop}remove the link"]


def test_a_photo_linked_from_outside_is_left_out_of_its_story(tmp_path: Path) -> None:
    content, output = preview(tmp_path)
    (tmp_path / "photo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    (content / "images" / "outside.svg").symlink_to(tmp_path / "photo.svg")
    story = content / "articles" / "2023-10-27-training.en.md"
    story.write_text(
        story.read_text("utf-8").replace("images/training.svg\n", "images/outside.svg\n", 1),
        encoding="utf-8",
    )
    site = build_site(content, output)
    assert site.messages() == [
        "content/articles/2023-10-27-training.en.md:7: the photo images/outside.svg is not "
        "published: content/images/outside.svg is a symbolic link to a file outside the content "
        "folder — copy the file into content/ instead",
        "content/images/outside.svg: is a symbolic link to a file outside the content folder — "
        "copy the file into content/ instead",
    ]
    assert site.html(GOOD_STORY).select_one(".story__photo") is None
    assert not (output / "images" / "outside.svg").exists()


# What the checks plugin can be told to allow ---------------------------------------------------

HTML_REPORT = "<!doctype html>\n<title>Report</title>\n<p>The report.</p>\n"
LINKING_REPORT = (
    "Title: Report\nDate: 2023-10-30 10:00\nCategory: news\n\n"
    "Read [the report]({static}/files/report.html).\n\n![The visit](https://x.example/p.png)\n"
)


def build_with(tmp_path: Path, settings: str = "pelicanconf.py", **checks: bool) -> BuiltSite:
    content = copy_case(
        "basic",
        tmp_path / "content",
        {"files/report.html": HTML_REPORT, "articles/2023-10-30-report.en.md": LINKING_REPORT},
    )
    return build_site(content, tmp_path / "output", settings, CHECKS=checks)


def test_html_files_and_images_from_other_sites_are_refused_by_default(tmp_path: Path) -> None:
    site = build_with(tmp_path)
    source = "content/articles/2023-10-30-report.en.md"
    assert site.messages() == [
        f"{source}:7: the image https://x.example/p.png is on another site: every reader's "
        "browser would ask that site for it — copy it into content/images/ and link it with "
        "{static}, or allow such images with CHECKS['external_images'] = True",
        "content/files/report.html: is a .html file, which a browser would run as a page of the "
        "site — publish the document as PDF, or allow such files with "
        "CHECKS['active_files'] = True",
        f"{source}:5: the link {{static}}/files/report.html points at content/files/report.html, "
        "which this build leaves out — link a published story or page, or remove the link",
    ]
    assert not (tmp_path / "output" / "files" / "report.html").exists()


def test_html_files_and_images_from_other_sites_may_be_allowed(tmp_path: Path) -> None:
    site = build_with(
        tmp_path, "publishconf.py", active_files=True, external_images=True, extra_keys=[]
    )
    assert site.failure is None
    assert (tmp_path / "output" / "files" / "report.html").read_text("utf-8") == HTML_REPORT
    page = BeautifulSoup(site.path("/en/2023/10/report/").read_text("utf-8"), "html.parser")
    assert [img["src"] for img in page.select(".story__body img")] == ["https://x.example/p.png"]


@pytest.mark.parametrize("key", ["active_files", "external_images"])
def test_checks_settings_must_be_true_or_false(key: str) -> None:
    assert getattr(ChecksSettings.from_settings({}), key) is False
    with pytest.raises(SettingsError, match=rf"CHECKS\['{key}'\]: 'yes' must be True or False"):
        ChecksSettings.from_settings({"CHECKS": {key: "yes"}})


def test_a_speakers_registry_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "speakers.yml"
    outside.write_text("someone:\n  name: Read from outside\n", encoding="utf-8")
    content, output = preview(tmp_path)
    (content / "speakers.yml").unlink()
    (content / "speakers.yml").symlink_to(outside)
    site = build_site(content, output)
    assert site.messages()[0] == (
        "content/speakers.yml: is a symbolic link to a file outside the content folder — copy "
        "the file into content/ instead"
    )
    assert not [path for path in site.html_files() if "Read from outside" in path.read_text()]
