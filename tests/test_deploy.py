"""`invoke deploy` and `invoke rollback` against real servers: Debian's OpenSSH server with
throw-away keys, nginx serving what the deploys put live, and rclone's S3 server. What is
checked is what a reader gets, and what is left on the server."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest

from pelicanconf import METADATA
from tests.conftest import REPO, build_site, copy_case, folder_files
from tests.servers import RCLONE, S3Server, SshServer, free_port, new_key, nginx, s3_server, sshd
from tools.bucket import LONG, MEDIUM, SHORT, groups, headers
from tools.deploy import Folder
from tools.deploy import deploy as deploy_to_folder

DEADLINE = 60.0
EXTRA_STORY = {
    "articles/2024-04-01-extra.en.md": (
        "Title: An extra story\nDate: 2024-04-01 10:00\nCategory: news\n\nExtra text.\n"
    )
}
PADDING = "b-padding"  # between az/ and en/: a copy into the live folder takes a while here
BUILD_ID = re.compile(rb'<html lang="[a-z]+" data-build="([0-9a-f]+)"')


@dataclass(frozen=True)
class Release:
    """A published release: the site, the id its pages carry, and its pages' addresses."""

    site: Path
    build_id: str
    pages: list[str]


def publish_release(root: Path, files: dict[str, str | None]) -> Release:
    """The basic site built for production into `root/site`, each page naming the release."""
    content = copy_case("basic", root / "content", files)
    built = build_site(
        content, root / "site", "publishconf.py", METADATA={**METADATA, "release_id": True}
    )
    assert built.failure is None, built.failure
    found = BUILD_ID.search((built.output / "en" / "index.html").read_bytes())
    assert found is not None
    pages = sorted(built.url_of(path) for path in built.html_files())
    return Release(built.output, found[1].decode(), pages)


def padded(release: Release, root: Path) -> Release:
    """The release with big files that differ from any other release's: a copy of it takes
    long enough to be watched, and to be stopped."""
    site = root / "site"
    shutil.copytree(release.site, site, symlinks=True)
    (site / PADDING).mkdir()
    for number in range(8):
        (site / PADDING / f"{number:02}.bin").write_bytes(os.urandom(1 << 20))
    return Release(site, release.build_id, release.pages)


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Release, Release]:
    """Two releases of the basic site: as published, and with one story more."""
    root = tmp_path_factory.mktemp("releases")
    first = publish_release(root / "first", {})
    second = publish_release(root / "second", EXTRA_STORY)
    assert first.build_id != second.build_id
    return first, second


@pytest.fixture(scope="module")
def big_releases(
    tmp_path_factory: pytest.TempPathFactory, two_releases: tuple[Release, Release]
) -> tuple[Release, Release]:
    """The two releases, each with big files of its own."""
    root = tmp_path_factory.mktemp("big")
    return padded(two_releases[0], root / "first"), padded(two_releases[1], root / "second")


def published(folder: Path, release: Release) -> Path:
    """A publish folder (what `invoke publish` leaves) whose `current` is the release."""
    (folder / "releases").mkdir(parents=True, exist_ok=True)
    for link in (folder / "releases" / "live", folder / "current"):
        if link.is_symlink():
            link.unlink()
    (folder / "releases" / "live").symlink_to(release.site.parent, target_is_directory=True)
    (folder / "current").symlink_to("releases/live", target_is_directory=True)
    return folder


def live_on(folder: Path, release: Release) -> None:
    """Make a release live in a folder, as a deploy does (set-up, not under test)."""
    folder.mkdir(exist_ok=True)
    deploy_to_folder(release.site, Folder(str(folder)), 5)


def invoke(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """An invoke task as staff run it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=REPO, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip


def deploy_command(publish: Path, to: str, *extra: str) -> list[str]:
    """`invoke deploy` of the publish folder's `current` release."""
    return [sys.executable, "-m", "invoke", "deploy", "--to", to, "--target", str(publish), *extra]


def with_rsh(server: SshServer, key: Path | None = None, port: int | None = None) -> dict[str, str]:
    """The environment that reaches the test's SSH server (RSYNC_RSH: its port and key)."""
    rsh = server.rsh(key)
    if port is not None:
        rsh = rsh.replace(f"-p {server.port}", f"-p {port}")
    return {**os.environ, "RSYNC_RSH": rsh}


def build_ids(base: str, pages: list[str]) -> list[tuple[int, str]]:
    """Each page fetched once, in order: its status and the release id it carries."""
    found = []
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        for page in pages:
            connection.request("GET", page)
            response = connection.getresponse()
            body = response.read()
            match = BUILD_ID.search(body)
            found.append((response.status, match[1].decode() if match else "none"))
    finally:
        connection.close()
    return found


def watch_while(process: subprocess.Popen[str], base: str, pages: list[str]) -> list[str]:
    """Fetch every page in turn, over and over, while a process runs and once after;
    return the release ids seen, in the order they were seen."""
    seen: list[str] = []
    deadline = time.monotonic() + DEADLINE
    while process.poll() is None and time.monotonic() < deadline:
        for status, build in build_ids(base, pages):
            assert status == 200
            seen.append(build)
    process.wait(timeout=DEADLINE)
    seen += [build for _, build in build_ids(base, pages)]
    return seen


def mixed(seen: list[str], old: str) -> bool:
    """Whether a page of the old release was served after one of the new: two at once."""
    first_new = next((i for i, build in enumerate(seen) if build != old), len(seen))
    return old in seen[first_new:]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SshServer]:
    """An SSH server for one test."""
    with sshd(tmp_path / "sshd") as started:
        yield started


def test_readers_never_get_two_releases_at_once_and_only_changed_files_travel(
    tmp_path: Path, server: SshServer, big_releases: tuple[Release, Release]
) -> None:
    first, second = big_releases
    folder = tmp_path / "www"
    live_on(folder, first)
    publish = published(tmp_path / "publish", first)
    env = with_rsh(server)
    files = len(folder_files(first.site))
    again = invoke("deploy", "--to", server.target(folder), "--target", str(publish), env=env)
    assert again.stdout.strip() == (
        f"Release 2 is live on {server.target(folder)}: 0 files sent (0 bytes), {files} "
        "unchanged; releases kept: 1, 2"
    )
    # An unchanged file is the live release's, linked: no copy on the server's disk either.
    page = Path("en/index.html")
    assert (folder / "releases/2" / page).stat().st_ino == (
        folder / "releases/1" / page
    ).stat().st_ino

    with nginx(folder / "current", tmp_path / "nginx") as base:
        pages = [*first.pages, *(page for page in second.pages if page not in first.pages)]
        assert {build for _, build in build_ids(base, first.pages)} == {first.build_id}
        published(publish, second)
        deploying = subprocess.Popen(
            deploy_command(publish, server.target(folder)), cwd=REPO, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        seen = watch_while(deploying, base, first.pages)
        out, err = deploying.communicate()
        assert deploying.returncode == 0, err
        assert set(seen) == {first.build_id, second.build_id}, "the watch missed the deploy"
        assert not mixed(seen, first.build_id)
        assert set(build_ids(base, pages)) == {(200, second.build_id)}
    changed = {
        name for name, data in folder_files(second.site).items()
        if folder_files(first.site).get(name) != data
    }  # fmt: skip
    assert out.startswith(
        f"Release 3 is live on {server.target(folder)}: {len(changed)} files sent"
    )
    assert sorted(path.name for path in (folder / "releases").iterdir()) == ["1", "2", "3"]


def test_a_live_link_that_leads_out_of_the_releases_is_not_linked_from(
    tmp_path: Path, two_releases: tuple[Release, Release]
) -> None:
    # `current` is read on the server: a link to "releases/1/../../elsewhere" must not make
    # the new release's files hard links to files outside the releases.
    first, second = two_releases
    folder = tmp_path / "www"
    live_on(folder, first)
    elsewhere = folder / "elsewhere"
    shutil.copytree(second.site, elsewhere)
    (folder / "current").unlink()
    (folder / "current").symlink_to("releases/1/../../elsewhere", target_is_directory=True)
    deploy_to_folder(second.site, Folder(str(folder)), 5)
    assert (folder / "current").readlink() == Path("releases/2")
    assert folder_files(folder / "current") == folder_files(second.site)
    outside = {path.stat().st_ino for path in elsewhere.rglob("*") if path.is_file()}
    release = folder / "releases" / "2"
    assert not [path for path in release.rglob("*") if path.stat().st_ino in outside]


def test_a_copy_killed_midway_leaves_the_live_site_and_the_next_deploy_cleans_up(
    tmp_path: Path, server: SshServer, big_releases: tuple[Release, Release]
) -> None:
    first, second = big_releases
    folder = tmp_path / "www"
    live_on(folder, first)
    publish = published(tmp_path / "publish", second)
    env = with_rsh(server)
    deploying = subprocess.Popen(
        deploy_command(publish, server.target(folder)), cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    incoming = folder / "releases" / ".incoming-2"
    deadline = time.monotonic() + DEADLINE
    while not (incoming / PADDING).is_dir() and time.monotonic() < deadline:
        assert deploying.poll() is None, "the deploy ended before it could be stopped"
        time.sleep(0.005)
    os.killpg(deploying.pid, signal.SIGKILL)  # the deploy, rsync and ssh with it
    deploying.wait()
    assert incoming.is_dir()
    assert (folder / "current").readlink() == Path("releases/1")
    assert folder_files(folder / "current") == folder_files(first.site)

    after = invoke("deploy", "--to", server.target(folder), "--target", str(publish), env=env)
    assert after.returncode == 0, after.stderr
    assert after.stdout.startswith(
        f"{server.target(folder)}: removed .incoming-2, left by a deploy that did not finish\n"
        f"Release 2 is live on {server.target(folder)}: "
    ), after.stdout
    assert sorted(path.name for path in (folder / "releases").iterdir()) == ["1", "2"]
    assert folder_files(folder / "current") == folder_files(second.site)


def test_rollback_puts_the_earlier_release_back_and_old_releases_go(
    tmp_path: Path, server: SshServer, two_releases: tuple[Release, Release]
) -> None:
    first, second = two_releases
    folder = tmp_path / "www"
    live_on(folder, first)
    live_on(folder, second)
    publish = published(tmp_path / "publish", first)
    settings = tmp_path / "keep_two.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom publishconf import *\n"
        f"PATH = {str(REPO / 'content')!r}\nDEPLOY_KEEP_RELEASES = 2\n",
        encoding="utf-8",
    )
    env = with_rsh(server)
    to = server.target(folder)
    done = invoke(
        "deploy", "--to", to, "--target", str(publish), "--settings", str(settings), env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("releases kept: 2, 3")
    assert sorted(path.name for path in (folder / "releases").iterdir()) == ["2", "3"]

    back = invoke("rollback", "--to", to, "--target", str(publish), env=env)
    assert back.returncode == 0, back.stderr
    assert back.stdout.strip() == f"Release 2 is live again on {to} (release 3 is kept)"
    assert folder_files(folder / "current") == folder_files(second.site)
    none = invoke("rollback", "--to", to, "--target", str(publish), env=env)
    assert none.returncode == 1
    assert none.stderr.splitlines()[0] == (
        f"Not rolled back on {to}: the server has no release before the live one — deploy "
        "the release you want live instead"
    )
    assert (folder / "current").readlink() == Path("releases/2")
    # The next deploy goes past the releases there, and becomes live.
    assert invoke("deploy", "--to", to, "--target", str(publish), env=env).returncode == 0
    assert (folder / "current").readlink() == Path("releases/4")


@contextmanager
def unwritable(*folders: Path) -> Iterator[None]:
    """Folders this user cannot write: immutable for root (whom permissions do not stop),
    without write permission for anyone else."""
    root = os.geteuid() == 0
    try:
        for folder in folders:
            if not root:
                folder.chmod(0o555)
            elif subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
                pytest.skip("root cannot be kept from writing here: chattr +i is not supported")
        yield
    finally:
        for folder in folders:
            if root:
                subprocess.run(["chattr", "-i", str(folder)], check=False)
            else:
                folder.chmod(0o755)


SENTENCES = {
    "refused": "the server refuses the connection — check that its SSH server runs, and the port",
    "wrong key": "the server does not let this user in — check the user in DEPLOY_TARGET and "
    "that its SSH key is on the server",
    "unwritable": "the folder on the server cannot be written — let the deploying user write "
    "it, then deploy again",
    "missing": "the folder on the server is missing — create it (the folder of DEPLOY_TARGET, "
    "or of --to), then deploy again",
}


@pytest.mark.parametrize("case", list(SENTENCES))
def test_a_deploy_that_cannot_be_done_says_so_in_one_sentence_and_changes_nothing(
    tmp_path: Path, server: SshServer, two_releases: tuple[Release, Release], case: str
) -> None:
    first, second = two_releases
    folder = tmp_path / "www"
    live_on(folder, first)
    publish = published(tmp_path / "publish", second)
    to = server.target(folder)
    before = folder_files(folder)
    env, where = with_rsh(server), to
    if case == "refused":
        env = with_rsh(server, port=free_port())
    elif case == "wrong key":
        env = with_rsh(server, key=new_key(tmp_path / "other_key"))
    elif case == "missing":
        where = server.target(tmp_path / "no" / "such")
    with unwritable(folder, folder / "releases") if case == "unwritable" else nullcontext():
        result = invoke("deploy", "--to", where, "--target", str(publish), env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first_line, *detail = result.stderr.splitlines()
    assert first_line == f"Not deployed to {where}: {SENTENCES[case]}"
    assert detail
    assert all(line.startswith("  ") for line in detail)
    assert folder_files(folder) == before
    assert (folder / "current").readlink() == Path("releases/1")


@pytest.mark.parametrize("to", ["ftp://press.ombudsman.az/www", "s3:/bucket", "web:www", "s3://"])
def test_a_target_that_is_none_of_the_three_kinds_is_named(tmp_path: Path, to: str) -> None:
    result = invoke("deploy", "--to", to, "--target", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Not deployed: {to!r} is not a place to deploy to — give a folder, user@host:/path or "
        "s3://bucket/prefix (as --to or DEPLOY_TARGET)"
    )


# Object storage.


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[S3Server]:
    """An S3 server for one test, with an empty bucket `site`."""
    with s3_server(tmp_path / "s3") as started:
        (started.root / "site").mkdir()
        yield started


def objects(storage: S3Server, where: str = "site:site/press") -> dict[str, dict[str, str]]:
    """Every object under a prefix, read back from the server: its type, cache lifetime, MD5."""
    env = {**storage.environment(), **rclone_env(storage)}
    listed = subprocess.run(
        [RCLONE, "lsjson", "-R", "-M", "--hash", "--files-only", where],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {
        entry["Path"]: {
            "type": entry["Metadata"].get("content-type", ""),
            "cache": entry["Metadata"].get("cache-control", ""),
            "md5": entry["Hashes"]["md5"],
        }
        for entry in json.loads(listed.stdout)
    }


def md5s(site: Path) -> dict[str, str]:
    """Every file of a site with its MD5."""
    return {name: hashlib.md5(data).hexdigest() for name, data in folder_files(site).items()}


def test_object_storage_gets_changed_files_with_their_headers_and_loses_old_ones(
    tmp_path: Path, storage: S3Server, two_releases: tuple[Release, Release]
) -> None:
    first, second = two_releases
    publish = published(tmp_path / "publish", first)
    env = storage.environment()
    done = invoke("deploy", "--to", "s3://site/press", "--target", str(publish), env=env)
    assert done.returncode == 0, done.stderr
    stored = objects(storage)
    assert {name: entry["md5"] for name, entry in stored.items()} == md5s(first.site)
    expected = {
        "en/index.html": ("text/html; charset=utf-8", SHORT),
        "en/feeds/all.rss.xml": ("application/rss+xml; charset=utf-8", SHORT),
        "az/feeds/all.atom.xml": ("application/atom+xml; charset=utf-8", SHORT),
        "sitemap.xml": ("application/xml; charset=utf-8", SHORT),
        "theme/css/base.css": ("text/css; charset=utf-8", MEDIUM),
        "pagefind/pagefind.js": ("text/javascript; charset=utf-8", MEDIUM),
    }
    for name, (kind, cache) in expected.items():
        assert (stored[name]["type"], stored[name]["cache"]) == (kind, cache), name
    chunks = [name for name in stored if name.endswith(".pf_fragment")]
    assert chunks
    assert all(stored[name]["cache"] == LONG for name in chunks)
    # The bytes, read back over HTTP as the server serves them.
    cat = subprocess.run(
        [RCLONE, "cat", "site:site/press/en/index.html"],
        env={**env, **rclone_env(storage)},
        capture_output=True,
        check=True,
    )
    assert cat.stdout == (first.site / "en" / "index.html").read_bytes()

    again = invoke("deploy", "--to", "s3://site/press", "--target", str(publish), env=env)
    files = len(md5s(first.site))
    assert again.stdout.strip() == (
        f"s3://site/press has the published site: 0 files uploaded (0 bytes), 0 deleted, "
        f"{files} unchanged"
    )
    published(publish, second)
    newer = invoke("deploy", "--to", "s3://site/press", "--target", str(publish), env=env)
    changed = {n for n, h in md5s(second.site).items() if md5s(first.site).get(n) != h}
    assert f": {len(changed)} files uploaded (" in newer.stdout, newer.stdout
    assert {name: entry["md5"] for name, entry in objects(storage).items()} == md5s(second.site)

    # Back to the first: the extra story's pages go, unless there are more than allowed.
    published(publish, first)
    settings = tmp_path / "few_deletions.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom publishconf import *\n"
        f"PATH = {str(REPO / 'content')!r}\nDEPLOY_MAX_DELETIONS = 1\n",
        encoding="utf-8",
    )
    gone = set(md5s(second.site)) - set(md5s(first.site))
    before = objects(storage)
    refused = invoke("deploy", "--to", "s3://site/press", "--target", str(publish),
                     "--settings", str(settings), env=env)  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Not deployed to s3://site/press: {len(gone)} objects there are not in the site, more "
        "than DEPLOY_MAX_DELETIONS (1) — check --to, or deploy with --force to delete them "
        "(nothing was changed)"
    )
    assert objects(storage) == before
    forced = invoke("deploy", "--to", "s3://site/press", "--target", str(publish),
                    "--settings", str(settings), "--force", env=env)  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    assert f", {len(gone)} deleted, " in forced.stdout
    assert {name: entry["md5"] for name, entry in objects(storage).items()} == md5s(first.site)


def rclone_env(storage: S3Server) -> dict[str, str]:
    """rclone's configuration for reading the test's storage back."""
    return {
        "RCLONE_CONFIG": os.devnull,
        "RCLONE_CONFIG_SITE_TYPE": "s3",
        "RCLONE_CONFIG_SITE_PROVIDER": "Other",
        "RCLONE_CONFIG_SITE_ENV_AUTH": "true",
        "RCLONE_CONFIG_SITE_ENDPOINT": storage.endpoint,
    }


@pytest.mark.parametrize(
    ("case", "sentence"),
    [
        ("missing bucket", "the bucket does not exist — create it, or correct the bucket in --to"),
        ("wrong credentials", "the storage refuses these credentials — check AWS_ACCESS_KEY_ID and "
         "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"),
        ("no server", "the storage does not answer — check AWS_ENDPOINT_URL (or "
         "AWS_ENDPOINT_URL_S3) and the network"),
    ],
)  # fmt: skip
def test_object_storage_that_cannot_be_reached_is_one_sentence(
    tmp_path: Path,
    storage: S3Server,
    two_releases: tuple[Release, Release],
    case: str,
    sentence: str,
) -> None:
    publish = published(tmp_path / "publish", two_releases[0])
    to, env = "s3://site/press", storage.environment()
    if case == "missing bucket":
        to = "s3://no-such-bucket/press"
    elif case == "wrong credentials":
        env = storage.environment(AWS_SECRET_ACCESS_KEY="not-the-secret")
    else:
        env = storage.environment(AWS_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}")
    result = invoke("deploy", "--to", to, "--target", str(publish), env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"Not deployed to {to}: {sentence}"
    assert objects(storage) == {}


@pytest.mark.parametrize(
    ("name", "kind", "cache"),
    [
        ("en/index.html", "text/html; charset=utf-8", SHORT),
        ("en/feeds/all.json", "application/feed+json; charset=utf-8", SHORT),
        ("az/feeds/feeds.opml", "text/x-opml; charset=utf-8", SHORT),
        ("files/report.az.pdf", "application/pdf", MEDIUM),
        ("pagefind/index/en_1a2b.pf_index", "application/octet-stream", LONG),
        ("pagefind/wasm.en.pagefind", "application/octet-stream", MEDIUM),
        ("images/2023/photo.JPG", "image/jpeg", MEDIUM),
    ],
)
def test_each_object_gets_its_type_and_lifetime(name: str, kind: str, cache: str) -> None:
    assert headers(name) == (kind, cache)


def test_files_that_pages_link_to_go_up_before_the_pages() -> None:
    names = [
        "en/index.html", "theme/css/base.css", "sitemap.xml", "images/a.png",
        "en/feeds/all.rss.xml", "pagefind/pagefind-entry.json", "pagefind/x.pf_meta",
    ]  # fmt: skip
    order = [name for batch, _ in groups(names) for name in batch]
    assert sorted(order) == sorted(names)
    pages = {"en/index.html", "sitemap.xml", "en/feeds/all.rss.xml", "pagefind/pagefind-entry.json"}
    assert set(order[-len(pages) :]) == pages


def test_object_storage_has_no_rollback(tmp_path: Path) -> None:
    result = invoke("rollback", "--to", "s3://site/press", "--target", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Not rolled back: s3://site/press keeps no earlier release — publish the earlier "
        "content again and deploy it"
    )
