"""The live preview (`invoke livereload`, `tools.preview`): one process that follows saves.

The proof it is right: random sequences of edits a press office makes (a title, a date, a
category, tags, speakers, a translation added or removed, a story added or deleted, a draft
toggled, a photo replaced, a link to another story) are saved while it runs, and after
each one its output is the same, byte for byte, as a clean build of the same content.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from benchmarks.corpus import write_corpus
from plugins.common.sources import display_path
from tests.conftest import REPO, build_site, folder_files

STORIES = 16
STEPS = 8
SEEDS = (1, 2, 3)
SPEAKER_IDS = [f"speaker-{index:02d}" for index in range(40)]
CATEGORIES = ("news", "events", "statements")


@dataclass
class LivePreview:
    """A running preview: its content, its output and where it answers."""

    content: Path
    output: Path
    address: str
    process: subprocess.Popen[str]
    terminal: list[str]  # what it has printed so far, line by line

    @property
    def port(self) -> int:
        """The port it serves on (its builds' addresses name it)."""
        return int(urllib.parse.urlsplit(self.address).port or 80)

    def status(self) -> dict[str, object]:
        """What the preview says of its last build (waiting while it starts again)."""
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.address}/__preview__/build", timeout=5) as got:
                    return dict(json.loads(got.read()))
            except urllib.error.URLError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def wait(self, after: str = "", timeout: float = 120) -> dict[str, object]:
        """Wait for a finished build other than `after`, with no save waiting; return it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the preview stopped"
            status = self.status()
            if status["id"] != after and not status["building"]:
                time.sleep(0.3)  # a save of the same edit seen late would start a build
                if self.status() == status:
                    return status
            time.sleep(0.05)
        raise AssertionError(f"no build within {timeout} s")

    def printed(self, text: str, timeout: float = 60) -> str:
        """The terminal's line that has `text`, once printed (the terminal is not waited on
        by the preview: its lines may come a little after the build's status)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.terminal):
                if text in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"not printed: {text!r}; printed: {''.join(self.terminal)}")


@contextmanager
def running_preview(
    content: Path,
    root: Path,
    settings: str = "pelicanconf.py",
    first_build: bool = True,
    tool: tuple[str, ...] = ("tools.preview",),
    project: Path = REPO,
) -> Iterator[LivePreview]:
    """A preview of `content` started, its first build done (unless told not to wait);
    `tool`: the module that runs it, and options of its own; `project`: the folder of the
    code it runs (a copy of the project's, for a test that changes it)."""
    process = subprocess.Popen(
        [sys.executable, "-m", *tool[:1], str(content), "-s", settings, *tool[1:],
         "-o", str(root / "output"), "--cache-path", str(root / "cache"), "--port", "0"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**_environment(), "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    address = ""
    terminal: list[str] = []
    for line in process.stdout:
        terminal.append(line)
        found = re.search(r"Previewing on (http://\S+?)/? ", line)
        if found:
            address = found.group(1)
            break
    assert address, "the preview did not start"
    # The terminal's lines are read on, so that the preview never waits on a full pipe.
    reader = threading.Thread(target=follow, args=(process.stdout, terminal), daemon=True)
    reader.start()
    preview = LivePreview(content, root / "output", address, process, terminal)
    try:
        if first_build:
            preview.wait()
        yield preview
    finally:
        process.terminate()
        process.wait(timeout=20)
        reader.join(timeout=5)
        process.stdout.close()


def follow(stream: Iterator[str], lines: list[str]) -> None:
    """Keep each line a stream gives, as it comes."""
    for line in stream:
        lines.append(line)


def _environment() -> dict[str, str]:
    # The news sitemap lists the stories of the two days before the build: both builds
    # take the same moment.
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


# Edits ---------------------------------------------------------------------------------------


def stories(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


def set_header(path: Path, key: str, value: str | None) -> None:
    """Set (or with None remove) one header line of a story, saved as `sed -i` and many
    editors save: a new file beside it, moved over it."""
    head, body = path.read_text("utf-8").split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
    if value is not None:
        lines.insert(1, f"{key}: {value}")
    saving = path.with_name(f"sed{random.randrange(10**6):06d}")
    saving.write_text("\n".join(lines) + "\n\n" + body, "utf-8")
    saving.replace(path)


def header(path: Path, key: str) -> str | None:
    for line in path.read_text("utf-8").split("\n\n", 1)[0].splitlines():
        if line.startswith(f"{key}:"):
            return line.partition(":")[2].strip()
    return None


def edit_title(rng: random.Random, content: Path) -> str:
    story = rng.choice(stories(content))
    set_header(story, "Title", f"{header(story, 'Title')} {rng.choice(['new', 'yeni', 'x'])}")
    return f"title of {story.name}"


def edit_text(rng: random.Random, content: Path) -> str:
    """A paragraph added: the story's pages are written at once, before the build."""
    story = rng.choice(stories(content))
    story.write_text(story.read_text("utf-8") + f"\nA paragraph {rng.randrange(100)}.\n", "utf-8")
    return f"text of {story.name}"


def edit_date(rng: random.Random, content: Path) -> str:
    """A story's date changed in each of its languages (a date of one alone is reported:
    translations carry the date the story was released)."""
    story = rng.choice(stories(content))
    date = f"2016-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d} 10:00"
    for version in story.parent.glob(f"{story.name.split('.')[0]}.*.md"):
        set_header(version, "Date", date)
    return f"date of {story.name}"


def edit_category(rng: random.Random, content: Path) -> str:
    story = rng.choice(stories(content))
    set_header(story, "Category", rng.choice(CATEGORIES))
    return f"category of {story.name}"


def edit_tags(rng: random.Random, content: Path) -> str:
    story = rng.choice(stories(content))
    tags = ", ".join(f"tag {n}" for n in rng.sample(range(8), rng.randrange(0, 4)))
    set_header(story, "Tags", tags or None)
    return f"tags of {story.name}"


def edit_speakers(rng: random.Random, content: Path) -> str:
    story = rng.choice(stories(content))
    chosen = rng.sample(SPEAKER_IDS, rng.randrange(0, 3))
    set_header(story, "Speakers", ", ".join(chosen) or None)
    return f"speakers of {story.name}"


def toggle_translation(rng: random.Random, content: Path) -> str:
    """Remove one language of a story in both, or add the missing one to a story in one."""
    story = rng.choice(stories(content))
    stem, lang = story.name.removesuffix(".md").rsplit(".", 1)
    other = story.with_name(f"{stem}.{'en' if lang == 'az' else 'az'}.md")
    if other.exists():
        other.unlink()
        return f"removed {other.name}"
    text = story.read_text("utf-8")
    other.write_text(text.replace("Title: ", "Title: Translated ", 1), "utf-8")
    return f"added {other.name}"


def add_or_delete_story(rng: random.Random, content: Path) -> str:
    if rng.random() < 0.5:
        story = rng.choice(stories(content))
        stem = story.name.removesuffix(".md").rsplit(".", 1)[0]
        for version in story.parent.glob(f"{stem}.*.md"):
            version.unlink()
        return f"deleted {stem}"
    number = rng.randrange(1000, 9999)
    folder = content / "articles" / "2017"
    folder.mkdir(parents=True, exist_ok=True)
    for lang, title in (("az", "Yeni xəbər"), ("en", "A new story")):
        (folder / f"2017-05-0{number % 9 + 1}-added-{number}.{lang}.md").write_text(
            f"Title: {title} {number}\nDate: 2017-05-0{number % 9 + 1} 09:30\n"
            f"Category: {rng.choice(CATEGORIES)}\nTags: tag {number % 8}\n"
            f"Speakers: {rng.choice(SPEAKER_IDS)}\n\nText of the story {number}.\n",
            "utf-8",
        )
    return f"added story {number}"


def toggle_draft(rng: random.Random, content: Path) -> str:
    story = rng.choice(stories(content))
    drafted = header(story, "Status") == "draft"
    set_header(story, "Status", None if drafted else "draft")
    return f"{'published' if drafted else 'drafted'} {story.name}"


def replace_photo(rng: random.Random, content: Path) -> str:
    """A lead photo replaced by another of a different size: the camera photo, or a
    drawing."""
    if rng.random() < 0.5:
        width = rng.choice((900, 1200, 1500))
        colour = tuple(rng.randrange(256) for _ in range(3))
        Image.new("RGB", (width, 600), colour).save(content / "images" / "camera.jpg", quality=80)
        return f"camera photo now {width} px wide"
    drawing = content / "images" / f"photo-{rng.randrange(8)}.svg"
    width = rng.choice((120, 160, 240))
    drawing.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="90">'
        f'<rect width="{width}" height="90" fill="#{rng.randrange(0xFFFFFF):06x}"/></svg>\n',
        "utf-8",
    )
    return f"{drawing.name} now {width} px wide"


def link_to_another(rng: random.Random, content: Path) -> str:
    """A link to another story by its file: the page shows that story's address, wherever
    a later edit moves it (a date) or whether it is there at all."""
    story, other = rng.sample(stories(content), 2)
    target = other.relative_to(content).as_posix()
    text = story.read_text("utf-8") + f"\nSee [another story]({{filename}}/{target}).\n"
    story.write_text(text, "utf-8")
    return f"{story.name} links to {other.name}"


EDITS: tuple[Callable[[random.Random, Path], str], ...] = (
    edit_title,
    edit_text,
    edit_date,
    edit_category,
    edit_tags,
    edit_speakers,
    toggle_translation,
    add_or_delete_story,
    toggle_draft,
    replace_photo,
    link_to_another,
)


# The test -----------------------------------------------------------------------------------


def corpus(folder: Path) -> Path:
    """A small corpus of the benchmark's kind, one story with a camera photo."""
    content = folder / "content"
    write_corpus(content, STORIES)
    Image.new("RGB", (1500, 1000), (40, 90, 160)).save(content / "images" / "camera.jpg")
    first = stories(content)[0]
    set_header(first, "Image", "images/camera.jpg")
    set_header(first, "Image-Alt", "A training room")
    return content


def differences(ours: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    only_ours = sorted(set(ours) - set(clean))
    only_clean = sorted(set(clean) - set(ours))
    changed = sorted(name for name in set(ours) & set(clean) if ours[name] != clean[name])
    return (
        [f"only in the preview: {name}" for name in only_ours]
        + [f"only in the clean build: {name}" for name in only_clean]
        + [f"different: {name}" for name in changed]
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_through_the_preview_give_the_clean_build(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _environment()["SOURCE_DATE_EPOCH"])
    content = corpus(tmp_path / "live")
    rng = random.Random(seed)
    with running_preview(content, tmp_path / "live") as preview:
        done = []
        last = str(preview.status()["id"])
        for step in range(STEPS):
            done.append(rng.choice(EDITS)(rng, content))
            last = str(preview.wait(after=last)["id"])
            clean = tmp_path / f"clean-{step}"
            shutil.copytree(content, clean / "content")
            site = build_site(clean / "content", clean / "output", PORT=preview.port)
            assert site.failure is None
            found = differences(folder_files(preview.output), folder_files(site.output))
            assert found == [], f"after {'; '.join(done)}"
            shutil.rmtree(clean)
        # Most edits bring the site up to date in place, without a whole build.
        in_place = sum("→ updated in place" in line for line in preview.terminal)
        print(f"seed {seed}: {in_place} of {STEPS} edits in place")
        assert in_place >= STEPS // 2


def story_page(preview: LivePreview, story: Path) -> BeautifulSoup:
    """The page of a story of the corpus, parsed."""
    return BeautifulSoup(story_page_file(preview, story).read_bytes(), "html.parser")


def story_page_file(preview: LivePreview, story: Path) -> Path:
    """The file of a story's page (its title's words make its slug)."""
    pages = [
        page
        for page in preview.output.glob(f"{story.name.rsplit('.', 2)[1]}/*/*/*/index.html")
        if story.name.split(".")[0][-5:] in page.parent.name
    ]
    assert len(pages) == 1, pages
    return pages[0]


def test_a_save_in_place_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    story = stories(content)[3]
    with running_preview(content, tmp_path) as preview:
        before = {path: path.stat().st_mtime_ns for path in preview.output.rglob("*.html")}
        set_header(story, "Tags", "a tag of its own")
        preview.wait(after=str(preview.status()["id"]))
        preview.printed("→ updated in place")
        page = story_page_file(preview, story)
        changed = [  # written again, or removed (a tag page no story has now)
            path
            for path, time in before.items()
            if not path.exists() or path.stat().st_mtime_ns != time
        ]
        assert page in changed
        # The story's pages, the listings it was and is on: not the others.
        assert 0 < len(changed) < len(before) // 3, len(changed)


def test_saves_during_a_build_are_queued_not_lost(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    first, second = stories(content)[0], stories(content)[2]
    with running_preview(content, tmp_path, first_build=False) as preview:
        # A save while the first build runs (the old preview never saw it)…
        while not preview.status()["building"]:
            time.sleep(0.01)
        set_header(first, "Title", "Saved during the first build 00000")
        assert preview.status()["building"]
        preview.wait()
        # … and two saves, the second while the build of the first runs.
        last = str(preview.status()["id"])
        set_header(first, "Tags", "during")
        while preview.status()["id"] == last and not preview.status()["building"]:
            time.sleep(0.01)
        set_header(second, "Title", f"Saved during a rebuild {second.name.split('.')[0][-5:]}")
        preview.wait(after=last)
        assert "Saved during the first build" in story_page(preview, first).h1.text
        assert "Saved during a rebuild" in story_page(preview, second).h1.text


def events(preview: LivePreview, until: Callable[[list[tuple[str, dict[str, Any]]]], bool]
           ) -> list[tuple[str, dict[str, Any]]]:  # fmt: skip
    """The preview's server-sent events, read until `until` holds for those read so far."""
    read: list[tuple[str, dict[str, Any]]] = []
    with urllib.request.urlopen(f"{preview.address}/__preview__/events", timeout=60) as stream:
        event = ""
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                read.append((event, json.loads(line.removeprefix("data: "))))
                if until(read):
                    return read
    raise AssertionError(f"the events ended: {read}")


def test_a_saved_story_is_shown_before_the_build_ends(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    story = stories(content)[1]
    with running_preview(content, tmp_path) as preview:
        last = str(preview.status()["id"])
        pages = [story_page(preview, story), story_page(preview, stories(content)[0])]
        saved = threading.Timer(
            0.5, lambda: story.write_text(story.read_text("utf-8") + "\nAdded.\n", "utf-8")
        )
        saved.start()
        read = events(preview, lambda read: read[-1][0] == "build" and read[-1][1]["id"] != last)
        saved.join()
        kinds = [kind for kind, _ in read]
        # The saved story's pages, heard of before the build ended.
        assert kinds.count("pages") == 1, read
        assert kinds[kinds.index("pages") + 1] == "building", read  # the build still runs
        assert "build" not in kinds[1:-1], read
        written = read[kinds.index("pages")][1]["pages"]
        urls = {page.find("link", rel="canonical")["href"] for page in pages}
        assert {f"/{url}" for url in written} == urls
        assert "Added." in story_page(preview, story).get_text()


def test_a_save_written_in_two_parts_ends_as_the_whole_file(tmp_path: Path) -> None:
    # The preview takes a batch once saves are quiet for 10 ms: a save that pauses longer
    # is seen half written, and then whole.
    content = corpus(tmp_path)
    story = stories(content)[1]
    text = story.read_text("utf-8") + "\nThe second part of the save.\n"
    with running_preview(content, tmp_path) as preview:
        last = str(preview.status()["id"])
        with story.open("w", encoding="utf-8") as saving:
            saving.write(text[: len(text) // 3])
            saving.flush()
            time.sleep(0.2)
            saving.write(text[len(text) // 3 :])
        status = preview.wait(after=last)
        builds = [int(str(build_id).rsplit("-", 1)[1]) for build_id in (last, status["id"])]
        assert builds[1] >= builds[0] + 2  # the half-written file was built, then the whole
        assert status["problems"] == []
        assert "The second part of the save." in story_page(preview, story).get_text()


def test_a_mistake_is_shown_and_the_last_good_page_stays(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    story = stories(content)[0]
    with running_preview(content, tmp_path) as preview:
        before = story_page(preview, story)
        set_header(story, "Date", "2015-02-30 10:00")
        status = preview.wait(after=str(preview.status()["id"]))
        shown = display_path(story, content)
        assert status["problems"] == [
            f"ERROR: {shown}:2: 'Date: 2015-02-30 10:00' is not a real date — write it as "
            "YYYY-MM-DD HH:MM, e.g. 2023-10-27 11:00"
        ]
        assert story_page(preview, story).h1 == before.h1
        # The terminal says it too, where the file is and how to mend it.
        said = preview.printed(f"{shown}:2: 'Date: 2015-02-30 10:00' is not a real date")
        assert "ERROR" in said
        assert said.rstrip().endswith("write it as YYYY-MM-DD HH:MM, e.g. 2023-10-27 11:00")
        set_header(story, "Date", "2015-01-05 10:00")
        set_header(story, "Title", "Mended 00000")
        status = preview.wait(after=str(status["id"]))
        assert status["problems"] == []
        assert "Mended" in story_page(preview, story).h1.text


def test_a_changed_settings_file_starts_the_preview_again(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n", "utf-8"
    )
    with running_preview(content, tmp_path, str(settings)) as preview:
        started = str(preview.status()["id"]).rpartition("-")[0]
        settings.write_text(settings.read_text("utf-8") + "SEARCH = {**SEARCH, 'enabled': False}\n")
        deadline = time.monotonic() + 60
        while str(preview.status()["id"]).rpartition("-")[0] == started:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        preview.wait()
        assert not (preview.output / "en" / "search" / "index.html").exists()


def test_a_changed_template_is_on_every_page(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(theme)!r}\n",
        "utf-8",
    )
    with running_preview(content, tmp_path, str(settings)) as preview:
        footer = theme / "templates" / "partials" / "footer.html"
        footer.write_text(
            footer.read_text("utf-8") + '<p id="edited">An edited template</p>\n', "utf-8"
        )
        preview.wait(after=str(preview.status()["id"]))
        pages = [
            BeautifulSoup(page.read_bytes(), "html.parser")
            for page in preview.output.rglob("*.html")
        ]
        with_footer = [page for page in pages if page.find("footer")]
        assert len(with_footer) > 2 * STORIES  # each story in its languages, the listings
        assert all(page.find(id="edited") for page in with_footer)


@pytest.mark.parametrize(
    ("registry", "before", "after"),
    [
        ("speakers.yml", "Speaker 03 Aliyev", "Speaker 03 Renamed"),
        ("contacts.yml", "Nigar Aliyeva", "Nigar Renamed"),
    ],
)
def test_a_changed_registry_is_on_the_stories_that_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: str, before: str, after: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _environment()["SOURCE_DATE_EPOCH"])
    content = corpus(tmp_path / "live")
    shutil.copy(REPO / "content" / "contacts.yml", content / "contacts.yml")
    story = next(path for path in stories(content) if path.name.endswith(".en.md"))
    set_header(story, "Speakers", "speaker-03")
    set_header(story, "Contacts", "nigar-aliyeva")
    with running_preview(content, tmp_path / "live") as preview:
        assert before in story_page(preview, story).get_text()
        file = content / registry
        file.write_text(file.read_text("utf-8").replace(before, after), "utf-8")
        preview.wait(after=str(preview.status()["id"]))
        shown = story_page(preview, story).get_text()
        assert after in shown
        assert before not in shown
        # The same site as a clean build of the same content.
        clean = tmp_path / "clean"
        shutil.copytree(content, clean / "content")
        site = build_site(clean / "content", clean / "output", PORT=preview.port)
        assert site.failure is None
        assert differences(folder_files(preview.output), folder_files(site.output)) == []


def test_changed_site_code_starts_the_preview_again_with_it(tmp_path: Path) -> None:
    # The preview of a copy of the project: its code is changed here, not the project's.
    project = tmp_path / "project"
    for name in ("plugins", "tools", "theme"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pelicanconf.py", project)
    content = corpus(tmp_path)
    with running_preview(content, tmp_path, project=project) as preview:
        started = str(preview.status()["id"]).rpartition("-")[0]
        code = project / "plugins" / "newsroom" / "__init__.py"
        code.write_text(
            code.read_text("utf-8")
            + '\nimport logging\n\nlogging.getLogger(__name__).warning("The changed code runs")\n',
            "utf-8",
        )
        preview.printed("the settings or the site's code changed: starting again")
        deadline = time.monotonic() + 60
        while str(preview.status()["id"]).rpartition("-")[0] == started:  # the same address
            assert time.monotonic() < deadline
            time.sleep(0.1)
        preview.printed("The changed code runs")
        status = preview.wait()
        assert status["problems"] == []
        assert asked(preview.address + "/en/") == 200


@pytest.mark.parametrize("whole_group", [False, True], ids=["preview", "terminal"])
def test_ctrl_c_ends_the_preview_and_its_waiting_build_quietly(
    tmp_path: Path, whole_group: bool
) -> None:
    # After a build, its process waits for the next save. Ctrl-C in a terminal reaches
    # every process of the preview; a SIGINT may also reach the preview alone. What it
    # says goes to a file, as when it runs in the background.
    content = corpus(tmp_path)
    said = tmp_path / "said.log"
    with said.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.preview", str(content), "-o", str(tmp_path / "output"),
             "--cache-path", str(tmp_path / "cache"), "--port", "0"],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            env={**_environment(), "PYTHONUNBUFFERED": "1"}, start_new_session=True,
            # As a terminal starts it: a shell starts background jobs (the suite, maybe)
            # with SIGINT ignored, and what they start would inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while "Done: Processed" not in said.read_text():
            assert time.monotonic() < deadline, said.read_text()
            time.sleep(0.1)
        time.sleep(1)  # the build's process is waiting for a save
        if whole_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert "Traceback" not in said.read_text()


def asked(url: str, method: str = "GET", **headers: str) -> int:
    """The status a request to the preview gets."""
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def test_the_preview_answers_its_own_address_and_pages_only(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    with running_preview(content, tmp_path) as preview:
        port = preview.address.rsplit(":", 1)[1]
        elsewhere = {"Host": f"elsewhere.example:{port}"}
        other_page = {"Origin": "http://elsewhere.example"}
        # The unpublished site, the build's news and the script: not to another site's
        # name pointed at 127.0.0.1 (DNS rebinding), nor to another site's pages.
        for path in (
            "/",
            "/en/",
            "/__preview__/build",
            "/__preview__/events",
            "/__preview__/live.js",
        ):
            assert asked(preview.address + path, **elsewhere) == 403, path
            assert asked(preview.address + path, **other_page) == 403, path
        assert asked(preview.address + "/", "HEAD", **elsewhere) == 403
        # Its own address, by either name.
        assert asked(preview.address + "/") == 200
        assert asked(preview.address + "/", "HEAD") == 200
        assert asked(preview.address + "/__preview__/build", Host=f"localhost:{port}") == 200


def test_the_preview_s_feeds_and_sitemap_name_the_address_it_serves_at(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    with running_preview(content, tmp_path) as preview:  # on a port of its own, not 8000
        with urllib.request.urlopen(f"{preview.address}/en/feeds/all.atom.xml", timeout=30) as got:
            feed = feedparser.parse(got.read())
        with urllib.request.urlopen(f"{preview.address}/sitemap.xml", timeout=30) as got:
            sitemap = BeautifulSoup(got.read(), "xml")
    assert preview.port != 8000
    assert {link.href for link in feed.feed.links} == {
        f"{preview.address}/en/feeds/all.atom.xml",
        f"{preview.address}/en/",
    }
    assert feed.entries
    assert all(entry.link.startswith(f"{preview.address}/en/") for entry in feed.entries)
    pages = [loc.text for loc in sitemap.find_all("loc")]
    assert pages
    assert all(page.startswith(f"{preview.address}/") for page in pages)


def test_a_second_preview_of_the_same_site_is_refused(tmp_path: Path) -> None:
    content = corpus(tmp_path)
    with running_preview(content, tmp_path, first_build=False):
        second = subprocess.run(
            [sys.executable, "-m", "tools.preview", str(content), "-s", "pelicanconf.py",
             "-o", str(tmp_path / "output"), "--cache-path", str(tmp_path / "cache"),
             "--port", "0"],
            cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert second.returncode == 1
    assert second.stderr.strip().startswith(f"{tmp_path / 'cache'}: another preview of this site")
    assert second.stderr.strip().endswith(
        "stop it, or give this one its own --output and --cache-path"
    )
