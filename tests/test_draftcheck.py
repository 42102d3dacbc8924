"""A draft is checked as `invoke check` would check it in place, before it is saved, and
only from what the content folder holds."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, forget_logged_messages
from tools.draftcheck import check_drafts, check_in_fork, copy_for_check

SETTINGS = REPO / "pelicanconf.py"
STORY = "articles/2023/2023-10-27-children-migration-training.en.md"
OTHER_LANGUAGE = "articles/2023/2023-10-27-children-migration-training.az.md"
PHOTO = "images/2023/children-migration-training.svg"


@pytest.fixture(autouse=True)
def _fresh_log() -> None:
    """Each test's checks report their own messages (Pelican logs one once per process;
    the desk runs each check in a process of its own)."""
    forget_logged_messages()


def sample(rel: str) -> str:
    """The text of a file of the sample content."""
    return (REPO / "content" / rel).read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    """The sample story with one piece of its text replaced."""
    text = sample(STORY)
    assert old in text
    return text.replace(old, new, 1)


def problems(findings: list[dict[str, Any]]) -> list[tuple[str, int | None, str, str]]:
    """Each finding as (path, line, level, message)."""
    return [(f["path"], f["line"], f["level"], f["message"]) for f in findings]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the sample content, with a secret file beside it."""
    folder = tmp_path / "site" / "content"
    shutil.copytree(REPO / "content", folder)
    (tmp_path / "site" / "secret.txt").write_text("secret", encoding="utf-8")
    return folder


# Every source of the sample content: `invoke check` finds nothing in any of them.
SAMPLES = sorted(
    p.relative_to(REPO / "content").as_posix() for p in (REPO / "content").rglob("*.md")
)


@pytest.mark.parametrize("rel", SAMPLES)
def test_a_sample_file_as_it_is_has_no_findings(rel: str) -> None:
    assert check_drafts(SETTINGS, {rel: sample(rel)}) == []


def test_unknown_speaker_names_the_speaker_at_its_line() -> None:
    text = edited("Speakers: sabina-aliyeva,", "Speakers: sabina-aliyev,")
    [(path, line, level, message)] = problems(check_drafts(SETTINGS, {STORY: text}))
    assert (path, line, level) == (STORY, 5, "ERROR")
    assert message.startswith("unknown speaker 'sabina-aliyev' — did you mean")


def test_photo_without_alt_text_is_reported_and_its_file_is_found() -> None:
    text = edited("Image-Alt: A training room", "Image-Note: A training room")
    found = problems(check_drafts(SETTINGS, {STORY: text}))
    assert (STORY, 9, "ERROR") in [finding[:3] for finding in found]
    messages = [finding[3] for finding in found]
    assert any(m.startswith("the photo has no alt text — add 'Image-Alt:'") for m in messages)
    assert not any("does not exist" in m for m in messages)


def test_day_month_year_date_is_reported_at_its_line() -> None:
    text = edited("Date: 2023-10-27 11:00", "Date: 05.03.2024")
    assert problems(check_drafts(SETTINGS, {STORY: text})) == [
        (STORY, 2, "ERROR", "'Date: 05.03.2024' looks like day.month.year — write it as 2024-03-05")
    ]


def test_date_is_compared_with_the_story_in_its_other_language() -> None:
    text = edited("Date: 2023-10-27 11:00", "Date: 2023-10-30 11:00")
    found = problems(check_drafts(SETTINGS, {STORY: text}))
    [(line, level)] = [(f[1], f[2]) for f in found if "after its 'az' version" in f[3]]
    assert (line, level) == (2, "WARNING")


def test_only_the_drafts_findings_are_returned(content: Path) -> None:
    # The story's other language, copied beside the draft, has a problem of its own.
    other = content / OTHER_LANGUAGE
    other.write_text(
        other.read_text(encoding="utf-8").replace("Category:", "Colour: red\nCategory:", 1),
        encoding="utf-8",
    )
    assert check_drafts(SETTINGS, {STORY: sample(STORY)}, {"PATH": str(content)}) == []
    forget_logged_messages()  # in process, the second check's message was logged by the first
    found = problems(check_drafts(SETTINGS, {OTHER_LANGUAGE: other.read_text(encoding="utf-8")}))
    assert [finding[:3] for finding in found] == [(OTHER_LANGUAGE, 3, "WARNING")]


def test_files_named_outside_the_content_folder_are_not_copied(
    content: Path, tmp_path: Path
) -> None:
    (content / "images" / "link.svg").symlink_to(content.parent / "secret.txt")
    (content / "images" / "out").symlink_to(content.parent, target_is_directory=True)
    text = edited(f"Image: {PHOTO}", "Image: ../../../etc/passwd") + (
        "\nThe [plan]({static}/../secret.txt), [the other]({static}/images/link.svg) and "
        "[another]({static}/images/out/secret.txt).\n"
    )
    copied = tmp_path / "copy" / "content"
    copy_for_check({"PATH": str(content)}, {STORY: text}, copied)
    # The draft, its other language and that one's photo, the registries: nothing else.
    assert sorted(p.relative_to(copied).as_posix() for p in copied.rglob("*") if p.is_file()) == [
        OTHER_LANGUAGE,
        STORY,
        "contacts.yml",
        PHOTO,
        "speakers.yml",
    ]
    assert not any(p.is_symlink() for p in copied.rglob("*"))

    found = problems(check_drafts(SETTINGS, {STORY: text}, {"PATH": str(content)}))
    messages = [message for _, _, _, message in found]
    assert any(
        m.startswith("the photo ../../../etc/passwd is outside the content") for m in messages
    )
    assert any(m.startswith("the link {static}/../secret.txt leads outside") for m in messages)
    for link in ("images/link.svg", "images/out/secret.txt"):
        assert any(
            m.startswith(f"the link {{static}}/{link} points at a missing") for m in messages
        )


def test_a_file_named_by_its_absolute_path_inside_the_folder_is_copied_to_its_place(
    content: Path, tmp_path: Path
) -> None:
    photo = content / "images" / "speakers" / "sabina-aliyeva.svg"
    text = edited(f"Image: {PHOTO}", f"Image: {photo}")
    copied = tmp_path / "copy" / "content"
    copy_for_check({"PATH": str(content)}, {STORY: text}, copied)
    assert (copied / "images" / "speakers" / "sabina-aliyeva.svg").read_bytes() == (
        photo.read_bytes()
    )
    assert sorted(p.name for p in content.parent.iterdir()) == ["content", "secret.txt"]


@pytest.mark.parametrize(
    "rel", ["../x.en.md", "articles/../../x.en.md", "/tmp/x.en.md", "articles/x.en.txt", ""]
)
def test_draft_path_outside_the_content_folder_is_refused(rel: str) -> None:
    with pytest.raises(ValueError, match=r"\.$"):
        check_drafts(SETTINGS, {rel: sample(STORY)})
    with pytest.raises(ValueError, match=r"\.$"):
        check_in_fork(SETTINGS, {rel: sample(STORY)})


def test_check_in_a_copy_of_the_process_gives_the_same_findings() -> None:
    text = edited("Date: 2023-10-27 11:00", "Date: 05.03.2024")
    assert check_in_fork(SETTINGS, {STORY: text}) == check_drafts(SETTINGS, {STORY: text})


def test_check_in_a_copy_of_the_process_reports_its_own_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    [failure] = check_in_fork(SETTINGS, {STORY: sample(STORY)}, {"CHECKS": {"timeout": "x"}})
    assert (failure["path"], failure["line"], failure["level"]) == (None, None, "ERROR")
    assert "CHECKS['timeout']: 'x' must be a number" in failure["message"]
    [slow] = check_in_fork(SETTINGS, {STORY: sample(STORY)}, timeout=0.001)
    assert slow["message"] == "the check took more than 0.001 seconds"
    assert list(tmp_path.iterdir()) == []  # the stopped copy's folder is removed too
