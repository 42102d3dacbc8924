"""Check that a change to the code leaves the built sites byte for byte as they were.

    python -m tools.samebuild [--base REV] [--keep DIR]

Builds four sites with the project as committed at REV (default: HEAD) and with the working
tree, and compares them file by file: the sample site and the 200-story benchmark corpus, each
with the development settings and with the production settings. The manifests beside the
outputs are compared too. Prints every file that is missing, extra or different, and exits 1
if there is one. `--keep DIR` keeps the builds there (the base builds are reused from there on
the next run with the same REV).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
SITES = ("sample", "corpus")
SETTINGS = ("pelicanconf.py", "publishconf.py")


def revision(rev: str) -> str:
    """The full commit id of a revision."""
    return subprocess.run(
        ["git", "rev-parse", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def build(project: Path, content: Path, settings: str, into: Path) -> None:
    """Build `content` with the project at `project` into `into`/output (manifest beside it)."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        (into / name).write_text(
            f"import sys\nsys.path.insert(0, {str(project)!r})\n"
            f"exec(open({str(project / name)!r}, encoding='utf-8').read())\n"
            f"THEME = {str(project / 'theme')!r}\nPLUGIN_PATHS = [{str(project)!r}]\n",
            encoding="utf-8",
        )
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(into / settings)]
    command += ["-o", str(into / "output"), "--cache-path", str(into / "cache")]
    result = subprocess.run(command, cwd=into, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"build failed ({project}, {content.name}, {settings}):\n{result.stderr}")


def build_all(project: Path, contents: dict[str, Path], into: Path) -> None:
    """Every site with every settings file."""
    for site, content in contents.items():
        for settings in SETTINGS:
            print(f"… {project.name}: {site}, {settings}", flush=True)
            build(project, content, settings, into / site / Path(settings).stem)


def built_files(build: Path) -> set[Path]:
    """The files a build wrote: its output and its manifest."""
    files = {path.relative_to(build) for path in (build / "output").rglob("*") if path.is_file()}
    return files | ({Path("manifest.json")} if (build / "manifest.json").exists() else set())


def differences(base: Path, new: Path) -> list[str]:
    """Files missing from, extra in or different in `new`, relative to `base`."""
    found = []
    base_files, new_files = built_files(base), built_files(new)
    for path in sorted(base_files - new_files):
        found.append(f"missing: {path}")
    for path in sorted(new_files - base_files):
        found.append(f"extra: {path}")
    for path in sorted(base_files & new_files):
        if not filecmp.cmp(base / path, new / path, shallow=False):
            found.append(f"different: {path}")
    return found


def main(argv: list[str] | None = None) -> int:
    """Build with both versions and report what differs."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="HEAD", help="the revision to compare with")
    parser.add_argument("--keep", type=Path, help="keep the builds in this folder")
    args = parser.parse_args(argv)
    work = (args.keep or Path(tempfile.mkdtemp(prefix="samebuild-"))).resolve()
    commit = revision(args.base)
    base_project, base_builds = work / f"base-{commit[:12]}", work / f"builds-{commit[:12]}"
    corpus = work / "corpus-200"
    if not corpus.is_dir():
        write_corpus(corpus, 200)
    contents = {"sample": ROOT / "content", "corpus": corpus}
    if not (base_builds / "done").exists():
        shutil.rmtree(base_project, ignore_errors=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base_project), commit], cwd=ROOT, check=True
        )
        try:
            build_all(base_project, contents, base_builds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_project)], cwd=ROOT)
        (base_builds / "done").write_text(commit + "\n", encoding="utf-8")
    build_all(ROOT, contents, work / "builds-new")
    found = []
    for site in SITES:
        for settings in SETTINGS:
            name = f"{site}/{Path(settings).stem}"
            found += [f"{name}: {line}" for line in differences(
                base_builds / name, work / "builds-new" / name
            )]  # fmt: skip
    print("\n".join(found) or f"The same, byte for byte, as {args.base} ({commit[:12]}).")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
