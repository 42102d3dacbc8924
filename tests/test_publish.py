"""Publishing under attack: two publishes at once, a publish killed or stopped mid-build, a
lock left behind, half-built releases, a file that cannot be written. Real `invoke publish`
processes; what is checked is what a reader of the site would get."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import OFFICE_SETTINGS, REPO, copy_case, folder_files, require_tool
from tools.deploy import failure as deploy_failure
from tools.releases import (
    LOCK,
    Holder,
    PublishBusyError,
    PublishLock,
    proc_stat,
    process_start,
    remove_half_built,
    remove_old_releases,
    rename_new,
)

DEADLINE = 120.0  # seconds: only a machine that hangs waits this long
EXTRA_STORY = {
    "articles/2024-04-01-extra.en.md": (
        "Title: An extra story\nDate: 2024-04-01 10:00\nCategory: news\n\nExtra text.\n"
    )
}


def publish_command(content: Path, target: Path) -> list[str]:
    """`invoke publish` as staff run it."""
    command = [sys.executable, "-m", "invoke", "publish", "--settings", str(OFFICE_SETTINGS)]
    return [*command, "--content", str(content), "--target", str(target)]


def publish(content: Path, target: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Publish and wait for it."""
    command = publish_command(content, target)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, **options)


def start_publish(content: Path, target: Path, log: Path) -> subprocess.Popen[str]:
    """Start a publish writing what it says to `log`, and return at once."""
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(
            publish_command(content, target),
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            # Staff press Ctrl-C in a terminal; a test run started in the background of a
            # shell ignores it, and a publish keeps a signal it was started ignoring.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )


def tree(folder: Path) -> dict[str, str]:
    """Every path under a folder with what it is: a link's target, a file's bytes' length."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {path.readlink()}"
        elif path.is_file():
            found[name] = f"{path.stat().st_size} bytes"
        else:
            found[name] = "folder"
    return found


def releases_of(target: Path) -> list[str]:
    """The names in `target/releases/`, sorted."""
    return sorted(path.name for path in (target / "releases").iterdir())


def assert_one_sentence_without_traceback(output: str) -> None:
    """The publish ended with a message, not Python's report of a crash."""
    assert "Traceback" not in output, output
    assert "CRITICAL" not in output, output


# Processes, as Linux shows them in /proc.


def running(pid: int) -> bool:
    """Whether a process runs (one that ended and waits to be collected does not)."""
    fields = proc_stat(pid)
    return bool(fields) and fields[0] not in ("Z", "X")


def processes() -> Iterator[tuple[int, list[str]]]:
    """Every process with its stat fields."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = proc_stat(int(entry.name))
            if fields:
                yield int(entry.name), fields


def running_in_group(group: int) -> list[int]:
    """The processes of a process group that still run."""
    return [pid for pid, fields in processes() if fields[2] == str(group) and running(pid)]


def build_of(publisher: int) -> int | None:
    """The Pelican process a publish started, if it runs."""
    for pid, fields in processes():
        if fields[1] == str(publisher) and running(pid):
            with contextlib.suppress(OSError):
                if b"pelican" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0"):
                    return pid
    return None


def wait_for_writing(publisher: subprocess.Popen[str], releases: Path, log: Path) -> int:
    """Wait until the publish's Pelican writes the site; return Pelican's process id."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if publisher.poll() is not None:
            pytest.fail(f"the publish ended before it could be stopped:\n{log.read_text()}")
        build = build_of(publisher.pid)
        sites = list(releases.glob(".building-*/site"))
        with contextlib.suppress(OSError):
            if build and sites and any(sites[0].iterdir()):
                return build
        time.sleep(0.01)
    pytest.fail("the publish did not start building")


def wait_until_gone(pids: list[int]) -> list[int]:
    """Wait for processes to end; return those still running at the deadline."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.05)
    return [pid for pid in pids if running(pid)]


@pytest.fixture(scope="module")
def large_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder whose build takes long enough to be stopped while it writes."""
    folder = tmp_path_factory.mktemp("large") / "content"
    write_corpus(folder, 300)
    return folder


@pytest.fixture
def live(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A publish target with one release live: the target, the content, the live files."""
    content = copy_case("basic", tmp_path / "content", {})
    target = tmp_path / "publish"
    first = publish(content, target)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (target / "current").resolve() == (target / "releases" / "1").resolve()
    return target, content, folder_files(target / "current")


# One publish at a time.


def test_a_publish_while_another_runs_stops_at_once_and_changes_nothing(
    live: tuple[Path, Path, dict[str, bytes]],
) -> None:
    target, content, before = live
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from tools.releases import PublishLock; "
         "lock = PublishLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); "
         "sys.stdin.read()", str(target)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        files = tree(target)
        second = publish(content, target)
    finally:
        holder.communicate("")
    output = second.stdout + second.stderr
    assert second.returncode == 1
    assert_one_sentence_without_traceback(output)
    assert f"another publish is running (pid {holder.pid}, started " in output
    assert output.strip().endswith("— wait for it to finish"), output
    assert tree(target) == files
    assert folder_files(target / "current") == before
    # The holder is gone: the lock is free.
    third = publish(content, target)
    assert third.returncode == 0, third.stdout + third.stderr
    assert (target / "current").resolve() == (target / "releases" / "2").resolve()


def test_two_publishes_started_together_leave_one_whole_release_live(tmp_path: Path) -> None:
    """Whichever wins, the live site is one build's files, all of them, and nothing else."""
    contents = {
        "basic": copy_case("basic", tmp_path / "basic", {}),
        "extra": copy_case("basic", tmp_path / "extra", EXTRA_STORY),
    }
    # What each content gives when published alone.
    references = {}
    for name, content in contents.items():
        alone = publish(content, tmp_path / f"alone-{name}")
        assert alone.returncode == 0, alone.stdout + alone.stderr
        references[name] = folder_files(tmp_path / f"alone-{name}" / "current")
    assert references["basic"] != references["extra"]

    target = tmp_path / "publish"
    logs = [tmp_path / f"{name}.log" for name in contents]
    started = [
        start_publish(content, target, log)
        for content, log in zip(contents.values(), logs, strict=True)
    ]
    statuses = [process.wait() for process in started]
    outputs = [log.read_text(encoding="utf-8") for log in logs]
    for status, output in zip(statuses, outputs, strict=True):
        assert_one_sentence_without_traceback(output)
        if status != 0:
            assert status == 1
            assert "another publish is running (pid " in output, output
    assert 0 in statuses, outputs
    live = folder_files(target / "current")
    assert live in references.values()
    manifest = json.loads((target / "current" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        for url in entry.get("urls", []):
            assert f"site/{url}" in live or f"site/{url}index.html" in live, url
    # One complete release for each publish that succeeded; nothing half-built.
    assert releases_of(target) == [str(n) for n in range(1, statuses.count(0) + 1)]


# A publish that dies, or is stopped, while Pelican writes.


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_a_publish_that_dies_leaves_no_build_running_and_the_next_one_cleans_up(
    live: tuple[Path, Path, dict[str, bytes]], large_content: Path, how: str
) -> None:
    """Killed, nothing of the publish runs: the kernel ends its build. Stopped (`kill`,
    Ctrl-C), the publish ends its build itself and removes the folder."""
    require_tool("/proc/self/stat", "run the tests on Linux")
    target, content, before = live
    log = target.parent / "publish.log"
    publisher = start_publish(large_content, target, log)
    build = wait_for_writing(publisher, target / "releases", log)
    group = int(proc_stat(build)[2])
    publisher.send_signal(signal.Signals[how])
    publisher.wait()
    output = log.read_text(encoding="utf-8")
    assert wait_until_gone([build]) == []
    assert wait_until_gone(running_in_group(group)) == []
    assert (target / "current").resolve() == (target / "releases" / "1").resolve()
    assert folder_files(target / "current") == before
    if how != "SIGKILL":
        assert publisher.returncode == 1
        assert_one_sentence_without_traceback(output)
        assert f"publish stopped by {how} — the published site is unchanged" in output
        assert releases_of(target) == ["1"]
    else:
        assert [name for name in releases_of(target) if name.startswith(".building-")]

    after = publish(content, target)
    assert after.returncode == 0, after.stdout + after.stderr
    if how == "SIGKILL":
        assert "a publish that did not finish (pid " in after.stdout
    assert releases_of(target) == ["1", "2"]
    assert folder_files(target / "current") == before  # the same content again


# A lock left behind.


def test_a_lock_left_by_a_dead_publish_is_taken_over(
    live: tuple[Path, Path, dict[str, bytes]],
) -> None:
    target, content, _ = live
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # a process id that was in use and is no more
    stale = Holder(ended.pid, "12345", "2026-01-01 09:00:00")
    (target / LOCK).write_text(stale.text(), encoding="utf-8")
    (target / "releases" / ".building-1-0").mkdir()
    result = publish(content, target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"a publish that did not finish (pid {ended.pid}, started 2026-01-01 09:00:00) left "
        "this lock" in result.stdout
    )
    assert releases_of(target) == ["1", "2"]
    assert (target / LOCK).read_text(encoding="utf-8") == ""  # let go


def test_the_kernel_lock_lets_one_holder_in(tmp_path: Path) -> None:
    with PublishLock(tmp_path) as lock:
        assert lock.stale is None
        assert Holder.parse((tmp_path / LOCK).read_text(encoding="utf-8")) == lock.holder
        with pytest.raises(PublishBusyError, match=r"another publish is running \(pid \d+, "):
            PublishLock(tmp_path).acquire()
    with PublishLock(tmp_path):
        pass


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("theirs", encoding="utf-8")
    (tmp_path / LOCK).symlink_to(target)
    with pytest.raises(PublishBusyError, match=r"the lock file is a symbolic link — remove it"):
        PublishLock(tmp_path).acquire()
    assert target.read_text(encoding="utf-8") == "theirs"


def test_without_the_kernel_lock_a_link_in_the_way_is_not_written_through(
    tmp_path: Path,
) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("theirs", encoding="utf-8")
    (tmp_path / f"{LOCK}.{os.getpid()}").symlink_to(target)
    with PublishLock(tmp_path, kernel=False) as lock:
        assert Holder.parse((tmp_path / LOCK).read_text(encoding="utf-8")) == lock.holder
    assert target.read_text(encoding="utf-8") == "theirs"


def test_without_the_kernel_lock_a_lock_is_taken_over_only_from_a_holder_that_ended(
    tmp_path: Path,
) -> None:
    """The lock file alone: its holder runs (the same process id and start), or not."""
    require_tool("/proc/self/stat", "run the tests on Linux")
    path = tmp_path / LOCK
    me = os.getpid()
    holders = {
        "running": Holder(me, process_start(me), "2026-01-01 09:00:00"),
        "id reused": Holder(me, "1", "2026-01-01 09:00:00"),
        "ended": Holder(2**22 + 1, None, "2026-01-01 09:00:00"),  # above Linux's pid_max
    }
    path.write_text(holders["running"].text(), encoding="utf-8")
    with pytest.raises(PublishBusyError) as busy:
        PublishLock(tmp_path, kernel=False).acquire()
    assert str(busy.value) == (
        f"{path}: another publish is running (pid {me}, started 2026-01-01 09:00:00) — wait "
        "for it to finish"
    )
    for name in ("id reused", "ended"):
        path.write_text(holders[name].text(), encoding="utf-8")
        lock = PublishLock(tmp_path, kernel=False)
        lock.acquire()
        assert lock.stale == holders[name], name
        assert Holder.parse(path.read_text(encoding="utf-8")) == lock.holder
        with pytest.raises(PublishBusyError):
            PublishLock(tmp_path, kernel=False).acquire()
        lock.release()
        assert not path.exists()


# Releases kept, and what is not a release.


def fake_release(folder: Path, *, site: bool = True, manifest: bool = True) -> Path:
    """A release folder with a site and a manifest, or without one of them."""
    folder.mkdir(parents=True)
    if site:
        (folder / "site").mkdir()
        (folder / "site" / "index.html").write_text(folder.name, encoding="utf-8")
    if manifest:
        (folder / "manifest.json").write_text('{"files": []}\n', encoding="utf-8")
    return folder


def test_only_complete_releases_count_and_the_newest_are_kept(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    target = tmp_path / "publish"
    releases = target / "releases"
    for number in range(1, 6):
        fake_release(releases / str(number))
    fake_release(releases / "6", manifest=False)  # a build stopped before its manifest
    fake_release(releases / "7", site=False)
    fake_release(releases / ".building-99-abcd", manifest=False)
    (target / "current").symlink_to("releases/2")
    result = publish(content, target)
    assert result.returncode == 0, result.stdout + result.stderr
    # 6 and 7 were no releases: the new one takes the number after the last complete one.
    assert result.stdout.strip().endswith(
        f"Published {releases / '6' / 'site'} (manifest: {releases / '6' / 'manifest.json'})"
    )
    assert (target / "current").resolve() == (releases / "6").resolve()
    assert releases_of(target) == ["4", "5", "6"]
    assert (releases / "6" / "site" / "en" / "index.html").is_file()
    # A release is readable as any folder (the web server reads it).
    mask = os.umask(0)
    os.umask(mask)
    assert (releases / "6").stat().st_mode & 0o777 == 0o777 & ~mask


def test_the_live_release_is_never_removed(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    for number in range(1, 6):
        fake_release(releases / str(number))
    fake_release(releases / "6", manifest=False)
    fake_release(releases / "7", manifest=False)
    live = (releases / "6").resolve()
    assert remove_half_built(releases, live) == [releases / "7"]
    assert remove_old_releases(releases, 2, (releases / "1").resolve()) == []
    assert sorted(path.name for path in releases.iterdir()) == ["1", "4", "5", "6"]


def test_a_release_is_never_replaced(tmp_path: Path) -> None:
    """A plain rename would replace an empty folder; a release's never is."""
    built = fake_release(tmp_path / ".building-1-0")
    (tmp_path / "2").mkdir()
    with pytest.raises(FileExistsError):
        rename_new(built, tmp_path / "2")
    assert list((tmp_path / "2").iterdir()) == []
    rename_new(built, tmp_path / "3")
    assert (tmp_path / "3" / "manifest.json").is_file()


# A file that cannot be written.


def test_a_file_too_large_ends_the_publish_in_one_sentence(
    live: tuple[Path, Path, dict[str, bytes]],
) -> None:
    """A disk that is full fails the same way: writes fail, and are named."""
    target, content, before = live

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    result = publish(content, target, preexec_fn=limit_file_size)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert_one_sentence_without_traceback(output)
    assert "could not write" in output
    assert "raise the limit on the size of files (ulimit -f) and build again" in output
    assert output.strip().endswith("The published site is unchanged.")
    assert releases_of(target) == ["1"]
    assert folder_files(target / "current") == before


def test_a_publish_step_that_fails_ends_in_one_sentence(tmp_path: Path) -> None:
    content = copy_case("basic", tmp_path / "content", {})
    target = tmp_path / "publish"
    target.mkdir()
    (target / "releases").write_text("a file where the releases go", encoding="utf-8")
    result = publish(content, target)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert_one_sentence_without_traceback(output)
    assert output.strip() == (
        f"{target / 'releases'}: could not write: File exists — check the folder and publish "
        "again (the published site is unchanged)"
    )


def test_the_first_publish_cannot_go_out_with_the_example_values(tmp_path: Path) -> None:
    """`publishconf.py` as shipped: its site address and feed id authority are examples."""
    content = copy_case("basic", tmp_path / "content", {})
    command = [sys.executable, "-m", "invoke", "publish", "--content", str(content), "--target",
               str(tmp_path / "publish")]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"publishconf.py:{line_of('publishconf.py', 'SITEURL =')}: SITEURL is the example "
        "'https://press.example.org' — set the address the site is served from; see “Before "
        "your first publish” in README.md"
    ), lines
    authority = line_of("pelicanconf.py", '"id_authority":')
    assert lines[1].startswith(
        f"pelicanconf.py:{authority}: FEEDS['id_authority'] is the example "
        "'press.example.org,2023' — set a domain the office owns"
    ), lines
    assert "Not published" in result.stderr
    assert not (tmp_path / "publish").exists()  # nothing was built


def test_deploy_refuses_the_example_destination(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--target", str(tmp_path / "publish")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"publishconf.py:{line_of('publishconf.py', 'DEPLOY_TARGET =')}: DEPLOY_TARGET is the "
        "example 'press@press.example.org:/var/www/press/' — set the web server's user"
    )


def line_of(settings_file: str, start: str) -> int:
    """The line of a settings file that starts (indentation aside) with `start`."""
    lines = (REPO / settings_file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip().startswith(start))


@pytest.mark.parametrize(
    ("said", "sentence"),
    [
        ("ssh: Could not resolve hostname web.ombudsman.az: Temporary failure in name resolution",
         "the server's name is not found — check the host in DEPLOY_TARGET (or --to), and the "
         "network"),
        ("ssh: connect to host web.ombudsman.az port 22: Connection refused",
         "the server refuses the connection — check that its SSH server runs, and the port"),
        ("press@web.ombudsman.az: Permission denied (publickey,password).",
         "the server does not let this user in — check the user in DEPLOY_TARGET and that its "
         "SSH key is on the server"),
        ('rsync: [Receiver] mkdir "/var/www/press" failed: No such file or directory (2)',
         "the folder on the server is missing — create it (the folder of DEPLOY_TARGET, or of "
         "--to), then deploy again"),
        ('rsync: [Receiver] mkstemp "/var/www/press/.index.html.x" failed: Permission denied (13)',
         "the folder on the server cannot be written — let the deploying user write it, then "
         "deploy again"),
    ],
)  # fmt: skip
def test_a_failed_deploy_is_one_plain_sentence_with_the_tools_words_below(
    said: str, sentence: str
) -> None:
    message = deploy_failure("press@web.ombudsman.az:/var/www/press/", said)
    first, detail = message.split("\n", 1)
    assert first == f"Not deployed to press@web.ombudsman.az:/var/www/press/: {sentence}"
    assert detail == f"  {said}"


def test_a_deploy_waits_for_no_publish_and_copies_one_release(tmp_path: Path) -> None:
    """While a publish (or another deploy) holds the lock, a deploy stops at once: `current`
    cannot switch under it, and two never copy at the same time."""
    target = tmp_path / "publish"
    release = target / "releases" / "1" / "site"
    release.mkdir(parents=True)
    (release / "index.html").write_text("one", encoding="utf-8")
    (target / "current").symlink_to("releases/1")
    destination = tmp_path / "server"
    destination.mkdir()
    command = [sys.executable, "-m", "invoke", "deploy", "--to", str(destination), "--target",
               str(target)]  # fmt: skip
    with PublishLock(target):
        busy = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert busy.returncode == 1
    assert "another publish is running" in busy.stderr
    assert list(destination.iterdir()) == []
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (destination / "current" / "index.html").read_text(encoding="utf-8") == "one"
