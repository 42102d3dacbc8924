"""`invoke deploy` and `invoke rollback` to a folder, here or on a server over SSH: releases
side by side, switched in one rename; what happened said in plain sentences, the tools' own
words below.

The target folder holds `releases/<n>/` (each a whole site) and `current`, a symbolic link to
the live one: the web server's document root is `<target>/current`. A deploy copies the site
into `releases/.incoming-<n>/`, beside the live release, with rsync: a file unchanged since
the live release is a hard link to it, and only changed files travel. Once the copy is whole,
the folder is renamed to `<n>` and `current` is switched with one rename (`ln -s` to a
temporary name, then `mv -T`). A copy that did not finish leaves the live site as it was; the
next deploy removes it. The newest releases are kept (`DEPLOY_KEEP_RELEASES`), the live one
always; `invoke rollback` switches `current` back to the release before the live one.

The steps on the target are short POSIX shell scripts (GNU `mv -T`), run over SSH or, for a
local folder, here; the folder is passed to them as an argument, never spliced into them.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

INCOMING = ".incoming-"  # a release folder's name while it is copied
# ssh: no question that nobody can answer (a password, an unknown host key) blocks a deploy,
# and a server that does not answer is given up on. Options given in RSYNC_RSH come first
# and win.
SSH_OPTIONS = ("-o", "BatchMode=yes", "-o", "ConnectTimeout=20")
# A target is a local folder, [user@]host:/absolute/path, or s3://bucket/prefix.
REMOTE = re.compile(r"^(?P<host>(?:[^@:/\s]+@)?[^@:/\s]+):(?P<path>/.*)$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|s3:)", re.IGNORECASE)
TARGETS = "a folder, user@host:/path or s3://bucket/prefix"

# rsync's, ssh's and the shell's words for a failure, and what they mean for the office: the
# problem and what to do. The first that matches names the failure.
FAILURES = (
    (
        r"Could not resolve hostname|Name or service not known|nodename nor servname",
        "the server's name is not found",
        "check the host in DEPLOY_TARGET (or --to), and the network",
    ),
    (
        r"Connection refused",
        "the server refuses the connection",
        "check that its SSH server runs, and the port",
    ),
    (
        r"Connection timed out|Operation timed out|No route to host",
        "the server does not answer",
        "check the network, and the host in DEPLOY_TARGET",
    ),
    (
        r"Permission denied \(publickey|Host key verification failed|Too many authentication",
        "the server does not let this user in",
        "check the user in DEPLOY_TARGET and that its SSH key is on the server",
    ),
    (
        r"No such file or directory",
        "the folder on the server is missing",
        "create it (the folder of DEPLOY_TARGET, or of --to), then deploy again",
    ),
    (
        r"Permission denied|Operation not permitted|Read-only file system",
        "the folder on the server cannot be written",
        "let the deploying user write it, then deploy again",
    ),
    (
        r"No space left on device|Disk quota exceeded",
        "the server's disk is full",
        "free some space on the server, then deploy again",
    ),
    (
        r"no earlier release",
        "the server has no release before the live one",
        "deploy the release you want live instead",
    ),
)
STATS = {
    "files": r"Number of files: [\d,]+ \(reg: ([\d,]+)",
    "sent": r"Number of regular files transferred: ([\d,]+)",
    "bytes": r"Total transferred file size: ([\d,]+) bytes",
}

# Before the copy: check the folder, remove what copies that did not finish left, and make
# the new release's folder. Says the live release (if any) and the new one's number.
PREPARE = r"""
set -e
[ -d "$1" ] || { echo "$1: No such file or directory" >&2; exit 1; }
cd -- "$1"
mkdir -p releases
for left in releases/.incoming-*; do
  if [ -e "$left" ]; then rm -rf -- "$left"; echo "cleaned ${left#releases/}"; fi
done
live=$(readlink current 2>/dev/null || true)
case "$live" in releases/|releases/*[!0-9]*) ;; releases/*) echo "live ${live#releases/}" ;; esac
last=$(ls releases | grep -E '^[0-9]+$' | sort -n | tail -n 1)
next=$(( ${last:-0} + 1 ))
mkdir "releases/.incoming-$next"
echo "next $next"
"""
# After the copy: the copied folder becomes release $2, `current` points at it in one
# rename, and all but the newest $3 releases are removed (never the live one: the newest).
SWITCH = r"""
set -e
cd -- "$1"
mv -T "releases/.incoming-$2" "releases/$2"
ln -s "releases/$2" "current.new-$$"
mv -T "current.new-$$" current
ls releases | grep -E '^[0-9]+$' | sort -n | head -n "-$3" | while read -r old; do
  rm -rf -- "releases/$old"
done
ls releases | grep -E '^[0-9]+$' | sort -n | tr '\n' ' '
"""
# `current` back to the newest release older than the live one.
ROLLBACK = r"""
set -e
[ -d "$1" ] || { echo "$1: No such file or directory" >&2; exit 1; }
cd -- "$1"
live=$(readlink current 2>/dev/null || true)
live=${live#releases/}
earlier=$(ls releases 2>/dev/null | grep -E '^[0-9]+$' | sort -n \
  | awk -v live="$live" '$1 + 0 < live + 0' | tail -n 1)
[ -n "$live" ] && [ -n "$earlier" ] || { echo "no earlier release" >&2; exit 1; }
ln -s "releases/$earlier" "current.new-$$"
mv -T "current.new-$$" current
echo "$live $earlier"
"""


class DeployError(RuntimeError):
    """A deploy that failed, in one sentence, with the tools' own words below."""


@dataclass(frozen=True)
class Folder:
    """A folder that receives releases: here (`host` None) or on a server over SSH."""

    path: str
    host: str | None = None

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def rsync_destination(self, name: str) -> str:
        """rsync's name for a release folder of this target."""
        folder = f"{self.path.rstrip('/')}/releases/{name}/"
        return f"{self.host}:{folder}" if self.host else folder

    def run(self, script: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a shell script in the target's place, with the folder as `$1`."""
        arguments = [script, "sh", self.path, *args]
        if self.host is None:
            command = ["sh", "-c", *arguments]
        else:  # ssh hands the server's shell one string: every word quoted
            command = [*ssh_command(), self.host, "sh -c " + shlex.join(arguments)]
        return _run(command)


@dataclass(frozen=True)
class Bucket:
    """A bucket of S3-compatible object storage, and the prefix of the site's keys there."""

    bucket: str
    prefix: str

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"


@dataclass(frozen=True)
class Deployed:
    """What a deploy to a folder did."""

    target: Folder
    release: str
    files: int
    sent: int
    bytes: int
    kept: str
    cleaned: tuple[str, ...] = ()

    def __str__(self) -> str:
        lines = [
            f"{self.target}: removed {name}, left by a deploy that did not finish"
            for name in self.cleaned
        ]
        lines.append(
            f"Release {self.release} is live on {self.target}: {self.sent} files sent "
            f"({self.bytes:,} bytes), {self.files - self.sent} unchanged; releases kept: "
            f"{self.kept}"
        )
        return "\n".join(lines)


def parse_target(text: str) -> Folder | Bucket:
    """The target `--to` or DEPLOY_TARGET names; DeployError for one that is none of them."""
    text = text.strip()
    if text.startswith("s3://"):
        bucket, _, prefix = text.removeprefix("s3://").partition("/")
        if re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
            return Bucket(bucket, prefix.strip("/"))
    elif SCHEME.match(text):
        pass  # another scheme than s3://, or s3:// misspelt
    elif found := REMOTE.match(text):
        return Folder(found["path"], found["host"])
    elif text and ":" not in text.split("/")[0]:
        return Folder(str(Path(text).absolute()))
    raise DeployError(
        f"Not deployed: {text!r} is not a place to deploy to — give {TARGETS} "
        "(as --to or DEPLOY_TARGET)"
    )


def ssh_command() -> list[str]:
    """ssh as rsync runs it: RSYNC_RSH if set (a port, a key), then our options."""
    return [*shlex.split(os.environ.get("RSYNC_RSH") or "ssh"), *SSH_OPTIONS]


def deploy(site: Path, target: Folder, keep: int) -> Deployed:
    """Copy `site` into a new release of `target` and make it live; keep `keep` releases."""
    prepared = step(target.run(PREPARE), target)
    said = [line.split(" ", 1) for line in prepared.splitlines() if " " in line]
    words = dict(said)
    number, live = words["next"], words.get("live")
    cleaned = tuple(value for key, value in said if key == "cleaned")
    command = ["rsync", "-rl", "--checksum", "--stats"]
    if live:  # a file the live release has unchanged is linked to it, not sent
        # Named by its absolute path: Debian's rsync 3.2.7-1+deb12u5 and later (and 3.4.3)
        # fail every changed file's verification over SSH with a relative `../<n>`.
        command.append(f"--link-dest={target.path.rstrip('/')}/releases/{live}")
    if target.host:
        command += ["-e", shlex.join(ssh_command())]
    copied = _run([*command, f"{site}/", target.rsync_destination(f"{INCOMING}{number}")])
    if copied.returncode:
        raise DeployError(failure(str(target), copied.stderr))
    kept = step(target.run(SWITCH, number, str(keep)), target)
    numbers = {
        name: int(found[1].replace(",", "")) if (found := re.search(pattern, copied.stdout)) else 0
        for name, pattern in STATS.items()
    }
    return Deployed(target, number, kept=", ".join(kept.split()), cleaned=cleaned, **numbers)


def rollback(target: Folder) -> str:
    """Switch `target`'s `current` back to the release before the live one; say so."""
    live, earlier = step(target.run(ROLLBACK), target, "Not rolled back on").split()
    return f"Release {earlier} is live again on {target} (release {live} is kept)"


def step(
    done: subprocess.CompletedProcess[str], target: Folder, lead: str = "Not deployed to"
) -> str:
    """The output of a step on the target; DeployError if it failed."""
    if done.returncode:
        raise DeployError(failure(str(target), done.stderr, lead))
    return done.stdout


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as missing:
        raise DeployError(
            f"Not deployed: {Path(str(missing.filename)).name} is not installed — install it "
            "(apt-get install rsync openssh-client)"
        ) from None


def failure(destination: str, said: str, lead: str = "Not deployed to") -> str:
    """The sentence for a failed deploy (or rollback), then what rsync and ssh said."""
    problem, fix = "the copy failed", "read what rsync said below, then deploy again"
    for pattern, meaning, what_to_do in FAILURES:
        if re.search(pattern, said):
            problem, fix = meaning, what_to_do
            break
    detail = "\n".join(f"  {line}" for line in said.strip().splitlines())
    return f"{lead} {destination}: {problem} — {fix}\n{detail}".rstrip()
