"""Photos on tiny sites: published upright without the camera's metadata, in the widths
pages show them, cropped square for speakers, kept between builds, refused when broken."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from PIL import ExifTags, Image, ImageCms, ImageDraw

from tests.conftest import FIXTURES, BuiltSite, SiteBuilder, build_site, copy_case

STORY_EN = "/en/2023/10/training-on-childrens-rights-opens/"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_photo(width: int, height: int, orientation: int = 1, kind: str = "JPEG") -> bytes:
    """A photo as a camera writes it: a colour profile, its make, serial number and GPS
    position, and the orientation it was held in."""
    image = Image.new("RGB", (width, height), (30, 90, 160))
    draw = ImageDraw.Draw(image)
    for step in range(0, width, max(1, width // 40)):
        draw.line([(step, 0), (width - step, height)], fill=(200, step % 255, 40), width=9)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera Maker"
    exif[ExifTags.Base.BodySerialNumber] = "SN-0042-SECRET"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (40.0, 22.0, 30.0),
    }
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes(), icc_profile=SRGB, quality=90)
    return out.getvalue()


def with_photos(files: dict[str, bytes], content: Path) -> None:
    for relative, data in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_bytes(data)


def story(image: str, body: str = "The first day of the training.") -> str:
    """The basic fixture's training story with another lead photo and text."""
    return (
        "Title: Training on children's rights opens\nDate: 2023-10-27 11:00\n"
        "Category: events\nSpeakers: sabina-aliyeva, vusal-huseynov\nLocation: Baku\n"
        f"Image: {image}\nImage-Alt: A training room\n\n{body}\n"
    )


def build_with_photos(
    tmp_path: Path,
    photos: dict[str, bytes],
    files: dict[str, str | None] | None = None,
    settings: str = "pelicanconf.py",
    name: str = "site",
) -> BuiltSite:
    """The basic fixture with photos added, built in `tmp_path / name` (whose cache the
    builds of one test share when they share a name)."""
    root = tmp_path / name
    content = root / "content"
    if not content.exists():
        copy_case("basic", content, files or {})
    else:
        for relative, text in (files or {}).items():
            if text is None:
                (content / relative).unlink()
            else:
                (content / relative).write_text(text, encoding="utf-8")
    with_photos(photos, content)
    return build_site(content, root / "output", settings)


def opened(site: BuiltSite, url: str) -> Image.Image:
    image = Image.open(site.path(url))
    image.load()
    return image


def srcset(tag: Tag) -> dict[str, int]:
    """A `srcset` as URL → width."""
    entries = (entry.strip().rsplit(" ", 1) for entry in str(tag["srcset"]).split(","))
    return {url: int(width.removesuffix("w")) for url, width in entries}


def lead_picture(site: BuiltSite, url: str) -> Tag:
    picture = site.html(url).select_one("figure.story__photo picture")
    assert picture is not None
    return picture


@pytest.fixture(scope="module")
def camera_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The basic fixture with a 4000 × 2667 camera photo held upright (orientation 6) as
    the training's lead photo and in its text, and an 800 × 1000 speaker's portrait."""
    root = tmp_path_factory.mktemp("photos")
    body = "The first day.\n\n![The hall before the opening]({static}/images/hall.jpg)\n"
    content = copy_case(
        "basic",
        root / "content",
        {
            "articles/2023-10-27-training.en.md": story("images/hall.jpg", body),
            "speakers.yml": (Path(__file__).parents[1] / "fixtures/sites/basic/speakers.yml")
            .read_text(encoding="utf-8")
            .replace(
                "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n",
                "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n"
                "  photo: images/speakers/sabina.jpg\n",
                1,
            ),
        },
    )
    with_photos(
        {
            "images/hall.jpg": camera_photo(4000, 2667, orientation=6),
            "images/speakers/sabina.jpg": camera_photo(800, 1000),
        },
        content,
    )
    return build_site(content, root / "output", "pelicanconf.py")


def test_the_published_photo_is_upright_and_keeps_only_its_colour_profile(
    camera_site: BuiltSite,
) -> None:
    assert camera_site.failure is None
    published = opened(camera_site, "/images/hall.jpg")
    assert published.size == (2667, 4000)  # turned as the camera was held
    assert published.format == "JPEG"
    assert dict(published.getexif()) == {}
    assert published.info.get("icc_profile") == SRGB
    raw = camera_site.path("/images/hall.jpg").read_bytes()
    assert b"SN-0042-SECRET" not in raw
    assert b"Camera Maker" not in raw


def test_a_story_shows_its_lead_photo_at_the_widths_the_page_needs(
    camera_site: BuiltSite,
) -> None:
    picture = lead_picture(camera_site, STORY_EN)
    source, img = picture.select_one("source"), picture.select_one("img")
    assert source["type"] == "image/webp"
    assert (img["width"], img["height"]) == ("2667", "4000")
    assert img["alt"] == "A training room"
    assert not img.has_attr("loading")  # the first thing the reader sees loads at once
    assert source["sizes"] == img["sizes"]
    for tag, kind in ((source, "WEBP"), (img, "JPEG")):
        widths = srcset(tag)
        assert sorted(widths.values()) == [320, 640, 960, 1280, 1600]
        for url, width in widths.items():
            copy = opened(camera_site, url)
            assert copy.format == kind
            assert copy.width == width
            assert abs(copy.height - round(width * 4000 / 2667)) <= 1
            assert dict(copy.getexif()) == {}
    assert camera_site.exists(img["src"])


def test_journalists_can_download_the_full_photo(camera_site: BuiltSite) -> None:
    caption = camera_site.html(STORY_EN).select_one("figure.story__photo figcaption")
    link = caption.select_one(".story__download a")
    assert link["href"] == "/images/hall.jpg"
    assert link.get_text() == "Download the photo"
    size = camera_site.path("/images/hall.jpg").stat().st_size
    details = caption.select_one(".story__download").get_text(" ", strip=True)
    assert size > 1_000_000  # a camera's photo at its full size
    assert f"(2667 × 4000, JPEG, {round(size / 1_000_000, 1)} MB)" in details


def test_a_photo_in_the_text_loads_lazily_at_the_text_widths(camera_site: BuiltSite) -> None:
    body = camera_site.html(STORY_EN).select_one(".story__body")
    img = body.select_one("picture img")
    assert img["alt"] == "The hall before the opening"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("2667", "4000")
    assert all(camera_site.exists(url) for url in srcset(img))
    assert body.select_one("picture source")["type"] == "image/webp"


def test_link_previews_show_a_copy_not_the_full_photo(camera_site: BuiltSite) -> None:
    page = camera_site.html(STORY_EN)
    shared = page.select_one('meta[property="og:image"]')["content"]
    assert shared == "http://127.0.0.1:8000/images/hall.1280w.jpg"  # a preview's address
    assert opened(camera_site, "/images/hall.1280w.jpg").width == 1280


def test_speakers_portraits_are_cropped_square(camera_site: BuiltSite) -> None:
    for url in (STORY_EN, "/en/speakers/sabina-aliyeva/"):
        page = camera_site.html(url)
        img = page.select_one("img.speaker-card__photo, img.person__photo")
        assert img is not None, url
        widths = srcset(img)
        assert sorted(widths.values()) == [128, 320]
        for copy_url, width in widths.items():
            assert opened(camera_site, copy_url).size == (width, width)
        assert img["width"] == img["height"]


def test_the_manifest_still_lists_the_photo(camera_site: BuiltSite) -> None:
    entry = camera_site.manifest()["content/images/hall.jpg"]
    assert entry["status"] == "published"
    assert entry["urls"] == ["images/hall.jpg"]


def test_photos_are_made_once_and_again_when_edited(tmp_path: Path) -> None:
    photo = {"images/hall.jpg": camera_photo(1800, 1200)}
    files = {"articles/2023-10-27-training.en.md": story("images/hall.jpg")}
    first = build_with_photos(tmp_path, photo, files, settings="publishconf.py")
    cache = sorted((first.output.parent / "cache" / "photos").rglob("*.*"))
    made = {path: path.stat().st_mtime_ns for path in cache}
    before = first.files()
    # A publish builds into an empty folder: it finds the photo's files made.
    shutil.rmtree(first.output)
    second = build_with_photos(tmp_path, {}, settings="publishconf.py")
    assert {path: path.stat().st_mtime_ns for path in cache} == made
    assert second.files() == before
    # An edited photo is made again: other copies, at the same addresses.
    third = build_with_photos(tmp_path, {"images/hall.jpg": camera_photo(1500, 1000)})
    assert opened(third, "/images/hall.jpg").size == (1500, 1000)
    assert opened(third, "/images/hall.1280w.webp").size == (1280, 853)
    assert not third.exists("/images/hall.1600w.webp")


def test_a_preview_removes_the_copies_of_a_removed_photo(tmp_path: Path) -> None:
    photo = {"images/hall.jpg": camera_photo(1000, 700)}
    files = {"articles/2023-10-27-training.en.md": story("images/hall.jpg")}
    first = build_with_photos(tmp_path, photo, files)
    assert first.exists("/images/hall.640w.webp")
    (first.content / "images" / "hall.jpg").unlink()
    second = build_with_photos(
        tmp_path, {}, {"articles/2023-10-27-training.en.md": story("images/training.svg")}
    )
    assert second.failure is None
    leftovers = sorted(path.name for path in (second.output / "images").iterdir())
    assert leftovers == ["training.svg"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Not a photo at all\n", "is not a readable photo"),
        (camera_photo(60, 40, kind="PNG")[:200], "is not a readable photo"),
        (b"GIF89a" + camera_photo(60, 40)[6:], "is not a readable photo"),
    ],
    ids=["text", "truncated", "wrong-header"],
)
def test_a_broken_photo_is_refused_and_the_story_still_built(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    files = {"articles/2023-10-27-training.en.md": story("images/broken.jpg")}
    site = build_with_photos(tmp_path, {"images/broken.jpg": data}, files, "publishconf.py")
    errors = site.messages(logging.ERROR)
    assert any(
        message.startswith(f"content/images/broken.jpg: {problem}")
        and "save it again as a JPEG or PNG photo" in message
        for message in errors
    ), errors
    assert any("training.en.md:6: the photo images/broken.jpg" in m for m in errors), errors
    page = site.html(f"{site.settings['SITEURL']}{STORY_EN}")
    assert page.select_one("figure.story__photo") is None
    assert page.select_one(".story__body") is not None
    assert not (site.output / "images" / "broken.jpg").exists()
    assert site.failure is not None  # production fails on errors


def test_a_photo_too_large_for_any_page_is_refused(site_builder: SiteBuilder) -> None:
    site = site_builder()
    huge = io.BytesIO()
    Image.new("1", (13000, 12000)).save(huge, "PNG")
    (site.content / "images" / "huge.png").write_bytes(huge.getvalue())
    again = build_site(site.content, site.output.parent / "again")
    assert any(
        "images/huge.png: is 13000 × 12000 pixels, more than any page needs" in message
        for message in again.messages(logging.ERROR)
    )
    assert not (again.output / "images" / "huge.png").exists()


def test_an_svg_stays_vector(site_builder: SiteBuilder) -> None:
    site = site_builder()
    img = site.html(STORY_EN).select_one("figure.story__photo img")
    assert img["src"] == "/images/training.svg"
    assert img.find_parent("picture") is None
    assert not list(site.output.glob("images/training.*w.*"))


def test_listings_show_a_story_s_photo_as_a_thumbnail(camera_site: BuiltSite) -> None:
    summary = next(
        item
        for item in camera_site.html("/en/category/events/").select(".story-summary")
        if item.select_one("a")["href"] == STORY_EN
    )
    img = summary.select_one("picture img.story-summary__photo")
    assert img["loading"] == "lazy"
    assert img["alt"] == ""  # the headline beside it says what the story is
    assert "12rem" in img["sizes"]
    assert min(srcset(img).values()) == 320  # the smallest copy serves a 6rem thumbnail


def test_an_attached_photo_moves_beside_its_story_with_its_copies(tmp_path: Path) -> None:
    body = "The first day.\n\n![The hall]({attach}/images/hall.jpg)\n"
    files = {"articles/2023-10-27-training.en.md": story("images/training.svg", body)}
    site = build_with_photos(tmp_path, {"images/hall.jpg": camera_photo(1000, 700)}, files)
    assert site.messages() == []  # Pelican warns when a file it should move was claimed
    img = site.html(STORY_EN).select_one(".story__body picture img")
    assert img["src"] == f"{STORY_EN}hall.640w.jpg"
    assert all(site.exists(url) for url in srcset(img))
    assert opened(site, f"{STORY_EN}hall.jpg").size == (1000, 700)
    assert not site.exists("/images/hall.jpg")


def test_the_home_page_leads_with_the_newest_story_s_photo(tmp_path: Path) -> None:
    newest = "articles/2024-03-01-english-only.en.md"
    text = (FIXTURES / "sites" / "basic" / newest).read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    files = {newest: f"{header}\nImage: images/hall.jpg\nImage-Alt: The hall\n\n{body}"}
    site = build_with_photos(tmp_path, {"images/hall.jpg": camera_photo(2400, 1600)}, files)
    lead = site.html("/en/").select_one(".lead-story")
    img = lead.select_one("picture img.lead-story__photo")
    assert img["alt"] == "The hall"
    assert not img.has_attr("loading")  # the first thing on the page
    assert max(srcset(img).values()) == 1600


def test_a_drawing_keeps_its_place_while_it_loads(sample_production: BuiltSite) -> None:
    site = sample_production
    cover = site.html(
        "/en/publications/annual-report-of-the-commissioner-for-human-rights-for-2023/"
    ).select_one("img.publication__cover")
    assert cover["src"].endswith("/images/publications/annual-report-2023.svg")
    assert (cover["width"], cover["height"]) == ("420", "594")  # the SVG's own size


def test_a_camera_jpeg_with_a_preview_inside_is_a_photo() -> None:
    """Cameras write a JPEG with a second, smaller image inside; Pillow calls it MPO."""
    from plugins.photos.encode import open_photo

    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 90, 30)).save(
        out, "MPO", save_all=True, append_images=[Image.new("RGB", (160, 120))]
    )
    opened_photo = open_photo(out.getvalue())
    assert (opened_photo.format, opened_photo.image.size) == ("JPEG", (800, 600))


def test_a_16_bit_grey_photo_keeps_its_tones() -> None:
    from plugins.photos.encode import copies, open_photo

    out = io.BytesIO()
    Image.new("I;16", (700, 500), 30000).save(out, "PNG")
    made = dict(copies(open_photo(out.getvalue()), square=False))
    jpeg = next(data for copy, data in made.items() if copy.suffix == "320w.jpg")
    red, green, blue = Image.open(io.BytesIO(jpeg)).convert("RGB").getpixel((10, 10))
    assert 100 < red < 130  # 30000 / 65535 of white, not clipped to white
    assert red == green == blue


def test_the_same_photo_as_a_portrait_and_in_a_story_gets_the_same_files_every_time(
    tmp_path: Path,
) -> None:
    """A photo that is also a speaker's portrait (the same bytes) shares its cached files;
    the story's copy must not gain the portrait's square copies from the cache."""
    portrait = camera_photo(800, 1000)
    files = {"articles/2023-10-27-training.en.md": story("images/jane.jpg")}
    photos = {"images/jane.jpg": portrait, "images/speakers/jane.jpg": portrait}
    speakers = (FIXTURES / "sites/basic/speakers.yml").read_text(encoding="utf-8")
    files["speakers.yml"] = speakers.replace(
        "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n",
        "  organisation: {az: Ombudsman Aparatı, en: Office of the Ombudsman}\n"
        "  photo: images/speakers/jane.jpg\n",
        1,
    )
    first = build_with_photos(tmp_path, photos, files, settings="publishconf.py")
    before = sorted(path.name for path in (first.output / "images").glob("jane.*"))
    shutil.rmtree(first.output)
    second = build_with_photos(tmp_path, {}, settings="publishconf.py")
    assert sorted(path.name for path in (second.output / "images").glob("jane.*")) == before
    assert not any("sq." in name for name in before)


def test_an_image_elsewhere_on_the_site_is_not_taken_for_a_photo() -> None:
    """Only the photo's own address (as the page links to it) is the photo: an image of
    the theme at theme/images/hall.jpg is not content's images/hall.jpg."""
    from types import SimpleNamespace

    from plugins.newsroom.model import Build

    photo = object()
    site = SimpleNamespace(
        photo_urls=lambda fresh=False: {"images/hall.jpg": "images/hall.jpg"},
        photos=SimpleNamespace(get=lambda relative: photo),
    )
    base = "https://press.example.org"
    for src in (f"{base}/images/hall.jpg", "/images/hall.jpg", "../../../images/hall.jpg"):
        assert Build.photo_linked(site, src, base) == (photo, src)  # type: ignore[arg-type]
    for src in (f"{base}/theme/images/hall.jpg", "https://other.example/images/hall.jpg"):
        assert Build.photo_linked(site, src, base) is None  # type: ignore[arg-type]


def test_a_preview_shows_a_replaced_photo_in_the_text_at_its_new_size(tmp_path: Path) -> None:
    body = "The first day.\n\n![The hall]({static}/images/chart.jpg)\n"
    files = {"articles/2023-10-27-training.en.md": story("images/training.svg", body)}
    first = build_with_photos(tmp_path, {"images/chart.jpg": camera_photo(1800, 1200)}, files)
    img = first.html(STORY_EN).select_one(".story__body picture img")
    assert (img["width"], img["height"]) == ("1800", "1200")
    # The same name, another photo: the story's page is made again, not kept.
    second = build_with_photos(tmp_path, {"images/chart.jpg": camera_photo(1000, 700)})
    img = second.html(STORY_EN).select_one(".story__body picture img")
    assert (img["width"], img["height"]) == ("1000", "700")
    assert all(second.exists(url) for url in srcset(img))
