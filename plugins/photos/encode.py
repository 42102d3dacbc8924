"""Making a photo's published files with Pillow: the full-size photo without the camera's
metadata, and the smaller copies pages show, in WebP with a JPEG (or PNG) fallback.

Only the colour profile survives; the orientation the camera recorded is applied to the
pixels. Everything else a camera or an editor writes into a file (the GPS position, the
camera's serial number, the editing software's history) is left out.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageOps

# The widths of a photo's copies as pages show it whole (a lead photo, a photo in the
# text, a cover, a thumbnail), up to twice the widest place on the site (48rem).
WIDE = (320, 640, 960, 1280, 1600)
# The widths of a portrait cropped square (64 px in speaker boxes, 160 px on the speaker's
# page, at two device pixels per pixel).
SQUARE = (128, 320)
# What the pipeline makes of a photo: a new recipe makes every photo again.
RECIPE = "photos-2: wide 320-1600 webp q78 + fallback q80; square 128,320; full size"
WEBP_QUALITY, JPEG_QUALITY, FULL_QUALITY = 78, 80, 90
# Where a portrait is cropped: a little above the middle, where faces are.
FACE = (0.5, 0.35)
# Formats the pipeline makes copies of; other images (an animated GIF) are published as
# they are.
RASTER = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# A photo of more pixels than this is refused (a camera makes 24–60 million).
MAX_PIXELS = 150_000_000


class UnfitPhotoError(ValueError):
    """The file cannot be published as a photo; the text says why, of the file (`is …`)."""


@dataclass(frozen=True)
class Made:
    """One file made of a photo: its name suffix (`640w.webp`), size in pixels and type."""

    suffix: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Opened:
    """A photo read and turned upright, with what its copies keep of it."""

    image: Image.Image
    format: str  # JPEG, PNG or WEBP: the full-size file keeps it
    icc_profile: bytes | None
    upright: bool  # the camera's orientation needed no turn

    @property
    def has_alpha(self) -> bool:
        """Whether the photo has transparent parts (its fallback is then a PNG)."""
        return self.image.mode in ("RGBA", "LA", "PA") or "transparency" in self.image.info


def open_photo(data: bytes) -> Opened:
    """Read a photo from its bytes, upright; `UnfitPhotoError` names what is wrong."""
    try:
        with warnings.catch_warnings():  # the size is checked here, against MAX_PIXELS
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            # A camera's JPEG with a preview or depth image inside opens as MPO: a JPEG.
            kind = "JPEG" if image.format == "MPO" else str(image.format)
            if kind not in RASTER:
                raise UnfitPhotoError(f"is a {image.format} image, not a JPEG, PNG or WebP photo")
            if image.width * image.height > MAX_PIXELS:
                size = f"{image.width} × {image.height}"
                raise UnfitPhotoError(f"is {size} pixels, more than any page needs")
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, UnfitPhotoError):
            raise
        raise UnfitPhotoError(f"is not a readable photo ({error})") from error
    icc = image.info.get("icc_profile")
    upright = image.getexif().get(ExifTags.Base.Orientation, 1) == 1
    turned = image if upright else ImageOps.exif_transpose(image)
    return Opened(turned, kind, icc, upright)


def full_size(photo: Opened) -> bytes:
    """The photo at its own size and in its own format, without its metadata.

    A JPEG that needs no turning keeps its own compression (Pillow's `quality="keep"`), so
    journalists get the pixels the photographer sent.
    """
    out = io.BytesIO()
    image, icc = photo.image, photo.icc_profile
    if photo.format == "JPEG":
        keep = photo.upright and image.mode in ("RGB", "L", "CMYK")
        quality: int | str = "keep" if keep else FULL_QUALITY
        image.save(out, "JPEG", quality=quality, icc_profile=icc, progressive=True)
    elif photo.format == "PNG":
        image.save(out, "PNG", optimize=True, icc_profile=icc)
    else:
        image.save(out, "WEBP", quality=FULL_QUALITY, icc_profile=icc)
    return out.getvalue()


def copies(photo: Opened, square: bool) -> Iterator[tuple[Made, bytes]]:
    """The photo's copies at the site's widths, never wider than the photo itself; with
    `square`, also cropped square for portraits."""
    source = _rgb(photo)
    for width in _widths(WIDE, photo.image.width):
        height = max(1, round(photo.image.height * width / photo.image.width))
        resized = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        yield from _encoded(resized, f"{width}w", photo)
    if square:
        side = min(photo.image.size)
        for width in _widths(SQUARE, side):
            cropped = ImageOps.fit(source, (width, width), Image.Resampling.LANCZOS, centering=FACE)
            yield from _encoded(cropped, f"{width}sq", photo)


def _widths(widths: tuple[int, ...], largest: int) -> list[int]:
    """The widths below a photo's own, and its own where it is narrower than the widest."""
    chosen = [width for width in widths if width < largest]
    if largest <= widths[-1] and largest not in chosen:
        chosen.append(largest)
    return chosen


def _rgb(photo: Opened) -> Image.Image:
    image = photo.image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit grey: scaled down, not clipped
        image = image.point(lambda value: value / 256).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    if photo.has_alpha:
        return image.convert("RGBA")
    return image.convert("RGB") if image.mode != "RGB" else image


def _encoded(image: Image.Image, name: str, photo: Opened) -> Iterator[tuple[Made, bytes]]:
    # A colour profile fits the colours it came with: a CMYK or grey photo's is left off its
    # RGB copies (a browser would apply it wrongly).
    icc = photo.icc_profile if photo.image.mode in ("RGB", "RGBA", "P") else None
    webp = io.BytesIO()
    image.save(webp, "WEBP", quality=WEBP_QUALITY, method=4, icc_profile=icc)
    yield Made(f"{name}.webp", image.width, image.height, "image/webp"), webp.getvalue()
    fallback = io.BytesIO()
    if photo.has_alpha:
        image.save(fallback, "PNG", optimize=True, icc_profile=icc)
        yield Made(f"{name}.png", image.width, image.height, "image/png"), fallback.getvalue()
    else:
        image.save(
            fallback, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc
        )
        yield Made(f"{name}.jpg", image.width, image.height, "image/jpeg"), fallback.getvalue()
