"""`invoke deploy`: the published site copied to the web server with rsync, and what
happened said in plain sentences, the tools' own words below."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# rsync's and ssh's words for a failure, and what they mean for the office: the problem and
# what to do. The first that matches names the failure.
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
        r"Permission denied|Read-only file system",
        "the folder on the server cannot be written",
        "let the deploying user write it, then deploy again",
    ),
    (
        r"No space left on device|Disk quota exceeded",
        "the server's disk is full",
        "free some space on the server, then deploy again",
    ),
)
STATS = {
    "sent": r"Number of regular files transferred: ([\d,]+)",
    "removed": r"Number of deleted files: ([\d,]+)",
    "bytes": r"Total transferred file size: ([\d,]+) bytes",
}


class DeployError(RuntimeError):
    """A deploy that failed, in one sentence, with the tools' own words below."""


@dataclass(frozen=True)
class Deployed:
    """What a deploy did."""

    sent: int
    removed: int
    bytes: int

    def __str__(self) -> str:
        return (
            f"{self.sent} files sent ({self.bytes:,} bytes), {self.removed} removed: the server "
            "has the published site"
        )


def deploy(site: Path, destination: str) -> Deployed:
    """Copy `site` to `destination` (`user@host:/path/` or a folder): only what changed,
    and what the site no longer has removed."""
    command = ["rsync", "-rlt", "--delete", "--checksum", "--stats"]
    try:
        done = subprocess.run(
            [*command, f"{site}/", f"{destination.rstrip('/')}/"],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise DeployError(
            "Not deployed: rsync is not installed — install it (apt-get install rsync)"
        ) from None
    if done.returncode:
        raise DeployError(failure(destination, done.stderr))
    numbers = {
        name: int(found[1].replace(",", "")) if (found := re.search(pattern, done.stdout)) else 0
        for name, pattern in STATS.items()
    }
    return Deployed(**numbers)


def failure(destination: str, said: str) -> str:
    """The sentence for a failed deploy, then what rsync and ssh said."""
    problem, fix = "the copy failed", "read what rsync said below, then deploy again"
    for pattern, meaning, what_to_do in FAILURES:
        if re.search(pattern, said):
            problem, fix = meaning, what_to_do
            break
    detail = "\n".join(f"  {line}" for line in said.strip().splitlines())
    return f"Not deployed to {destination}: {problem} — {fix}\n{detail}".rstrip()
