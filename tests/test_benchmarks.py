"""The benchmark's own logic: its corpora, the marked title a preview save writes, the memory
of a build's processes and the targets' verdicts. Nothing here is timed."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from benchmarks.corpus import (
    edit_one_story,
    mark_story,
    plan,
    story_file,
    tag_story,
    write_corpus,
)
from benchmarks.run import (
    Sample,
    Samples,
    Target,
    measure,
    page_of,
    process_tree,
    reset,
    save_times,
    scaling_targets,
    table,
    targets,
)

MIB = 2**20


@pytest.mark.parametrize("stories", [200, 2000])
def test_tags_corpus_uses_200_tags_and_24_speakers(stories: int) -> None:
    specs = plan(stories, corpus="tags")
    tags = Counter(tag for spec in specs for tag in spec.tags)
    assert len(tags) == 200
    assert len({speaker for spec in specs for speaker in spec.speakers}) == 24
    assert {len(spec.tags) for spec in specs} == {2, 3, 4, 5}


def test_tags_corpus_has_a_long_tail() -> None:
    counts = sorted(
        Counter(tag for spec in plan(2000, corpus="tags") for tag in spec.tags).values()
    )
    assert counts[-1] > 20 * counts[0]  # the most used tag, against the least used
    assert sum(counts[-10:]) > sum(counts[:100])  # ten tags are used more than half of them


def test_a_corpus_is_the_same_for_the_same_seed() -> None:
    assert plan(300, corpus="tags") == plan(300, corpus="tags")
    assert plan(300, corpus="tags") != plan(300, seed=1, corpus="tags")


def test_standard_corpus_keeps_three_tags_from_30_and_40_speakers(tmp_path: Path) -> None:
    specs = write_corpus(tmp_path, 300)
    assert {len(spec.tags) for spec in specs} == {3}
    assert max(tag for spec in specs for tag in spec.tags) < 30
    assert (tmp_path / "speakers.yml").read_text("utf-8").count("name:") == 40


def test_marking_a_story_changes_only_its_title_and_fixes_its_slug(tmp_path: Path) -> None:
    specs = write_corpus(tmp_path, 20)
    path = story_file(tmp_path, specs[10], specs[10].langs[0])
    before = path.read_text("utf-8").splitlines()
    mark_story(path, "first", "fixed")
    mark_story(path, "second", "fixed")
    after = path.read_text("utf-8").splitlines()
    assert after[0] == before[0] + " [second]"
    assert after[1] == "Slug: fixed"
    assert after[2:] == before[1:]


def test_a_tagged_story_keeps_its_tags_and_only_the_last_new_one(tmp_path: Path) -> None:
    specs = write_corpus(tmp_path, 20)
    path = story_file(tmp_path, specs[10], specs[10].langs[0])
    before = path.read_text("utf-8").splitlines()
    tag_story(path, "bench tag 0")
    tag_story(path, "bench tag 1")
    after = path.read_text("utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    if any(line.startswith("Tags: ") for line in before):
        assert len(changed) == 1
        assert changed[0][1] == f"{changed[0][0]}, bench tag 1"
    else:
        assert after == [before[0], "Tags: bench tag 1", *before[1:]]


def test_an_edited_story_is_put_back_as_it_was(tmp_path: Path) -> None:
    specs = write_corpus(tmp_path, 20)
    original = story_file(tmp_path, specs[10], specs[10].langs[0]).read_text("utf-8")
    edited, before = edit_one_story(tmp_path, specs)
    assert before == original
    assert edited.read_text("utf-8").splitlines()[0].endswith(" (edited)")


def test_a_clean_run_starts_from_nothing_and_earlier_builds_wait_aside(tmp_path: Path) -> None:
    for build in range(2):
        (tmp_path / "newsroom" / "output").mkdir(parents=True)
        (tmp_path / "newsroom" / "output" / "index.html").write_text(str(build), "utf-8")
        reset("newsroom", tmp_path)
        assert not (tmp_path / "newsroom").exists()
    reset("stock", tmp_path)  # nothing built yet: nothing to move
    aside = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("index.html"))
    assert aside == ["set-aside/newsroom-0/output/index.html",
                     "set-aside/newsroom-1/output/index.html"]  # fmt: skip


@pytest.mark.parametrize(
    "page",
    ["az/2015/02/preview-00100/index.html", "preview-00100.html"],
    ids=["newsroom", "stock"],
)
def test_the_preview_finds_the_page_a_build_wrote_for_the_slug(tmp_path: Path, page: str) -> None:
    others = ["az/2015/02/preview-001000/index.html", "preview-001000.html", "en/index.html"]
    for name in [page, *others]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<title>A story</title>", "utf-8")
    assert page_of(tmp_path, "preview-00100") == tmp_path / page


def test_memory_counts_every_process_of_the_build() -> None:
    # The build's main process holds 60 MiB while a child it started holds 120 MiB.
    child = f"import time; data = b'x' * {120 * MIB}; time.sleep(1)"
    parent = (
        f"import subprocess, sys; data = b'y' * {60 * MIB}; "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    sample = measure([sys.executable, "-c", parent], look=True)
    assert sample.largest is not None
    assert sample.total is not None
    assert sample.largest >= 120
    assert sample.total >= 180
    # Looking at the processes took CPU time from them: that run is not timed.
    assert sample.wall is None
    assert sample.cpu is None


def test_a_timed_run_is_not_looked_at_and_its_largest_process_still_counts() -> None:
    child = f"import time; data = b'x' * {120 * MIB}; time.sleep(0.5)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    sample = measure([sys.executable, "-c", parent])
    assert sample.wall is not None
    assert sample.wall >= 0.5
    assert sample.cpu is not None
    assert sample.largest is not None
    assert sample.largest >= 120  # the child, waited for by its parent
    assert sample.total is None


def test_times_come_from_the_timed_runs_and_all_processes_memory_from_the_looked_at() -> None:
    samples: Samples = defaultdict(list)  # as `bench_size` makes them: two timed, one looked at
    samples[("newsroom", "clean")] = [
        Sample(2.0, 3.0, 100.0),
        Sample(4.0, 5.0, 110.0),
        Sample(None, None, 120.0, 150.0),
    ]
    samples[("stock", "clean")] = [
        Sample(4.0, 4.0, 90.0),
        Sample(6.0, 6.0, 90.0),
        Sample(None, None, 100.0, 100.0),
    ]
    row = table({("standard", 200): samples}).splitlines()[2].split(" | ")
    # wall: 3.00 over 5.00; CPU: 4.00 over 5.00; largest: 110 over 90; all: 150 over 100.
    assert row[3:15] == ["3.00", "5.00", "0.60", "4.00", "5.00", "0.80",
                         "110", "90", "1.22", "150", "100", "1.50"]  # fmt: skip


def test_a_process_that_ends_while_its_tree_is_looked_at_ends_the_look_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The race the memory sampler meets: /proc/<pid>/task is there when glob checks it and
    # gone when it lists it (the build's worker ended in between).
    def gone(self: Path, pattern: str) -> list[Path]:
        raise FileNotFoundError(2, "No such file or directory", str(self))

    monkeypatch.setattr(Path, "glob", gone)
    assert process_tree(12345) == [12345]


@pytest.mark.parametrize(
    ("value", "line"),
    [
        (0.5, "- preview: 0.50 s (target ≤ 1.0 s) — met"),
        (1.0, "- preview: 1.00 s (target ≤ 1.0 s) — met"),
        (1.2, "- preview: 1.20 s (target ≤ 1.0 s) — NOT met"),
        (None, "- preview: not measured (target ≤ 1.0 s) — NOT met"),
    ],
)
def test_a_target_says_what_was_measured_and_whether_it_is_met(
    value: float | None, line: str
) -> None:
    assert Target("preview", value, 1.0, " s").line() == line


def test_time_per_story_compares_the_largest_corpus_with_the_smallest() -> None:
    results = {
        ("standard", size): {("newsroom", "clean"): [Sample(wall)]}
        for size, wall in ((200, 2.0), (2000, 30.0), (10000, 120.0))
    }
    (target,) = scaling_targets(results)
    assert target.name.startswith("time per story at 10000 over time per story at 200")
    assert target.value == pytest.approx((120.0 / 10000) / (2.0 / 200))


def test_every_save_is_listed_in_order() -> None:
    results = {
        ("tags", 200): {
            ("newsroom", "preview"): [Sample(2.5, site=2.5), Sample(0.25, site=1.75)],
            ("stock", "preview"): [Sample(0.5, site=0.55)],
        }
    }
    assert save_times(results).splitlines() == [
        "- preview saves, tags, 200 stories, newsroom: 2.50, 0.25 s",
        "  rebuild ended (every page up to date): 2.50, 1.75 s",
        "- preview saves, tags, 200 stories, stock: 0.50 s",
        "  rebuild ended (every page up to date): 0.55 s",
    ]


def test_a_run_of_the_previews_alone_reports_their_targets() -> None:
    """`--runs 0`: no builds measured, so no memory or build targets, only the previews'."""
    samples: Samples = defaultdict(list)  # as `bench_size` makes them
    samples[("newsroom", "preview")] = [Sample(0.1, site=1.8)]
    samples[("stock", "preview")] = [Sample(3.0, site=3.0)]
    report = targets({("standard", 2000): samples})
    assert "save to page, standard, 2000 stories: 0.10 s (target ≤ 0.5 s) — met" in report
    assert "clean build, standard, 2000 stories, wall: not measured" in report
    assert "peak memory" not in report
