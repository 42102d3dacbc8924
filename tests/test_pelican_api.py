"""What the site relies on in Pelican beyond its public API (`plugins.common.pelican_api`),
one test for each: each builds with stock Pelican and fails when Pelican changes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from plugins.common import pelican_api

STORY = """Title: Training opened
Date: 2024-03-01 10:00
Category: news

The agenda is [attached]({attach}agenda.pdf) and the photo is ![a hall]({static}hall.png).
"""


def stock_build(tmp_path: Path, receivers: dict[Any, Any], **overrides: Any) -> Path:
    """Build a story and two files with Pelican alone (no plugin), `receivers` connected."""
    content = tmp_path / "content"
    if not content.is_dir():  # made once: a build again reads the same files
        (content / "files").mkdir(parents=True)
        (content / "story.md").write_text(STORY, encoding="utf-8")
        for name in ("agenda.pdf", "hall.png", "files/kept.pdf", "files/withheld.pdf"):
            (content / name).write_bytes(b"x")
    output = tmp_path / "output"
    settings = read_settings(
        None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(tmp_path / "cache"),
            "STATIC_PATHS": ["files", "agenda.pdf", "hall.png"],
            "PLUGINS": [],
            **overrides,
        },
    )
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    try:
        Pelican(settings).run()
    finally:
        for signal, receiver in receivers.items():
            signal.disconnect(receiver)
    return output


def test_static_files_left_out_are_not_copied_nor_known(tmp_path: Path) -> None:
    known: dict[str, bool] = {}

    def leave_out(generator: Any) -> None:
        pelican_api.leave_out_static_files(generator, {"files/withheld.pdf"})
        known.update({path: True for path in generator.context["static_content"]})

    output = stock_build(tmp_path, {signals.static_generator_finalized: leave_out})
    assert (output / "files" / "kept.pdf").is_file()
    assert not (output / "files" / "withheld.pdf").exists()
    assert "files/kept.pdf" in known
    assert "files/withheld.pdf" not in known


def test_static_files_the_site_publishes_itself_stay_known(tmp_path: Path) -> None:
    known: dict[str, str] = {}

    def leave_out(generator: Any) -> None:
        pelican_api.leave_out_static_files(
            generator, {"files/withheld.pdf"}, published_by_the_site=True
        )
        known.update({p: f.url for p, f in generator.context["static_content"].items()})

    output = stock_build(tmp_path, {signals.static_generator_finalized: leave_out})
    assert (output / "files" / "kept.pdf").is_file()
    assert not (output / "files" / "withheld.pdf").exists()
    assert known["files/withheld.pdf"] == "files/withheld.pdf"  # links to it still resolve


def test_raw_text_is_the_text_with_its_links_unreplaced(tmp_path: Path) -> None:
    seen: list[str] = []

    def read_raw(generators: list[Any]) -> None:
        articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
        (story,) = articles.articles
        seen.append(pelican_api.raw_text(story))

    output = stock_build(tmp_path, {signals.all_generators_finalized: read_raw})
    (text,) = seen
    assert "{attach}agenda.pdf" in text
    assert "{static}hall.png" in text
    page = (output / "training-opened.html").read_text(encoding="utf-8")
    assert "{attach}" not in page  # the public `content`, written, has them replaced
    assert "The agenda is" in text


def test_forgetting_the_content_cache_reads_every_file_again(tmp_path: Path) -> None:
    read: list[str] = []

    class CountingReader(MarkdownReader):  # type: ignore[misc]
        def read(self, source_path: str) -> Any:
            read.append(Path(source_path).name)
            return super().read(source_path)

    def count_reads(readers: Any) -> None:
        readers.reader_classes["md"] = CountingReader

    counting = {signals.readers_init: count_reads}
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    stock_build(tmp_path, counting, **cached)
    assert read == ["story.md"]
    cache = tmp_path / "cache"
    names = {
        f"{name}{suffix}" for name in pelican_api.CACHING_GENERATORS for suffix in ("", "-Readers")
    }
    assert names & {path.name for path in cache.iterdir()}, sorted(cache.iterdir())
    stock_build(tmp_path, counting, **cached)
    assert read == ["story.md"]  # from the cache: the reader did not run
    pelican_api.forget_content_cache({"CACHE_PATH": str(cache)})
    assert not names & {path.name for path in cache.iterdir()}
    stock_build(tmp_path, counting, **cached)
    assert read == ["story.md", "story.md"]
