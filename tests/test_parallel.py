"""A clean build renders its pages in several processes: the site is the same, byte for byte,
as one process builds it, and what a page's rendering reports is reported and counted as
if it were rendered in the build's own process."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from pelican import signals
from pelican.writers import FileOverwriteFailedError

from benchmarks.corpus import write_corpus
from plugins.common.errors import SettingsError, StopBuild
from plugins.newsroom import shell
from plugins.newsroom.settings import BuildSettings
from plugins.newsroom.workers import (
    Outcome,
    can_fork,
    log_again,
    outcomes,
    plain_record,
    run_in_processes,
)
from tests.conftest import REPO, BuiltSite, build_site, copy_case, fail_feed_item, folder_files

pytestmark = pytest.mark.skipif(not can_fork(2), reason="pages are rendered in forked processes")

STATEMENT = "articles/2023-12-10-statement.en.md"
STATEMENT_URL = "/en/2023/12/statement-on-human-rights-day/"
GOOD_STORY = "/en/2023/10/training-on-childrens-rights-opens/"
MARKER = "Zqx"
BROKEN_LINK = "articles/2024-03-05-extra.en.md"
BROKEN_LINK_STORY = """Title: Extra link
Date: 2024-03-05 10:00
Category: news

And [nowhere](/en/no-such-page/).
"""
FAILED = (
    r"content/articles/2023-12-10-statement\.en\.md: could not be built "
    r"\(ZeroDivisionError: division by zero\) — fix the story, or report the problem if it "
    r"persists$"
)
# What the story template reports of each story as it renders it.
LOGGED = "{{ article.source_path | report_rendering }}"


@pytest.fixture(autouse=True)
def say_where_pages_are_rendered(caplog: pytest.LogCaptureFixture) -> None:
    """Let the writer's debug line through: it says how many processes render the pages."""
    caplog.set_level(logging.DEBUG, logger="plugins.newsroom.writer")
    caplog.set_level(logging.DEBUG, logger="plugins.newsroom.conversions")


def report_rendering(source: str) -> str:
    """A filter that logs an error and a warning about the story being rendered."""
    name = Path(source).name
    logging.getLogger("tests.rendering").error("%s: an error while rendering", name)
    logging.getLogger("tests.rendering").warning("%s: a warning while rendering", name)
    return ""


def story_theme(tmp_path: Path, addition: str) -> Path:
    """A copy of the project's theme with `addition` after every story's headline."""
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    changed = text.replace(
        "<h1>{{ article.title }}</h1>", f"<h1>{{{{ article.title }}}}{addition}</h1>"
    )
    assert changed != text
    template.write_text(changed, encoding="utf-8")
    return theme


def build_twice(content: Path, root: Path, settings: str, **overrides: object) -> list[BuiltSite]:
    """The content built in one process and in two, each into a folder of its own."""
    return [
        build_site(
            content, root / f"{count}" / "output", settings, BUILD={"processes": count}, **overrides
        )
        for count in (1, 2)
    ]


def messages(site: BuiltSite) -> list[tuple[int, str]]:
    """Every message of a build at INFO or above, with its level, output folders left out."""
    folder = str(site.output.parent.parent)
    return [
        (record.levelno, record.getMessage().replace(f"{site.output.parent}", folder))
        for record in site.records
        if record.levelno >= logging.INFO
    ]


def rendering_processes(site: BuiltSite) -> list[str]:
    """What a build said of the processes its pages were rendered, and its sources
    converted, in (nothing: its own)."""
    said = ("Rendering ", "Converting ")
    return [r.getMessage() for r in site.records if r.getMessage().startswith(said)]


def assert_same_builds(one: BuiltSite, two: BuiltSite) -> None:
    """Two builds, in one process and in two, wrote the same files, byte for byte, and
    reported the same."""
    assert rendering_processes(one) == []
    said = rendering_processes(two)
    # Sources are converted once; each generator's pages are rendered when it has asked for
    # them all.
    assert [m.split()[0] for m in said] == ["Converting"] + ["Rendering"] * (len(said) - 1)
    assert len(said) >= 2
    assert all(m.endswith(" in 2 processes") for m in said)
    assert one.failure == two.failure
    first, second = folder_files(one.output), folder_files(two.output)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert messages(one) == messages(two)
    manifests = [(site.output.parent / "manifest.json").read_bytes() for site in (one, two)]
    assert manifests[0] == manifests[1]


def test_the_sample_site_is_the_same_built_in_one_process_or_two(tmp_path: Path) -> None:
    one, two = build_twice(REPO / "content", tmp_path, "publishconf.py")
    assert one.failure is None
    assert_same_builds(one, two)


def test_a_corpus_is_the_same_built_in_one_process_or_two(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_corpus(content, 300)
    one, two = build_twice(content, tmp_path, "publishconf.py")
    assert len(list(one.output.rglob("*.html"))) > 600
    assert_same_builds(one, two)


def test_a_file_a_story_attaches_is_moved_beside_it_in_two_processes(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    shutil.copy(content / "images" / "training.svg", content / "images" / "room.svg")
    story = content / "articles" / "2024-03-01-english-only.en.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(f"{text}\n\n![A room]({{attach}}../images/room.svg)\n", encoding="utf-8")
    one, two = build_twice(content, tmp_path, "publishconf.py")
    assert (two.output / "en/2024/03/only-in-english/room.svg").is_file()
    assert not (two.output / "images/room.svg").exists()
    assert_same_builds(one, two)


def test_the_feeds_and_the_link_check_made_beside_the_pages_report_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A broken link, and a story whose feed item cannot be made.
    fail_feed_item(monkeypatch, STATEMENT)
    content = copy_case("basic", tmp_path / "content", {BROKEN_LINK: BROKEN_LINK_STORY})
    one, two = build_twice(content, tmp_path, "pelicanconf.py")
    assert two.messages(logging.ERROR) == [
        f"content/{STATEMENT}: could not be put in the feeds (RuntimeError: no item today) — "
        "fix the story, or report the problem if it persists",
        f"content/{BROKEN_LINK}:5: the link /en/no-such-page/ leads to no page of the site — "
        "fix the address or remove the link",
    ]
    assert_same_builds(one, two)


def test_the_site_files_a_rendering_process_could_not_make_are_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = os.getpid()
    render_robots = shell.render_robots

    def only_here(base_url: str) -> bytes:
        if os.getpid() != here:
            raise RuntimeError("not made in a rendering process")
        return render_robots(base_url)

    monkeypatch.setattr(shell, "render_robots", only_here)
    content = copy_case("basic", tmp_path / "content", {BROKEN_LINK: BROKEN_LINK_STORY})
    one, two = build_twice(content, tmp_path, "pelicanconf.py")
    assert (two.output / "robots.txt").is_file()
    assert len(two.messages(logging.ERROR)) == 1  # the broken link, reported once
    assert_same_builds(one, two)


@pytest.mark.parametrize(
    "overlay",
    [
        "empty_file",
        "header_typo",
        "impossible_date",
        "missing_title",
        "not_utf8",
        "static_link_outside",
        "unknown_speaker",
    ],
)
def test_sources_converted_in_two_processes_report_as_in_one(tmp_path: Path, overlay: str) -> None:
    content = copy_case("basic", tmp_path / "content", {}, f"bad_input/{overlay}")
    one, two = build_twice(content, tmp_path, "publishconf.py")
    assert one.messages(logging.WARNING) != []
    assert_same_builds(one, two)


HOSTILE = """Title: Hostile
Date: 2024-03-02 10:00
Category: news
Summary: See [the key]({static}/../../summary-key) and <img src="//cdn.example.org/s.png">
Image: ../../outside.jpg
Image-Alt: A view

A link [out]({static}/../../etc/passwd) and an image from elsewhere:

![A chart](https://example.org/chart.png)

<script>alert(1)</script>
"""


def test_a_source_confined_and_sanitised_in_a_process_reports_and_reads_as_in_one(
    tmp_path: Path,
) -> None:
    story = "articles/2024-03-02-hostile.en.md"
    content = copy_case("basic", tmp_path / "content", {story: HOSTILE})
    one, two = build_twice(content, tmp_path, "publishconf.py")
    shown = f"content/{story}"
    # The text's findings, then the summary's, the header's and the images, in their lines.
    assert [message.split(": ", 1)[0] for message in two.messages()] == [
        f"{shown}:8",
        f"{shown}:4",
        f"{shown}:5",
        f"{shown}:10",
        f"{shown}:4",
    ]
    page = two.html("/en/2024/03/hostile/")
    text = str(page.select_one("main"))
    assert "passwd" not in text
    assert "<script" not in text
    assert_same_builds(one, two)


def test_a_source_too_slow_to_convert_in_a_process_is_reported_as_in_one(tmp_path: Path) -> None:
    header = "Title: Slow\nDate: 2023-10-30 10:00\nCategory: news\n\n"
    slow = header + "\n\n".join(["[" * 150] * 2000) + "\n"
    content = copy_case("basic", tmp_path / "content", {"articles/2023-10-30-slow.en.md": slow})
    one, two = build_twice(content, tmp_path, "publishconf.py", CHECKS={"timeout": 0.2})
    assert two.messages() == [
        "content/articles/2023-10-30-slow.en.md:1: the text took more than 0.2 seconds to "
        "convert — split it, or simplify its Markdown (CHECKS['timeout'] sets the limit)"
    ]
    assert two.exists(GOOD_STORY)
    assert_same_builds(one, two)


def test_a_story_that_fails_in_a_rendering_process_is_named_and_the_others_are_built(
    tmp_path: Path,
) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    statement = content / STATEMENT
    statement.write_text(
        statement.read_text(encoding="utf-8").replace("Title: ", f"Title: {MARKER} ", 1),
        encoding="utf-8",
    )
    theme = story_theme(tmp_path, "{{ (1 / 0) if '" + MARKER + "' in article.title }}")
    one, two = build_twice(content, tmp_path, "publishconf.py", THEME=str(theme))
    assert two.failure is not None
    assert two.failure.startswith("Build failed: 1 error and 0 warnings")
    errors = two.messages(logging.ERROR)
    assert len(errors) == 1, errors
    assert re.match(FAILED, errors[0]), errors
    assert not [record for record in two.records if record.exc_info]
    assert not two.exists(STATEMENT_URL)
    assert two.exists(GOOD_STORY)
    assert_same_builds(one, two)


def test_what_a_rendering_process_logs_is_counted_in_the_summary(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    theme = story_theme(tmp_path, LOGGED)
    filters = {"report_rendering": report_rendering}
    one, two = build_twice(
        content, tmp_path, "publishconf.py", THEME=str(theme), JINJA_FILTERS=filters
    )
    logged = [r for r in two.records if r.name == "tests.rendering"]
    assert logged
    assert {record.process for record in logged} != {os.getpid()}  # logged elsewhere
    errors = len([r for r in logged if r.levelno == logging.ERROR])
    assert two.failure is not None
    assert two.failure.startswith(f"Build failed: {errors} errors and {errors} warnings")
    assert_same_builds(one, two)


def test_a_preview_renders_the_whole_site_in_processes_and_an_edit_in_its_own(
    tmp_path: Path,
) -> None:
    """A preview's first build renders every page: in two processes, the same as in one.
    After an edit, the few pages that show it are rendered in the build's own process."""
    content = tmp_path / "content"
    write_corpus(content, 60)
    one, two = build_twice(content, tmp_path, "pelicanconf.py")
    assert_same_builds(one, two)
    written = {page: page.stat().st_mtime_ns for page in two.html_files()}
    story = sorted((content / "articles").rglob("*.en.md"))[3]
    story.write_text(story.read_text("utf-8").replace("Title: ", "Title: Edited ", 1), "utf-8")
    again = build_site(content, two.output, "pelicanconf.py", BUILD={"processes": 2})
    assert again.failure is None
    assert rendering_processes(again) == []
    headlines = [again.html(again.url_of(page)).h1 for page in again.html_files()]
    assert any("Edited" in headline.text for headline in headlines if headline is not None)
    # The fingerprints the rendering processes made hold: the pages that do not show the
    # story are kept as they were.
    kept = [page for page in again.html_files() if page.stat().st_mtime_ns == written.get(page)]
    assert len(kept) > 0.8 * len(written)


def test_a_record_is_sent_with_its_message_and_traceback() -> None:
    lock = threading.Lock()  # an argument that cannot be sent to another process
    try:
        _ = 1 / 0
    except ZeroDivisionError:
        record = logging.getLogger("tests.rendering").makeRecord(
            "tests.rendering", logging.ERROR, __file__, 1, "%s: %r", ("x.md", lock), sys.exc_info()
        )
    record.limit_msg, record.limit_args = "%d more", (3,)
    sent = pickle.loads(pickle.dumps(plain_record(record)))
    assert sent.getMessage() == record.getMessage()
    assert (sent.levelno, sent.name, sent.limit_msg, sent.limit_args) == (
        logging.ERROR, "tests.rendering", "%d more", (3,),
    )  # fmt: skip
    assert "ZeroDivisionError" in sent.exc_text
    assert sent.exc_info is None


@pytest.mark.parametrize("processes", [1, 2])
def test_two_pages_for_one_file_are_refused(tmp_path: Path, processes: int) -> None:
    content = copy_case("basic", tmp_path / "content", {"extra.html": "<p>Extra</p>"})
    taken = GOOD_STORY.strip("/") + "/index.html"  # a story's page, written first
    with pytest.raises(FileOverwriteFailedError, match="a second time"):
        build_site(
            content,
            tmp_path / "output",
            "publishconf.py",
            BUILD={"processes": processes},
            TEMPLATE_PAGES={"extra.html": taken},
        )


def test_a_process_that_dies_stops_the_build_after_the_work_before_it(tmp_path: Path) -> None:
    build = os.getpid()
    started = tmp_path / "started"

    def work(index: int) -> Outcome:
        if os.getpid() != build:
            started.write_text(str(index))
            os._exit(3)  # as a process killed while it works
        # The build's own piece lasts until the forked process has taken one.
        wait_for(started)
        return Outcome(index, value=index * 10)

    taken: list[int] = []
    with pytest.raises(StopBuild, match=r"stopped unexpectedly \(exit status 3\)"):
        run_in_processes(8, 2, work, lambda outcome: taken.append(outcome.value))
    # Usually the build takes the first piece and the forked process the second; on a busy
    # machine the forked process may come first. Either way every piece before the lost
    # one is handed on, and none after it.
    lost = int(started.read_text())
    assert lost in (0, 1)
    assert taken == [index * 10 for index in range(lost)]


def wait_for(path: Path) -> bool:
    """Whether a file appears within ten seconds."""
    for _ in range(200):
        if path.exists():
            return True
        threading.Event().wait(0.05)
    return False


def share_with_a_slow_copy(build: int, started: Path) -> None:
    """At the start of each piece: a forked copy says it has begun (at `started`) and goes
    slower than the build (`build`, its process), which waits until the copy has begun."""
    if os.getpid() != build:
        started.touch()
        threading.Event().wait(0.05)
    else:
        wait_for(started)


def test_the_build_s_own_process_does_the_work_it_would_wait_for(tmp_path: Path) -> None:
    # Two processes: the build's and one forked copy. The build does the next piece nobody
    # has taken whenever no outcome is there to take, rather than wait.
    build = os.getpid()
    started = tmp_path / "started"

    def work(index: int) -> Outcome:
        share_with_a_slow_copy(build, started)
        return Outcome(index, value=os.getpid())

    done: list[int] = []
    run_in_processes(12, 2, work, lambda outcome: done.append(outcome.value))
    assert len(done) == 12
    assert build in done
    assert len(set(done) - {build}) == 1


def test_what_the_build_s_own_share_logs_is_shown_in_the_order_of_the_pieces(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Each piece warns once, in whichever process does it: every warning is shown once, when
    # its piece is taken. Pelican's filter of repeated messages sees those the build logs
    # as they are logged, and must not take them for repeats when they are shown.
    build = os.getpid()
    started = tmp_path / "started"
    pieces = logging.getLogger("tests.parallel.pieces")

    def work(index: int) -> Outcome:
        share_with_a_slow_copy(build, started)
        pieces.warning("piece %d: a warning", index)
        return Outcome(index, value=os.getpid())

    done: list[int] = []

    def take(outcome: Outcome) -> None:
        log_again(outcome.records)
        done.append(outcome.value)

    with caplog.at_level(logging.WARNING, logger="tests.parallel.pieces"):
        run_in_processes(8, 2, work, take)
    assert build in done
    assert len(set(done)) == 2
    shown = [r.getMessage() for r in caplog.records if r.name == "tests.parallel.pieces"]
    assert shown == [f"piece {index}: a warning" for index in range(8)]


def test_each_outcome_is_taken_while_the_later_work_is_still_being_done(
    tmp_path: Path,
) -> None:
    # The later pieces wait for a file this process writes only once it holds the first
    # outcome: the build reads a source while the processes convert the next ones.
    go = tmp_path / "go"

    build = os.getpid()

    def work(index: int) -> Outcome:
        # The build itself takes its next outcome once its own piece is done.
        if index >= 2 and os.getpid() != build and not wait_for(go):
            return Outcome(index, value="waited in vain")
        return Outcome(index, value=f"piece {index}")

    each = outcomes(4, 2, work)
    assert next(each).value == "piece 0"
    assert next(each).value == "piece 1"
    go.touch()
    assert [outcome.value for outcome in each] == ["piece 2", "piece 3"]


def test_the_last_piece_is_taken_up_first_and_handed_over_last(tmp_path: Path) -> None:
    # The build's longest piece (its feeds, beside a generator's pages) starts at once; the
    # build still takes the outcomes in order, without holding every page until it ends.
    started = tmp_path / "started"
    build = os.getpid()

    def work(index: int) -> Outcome:
        with started.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {index}\n")
        return Outcome(index, value=index)

    taken: list[int] = []
    run_in_processes(6, 2, work, lambda outcome: taken.append(outcome.value), last_first=True)
    assert taken == [0, 1, 2, 3, 4, 5]
    pieces = [line.split() for line in started.read_text(encoding="utf-8").splitlines()]
    # The forked process begins with it; the build's own process never takes it up.
    assert next(int(index) for pid, index in pieces if int(pid) != build) == 5
    assert "5" not in [index for pid, index in pieces if int(pid) == build]
    assert sorted(int(index) for _, index in pieces) == [0, 1, 2, 3, 4, 5]


def running(pid: int) -> bool:
    """Whether a process runs (a zombie, ended and not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's prctl")
def test_a_build_killed_outright_takes_its_processes_with_it(tmp_path: Path) -> None:
    # One process may be writing the feeds: it must not write on into the output folder.
    started = tmp_path / "started"

    def work(index: int) -> Outcome:
        with started.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        threading.Event().wait(60)  # as a long piece of work
        return Outcome(index)

    def build() -> None:
        next(outcomes(4, 3, work))

    forking = multiprocessing.get_context("fork")
    process = forking.Process(target=build)
    process.start()
    for _ in range(200):  # the build's process and two forked ones
        if started.exists() and len(started.read_text().split()) == 3:
            break
        threading.Event().wait(0.05)
    workers = [int(pid) for pid in started.read_text().split() if int(pid) != process.pid]
    assert len(workers) == 2
    assert all(running(pid) for pid in workers)
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    for _ in range(200):
        if not any(running(pid) for pid in workers):
            break
        threading.Event().wait(0.05)
    assert not any(running(pid) for pid in workers)


def test_closing_the_outcomes_early_stops_the_processes() -> None:
    build = os.getpid()

    def work(index: int) -> Outcome:
        if index and os.getpid() != build:
            threading.Event().wait(60)  # a piece nobody takes
        return Outcome(index, value=os.getpid())

    each = outcomes(4, 3, work)
    next(each)
    assert len([c for c in multiprocessing.active_children() if c.name.startswith("build-")]) == 2
    each.close()
    assert not any(child.is_alive() for child in multiprocessing.active_children())


def test_a_build_in_another_thread_or_a_daemonic_process_stays_in_its_own() -> None:
    assert can_fork(2)
    assert not can_fork(1)
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append(can_fork(2)))
    thread.start()
    thread.join()
    assert seen == [False]
    results = multiprocessing.get_context("fork").SimpleQueue()
    daemon = multiprocessing.get_context("fork").Process(
        target=lambda: results.put(can_fork(2)), daemon=True
    )
    daemon.start()
    daemon.join()
    assert results.get() is False


@pytest.mark.parametrize(
    ("value", "processes"),
    [(None, None), (1, 1), (4, 4)],
)
def test_build_processes_are_read(value: int | None, processes: int | None) -> None:
    settings = BuildSettings.from_settings({"BUILD": {"processes": value}})
    assert settings.processes == processes
    assert settings.process_count == (processes or len(os.sched_getaffinity(0)))


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"processes": 0}, "BUILD['processes']: 0 must be a whole number, 1 or more"),
        ({"processes": "2"}, "BUILD['processes']: '2' must be a whole number"),
        ({"processes": True}, "BUILD['processes']: True must be a whole number"),
        ({"process": 2}, "BUILD['process']: unknown key — known keys: processes"),
    ],
)
def test_wrong_build_settings_stop_the_build(raw: dict[str, object], problem: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(problem)):
        BuildSettings.from_settings({"BUILD": raw})


def test_a_build_leaves_what_it_made_out_of_the_collector_s_reach_until_the_next(
    tmp_path: Path,
) -> None:
    # Python's collections at exit skip frozen objects: the stories are not walked again.
    build_site(REPO / "content", tmp_path / "a" / "output", BUILD={"processes": 1})
    assert gc.get_freeze_count() > 0
    seen: list[int] = []

    def look(generator: object) -> None:
        seen.append(gc.get_freeze_count())

    signals.article_generator_init.connect(look)
    try:
        build_site(REPO / "content", tmp_path / "b" / "output", BUILD={"processes": 1})
    finally:
        signals.article_generator_init.disconnect(look)
    assert seen == [0]  # given back to the collector as the next build started


def test_what_was_imported_before_the_plugins_is_out_of_the_collector_s_reach() -> None:
    # Importing the plugins sets off a full collection, which would walk every module.
    code = "import gc, pelican, plugins.newsroom; print(gc.get_freeze_count())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert int(done.stdout) > 10_000


def test_what_was_read_is_out_of_the_collector_s_reach_while_the_model_is_completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full collection then would walk every story read: on one core, before any page.
    seen: list[int] = []
    localise = shell.localise_taxonomy

    def look(article: Any, languages: Any) -> None:
        seen.append(gc.get_freeze_count())
        localise(article, languages)

    monkeypatch.setattr(shell, "localise_taxonomy", look)
    build_site(REPO / "content", tmp_path / "output", BUILD={"processes": 2})
    assert seen
    assert all(count > 0 for count in seen)


def test_the_build_s_objects_stay_out_of_the_collector_s_reach_while_it_works_and_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full collection walks every object: the build's own share of the pages, and its
    # finishing, walk only what they make.
    gc.unfreeze()
    build = os.getpid()
    frozen: list[int] = []

    def work(index: int) -> Outcome:
        if os.getpid() == build:
            frozen.append(gc.get_freeze_count())
        return Outcome(index)

    run_in_processes(4, 2, work, lambda outcome: None)
    assert frozen
    assert all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0  # given back once the work is done

    finishing: list[int] = []
    finish = shell.finish

    def look_then_finish(build: object) -> None:
        finishing.append(gc.get_freeze_count())
        finish(build)

    monkeypatch.setattr(shell, "finish", look_then_finish)
    build_site(REPO / "content", tmp_path / "output", BUILD={"processes": 1})
    assert len(finishing) == 1
    assert finishing[0] > 0
