"""Build the same corpus with this site and with stock Pelican, alternating; report medians.

    python -m benchmarks.run [--sizes 200,2000,10000] [--runs 3] [--saves 5]
                             [--corpus standard,tags] [--out FILE]

Scenarios, each measured `--runs` times per tool, the tools taking turns:

- clean: no output, no cache;
- warm: again, nothing changed;
- edit: one story's title and text changed since the last build;
- preview: a live preview running (this site's `tools.preview`, stock Pelican's
  `--autoreload`), one story's title is changed `--saves` times, a rebuild and a second
  apart; each save is timed until the story's page shows the new title, and until the
  rebuild that brings every other page up to date has ended; then the story is given a
  new tag `--saves` times (a new tag page, and every listing it is on changes), each save
  timed until that rebuild has ended.

Corpora and builds go into a folder in memory (`/dev/shm`, where the machine has it) unless
`--work` names another: the measure is of the generators, not of the disk. On a disk, the
time to create a file can depend on what was deleted in the minutes before (ext4 without a
journal passes over recently freed inodes when it allocates new ones, one by one), so a
build there can take twice as long after another build's output was removed. For the same
reason, before each clean run a tool's output and cache are moved aside, into the work
folder's `set-aside/`, removed when all runs on a corpus are done, and an edited story is
put back as it was, not by writing the corpus again.

Stock Pelican is Pelican alone (its default theme, no plugins) with its content cache on, on
the same files. Both run from compiled bytecode, as an installed Python does: pip compiled
Pelican's when it installed it, and this site's modules are compiled before the first run
(where PYTHONDONTWRITEBYTECODE is set, every build would otherwise compile them again).

Corpora (`--corpus`, see `benchmarks.corpus`): `standard`, and `tags` with 200 tags and 24
speakers. Reported: median wall time (for the preview, the median time from save to page),
CPU time (user + system) and peak memory (RSS) twice: of the largest single process (the
build's main process or any worker), and of all its processes together, and the ratio of
this site's median to stock Pelican's. The memory of all processes together is looked at
in one more run of the clean, warm and edit scenarios, whose times are not counted: the
looks take CPU time from a build that uses every core, and none from one that uses one.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import (
    CORPORA,
    TAG_MARK,
    StorySpec,
    edit_one_story,
    mark_story,
    story_file,
    tag_story,
    write_corpus,
)

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("clean", "warm", "edit", "preview")
TAG_SAVES = "preview, new tag"  # saves through the preview that change the listings too
TOOLS = ("newsroom", "stock")
MEMORY = Path("/dev/shm")  # a memory filesystem on Linux
SAMPLE_EVERY = 0.025  # seconds between two looks at a build's processes' memory
POLL_EVERY = 0.01  # seconds between two reads of the page a save changes
SETTLE = 1.0  # seconds of quiet after a preview's rebuild before the next save
PATIENCE = 1800.0  # seconds a preview's build may take before the benchmark gives up

# The targets: this site's median over stock Pelican's, except where said.
CLEAN_LIMITS = {200: 1.1, 2000: 0.7, 10000: 0.7}  # clean build, by corpus size
EDIT_LIMIT = 0.5  # rebuild after one edit, 2000 stories
PREVIEW_LIMITS = {2000: 0.5, 10000: 1.0}  # seconds from save to page, by corpus size
PREVIEW_RATIO_LIMIT = 0.1  # save to page, against stock Pelican's --autoreload
LARGEST_LIMIT = 1.5  # peak memory of the largest single process
ALL_LIMIT = 2.5  # peak memory of all the build's processes together
PER_STORY_LIMIT = 1.2  # time per story at the largest size over the smallest (clean)

Samples = dict[tuple[str, str], list["Sample"]]
Results = dict[tuple[str, int], Samples]  # by corpus and size


@dataclass(frozen=True)
class Sample:
    """One measured build, or one save through a preview (its wall time only)."""

    wall: float | None  # seconds (None: a run that looked at memory, not timed)
    cpu: float | None = None  # seconds, user + system, of all the build's processes
    largest: float | None = None  # MiB, peak RSS of the largest single process
    total: float | None = None  # MiB, peak of the sum of RSS of all the build's processes
    site: float | None = None  # seconds, a save until the preview's rebuild has ended


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, as /proc lists them now."""
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        try:
            threads = list(Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:  # the process ended between glob's look at the folder and its listing
            continue
        for children in threads:
            try:
                waiting += [int(child) for child in children.read_text().split()]
            except OSError:  # the thread or the process ended meanwhile
                continue
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """A process's share of memory now and its resident peak, in KiB; zeros once it has
    ended.

    The share is its proportional set size (Pss): pages it shares with other processes (a
    forked worker's, with its parent) count as their part, so that the shares of a tree add
    up to the memory the tree holds; its peak is its own (VmHWM).
    """
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    share = next((line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return int(share), int(peak)


@dataclass
class TreeMemory:
    """The peaks of a process tree's memory, from looks at /proc while it runs."""

    total: int = 0  # KiB, the largest sum of the tree's shares of memory seen
    largest: int = 0  # KiB, the largest peak of one process seen

    def sample(self, pid: int) -> None:
        """Look at the tree once."""
        now = [memory_kib(process) for process in process_tree(pid)]
        self.total = max(self.total, sum(rss for rss, _ in now))
        self.largest = max([self.largest, *(peak for _, peak in now)])


def follow_memory(pid: int, peaks: TreeMemory, stop: threading.Event) -> None:
    """Look at a process tree's memory every SAMPLE_EVERY seconds until told to stop."""
    while True:
        peaks.sample(pid)
        if stop.wait(SAMPLE_EVERY):
            return


def measure(command: list[str], look: bool = False) -> Sample:
    """Run a command; return its wall time, CPU time and the peak memory of its largest
    process, its workers' included. With `look`, its processes' memory is looked at while it
    runs, for the peak of all together, and its times are left out: the looks take CPU time
    the build may need."""
    # What the build says goes to a file: a pipe nobody reads meanwhile would fill and stop it.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        peaks, stop = TreeMemory(), threading.Event()
        sampler = threading.Thread(target=follow_memory, args=(process.pid, peaks, stop))
        if look:
            sampler.start()
        # wait4 reports the process and the descendants it waited for (RUSAGE_BOTH): CPU time
        # summed, ru_maxrss the largest of them.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        if look:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            error = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} failed:\n{error[-2000:]}")
    # A descendant nobody waited for shows only in the looks at /proc; all processes together
    # hold at least as much as the largest one did at its peak, which a look may have missed.
    largest = max(usage.ru_maxrss, peaks.largest)
    if not look:
        return Sample(wall, usage.ru_utime + usage.ru_stime, largest / 1024)
    return Sample(None, None, largest / 1024, max(peaks.total, largest) / 1024)


def memory_folder() -> str | None:
    """A folder in memory for the work, if this machine has one (else the temp folder)."""
    return str(MEMORY) if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else None


def compile_modules() -> None:
    """Compile this site's modules to bytecode once, as Python keeps them after a first run."""
    for folder in ("plugins", "tools"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(settings_file("newsroom"), quiet=1)


def settings_file(tool: str) -> Path:
    """The settings a tool builds with."""
    return ROOT / ("pelicanconf.py" if tool == "newsroom" else "benchmarks/stock_pelicanconf.py")


def command(tool: str, corpus: Path, work: Path) -> list[str]:
    """The build command of a tool, with its own output and cache folders."""
    return [
        sys.executable, "-m", "pelican", str(corpus), "-s", str(settings_file(tool)),
        "-o", str(work / tool / "output"), "--cache-path", str(work / tool / "cache"),
    ]  # fmt: skip


def preview_command(tool: str, corpus: Path, work: Path) -> list[str]:
    """The live preview of a tool: this site's `tools.preview`, Pelican's `--autoreload`."""
    folders = ["-o", str(work / tool / "output"), "--cache-path", str(work / tool / "cache")]
    if tool == "newsroom":
        return [sys.executable, "-m", "tools.preview", str(corpus),
                "-s", str(settings_file(tool)), *folders, "--port", "0"]  # fmt: skip
    return [sys.executable, "-m", "pelican", str(corpus),
            "-s", str(settings_file(tool)), *folders, "--autoreload"]  # fmt: skip


def reset(tool: str, work: Path) -> None:
    """Move a tool's output and cache aside (see the module's docstring for why)."""
    if (work / tool).exists():
        aside = work / "set-aside"
        aside.mkdir(exist_ok=True)
        (work / tool).rename(aside / f"{tool}-{len(list(aside.iterdir()))}")


@dataclass
class Preview:
    """A live preview running in a process group of its own, and what it has printed."""

    tool: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    last_line: float = field(default_factory=time.monotonic)

    def read(self) -> None:
        """Keep every line the preview prints (run in a thread until the preview ends)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            self.last_line = time.monotonic()

    def address(self) -> str | None:
        """Where this site's preview serves, once it has said so."""
        for line in list(self.lines):
            found = re.search(r"Previewing on (http://\S+?)/? ", line)
            if found:
                return found.group(1)
        return None

    def builds(self) -> int:
        """How many builds have ended (for this site's preview: -1 while one is under way)."""
        if self.tool == "stock":  # Pelican says "Done: …" after each build, or the error
            return sum("Done:" in line or "Caught exception" in line for line in list(self.lines))
        address = self.address()
        if address is None:
            return -1
        with urllib.request.urlopen(f"{address}/__preview__/build", timeout=10) as answer:
            status = json.load(answer)
        return -1 if status["building"] else int(status["id"].rsplit("-", 1)[1])

    def wait_for(self, done: Callable[[], bool], what: str, every: float = 0.05) -> None:
        """Return once `done()` is true; stop the benchmark if the preview ended or stalled."""
        deadline = time.monotonic() + PATIENCE
        while not done():
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = "".join(self.lines[-30:])
                raise SystemExit(f"{self.tool} preview: no {what}; it said:\n{output}")
            time.sleep(every)

    def settle(self) -> None:
        """Wait SETTLE seconds, then until the preview has printed nothing for as long."""
        time.sleep(SETTLE)
        self.wait_for(lambda: time.monotonic() - self.last_line >= SETTLE, "quiet")

    def stop(self) -> None:
        """End the preview and every process it started."""
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(timeout=grace)
                return
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                continue


def start_preview(tool: str, corpus: Path, work: Path) -> Preview:
    """Start a tool's live preview, reading what it prints in a thread."""
    process = subprocess.Popen(
        preview_command(tool, corpus, work),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # a group of its own: stopped with every child it starts
    )
    preview = Preview(tool, process)
    threading.Thread(target=preview.read, daemon=True).start()
    return preview


def page_of(output: Path, slug: str) -> Path:
    """The one HTML page a build wrote for a slug."""
    pages = [page for page in output.rglob("*.html") if slug in page.relative_to(output).parts
             or page.stem == slug]  # fmt: skip
    if len(pages) != 1:
        raise SystemExit(f"expected one page for {slug!r} in {output}, found {pages}")
    return pages[0]


def shows(page: Path, marker: str) -> bool:
    """Whether a page holds a marker now."""
    try:
        return marker.encode() in page.read_bytes()
    except OSError:  # being replaced
        return False


def time_save(preview: Preview, save: Callable[[], None], page: Path | None = None,
              marker: str = "") -> Sample:  # fmt: skip
    """Save; time it until `page` shows `marker` (if given) and until the rebuild that
    brings every page up to date has ended (the sample's wall time is the first, or the
    second without a page); wait for the preview to be quiet."""
    before = preview.builds()
    start = time.perf_counter()
    save()
    shown = None
    if page is not None:
        preview.wait_for(lambda: shows(page, marker), f"{marker} in {page}", POLL_EVERY)
        shown = time.perf_counter() - start
    preview.wait_for(lambda: preview.builds() > before, "rebuild", POLL_EVERY)
    rebuilt = time.perf_counter() - start
    preview.settle()
    return Sample(rebuilt if shown is None else shown, site=rebuilt)


def time_saves(tool: str, corpus: Path, work: Path, story: Path, slug: str, saves: int
               ) -> Samples:  # fmt: skip
    """Start a tool's preview; time each of `saves` title changes from save to page, then
    `saves` new tags until every page is up to date."""
    preview = start_preview(tool, corpus, work)
    try:
        preview.wait_for(lambda: preview.builds() >= 1, "first build")
        preview.settle()
        page = page_of(work / tool / "output", slug)
        marks = [f"{tool}-save-{save}" for save in range(1, saves + 1)]
        titles = [
            time_save(preview, functools.partial(mark_story, story, mark, slug), page, mark)
            for mark in marks
        ]
        tags = [
            time_save(preview, functools.partial(tag_story, story, f"{TAG_MARK} {save}"))
            for save in range(saves)
        ]
        return {(tool, "preview"): titles, (tool, TAG_SAVES): tags}
    finally:
        preview.stop()


def bench_preview(corpus: Path, specs: list[StorySpec], work: Path, saves: int) -> Samples:
    """Time saves through each tool's live preview, on the story in the middle of the corpus."""
    spec = specs[len(specs) // 2]
    story = story_file(corpus, spec, spec.langs[0])
    slug = f"preview-{spec.key[-5:]}"
    mark_story(story, "start", slug)  # the slug fixed before the first build
    samples: Samples = {}
    for tool in TOOLS:
        samples.update(time_saves(tool, corpus, work, story, slug, saves))
    return samples


def bench_size(corpus_name: str, stories: int, runs: int, saves: int, work: Path) -> Samples:
    """Measure every scenario for both tools on a corpus of `stories` stories."""
    corpus = work / f"{corpus_name}-{stories}"
    specs = write_corpus(corpus, stories, corpus=corpus_name)
    samples: Samples = defaultdict(list)
    # The timed runs, then one that looks at the memory of all the build's processes.
    for run in range(runs + 1 if runs else 0):
        look = run == runs
        # The tools take turns at going first: neither always meets a machine the other warmed.
        order = TOOLS if run % 2 == 0 else TOOLS[::-1]
        for tool in order:
            reset(tool, work)
            samples[(tool, "clean")].append(measure(command(tool, corpus, work), look))
        for tool in order:
            samples[(tool, "warm")].append(measure(command(tool, corpus, work), look))
        edited, before = edit_one_story(corpus, specs)
        for tool in order:
            samples[(tool, "edit")].append(measure(command(tool, corpus, work), look))
        edited.write_text(before, "utf-8")
    if saves:
        samples.update(bench_preview(corpus, specs, work, saves))
    shutil.rmtree(work / "set-aside", ignore_errors=True)
    return samples


def median(samples: list[Sample], measure: str) -> float | None:
    """The median of one measure over the samples that measured it; None if none did."""
    values = [value for sample in samples if (value := getattr(sample, measure)) is not None]
    return statistics.median(values) if values else None


def cells(ours: list[Sample], stock: list[Sample], measure: str, digits: int) -> list[str]:
    """This site's median of one measure, stock Pelican's, and their ratio."""
    a, b = median(ours, measure), median(stock, measure)
    if a is None or b is None:
        return ["—"] * 3
    return [f"{a:.{digits}f}", f"{b:.{digits}f}", f"{a / b:.2f}"]


def table(results: Results) -> str:
    """The Markdown table of medians and ratios."""
    lines = [
        "| corpus | stories | scenario | newsroom wall s | stock wall s | wall × "
        "| newsroom CPU s | stock CPU s | CPU × "
        "| newsroom largest MiB | stock largest MiB | largest × "
        "| newsroom all MiB | stock all MiB | all × | ms/story (newsroom) |",
        "|---|---:|---|" + "---:|" * 13,
    ]
    for (corpus, stories), samples in sorted(results.items()):
        for scenario in SCENARIOS:
            ours, stock = samples.get(("newsroom", scenario)), samples.get(("stock", scenario))
            if not ours or not stock:
                continue
            row = [corpus, str(stories), scenario]
            row += cells(ours, stock, "wall", 2) + cells(ours, stock, "cpu", 2)
            row += cells(ours, stock, "largest", 0) + cells(ours, stock, "total", 0)
            wall = median(ours, "wall")
            row.append(
                "—" if scenario == "preview" or wall is None else f"{1000 * wall / stories:.1f}"
            )
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def save_times(results: Results) -> str:
    """Every save through the previews, in order: the median hides a slow first save."""
    lines = []
    for (corpus, stories), samples in sorted(results.items()):
        for tool in TOOLS:
            saves = samples.get((tool, "preview"))
            if saves:
                times = ", ".join(f"{s.wall:.2f}" for s in saves if s.wall is not None)
                lines.append(f"- preview saves, {corpus}, {stories} stories, {tool}: {times} s")
                rebuilt = ", ".join(f"{sample.site:.2f}" for sample in saves if sample.site)
                lines.append(f"  rebuild ended (every page up to date): {rebuilt} s")
            tagged = samples.get((tool, TAG_SAVES))
            if tagged:
                times = ", ".join(f"{s.wall:.2f}" for s in tagged if s.wall is not None)
                lines.append(f"  a new tag, until every page is up to date: {times} s")
    return "\n".join(lines)


def ratio(samples: Samples, scenario: str, measure: str) -> float | None:
    """This site's median over stock Pelican's, for one scenario and measure."""
    ours, stock = samples.get(("newsroom", scenario), []), samples.get(("stock", scenario), [])
    a, b = median(ours, measure), median(stock, measure)
    return None if a is None or b is None else a / b


@dataclass(frozen=True)
class Target:
    """One of the issue's targets, with what this run measured for it."""

    name: str
    value: float | None  # None: not measured in this run
    limit: float
    unit: str = "×"

    def line(self) -> str:
        """The target as the report lists it."""
        verdict = "met" if self.value is not None and self.value <= self.limit else "NOT met"
        value = "not measured" if self.value is None else f"{self.value:.2f}{self.unit}"
        return f"- {self.name}: {value} (target ≤ {self.limit}{self.unit}) — {verdict}"


def preview_targets(results: Results) -> list[Target]:
    """Save to page through the preview: in seconds, and against stock Pelican's."""
    found = []
    for (corpus, stories), samples in sorted(results.items()):
        if ("newsroom", "preview") not in samples:
            continue
        where = f"{corpus}, {stories} stories"
        if stories in PREVIEW_LIMITS:
            latency = median(samples[("newsroom", "preview")], "wall")
            found.append(Target(f"preview, save to page, {where}", latency,
                                PREVIEW_LIMITS[stories], " s"))  # fmt: skip
        found.append(Target(f"preview, save to page, {where}, over stock Pelican's --autoreload",
                            ratio(samples, "preview", "wall"), PREVIEW_RATIO_LIMIT))  # fmt: skip
    return found


def build_targets(results: Results) -> list[Target]:
    """Clean builds by size, and the rebuild after one edit at 2 000 stories."""
    found = []
    for (corpus, stories), samples in sorted(results.items()):
        where = f"{corpus}, {stories} stories"
        if stories in CLEAN_LIMITS:
            found.append(Target(f"clean build, {where}, wall", ratio(samples, "clean", "wall"),
                                CLEAN_LIMITS[stories]))  # fmt: skip
        if stories == 2000:
            found.append(Target(f"rebuild after one edit, {where}, wall",
                                ratio(samples, "edit", "wall"), EDIT_LIMIT))  # fmt: skip
    return found


def memory_targets(results: Results) -> list[Target]:
    """Peak memory in each corpus's worst case: of the largest process, of all together."""
    found = []
    for corpus in sorted({corpus for corpus, _ in results}):
        for measure, limit, what in (
            ("largest", LARGEST_LIMIT, "largest process"),
            ("total", ALL_LIMIT, "all processes together"),
        ):
            measured = [
                (value, stories, scenario)
                for (name, stories), samples in results.items()
                if name == corpus
                for scenario in SCENARIOS
                if (value := ratio(samples, scenario, measure)) is not None
            ]
            if not measured:  # only the previews ran (`--runs 0`)
                continue
            value, stories, scenario = max(measured)
            found.append(Target(f"peak memory, {what}, worst case ({corpus}, {stories} stories, "
                                f"{scenario})", value, limit))  # fmt: skip
    return found


def scaling_targets(results: Results) -> list[Target]:
    """Time per story of a clean build at each corpus's largest size over its smallest."""
    found = []
    for corpus in sorted({corpus for corpus, _ in results}):
        per_story = {
            stories: wall / stories
            for (name, stories), samples in results.items()
            if name == corpus and (wall := median(samples[("newsroom", "clean")], "wall"))
        }
        if len(per_story) > 1:
            small, large = min(per_story), max(per_story)
            found.append(Target(f"time per story at {large} over time per story at {small} "
                                f"({corpus}, clean)", per_story[large] / per_story[small],
                                PER_STORY_LIMIT))  # fmt: skip
    return found


def targets(results: Results) -> str:
    """The performance targets, each with what this run measured and whether it is met."""
    found = [
        *preview_targets(results),
        *build_targets(results),
        *memory_targets(results),
        *scaling_targets(results),
    ]
    return "\n".join(target.line() for target in found)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000,10000", help="corpus sizes, in stories")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per tool and scenario")
    parser.add_argument(
        "--saves", type=int, default=5, help="saves timed through each preview (0: no preview)"
    )
    parser.add_argument(
        "--corpus", default="standard", help=f"corpora, comma-separated: {', '.join(CORPORA)}"
    )
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--work", type=Path, help="where corpora and builds go (default: a folder in memory)"
    )
    args = parser.parse_args(argv)
    corpora = args.corpus.split(",")
    unknown = [name for name in corpora if name not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; there are {', '.join(CORPORA)}")
    work = args.work or Path(tempfile.mkdtemp(prefix="newsroom-bench-", dir=memory_folder()))
    compile_modules()
    results: Results = {}
    for corpus in corpora:
        for stories in (int(size) for size in args.sizes.split(",")):
            print(f"… {corpus} corpus, {stories} stories", flush=True)
            results[(corpus, stories)] = bench_size(corpus, stories, args.runs, args.saves, work)
            one = {(corpus, stories): results[(corpus, stories)]}
            print(table(one) + "\n" + save_times(one), flush=True)
    report = "\n\n".join(
        part for part in (table(results), save_times(results), targets(results)) if part
    )
    print("\n" + report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
