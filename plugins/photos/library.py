"""The build's photos: each made once into its published files, kept between builds in the
cache folder by its content, and written beside the photo's own address.

`images/2023/training.jpg` is published without its metadata at its own address, with its
copies beside it: `images/2023/training.640w.webp`, `…640w.jpg`, and for a speaker's
portrait `…128sq.webp`. A photo that cannot be read is refused like any other file that
must not be published; an edited photo has other bytes, and so other copies.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath

from lxml import etree

from .encode import RECIPE, Made, copies, full_size, open_photo

# Files the pipeline makes copies of, by their suffix.
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
INDEX = "index.json"
# How wide the copy of a photo that link previews and feed readers show is, at most.
SHARED_WIDTH = 1280


@dataclass(frozen=True)
class Photo:
    """One photo of the content folder as the site publishes it."""

    source: str  # its path in the content folder
    width: int  # upright, in pixels
    height: int
    format: str  # JPEG, PNG or WEBP
    size: int  # bytes of the full-size file as published
    folder: Path  # where its files are kept between builds
    made: tuple[Made, ...]  # its copies, narrowest first
    square: bool = False  # whether it has square copies (a speaker's portrait)

    @property
    def full_name(self) -> str:
        """The name of the full-size file in the photo's folder."""
        return f"full.{self.format.lower()}"

    @property
    def format_name(self) -> str:
        """The format as readers know it: `JPEG`, `PNG`, `WebP`."""
        return {"WEBP": "WebP"}.get(self.format, self.format)

    def shape(self, square: bool) -> list[Made]:
        """The copies of one shape: whole (`w`) or cropped square (`sq`)."""
        kind = "sq" if square else "w"
        return [made for made in self.made if made.suffix.split(".")[0].endswith(kind)]

    @property
    def shared(self) -> Made | None:
        """The copy link previews and feed readers show: a JPEG (or PNG) about 1280
        pixels wide."""
        fallbacks = [made for made in self.shape(square=False) if made.mime != "image/webp"]
        wide = [made for made in fallbacks if made.width <= SHARED_WIDTH]
        return wide[-1] if wide else None

    def files(self, save_as: str) -> Iterator[tuple[str, Path]]:
        """Every file the photo publishes, by output name, with where it is kept."""
        yield save_as, self.folder / self.full_name
        for made in self.made:
            yield beside(save_as, made), self.folder / made.suffix


def beside(name: str, made: Made) -> str:
    """The name of a copy beside its photo's: `a/b.jpg` → `a/b.640w.webp`."""
    stem, _ = posixpath.splitext(name)
    return f"{stem}.{made.suffix}"


@dataclass
class Photos:
    """The photos of one build, made or found in the cache folder."""

    root: Path  # the content folder
    cache: Path  # where photos' files are kept between builds
    photos: dict[str, Photo] = field(default_factory=dict)  # by path in the content folder
    drawings: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # SVG sizes

    @staticmethod
    def is_photo(relative: str) -> bool:
        """Whether a file of the content folder is one the pipeline makes copies of."""
        return PurePosixPath(relative).suffix.lower() in SUFFIXES

    def prepare(self, relative: str, square: bool = False) -> Photo:
        """Make a photo's files, or find them made by an earlier build; `UnfitPhotoError` says
        why a file cannot be published as a photo."""
        known = self.photos.get(relative)
        if known is not None and (known.square or not square):
            return known
        data = (self.root / relative).read_bytes()
        key = hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()[:40]
        folder = self.cache / key[:2] / key
        photo = _kept(folder, relative, square)
        if photo is None:
            photo = _make(data, folder, relative, square)
        self.photos[relative] = photo
        return photo

    def get(self, relative: str) -> Photo | None:
        """A prepared photo, by its path in the content folder."""
        return self.photos.get(relative)

    def keys(self) -> list[tuple[str, str, bool]]:
        """Each photo by what it was made of: its path, its cache key, its square copies."""
        return sorted((relative, p.folder.name, p.square) for relative, p in self.photos.items())

    def drawing_size(self, relative: str) -> tuple[int, int] | None:
        """An SVG drawing's own size (its `width` and `height`, else its `viewBox`), so that
        a page keeps its place while it loads; None when it says none."""
        if relative not in self.drawings:
            self.drawings[relative] = svg_size(self.root / relative)
        return self.drawings[relative]


def _kept(folder: Path, relative: str, square: bool) -> Photo | None:
    """The photo as an earlier build made it, if it made everything this one needs."""
    try:
        saved = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        photo = Photo(
            source=relative,
            width=saved["width"],
            height=saved["height"],
            format=saved["format"],
            size=saved["size"],
            folder=folder,
            made=tuple(Made(**made) for made in saved["made"]),
            square=saved["square"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if square and not photo.square:
        return None
    files = [photo.full_name, *(made.suffix for made in photo.made)]
    if not all((folder / name).is_file() for name in files):
        return None
    if photo.square and not square:  # made for a portrait: publish what this use needs
        return replace(photo, made=tuple(photo.shape(square=False)), square=False)
    return photo


def _make(data: bytes, folder: Path, relative: str, square: bool) -> Photo:
    """Make a photo's files into its folder of the cache, the index last: a build stopped
    half-way leaves no index, and the next one makes the photo again."""
    opened = open_photo(data)
    folder.mkdir(parents=True, exist_ok=True)
    full = full_size(opened)
    _save(folder / f"full.{opened.format.lower()}", full)
    made = []
    for copy, encoded in copies(opened, square):
        _save(folder / copy.suffix, encoded)
        made.append(copy)
    photo = Photo(
        source=relative,
        width=opened.image.width,
        height=opened.image.height,
        format=opened.format,
        size=len(full),
        folder=folder,
        made=tuple(made),
        square=square,
    )
    index = {key: value for key, value in asdict(photo).items() if key not in ("source", "folder")}
    _save(folder / INDEX, json.dumps(index, sort_keys=True).encode())
    return photo


def _save(path: Path, data: bytes) -> None:
    """Write a file of the cache whole (two builds may make the same photo at once)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(path)


def svg_size(path: Path) -> tuple[int, int] | None:
    """The size an SVG file gives itself, in whole pixels; None for none, or no SVG."""
    if path.suffix.lower() != ".svg":
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError):
        return None
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        _, _, box_width, box_height = (float(number) for number in box)
    except ValueError:
        return None
    return (round(box_width), round(box_height)) if box_width > 0 and box_height > 0 else None


def _length(value: str | None) -> int | None:
    """A length in pixels (`240`, `240px`); None for other units or none."""
    text = (value or "").strip().removesuffix("px")
    try:
        number = float(text)
    except ValueError:
        return None
    return round(number) if number > 0 else None
