"""A deterministic newsroom corpus for benchmarks: bilingual stories at any scale.

`write_corpus(folder, stories)` writes `stories` stories (most in both languages, some in one),
with categories, tags, speakers from a registry, lead photos for some, two pages per language
and no publications (stock Pelican has nothing like them). The same arguments always give the
same files.

Two corpora share that structure and differ in their tags and speakers:

- `standard`: three tags each from 30, up to three speakers each from 40;
- `tags`: 200 tags with a long tail (a few tags on many stories, most on few), two to five
  each, and 24 speakers: the listings of tags and speakers weigh more than the stories.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

AZ_TEXT = (
    "ombudsman müvəkkil hüquq uşaq miqrasiya təlim müraciət vətəndaş qəbul məruzə bəyanat "
    "tədbir əməkdaşlıq beynəlxalq təşkilat dövlət xidmət qanun müdafiə azadlıq bərabərlik "
    "ləyaqət iştirakçı sertifikat görüş regional mərkəz sosial səhiyyə təhsil mənzil əlilliyi "
    "olan şəxslər qaçqın köçkün ailə əlaqə tövsiyə araşdırma nəticə layihə proqram"
)
EN_TEXT = (
    "ombudsman commissioner rights child migration training application citizen reception "
    "report statement event cooperation international organisation state service law "
    "protection freedom equality dignity participant certificate meeting regional centre "
    "social health education housing disability refugee displaced family contact "
    "recommendation inquiry result project programme"
)
AZ_WORDS, EN_WORDS = AZ_TEXT.split(), EN_TEXT.split()
CATEGORIES = ("news", "events", "statements")
SINGLE_LANGUAGE_SHARE = 0.15
PHOTO_SHARE = 0.2
PHOTOS = 8
START = datetime(2015, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Baku"))  # dates are Baku time
# How a marked title ends: " [marker]".
MARKER = re.compile(r" \[[^\]]*\]$")
TAG_MARK = "bench tag"  # the start of the tag a preview's save gives a story (`tag_story`)


@dataclass(frozen=True)
class Shape:
    """What a corpus's stories draw their tags and speakers from."""

    tags: int  # distinct tags
    speakers: int  # speakers in the registry
    long_tail: bool  # tags in a long tail, two to five a story; otherwise three, uniformly


CORPORA = {
    "standard": Shape(tags=30, speakers=40, long_tail=False),
    "tags": Shape(tags=200, speakers=24, long_tail=True),
}


@dataclass(frozen=True)
class StorySpec:
    """One generated story: its key, date, languages and what it mentions."""

    key: str
    date: datetime
    langs: tuple[str, ...]
    category: str
    tags: tuple[int, ...]
    speakers: tuple[int, ...]
    photo: int | None


def plan(stories: int, seed: int = 2023, corpus: str = "standard") -> list[StorySpec]:
    """Decide every story of the corpus, the same way for the same arguments."""
    shape = CORPORA[corpus]
    rng = random.Random(seed)
    specs = []
    for index in range(stories):
        date = START + timedelta(hours=7 * index + rng.randrange(0, 5))
        roll = rng.random()
        langs: tuple[str, ...] = ("az", "en")
        if roll < SINGLE_LANGUAGE_SHARE:
            langs = ("az",) if roll < SINGLE_LANGUAGE_SHARE * 0.7 else ("en",)
        specs.append(
            StorySpec(
                key=f"{date:%Y-%m-%d}-story-{index:05d}",
                date=date,
                langs=langs,
                category=rng.choice(CATEGORIES),
                tags=long_tail_tags(rng, index, shape.tags)
                if shape.long_tail
                else tuple(sorted(rng.sample(range(shape.tags), 3))),
                speakers=tuple(sorted(rng.sample(range(shape.speakers), rng.randrange(0, 4)))),
                photo=rng.randrange(PHOTOS) if rng.random() < PHOTO_SHARE else None,
            )
        )
    return specs


def long_tail_tags(rng: random.Random, index: int, tags: int) -> tuple[int, ...]:
    """Two to five tags for the story at `index`: tag `n` drawn with weight 1/(n+1), as
    newsrooms use a few tags often and most rarely; the first goes round all the tags, so
    that every tag is used once the corpus has as many stories as tags."""
    weights = [1 / (n + 1) for n in range(tags)]
    chosen = {index % tags}
    wanted = rng.randrange(2, 6)
    while len(chosen) < wanted:
        chosen.update(rng.choices(range(tags), weights))
    return tuple(sorted(chosen))


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], length: int) -> str:
    """A sentence of random words, capitalised and closed."""
    chosen = [rng.choice(words) for _ in range(length)]
    return " ".join(chosen).capitalize() + "."


def story_text(spec: StorySpec, lang: str) -> str:
    """The Markdown file of one language version of a story."""
    rng = random.Random(f"{spec.key}-{lang}")
    words = AZ_WORDS if lang == "az" else EN_WORDS
    title = sentence(rng, words, 7).rstrip(".")
    tags = ", ".join(f"{words[t % len(words)]} {t}" for t in spec.tags)
    header = [
        f"Title: {title} {spec.key[-5:]}",
        f"Date: {spec.date:%Y-%m-%d %H:%M}",
        f"Category: {spec.category}",
        f"Tags: {tags}",
        f"Location: {'Bakı' if lang == 'az' else 'Baku'}",
    ]
    if spec.speakers:
        header.append("Speakers: " + ", ".join(f"speaker-{s:02d}" for s in spec.speakers))
    if spec.photo is not None:
        header += [
            f"Image: images/photo-{spec.photo}.svg",
            f"Image-Alt: {sentence(rng, words, 6)}",
            f"Image-Caption: {sentence(rng, words, 8)}",
            "Image-Credit: Press office",
        ]
    paragraphs = [
        " ".join(sentence(rng, words, rng.randrange(8, 16)) for _ in range(rng.randrange(3, 6)))
        for _ in range(rng.randrange(3, 7))
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def speakers_yaml(speakers: int) -> str:
    """The registry of the corpus's speakers."""
    lines = []
    for index in range(speakers):
        lines += [
            f"speaker-{index:02d}:",
            f"  name: {{az: Natiq {index:02d} Əliyev, en: Speaker {index:02d} Aliyev}}",
            f"  role: {{az: Ekspert {index % 5}, en: Expert {index % 5}}}",
            f"  organisation: {{az: Təşkilat {index % 6}, en: Organisation {index % 6}}}",
        ]
    return "\n".join(lines) + "\n"


def photo_svg(index: int) -> str:
    """A small drawn photo."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90">'
        f'<rect width="160" height="90" fill="#{(index * 2654435761) % 0xFFFFFF:06x}"/></svg>\n'
    )


def write_corpus(
    folder: Path, stories: int, seed: int = 2023, corpus: str = "standard"
) -> list[StorySpec]:
    """Write a corpus of `stories` stories into `folder` (emptied first); return the plan."""
    shutil.rmtree(folder, ignore_errors=True)
    specs = plan(stories, seed, corpus)
    for spec in specs:
        year_folder = folder / "articles" / f"{spec.date:%Y}"
        year_folder.mkdir(parents=True, exist_ok=True)
        for lang in spec.langs:
            (year_folder / f"{spec.key}.{lang}.md").write_text(story_text(spec, lang), "utf-8")
    pages = folder / "pages"
    pages.mkdir(parents=True)
    for name, titles in (("about", ("Haqqımızda", "About")), ("contacts", ("Əlaqə", "Contacts"))):
        for lang, title in zip(("az", "en"), titles, strict=True):
            (pages / f"{name}.{lang}.md").write_text(f"Title: {title}\n\nText.\n", "utf-8")
    images = folder / "images"
    images.mkdir()
    for index in range(PHOTOS):
        (images / f"photo-{index}.svg").write_text(photo_svg(index), "utf-8")
    (folder / "speakers.yml").write_text(speakers_yaml(CORPORA[corpus].speakers), "utf-8")
    return specs


def edit_one_story(folder: Path, specs: list[StorySpec]) -> tuple[Path, str]:
    """Change the title and text of the story in the middle of the corpus; return its file
    and its text before the change."""
    spec = specs[len(specs) // 2]
    path = story_file(folder, spec, spec.langs[0])
    text = path.read_text("utf-8")
    head, body = text.split("\n\n", 1)
    lines = head.splitlines()
    lines[0] += " (edited)"
    path.write_text("\n".join(lines) + "\n\nAn added first paragraph.\n\n" + body, "utf-8")
    return path, text


def story_file(folder: Path, spec: StorySpec, lang: str) -> Path:
    """The file of one language version of a story."""
    return folder / "articles" / f"{spec.date:%Y}" / f"{spec.key}.{lang}.md"


def tag_story(path: Path, tag: str) -> None:
    """Give a story one more tag, `tag`, in place of the one an earlier call gave: a new tag
    page, and every listing the story is on, its feeds and the sitemap change with it."""
    head, body = path.read_text("utf-8").split("\n\n", 1)
    lines = head.splitlines()
    tagged = [index for index, line in enumerate(lines) if line.startswith("Tags: ")]
    if tagged:
        kept = [t for t in lines[tagged[0]][6:].split(", ") if not t.startswith(TAG_MARK)]
        lines[tagged[0]] = "Tags: " + ", ".join([*kept, tag])
    else:
        lines.insert(1, f"Tags: {tag}")
    path.write_text("\n".join(lines) + "\n\n" + body, "utf-8")


def mark_story(path: Path, marker: str, slug: str) -> None:
    """End a story's title with `[marker]` (in place of an earlier marker) and fix its slug,
    so that its page keeps its address while its title changes."""
    head, body = path.read_text("utf-8").split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith("Slug: ")]
    lines[0] = MARKER.sub("", lines[0]) + f" [{marker}]"
    lines.insert(1, f"Slug: {slug}")
    path.write_text("\n".join(lines) + "\n\n" + body, "utf-8")
