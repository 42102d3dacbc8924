"""The example values the project ships with, which must never reach a published site.

`publishconf.py` and `pelicanconf.py` come with the addresses of a press office that does
not exist (`press.example.org`): a site published with them would link to nowhere, and its
feeds would carry item ids made from a domain the office does not own, which can never be
changed once subscribers have them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Names reserved for examples and tests (RFC 2606, RFC 6761): no office owns them.
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
EXAMPLE_ENDINGS = (".example", ".test", ".invalid", ".localhost")
FIRST_PUBLISH = "see “Before your first publish” in README.md"


def is_example(host: str) -> bool:
    """Whether a host name is one no office can own."""
    host = host.lower().rstrip(".")
    return (
        host in EXAMPLE_DOMAINS
        or host.endswith(tuple(f".{domain}" for domain in EXAMPLE_DOMAINS))
        or host.endswith(EXAMPLE_ENDINGS)
        or host in ("localhost", *(ending.lstrip(".") for ending in EXAMPLE_ENDINGS))
    )


def publish_problems(settings: Mapping[str, Any], files: list[Path]) -> list[str]:
    """The example values a publish must not go out with, each as `file:line: problem — fix`
    (`files`: the settings files, where each value is looked for)."""
    problems = []
    siteurl = str(settings.get("SITEURL") or "")
    if is_example(urlsplit(siteurl).hostname or ""):
        problems.append(
            f"{where(files, 'SITEURL')}: SITEURL is the example {siteurl!r} — set the address "
            f"the site is served from; {FIRST_PUBLISH}"
        )
    authority = str((settings.get("FEEDS") or {}).get("id_authority") or "")
    domain = authority.partition(",")[0].rpartition("@")[2]
    if is_example(domain):
        problems.append(
            f"{where(files, 'id_authority')}: FEEDS['id_authority'] is the example "
            f"{authority!r} — set a domain the office owns and the date it owned it; it can "
            f"never change once feeds are out; {FIRST_PUBLISH}"
        )
    return problems


def deploy_problem(target: str, files: list[Path]) -> str | None:
    """What is wrong with a deploy destination (`user@host:/path/`), if it is the example."""
    host = target.partition(":")[0].rpartition("@")[2]
    if ":" in target and is_example(host):
        return (
            f"{where(files, 'DEPLOY_TARGET')}: DEPLOY_TARGET is the example {target!r} — set "
            f"the web server's user, host and folder, or pass --to; {FIRST_PUBLISH}"
        )
    return None


def where(files: list[Path], name: str) -> str:
    """`file:line` of the last assignment of a setting in the settings files (the one in
    force), or the first file's name when none sets it."""
    found = f"{files[0].name}:1"
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(f"{name} =") or stripped.startswith(f'"{name}":'):
                found = f"{path.name}:{number}"
    return found
