"""The three things the site needs of Pelican that Pelican offers no public way to do.

Each names the Pelican version it was written against and why it is needed, and
`tests/test_pelican_api.py` fails when Pelican changes what it relies on. Nothing else in
the site reaches into Pelican's internals.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

# Pelican 4.12: the generators that cache what their readers made of each file, by class name.
CACHING_GENERATORS = ("ArticlesGenerator", "PagesGenerator")


def leave_out_static_files(
    static_generator: Any, paths: Collection[str], published_by_the_site: bool = False
) -> None:
    """Keep Pelican from copying some of the static files it has read.

    Pelican 4.12 copies every entry of `StaticGenerator.staticfiles` (the list it also
    puts in the context as `staticfiles`) and offers no signal to skip one. A file that
    leads outside the content folder, an active file, or a photo only a draft shows must
    not be published: it is taken out of that list, and out of `static_content` so that
    links to it are reported. A photo, which the site publishes itself without its
    metadata (`published_by_the_site`), stays in `static_content`: links to it hold.
    """
    if not paths:
        return
    static_generator.staticfiles[:] = [
        item for item in static_generator.staticfiles if item.relative_source_path not in paths
    ]
    if published_by_the_site:
        return
    for path in paths:
        static_generator.context["static_content"].pop(path, None)


def raw_text(item: Any) -> str:
    """The text of a story, page or publication as its reader made it, its `{static}`,
    `{attach}` and `{filename}` links not yet replaced.

    Pelican 4.12 keeps it in `Content._content`; the public `content` replaces the links,
    and replacing an `{attach}` link moves the attached file, which must not happen before
    the page is written.
    """
    return str(getattr(item, "_content", "") or "")


def forget_content_cache(settings: Mapping[str, Any]) -> None:
    """Remove Pelican's content cache, so that every file is read again.

    Pelican 4.12 keeps what its readers made of each file in `CACHE_PATH`, one file per
    generator named after its class (and `-Readers` for the readers' part), and reuses it
    while the file is unchanged, whatever the settings or the code that read it. When they
    change (a category's URL, a check), the cache must go.
    """
    folder = Path(settings["CACHE_PATH"])
    for name in CACHING_GENERATORS:
        for cache in (folder / name, folder / f"{name}-Readers"):
            cache.unlink(missing_ok=True)
