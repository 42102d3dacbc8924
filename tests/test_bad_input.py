"""Bad input, one fixture per case: a clear `path:line: problem — fix`, never a traceback;
`check` and `publish` fail; a development build still builds every other story."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.checks.command import run_check
from tests.conftest import (
    BASE,
    FIXTURES,
    REPO,
    SiteBuilder,
    copy_case,
    forget_logged_messages,
    run_pelican,
)

GOOD_STORY = "/en/2023/10/training-on-childrens-rights-opens/"
CASES = {
    "unknown_speaker": r"content/articles/2023-10-30-unknown-speaker\.en\.md:5: unknown speaker "
    r"'sabina-aliyev' — did you mean 'sabina-aliyeva'\?",
    "impossible_date": r"content/articles/2023-02-30-impossible\.en\.md:2: "
    r"'Date: 2023-02-30 10:00' is not a real date — write it as YYYY-MM-DD HH:MM",
    "missing_title": r"content/articles/2023-10-30-untitled\.en\.md:1: the story has no title — "
    r"add a 'Title:' line",
    "photo_without_alt": r"content/articles/2023-10-30-photo\.en\.md:4: the photo has no alt text "
    r"— add 'Image-Alt:'",
    "same_slug": r"content/articles/2023-10-30-copy\.en\.md:3: URL "
    r"/en/2023/10/training-on-childrens-rights-opens/ is already taken by "
    r"content/articles/2023-10-27-training\.en\.md — set a different 'Slug:'",
    "unconfigured_language": r"content/articles/2023-10-27-training\.fr\.md:1: language 'fr' is "
    r"not configured — name the file with one of",
    "yaml_error": r"content/speakers\.yml:1[0-9]: not valid YAML \(.*\) — check the indentation",
    "not_utf8": r"content/articles/2023-10-30-latin1\.az\.md:1: the file is not UTF-8 \(byte "
    r"0xfd\) — save it as UTF-8",
    "empty_file": r"content/articles/2023-10-30-empty\.en\.md:1: the file is empty — "
    r"write a header",
    "header_typo": r"content/articles/2023-10-30-typo\.en\.md:3: unknown header 'Catgory:' — did "
    r"you mean 'Category:'\?",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_development_build_reports_the_file_and_line_and_builds_the_rest(
    site_builder: SiteBuilder, case: str
) -> None:
    site = site_builder("basic", overlay=f"bad_input/{case}")
    problems = site.messages(logging.WARNING)
    assert any(re.match(CASES[case], message) for message in problems), problems
    # Pelican logs a reader's or generator's exception as "Could not process ..."; with
    # exc_info set, the log would carry a traceback.
    assert not [m for m in site.messages() if m.startswith("Could not process")]
    assert not [r for r in site.records if r.exc_info]
    assert site.failure is None
    assert site.exists(GOOD_STORY)
    assert site.exists("/az/")


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_exits_one_naming_the_problem(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    content = copy_case("basic", tmp_path / "content", {}, f"bad_input/{case}")
    forget_logged_messages()
    with caplog.at_level(logging.WARNING):
        code = run_check(str(REPO / "pelicanconf.py"), str(content))
    assert code == 1
    assert any(re.match(CASES[case], record.getMessage()) for record in caplog.records)
    assert re.search(r"Checked \d+ files: \d+ errors? and \d+ warnings?\.", capsys.readouterr().out)


@pytest.mark.parametrize("case", sorted(CASES))
def test_production_build_fails(site_builder: SiteBuilder, case: str) -> None:
    site = site_builder("basic", overlay=f"bad_input/{case}", settings="publishconf.py")
    assert site.failure is not None
    assert site.failure.startswith("Build failed:")


def test_check_and_publish_command_lines_exit_one_without_a_traceback(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {}, "bad_input/impossible_date")
    check = subprocess.run(
        [sys.executable, "-m", "plugins.checks", "--settings", "pelicanconf.py", str(content)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    assert "Traceback" not in check.stdout + check.stderr
    assert re.search(CASES["impossible_date"], check.stdout)
    build = run_pelican(content, tmp_path / "output", "publishconf.py")
    assert build.returncode == 1
    assert "Traceback" not in build.stdout + build.stderr


def test_a_quiet_production_build_still_fails_and_says_why(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {}, "bad_input/impossible_date")
    build = run_pelican(content, tmp_path / "output", "publishconf.py", "-q")
    assert build.returncode == 1
    assert "Build failed: 1 error and 0 warnings" in build.stderr
    assert re.search(CASES["impossible_date"], build.stdout)


def test_an_impossible_modified_date_is_named_and_the_story_still_built(
    site_builder: SiteBuilder,
) -> None:
    story = (FIXTURES / "sites/basic/articles/2023-10-27-training.en.md").read_text("utf-8")
    edited = story.replace("Category:", "Modified: 2023-13-45 10:00\nCategory:", 1)
    site = site_builder("basic", files={"articles/2023-10-27-training.en.md": edited})
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1
    assert re.match(
        r"content/articles/2023-10-27-training\.en\.md:\d+: 'Modified: 2023-13-45 10:00' is "
        r"not a real date",
        errors[0],
    )
    assert site.html(GOOD_STORY).select_one(".story__updated") is None


def test_check_names_a_content_folder_that_is_not_there(tmp_path: Path) -> None:
    missing = tmp_path / "contnet"
    check = subprocess.run(
        [sys.executable, "-m", "plugins.checks", str(missing)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    assert check.stderr == f"{missing}: no such content folder — give the folder of stories\n"


def test_an_unknown_status_is_named_once(site_builder: SiteBuilder) -> None:
    story = "Title: Typo\nDate: 2023-10-30 10:00\nCategory: news\nStatus: pubished\n\nText.\n"
    site = site_builder("basic", files={"articles/2023-10-30-typo.en.md": story})
    assert site.messages() == [
        "content/articles/2023-10-30-typo.en.md:4: unknown status 'pubished' — use "
        "'Status: draft' for an unfinished story, or remove the line to publish it"
    ]
    assert site.exists(GOOD_STORY)


def test_a_header_between_dashes_is_read_as_markdown_reads_it(site_builder: SiteBuilder) -> None:
    fenced = "---\nTitle: Fenced\nDate: 2023-10-30 10:00\nCategory: news\n---\n\nText.\n"
    spaced = "Title : Spaced\nDate: 2023-10-30 10:00\nCategory: news\n\nText.\n"
    site = site_builder(
        "basic",
        files={"articles/2023-10-30-fenced.en.md": fenced, "articles/spaced.en.md": spaced},
    )
    assert site.html("/en/2023/10/fenced/").h1.get_text() == "Fenced"
    # Markdown reads no header at all when a key has a space before its colon.
    assert site.messages() == [
        "content/articles/spaced.en.md:1: the story has no title — add a 'Title:' line at the top",
        "content/articles/spaced.en.md:1: the story has no date — add 'Date: YYYY-MM-DD HH:MM'",
    ]


LINKING = (
    "Title: Links\nDate: 2023-10-30 10:00\nCategory: news\n\n"
    "See [nothing](/en/nowhere/), [the plan]({filename}/notes/plan.md) and "
    "[the report]({filename}/publications/later.en.md).\n"
)
LATER = "Title: Later\nDate: 2099-01-01 10:00\nType: brochure\nYear: 2099\n\nSoon.\n"


def test_links_to_pages_the_build_leaves_out_are_named(site_builder: SiteBuilder) -> None:
    site = site_builder(
        "basic",
        overlay="overlays/publications",
        settings="publishconf.py",
        files={
            "articles/2023-10-30-links.en.md": LINKING,
            "notes/plan.md": "Title: Plan\n\nNot a story.\n",
            "publications/later.en.md": LATER,
        },
    )
    source = "content/articles/2023-10-30-links.en.md:5:"
    errors = [m for m in site.messages(logging.ERROR) if m.startswith(source)]
    assert errors == [
        f"{source} the link /en/nowhere/ leads to no page of the site — fix the address "
        "or remove the link",
        f"{source} the link {{filename}}/notes/plan.md points at content/notes/plan.md, which "
        "this build leaves out — link a published story or page, or remove the link",
        f"{source} the link {BASE}/en/drafts/publications/later/ leads to no page of the site "
        "— fix the address or remove the link",
    ]


def test_a_link_to_a_file_with_a_space_in_its_name_is_found(site_builder: SiteBuilder) -> None:
    story = (
        "Title: Chart\nDate: 2023-10-30 10:00\nCategory: news\n\n"
        "![The chart]({static}/images/annual%20chart.svg)\n"
    )
    site = site_builder(
        "basic",
        settings="publishconf.py",
        files={
            "articles/2023-10-30-chart.en.md": story,
            "images/annual chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        },
    )
    assert site.failure is None
    src = site.html("/en/2023/10/chart/").select_one(".story__body img")["src"]
    assert site.exists(src.replace("%20", " "))


def test_a_quiet_production_build_counts_pelican_s_own_warnings(tmp_path: Path) -> None:
    story = "Title: Typo\nDate: 2023-10-30 10:00\nCategory: news\n\n![x]({statik}/images/x.svg)\n"
    content = copy_case("basic", tmp_path / "content", {"articles/2023-10-30-typo.en.md": story})
    build = run_pelican(content, tmp_path / "output", "publishconf.py", "-q")
    assert build.returncode == 1
    assert "Build failed: 0 errors and 1 warning" in build.stderr


def test_a_tab_indented_header_line_continues_its_value(site_builder: SiteBuilder) -> None:
    story = (
        "Title: Visit\nSummary: A visit to the\n\tdetention centre.\nDate: 2023-10-30 10:00\n"
        "Category: news\n\nText.\n"
    )
    site = site_builder("basic", files={"articles/2023-10-30-visit.en.md": story})
    assert site.messages() == []
    page = site.html("/en/2023/10/visit/")
    assert (
        page.select_one('meta[name="description"]')["content"] == "A visit to the detention centre."
    )
