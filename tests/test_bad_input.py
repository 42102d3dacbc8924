"""Bad input, one fixture per case: a clear `path:line: problem — fix`, never a traceback;
`check` and `publish` fail; a development build still builds every other story."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.checks.command import run_check
from plugins.checks.settings import ChecksSettings
from plugins.common.errors import SettingsError
from tests.conftest import (
    BASE,
    FIXTURES,
    REPO,
    SiteBuilder,
    build_site,
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
    # Nothing outside the content folder is read or published; nothing active is published.
    "static_link_outside": r"content/articles/2023-10-30-escape\.en\.md:7: the link "
    r"\{static\}/\.\./\.\./victim\.txt leads outside the content folder — link a file inside "
    r"content/$",
    "image_system_path": r"content/articles/2023-10-30-passwd\.en\.md:4: the photo /etc/passwd is "
    r"outside the content folder — name a file inside content/, like images/passwd$",
    "cover_outside": r"content/publications/2023-report\.en\.md:6: the cover "
    r"\.\./\.\./\.\./\.\./victim\.txt is outside the content folder — name a file inside content/",
    "symlink_to_outside_file": r"content/files/passwd\.pdf: is a symbolic link to a file outside "
    r"the content folder — copy the file into content/ instead$",
    "symlink_loop": r"content/images/loop: is a symbolic link to a folder that contains it \(a "
    r"loop\) — remove the link$",
    "linked_folder_outside": r"content/files/archive: is a symbolic link to a folder outside the "
    r"content folder — copy its files into content/ instead$",
    "svg_script_photo": r"content/articles/2023-10-30-drawing\.en\.md:4: the photo "
    r"images/drawing\.svg is not published: content/images/drawing\.svg:3: the SVG carries a "
    r"script \(<script>\) — save it again as a plain drawing",
    "svg_script_speaker": r"content/speakers\.yml:6: the photo images/speakers/sabina-aliyeva\.svg "
    r"of speaker 'sabina-aliyeva' is not published: "
    r"content/images/speakers/sabina-aliyeva\.svg:3: the SVG carries a script",
    "html_file_linked": r"content/files/report\.html: is a \.html file, which a browser would run "
    r"as a page of the site — publish the document as PDF, or allow such files with "
    r"CHECKS\['active_files'\] = True$",
    "external_image": r"content/articles/2023-10-30-tracked\.en\.md:7: the image "
    r"https://tracker\.example/p\.gif is on another site: every reader's browser would ask that "
    r"site for it — copy it into content/images/ and link it with \{static\}",
    "slug_outside": r"content/articles/2023-10-30-slug\.en\.md:4: 'Slug: "
    r"\.\./\.\./\.\./\.\./\.\./\.\./\.\./tmp/escaped' would put the page outside the site",
    # One story's characters, header or Markdown never stop the others.
    "second_title": r"content/articles/2023-10-30-twice\.en\.md:2: 'Title:' is given twice \(first "
    r"on line 1\) — keep one of the two lines$",
    "form_feed": r"content/articles/2023-10-30-pasted\.en\.md:7: the text has a control character "
    r"\(U\+000C, form feed\) — delete it",
    "escape_in_summary": r"content/articles/2023-10-30-summary\.en\.md:4: the text has a control "
    r"character \(U\+001B, escape\) — delete it",
    "nul_in_title": r"content/articles/2023-10-30-nul\.en\.md:1: the text has a control character "
    r"\(U\+0000, null\) \(and 1 more\) — delete it",
    "duplicate_location": r"content/articles/2023-10-30-place\.en\.md:5: 'Location:' is given "
    r"twice \(first on line 4\)",
    "duplicate_date": r"content/articles/2023-10-30-when\.en\.md:3: 'Date:' is given twice "
    r"\(first on line 2\)",
    "duplicate_status": r"content/articles/2023-10-30-state\.en\.md:5: 'Status:' is given twice "
    r"\(first on line 4\)",
    "ancient_date": r"content/articles/0001-01-01-ancient\.en\.md:2: 'Date: 0001-01-01' is out of "
    r"range — the year must be between 1900 and 2100",
    "far_future_date": r"content/articles/2150-01-01-later\.en\.md:2: 'Date: 2150-01-01 10:00' is "
    r"out of range — the year must be between 1900 and 2100",
    # Dates are never guessed (SPEC §2): each other form is named, and spelled right where
    # the date it stands for is certain.
    "day_first_date": r"content/articles/2023-10-30-dotted\.en\.md:2: 'Date: 05\.03\.2024 "
    r"10:00' looks like day\.month\.year — write it as 2024-03-05 10:00$",
    "slashed_date": r"content/articles/2023-10-30-slashed\.en\.md:2: 'Date: 10/11/2023' could "
    r"be day/month/year or month/day/year — write it as YYYY-MM-DD HH:MM: 2023-11-10 if the "
    r"day comes first, 2023-10-11 if the month does$",
    "year_first_slashes": r"content/articles/2023-10-30-year\.en\.md:2: 'Date: 2023/10/27' looks "
    r"like year/month/day — write it as 2023-10-27$",
    "date_in_words": r"content/articles/2023-10-30-words\.az\.md:2: 'Date: 27 oktyabr 2023' is "
    r"written in words — write it as 2023-10-27$",
    "modified_before_date": r"content/articles/2023-10-30-modified\.en\.md:3: 'Modified: "
    r"2023-10-29 10:00' is before 'Date: 2023-10-30 10:00' — a story is modified after it is "
    r"published: correct one of the two$",
    # A story's public record: every update and correction has a date and a text, after the
    # story's own date.
    "update_without_date": r"content/articles/2023-10-30-update\.en\.md:4: 'Update: The list "
    r"was added\.' has no date — start it with the date and time, e\.g\. 'Update: 2023-10-30 "
    r"10:00 — What changed, in one sentence\.'$",
    "correction_without_text": r"content/articles/2023-10-30-corrected\.en\.md:5: 'Correction: "
    r"2023-10-31 09:00' has no text — say what changed after the date",
    "update_before_date": r"content/articles/2023-10-30-early\.en\.md:4: 'Update: 2023-10-29 "
    r"10:00 — Added a photo\.' is before 'Date: 2023-10-30 10:00' — a story's updates come after "
    r"it is published: correct the date$",
    "update_date_in_dots": r"content/articles/2023-10-30-dots\.en\.md:4: 'Update: 31\.10\.2023 — "
    r"Added a photo\.': its date looks like day\.month\.year — write it as 2023-10-31$",
    "update_on_two_lines": r"content/articles/2023-10-30-wrapped\.en\.md:4: 'Update:' goes on "
    r"over the next line, which would be lost — write the date and the whole sentence on one "
    r"line$",
    "withdrawn_without_why": r"content/articles/2023-10-30-gone\.en\.md:4: the story is withdrawn "
    r"without saying when and why — add 'Withdrawn: 2024-07-01 09:00 — Why, and where to look "
    r"instead\.'$",
    "withdrawn_line_alone": r"content/articles/2023-10-30-alone\.en\.md:4: 'Withdrawn:' is given, "
    r"but the story is not withdrawn — add 'Status: withdrawn' to withdraw it, or remove the line$",
    # Media contacts: an unknown id is named with the closest known ones; a broken registry
    # is one error at its line.
    "unknown_contact": r"content/articles/2023-10-30-contact\.en\.md:4: unknown contact "
    r"'press-ofice' — did you mean 'press-office'\?$",
    "contacts_yaml_error": r"content/contacts\.yml:3: not valid YAML \(.*\) — check the "
    r"indentation",
    "unclosed_brackets": r"content/articles/2023-10-30-brackets\.en\.md:5: this paragraph opens "
    r"50000 '\[' that it never closes, more than the 200 Markdown can read in reasonable time",
    "deep_list": r"content/articles/2023-10-30-list\.en\.md:1004: lists or quotes are nested 1000 "
    r"levels deep, more than the 20 allowed",
    "deep_quote": r"content/articles/2023-10-30-quote\.en\.md:2004: lists or quotes are nested "
    r"2000 levels deep, more than the 20 allowed",
}
HEADER = "Title: {title}\nDate: 2023-10-30 10:00\nCategory: news\n"
# Cases whose files are written by the test: control characters, and files too big to keep.
WRITTEN = {
    "second_title": {
        "articles/2023-10-30-twice.en.md": "Title: One\nTitle: Two\nDate: 2023-10-30 10:00\n"
        "Category: news\n\nThe text.\n"
    },
    "form_feed": {
        "articles/2023-10-30-pasted.en.md": HEADER.format(title="Pasted")
        + "\nThe first paragraph.\n\nPasted\x0cfrom a word processor.\n"
    },
    "escape_in_summary": {
        "articles/2023-10-30-summary.en.md": HEADER.format(title="Summary")
        + "Summary: A lead \x1b[1mwith an escape.\n\nThe text.\n"
    },
    "nul_in_title": {
        "articles/2023-10-30-nul.en.md": HEADER.format(title="A\x00title\x00") + "\nThe text.\n"
    },
    "duplicate_location": {
        "articles/2023-10-30-place.en.md": HEADER.format(title="Place")
        + "Location: Ganja\nLocation: Baku\n\nThe text.\n"
    },
    "duplicate_date": {
        "articles/2023-10-30-when.en.md": "Title: When\nDate: 2023-10-30 10:00\n"
        "Date: 2023-10-31 10:00\nCategory: news\n\nThe text.\n"
    },
    "duplicate_status": {
        "articles/2023-10-30-state.en.md": HEADER.format(title="State")
        + "Status: draft\nStatus: published\n\nThe text.\n"
    },
    "ancient_date": {
        "articles/0001-01-01-ancient.en.md": "Title: Ancient\nDate: 0001-01-01\nCategory: news\n"
        "\nThe text.\n"
    },
    "far_future_date": {
        "articles/2150-01-01-later.en.md": "Title: Later\nDate: 2150-01-01 10:00\n"
        "Category: news\n\nThe text.\n"
    },
    "day_first_date": {
        "articles/2023-10-30-dotted.en.md": "Title: Dotted\nDate: 05.03.2024 10:00\n"
        "Category: news\n\nThe text.\n"
    },
    "slashed_date": {
        "articles/2023-10-30-slashed.en.md": "Title: Slashed\nDate: 10/11/2023\n"
        "Category: news\n\nThe text.\n"
    },
    "year_first_slashes": {
        "articles/2023-10-30-year.en.md": "Title: Year first\nDate: 2023/10/27\n"
        "Category: news\n\nThe text.\n"
    },
    "date_in_words": {
        "articles/2023-10-30-words.az.md": "Title: Sözlərlə\nDate: 27 oktyabr 2023\n"
        "Category: news\n\nMətn.\n"
    },
    "modified_before_date": {
        "articles/2023-10-30-modified.en.md": "Title: Modified\nDate: 2023-10-30 10:00\n"
        "Modified: 2023-10-29 10:00\nCategory: news\n\nThe text.\n"
    },
    "update_without_date": {
        "articles/2023-10-30-update.en.md": HEADER.format(title="Update")
        + "Update: The list was added.\n\nThe text.\n"
    },
    "correction_without_text": {
        "articles/2023-10-30-corrected.en.md": HEADER.format(title="Corrected")
        + "Update: 2023-10-31 08:00 — A list was added.\nCorrection: 2023-10-31 09:00\n"
        + "\nThe text.\n"
    },
    "update_before_date": {
        "articles/2023-10-30-early.en.md": HEADER.format(title="Early")
        + "Update: 2023-10-29 10:00 — Added a photo.\n\nThe text.\n"
    },
    "update_date_in_dots": {
        "articles/2023-10-30-dots.en.md": HEADER.format(title="Dots")
        + "Update: 31.10.2023 — Added a photo.\n\nThe text.\n"
    },
    "update_on_two_lines": {
        "articles/2023-10-30-wrapped.en.md": HEADER.format(title="Wrapped")
        + "Update: 2023-10-31 10:00 — The figures in the second paragraph\n"
        + "    were corrected after the ministry's release.\n\nThe text.\n"
    },
    "withdrawn_without_why": {
        "articles/2023-10-30-gone.en.md": HEADER.format(title="Gone")
        + "Status: withdrawn\n\nThe text.\n"
    },
    "withdrawn_line_alone": {
        "articles/2023-10-30-alone.en.md": HEADER.format(title="Alone")
        + "Withdrawn: 2023-11-01 10:00 — It was wrong.\n\nThe text.\n"
    },
    "unknown_contact": {
        "contacts.yml": "press-office:\n  name: Press office\n  email: press@example.org\n",
        "articles/2023-10-30-contact.en.md": HEADER.format(title="Contact")
        + "Contacts: press-ofice\n\nThe text.\n",
    },
    "contacts_yaml_error": {
        "contacts.yml": "press-office:\n  name: Press office\n\temail: press@example.org\n",
        "articles/2023-10-30-contact.en.md": HEADER.format(title="Contact")
        + "Contacts: press-office\n\nThe text.\n",
    },
    # 250 kB with 50 000 '[': Python-Markdown would take hours.
    "unclosed_brackets": {
        "articles/2023-10-30-brackets.en.md": HEADER.format(title="Brackets")
        + "\n"
        + "[a b " * 50_000
        + "\n"
    },
    "deep_list": {
        "articles/2023-10-30-list.en.md": HEADER.format(title="List")
        + "\n"
        + "".join(f"{' ' * 4 * level}- item\n" for level in range(1000))
    },
    "deep_quote": {
        "articles/2023-10-30-quote.en.md": HEADER.format(title="Quote")
        + "\n"
        + "".join(f"{'> ' * level}quote\n" for level in range(1, 2001))
    },
}
# Symbolic links each case makes in its copy of the content folder (git would store them, but
# copying a fixture follows them): `{outside}` is a folder beside the site, with a PDF in it.
LINKS = {
    "symlink_to_outside_file": {"files/passwd.pdf": "/etc/passwd"},
    "symlink_loop": {"images/loop": ".."},
    "linked_folder_outside": {"files/archive": "{outside}"},
}


@dataclass
class Case:
    """A bad-input case laid out in a folder: the content, beside it the output, and outside
    the site a file a link climbs out to and a folder a link leads to."""

    content: Path
    output: Path
    outside: list[Path]

    def snapshot(self) -> dict[str, object]:
        """What must not change: the content folder (its links as links), the files outside
        the site, and the repository's own files (tracked, and untracked ones not ignored)."""
        state: dict[str, object] = {"content": tree(self.content)}
        for path in self.outside:
            state[str(path)] = tree(path)
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        repo = {}
        for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
            try:
                info = (REPO / name).lstat()
            except FileNotFoundError:
                continue  # deleted in the worktree before the test
            repo[name] = (info.st_size, info.st_mtime_ns)
        state["repository"] = repo
        return state


def tree(root: Path) -> dict[str, object]:
    """Every file and link under a folder (links not followed): bytes, or where a link
    leads."""
    found: dict[str, object] = {}
    if root.is_symlink():
        return {"": ("link", str(root.readlink()))}
    if root.is_file():
        return {"": root.read_bytes()}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = ("link", str(path.readlink()))
            elif path.is_file():
                found[relative] = path.read_bytes()
    return found


def lay_out(tmp_path: Path, case: str) -> Case:
    """Copy the basic site with a case laid over it into `tmp_path/site/content`; make the
    case's links, the file its links climb out to and the folder they lead to."""
    victim = tmp_path / "victim.txt"
    victim.write_text("not the site's\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4 not the site's\n")
    overlay = f"bad_input/{case}" if case not in WRITTEN else None
    content = copy_case("basic", tmp_path / "site" / "content", WRITTEN.get(case, {}), overlay)
    for relative, target in LINKS.get(case, {}).items():
        link = content / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target.format(outside=outside))
    return Case(content, tmp_path / "site" / "output", [victim, outside])


@pytest.mark.parametrize("case", sorted(CASES))
def test_development_build_reports_the_file_and_line_and_builds_the_rest(
    tmp_path: Path, case: str
) -> None:
    laid_out = lay_out(tmp_path, case)
    before = laid_out.snapshot()
    site = build_site(laid_out.content, laid_out.output)
    problems = site.messages(logging.WARNING)
    assert any(re.match(CASES[case], message) for message in problems), problems
    # Pelican logs a reader's or generator's exception as "Could not process ..."; with
    # exc_info set, the log would carry a traceback.
    assert not [m for m in site.messages() if m.startswith("Could not process")]
    assert not [r for r in site.records if r.exc_info]
    assert site.failure is None
    assert site.exists(GOOD_STORY)
    assert site.exists("/az/")
    assert laid_out.snapshot() == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_exits_one_naming_the_problem(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    laid_out = lay_out(tmp_path, case)
    before = laid_out.snapshot()
    forget_logged_messages()
    with caplog.at_level(logging.WARNING):
        code = run_check(str(REPO / "pelicanconf.py"), str(laid_out.content))
    assert code == 1
    assert any(re.match(CASES[case], record.getMessage()) for record in caplog.records)
    assert re.search(r"Checked \d+ files: \d+ errors? and \d+ warnings?\.", capsys.readouterr().out)
    assert laid_out.snapshot() == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_production_build_fails(tmp_path: Path, case: str) -> None:
    laid_out = lay_out(tmp_path, case)
    before = laid_out.snapshot()
    site = build_site(laid_out.content, laid_out.output, "publishconf.py")
    assert site.failure is not None
    assert site.failure.startswith("Build failed:")
    assert laid_out.snapshot() == before


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


def test_a_file_slower_than_the_time_limit_is_left_out_and_the_rest_built(
    site_builder: SiteBuilder,
) -> None:
    # Each paragraph stays under the limit of unclosed brackets; together they take seconds.
    slow = HEADER.format(title="Slow") + "\n" + "\n\n".join(["[" * 150] * 2000) + "\n"
    alarm = signal.getsignal(signal.SIGALRM)
    site = site_builder(
        "basic", files={"articles/2023-10-30-slow.en.md": slow}, CHECKS={"timeout": 0.2}
    )
    assert site.messages() == [
        "content/articles/2023-10-30-slow.en.md:1: the text took more than 0.2 seconds to "
        "convert — split it, or simplify its Markdown (CHECKS['timeout'] sets the limit)"
    ]
    assert site.exists(GOOD_STORY)
    assert not site.exists("/en/2023/10/slow/")
    # The build leaves the process's alarm as it found it.
    assert signal.getsignal(signal.SIGALRM) == alarm
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_depth_allowed_is_a_setting(site_builder: SiteBuilder) -> None:
    nested = (
        HEADER.format(title="Nested")
        + "\n"
        + "".join(f"{' ' * 4 * level}- item\n" for level in range(4))
    )
    files = {"articles/2023-10-30-nested.en.md": nested}
    assert site_builder("basic", files=files).exists("/en/2023/10/nested/")
    site = site_builder("basic", files=files, CHECKS={"max_depth": 3})
    assert site.messages() == [
        "content/articles/2023-10-30-nested.en.md:8: lists or quotes are nested 4 levels deep, "
        "more than the 3 allowed — nest them less deeply (a press release rarely needs more "
        "than three levels)"
    ]
    assert not site.exists("/en/2023/10/nested/")


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("max_depth", 0, "must be a whole number, 1 or more"),
        ("max_depth", "20", "must be a whole number, 1 or more"),
        ("timeout", -1, "must be a number of seconds above 0"),
        ("timeout", True, "must be a number of seconds above 0"),
    ],
)
def test_limits_of_the_checks_are_validated(key: str, value: object, problem: str) -> None:
    with pytest.raises(SettingsError, match=rf"CHECKS\['{key}'\]: .* {problem}"):
        ChecksSettings.from_settings({"CHECKS": {key: value}})


def test_a_story_repeating_update_lines_is_not_an_error(site_builder: SiteBuilder) -> None:
    story = HEADER.format(title="Updated") + (
        "Update: 2023-10-31 10:00 — A photo was added.\n"
        "Update: 2023-11-01 10:00 — The list of speakers was corrected.\n\nThe text.\n"
    )
    site = site_builder("basic", files={"articles/2023-10-30-updated.en.md": story})
    assert not [m for m in site.messages() if "given twice" in m]
    assert site.exists("/en/2023/10/updated/")


def test_a_registry_that_cannot_be_read_is_one_error_not_one_per_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Ten more stories name its speakers: the YAML error is the only one reported."""
    stories = {
        f"articles/2023-11-{day:02d}-briefing.en.md": f"Title: Briefing {day}\n"
        f"Date: 2023-11-{day:02d} 10:00\nCategory: news\nSpeakers: sabina-aliyeva\n\nThe text.\n"
        for day in range(1, 11)
    }
    content = copy_case("basic", tmp_path / "content", stories, "bad_input/yaml_error")
    site = build_site(content, tmp_path / "output")
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1, errors
    assert re.match(CASES["yaml_error"], errors[0])
    assert site.exists("/en/2023/11/briefing-1/")
    forget_logged_messages()
    with caplog.at_level(logging.WARNING):
        code = run_check(str(REPO / "pelicanconf.py"), str(content))
    assert code == 1
    errors = {r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR}
    assert len(errors) == 1, errors
    assert re.search(r"Checked \d+ files: 1 error and", capsys.readouterr().out)


def test_log_lines_are_whole_where_the_output_is_not_a_terminal(tmp_path: Path) -> None:
    """A CI job or a log file gets one plain line a problem, its path never broken."""
    name = "articles/2023-10-30-a-two-day-training-on-the-rights-of-children-in-migration.en.md"
    content = copy_case(
        "basic",
        tmp_path / "content",
        {name: "Title: Training\nDate: 05.03.2024 10:00\nCategory: news\n\nThe text.\n"},
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"),
         "-s", str(REPO / "pelicanconf.py")],
        capture_output=True, text=True, cwd=tmp_path, check=False,
        env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    lines = (result.stdout + result.stderr).splitlines()
    assert (
        f"ERROR content/{name}:2: 'Date: 05.03.2024 10:00' looks like day.month.year — "
        "write it as 2024-03-05 10:00" in lines
    ), lines
