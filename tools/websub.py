"""WebSub after a deploy: each hub the feeds name is told which feeds changed
(https://www.w3.org/TR/websub/ leaves how a publisher pings to the hub; the common form,
`hub.mode=publish` with `hub.url`, is what public hubs take). A hub that fails is a
warning: the site is deployed all the same.
"""

from __future__ import annotations

import filecmp
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path

# Where a releases folder records the release the last deploy copied.
DEPLOYED = "deployed"
# Files that are feeds: every format, in each language's feeds folder.
FEED_SUFFIXES = (".rss.xml", ".atom.xml", ".json")
TIMEOUT = 10


def feeds_of(site: Path) -> list[str]:
    """The feed files of a published site, by path in it."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.glob("*/feeds/**/*")
        if path.is_file() and path.name.endswith(FEED_SUFFIXES)
    )


def changed_feeds(site: Path, before: Path | None) -> list[str]:
    """The feeds of `site` that are new or other than in `before` (the site the last deploy
    copied; None: every feed)."""
    return [
        name
        for name in feeds_of(site)
        if before is None
        or not (before / name).is_file()
        or not filecmp.cmp(site / name, before / name, shallow=False)
    ]


def last_deployed(releases: Path) -> Path | None:
    """The site the last deploy from this releases folder copied, while it is kept."""
    record = releases / DEPLOYED
    if not record.is_file():
        return None
    site = releases / "releases" / record.read_text(encoding="utf-8").strip() / "site"
    return site if site.is_dir() else None


def record_deployed(releases: Path, release: Path) -> None:
    """Remember which release the deploy copied (for the next deploy's comparison)."""
    record = releases / DEPLOYED
    temporary = record.with_name(f".{DEPLOYED}.new")
    temporary.write_text(f"{release.name}\n", encoding="utf-8")
    temporary.replace(record)


def notify(hubs: Sequence[str], feeds: Iterable[str], timeout: float = TIMEOUT) -> list[str]:
    """Tell each hub of each changed feed (absolute addresses); return a warning for each
    hub that did not take a ping, in one sentence."""
    feeds = list(feeds)
    warnings = []
    for hub in hubs:
        for feed in feeds:
            problem = _ping(hub, feed, timeout)
            if problem:
                warnings.append(
                    f"WebSub hub {hub} was not told of the new feeds ({problem}) — readers "
                    "subscribed there get them when the hub next checks; check the hub's "
                    "address in FEEDS['websub_hubs']"
                )
                break  # one sentence per hub
    return warnings


def _ping(hub: str, feed: str, timeout: float) -> str | None:
    data = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed}).encode()
    request = urllib.request.Request(hub, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as error:
        return f"it answered {error.code} {error.reason}"
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return f"it could not be reached: {reason}"
    return None if 200 <= status < 300 else f"it answered {status}"
