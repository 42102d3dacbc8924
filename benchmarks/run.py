"""Build the same corpus with this site and with stock Pelican, alternating; report medians.

    python -m benchmarks.run [--sizes 200,2000,10000] [--runs 3] [--out FILE]

Scenarios, each measured `--runs` times per tool, the tools taking turns:

- clean: no output, no cache;
- warm: again, nothing changed;
- edit: one story's title and text changed since the last build.

Stock Pelican is Pelican alone (its default theme, no plugins) with its content cache on, on
the same files. Reported: median wall time, CPU time (user + system) and peak memory (RSS),
and the ratio of this site's median to stock Pelican's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import edit_one_story, write_corpus

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("clean", "warm", "edit")
TOOLS = ("newsroom", "stock")


@dataclass(frozen=True)
class Sample:
    """One measured build."""

    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss: float  # MiB, peak


def measure(command: list[str]) -> Sample:
    """Run a command; return its wall time, CPU time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed:\n{error[-2000:]}")
    if process.stderr:
        process.stderr.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def command(tool: str, corpus: Path, work: Path) -> list[str]:
    """The build command of a tool, with its own output and cache folders."""
    settings = ROOT / (
        "pelicanconf.py" if tool == "newsroom" else "benchmarks/stock_pelicanconf.py"
    )
    return [
        sys.executable, "-m", "pelican", str(corpus), "-s", str(settings),
        "-o", str(work / tool / "output"), "--cache-path", str(work / tool / "cache"),
    ]  # fmt: skip


def reset(tool: str, work: Path) -> None:
    """Remove a tool's output and cache."""
    shutil.rmtree(work / tool, ignore_errors=True)


def bench_size(stories: int, runs: int, work: Path) -> dict[tuple[str, str], list[Sample]]:
    """Measure every scenario for both tools on a corpus of `stories` stories."""
    corpus = work / f"corpus-{stories}"
    specs = write_corpus(corpus, stories)
    samples: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for run in range(runs):
        # The tools take turns at going first: neither always meets a machine the other warmed.
        order = TOOLS if run % 2 == 0 else TOOLS[::-1]
        for tool in order:
            reset(tool, work)
            samples[(tool, "clean")].append(measure(command(tool, corpus, work)))
        for tool in order:
            samples[(tool, "warm")].append(measure(command(tool, corpus, work)))
        edit_one_story(corpus, specs)
        for tool in order:
            samples[(tool, "edit")].append(measure(command(tool, corpus, work)))
        specs = write_corpus(corpus, stories)  # undo the edit for the next round
    return samples


def table(results: dict[int, dict[tuple[str, str], list[Sample]]]) -> str:
    """The Markdown table of medians and ratios."""
    lines = [
        "| stories | scenario | newsroom wall s | stock wall s | wall × | newsroom CPU s | "
        "stock CPU s | CPU × | newsroom MiB | stock MiB | memory × | ms/story (newsroom) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for stories, samples in sorted(results.items()):
        for scenario in SCENARIOS:
            ours, stock = samples[("newsroom", scenario)], samples[("stock", scenario)]
            row = [str(stories), scenario]
            for field in ("wall", "cpu", "rss"):
                a, b = median(ours, field), median(stock, field)
                row += [
                    f"{a:.2f}" if field != "rss" else f"{a:.0f}",
                    f"{b:.2f}" if field != "rss" else f"{b:.0f}",
                    f"{a / b:.2f}",
                ]
            row.append(f"{1000 * median(ours, 'wall') / stories:.1f}")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def median(samples: list[Sample], field: str) -> float:
    """The median of one measure over samples."""
    return statistics.median(getattr(sample, field) for sample in samples)


def ratio(samples: dict[tuple[str, str], list[Sample]], scenario: str, field: str) -> float:
    """This site's median over stock Pelican's, for one scenario and measure."""
    return median(samples[("newsroom", scenario)], field) / median(
        samples[("stock", scenario)], field
    )


def targets(results: dict[int, dict[tuple[str, str], list[Sample]]]) -> str:
    """The performance targets, each with what this run measured and whether it is met."""
    lines = []

    def check(name: str, value: float, limit: float, unit: str = "×") -> None:
        verdict = "met" if value <= limit else "NOT met"
        lines.append(f"- {name}: {value:.2f}{unit} (target ≤ {limit}{unit}) — {verdict}")

    for stories, samples in sorted(results.items()):
        check(f"clean build, {stories} stories, wall", ratio(samples, "clean", "wall"), 1.3)
    if 2000 in results:
        check(
            "rebuild after one edit, 2000 stories, wall", ratio(results[2000], "edit", "wall"), 0.5
        )
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        per_story = {n: median(results[n][("newsroom", "clean")], "wall") / n for n in sizes}
        check(
            f"time per story at {large} over time per story at {small} (clean)",
            per_story[large] / per_story[small],
            1.2,
        )
    worst = max(
        (ratio(samples, scenario, "rss"), stories, scenario)
        for stories, samples in results.items()
        for scenario in SCENARIOS
    )
    check(f"peak memory, worst case ({worst[1]} stories, {worst[2]})", worst[0], 1.5)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000,10000", help="corpus sizes, in stories")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per tool and scenario")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--work", type=Path, help="where corpora and builds go (default: a temp dir)"
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    results = {}
    for stories in (int(size) for size in args.sizes.split(",")):
        print(f"… {stories} stories", flush=True)
        results[stories] = bench_size(stories, args.runs, work)
        print(table({stories: results[stories]}), flush=True)
    report = table(results) + "\n\n" + targets(results)
    print("\n" + report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
