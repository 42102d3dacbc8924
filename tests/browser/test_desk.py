"""The desk's editor (`invoke desk`) driven in Chromium as a writer uses it: a story written in
the form is built like a hand-written one, an edit changes only its own line, and `invoke
check`'s findings show before saving."""

from __future__ import annotations

import difflib
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect

from tests.conftest import REPO
from tests.test_desk import running_desk
from tests.test_live_preview import LivePreview

TRAINING = "articles/2023/2023-10-27-children-migration-training"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[LivePreview]:
    """The desk on a copy of the sample content, its first build done."""
    with running_desk(tmp_path) as desk:
        yield desk


@pytest.fixture
def editor(desk: LivePreview, browser: Browser) -> Iterator[Page]:
    """The editor open and logged in (Decap's local server asks for no password), with
    every address the page asks for recorded: everything must come from the desk."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Baku")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{desk.address}/admin/")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Stories")).to_be_visible()
    yield page
    page.close()
    local = ("http://127.0.0.1:", "blob:", "data:")
    elsewhere = [url for url in asked if not url.startswith(local)]
    assert not elsewhere, f"the editor reached outside the desk: {elsewhere[:5]}"


def control(page: Page, label: str, pane: int = 0) -> Locator:
    """The input of a field by its label, in the first (site's language) or second pane."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    tag = page.locator("label:visible").filter(has_text=exact).nth(pane)
    return page.locator(f"[id='{tag.get_attribute('for')}']")


def choose(page: Page, label: str, option: str, pane: int = 0) -> None:
    """Pick an option of a select by typing part of its name."""
    box = control(page, label, pane)
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")


def publish(page: Page) -> None:
    """Save the entry to disk, as the writer does with "Publish now"."""
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    expect(page.get_by_text("Changes saved")).to_be_visible(timeout=20_000)


def wait_for_file(path: Path, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while not path.is_file():
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.1)
    return path.read_text("utf-8")


def wait_for_change(path: Path, before: bytes | str, timeout: float = 20) -> str:
    """The file's text once the editor has saved it anew."""
    deadline = time.monotonic() + timeout
    while (path.read_bytes() if isinstance(before, bytes) else path.read_text("utf-8")) == before:
        assert time.monotonic() < deadline, f"{path.name} was not saved"
        time.sleep(0.1)
    return path.read_text("utf-8")


def page_titled(output: Path, lang: str, title: str) -> BeautifulSoup:
    """The built story page of a language whose headline is `title`."""
    for path in sorted((output / lang).glob("*/*/*/index.html")):
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        headline = soup.select_one("article.story h1")
        if headline is not None and headline.get_text(strip=True) == title:
            return soup
    raise AssertionError(f"no {lang} page titled {title!r}")


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_story_written_in_the_editor_builds_like_a_hand_written_one(
    desk: LivePreview, editor: Page, tmp_path: Path, artifacts: Path
) -> None:
    photo = tmp_path / "reception-in-ganja.jpg"
    Image.new("RGB", (1200, 800), (40, 90, 140)).save(photo, quality=85)
    editor.goto(f"{desk.address}/admin/#/collections/stories/new")
    control(editor, "Title").fill("Ombudsman Gəncədə vətəndaşları qəbul edib")
    control(editor, "Title", 1).fill("Ombudsman receives citizens in Ganja")
    # 02:00 in Baku is the day before in UTC: the file is named by the day as written.
    control(editor, "Date").fill("2023-11-10T02:00")
    choose(editor, "Category", "Xəbərlər")
    choose(editor, "Speakers (optional)", "Səbinə")
    choose(editor, "Speakers (optional)", "Vüsal")
    choose(editor, "Media contacts (optional)", "Nigar")
    editor.get_by_role("button", name="Choose an image").first.click()
    editor.set_input_files("input[type=file]", str(photo))
    editor.get_by_role("button", name="Choose selected").click()
    control(editor, "Alt text (optional)").fill("Vətəndaşlar qəbul otağında")
    control(editor, "Alt text (optional)", 1).fill("Citizens in the reception room")
    bodies = editor.locator("[contenteditable=true]")
    bodies.nth(0).click()
    editor.keyboard.type("Ombudsman Gəncədə 40 vətəndaşı qəbul edib.")
    bodies.nth(1).click()
    editor.keyboard.type("The Ombudsman received 40 citizens in Ganja.")
    editor.screenshot(path=str(artifacts / "desk-new-story-1280.png"))
    last = str(desk.status()["id"])
    publish(editor)

    folder = desk.content / "articles" / "2023"
    # The name is made from the Azerbaijani title, as Decap makes names: "ə" has no
    # Latin letter of its own there.
    name = "2023-11-10-ombudsman-g-nc-d-v-t-ndaslari-q-bul-edib"
    texts = {lang: wait_for_file(folder / f"{name}.{lang}.md") for lang in ("az", "en")}
    assert texts["en"] == (
        "Title: Ombudsman receives citizens in Ganja\n"
        "Date: 2023-11-10 02:00\n"
        "Category: news\n"
        "Speakers: sabina-aliyeva, vusal-huseynov\n"
        "Contacts: nigar-aliyeva\n"
        "Image: images/reception-in-ganja.jpg\n"
        "Image-Alt: Citizens in the reception room\n"
        "\n"
        "The Ombudsman received 40 citizens in Ganja.\n"
    )
    assert (desk.content / "images" / photo.name).read_bytes() == photo.read_bytes()

    desk.wait(after=last)
    titles = {"az": "Ombudsman Gəncədə vətəndaşları qəbul edib",
              "en": "Ombudsman receives citizens in Ganja"}  # fmt: skip
    people = {"az": ("Səbinə Əliyeva", "Vüsal Hüseynov", "Nigar Əliyeva"),
              "en": ("Sabina Aliyeva", "Vusal Huseynov", "Nigar Aliyeva")}  # fmt: skip
    alts = {"az": "Vətəndaşlar qəbul otağında", "en": "Citizens in the reception room"}
    for lang, title in titles.items():
        soup = page_titled(desk.output, lang, title)
        image = soup.select_one("figure.story__photo img")
        assert image is not None
        assert image["alt"] == alts[lang]
        text = soup.get_text(" ", strip=True)
        for name in people[lang]:
            assert name in text, f"{lang}: {name} is not on the page"

    before = {lang: path.read_bytes() for lang, path in files_of(folder).items()}
    control(editor, "Title", 1).fill("Ombudsman receives forty citizens in Ganja")
    publish(editor)
    after = wait_for_change(files_of(folder)["en"], before["en"])
    assert files_of(folder)["az"].read_bytes() == before["az"]
    assert changed_lines(before["en"].decode(), after) == [
        "-Title: Ombudsman receives citizens in Ganja",
        "+Title: Ombudsman receives forty citizens in Ganja",
    ]


def files_of(folder: Path) -> dict[str, Path]:
    """The new story's file of each language."""
    return {path.name.split(".")[-2]: path for path in folder.glob("2023-11-10-*.md")}


def test_editing_a_hand_written_story_touches_only_the_changed_field(
    desk: LivePreview, editor: Page
) -> None:
    paths = {lang: desk.content / f"{TRAINING}.{lang}.md" for lang in ("az", "en")}
    # Written by hand, not as the editor would write it: kept so all the same.
    text = paths["en"].read_text("utf-8")
    tags = "Tags:   children's rights,migration ,training, UNICEF"
    paths["en"].write_text(re.sub(r"(?m)^Tags: .*$", tags, text), "utf-8")
    before = {lang: path.read_text("utf-8") for lang, path in paths.items()}
    assert tags in before["en"]
    editor.goto(f"{desk.address}/admin/#/collections/stories/entries/{TRAINING[9:]}")
    location = control(editor, "Location (optional)", 1)
    expect(location).to_have_value("Baku")
    location.fill("Baku, Azerbaijan")
    publish(editor)
    after = wait_for_change(paths["en"], before["en"])
    assert paths["az"].read_text("utf-8") == before["az"]
    assert changed_lines(before["en"], after) == [
        "-Location: Baku",
        "+Location: Baku, Azerbaijan",
    ]


def test_a_story_in_one_language_stays_in_one_language(desk: LivePreview, editor: Page) -> None:
    story = "articles/2024/2024-03-05-ismayilli-citizens-reception"
    written = desk.content / f"{story}.az.md"
    before = written.read_text("utf-8")
    editor.goto(f"{desk.address}/admin/#/collections/stories/entries/{story[9:]}")
    location = control(editor, "Location (optional)")
    expect(location).to_have_value("İsmayıllı")
    location.fill("İsmayıllı rayonu")
    publish(editor)
    after = wait_for_change(written, before)
    assert changed_lines(before, after) == ["-Location: İsmayıllı", "+Location: İsmayıllı rayonu"]
    assert not (desk.content / f"{story}.en.md").exists()  # no English file of shared fields


def test_every_sample_file_is_written_back_as_it_was(desk: LivePreview, editor: Page) -> None:
    """The editor's format gives back every file of the sample site unchanged, and loses no
    value when it writes one afresh (as for a new story: every key in its own order)."""
    texts = {
        path.relative_to(desk.content).as_posix(): path.read_text("utf-8")
        for path in sorted(desk.content.rglob("*.md"))
    }
    assert {path.split("/")[0] for path in texts} == {"articles", "pages", "publications"}
    # Saved by other editors: Windows line ends, a byte-order mark (Pelican reads both).
    texts.update({f"{path} (CRLF)": text.replace("\n", "\r\n") for path, text in texts.items()})
    texts.update({f"{path} (BOM)": "\ufeff" + text for path, text in list(texts.items())[:5]})
    changed = editor.evaluate(
        """(texts) => Object.entries(texts).filter(([, text]) => {
          const sorted = (value) => value && typeof value === "object" && !Array.isArray(value)
            ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]))
            : value;
          const data = fromFile(text);
          const afresh = fromFile(toFile({ ...data, original: undefined }));
          delete data.original;
          delete afresh.original;
          const same = JSON.stringify(sorted(afresh)) === JSON.stringify(sorted(data));
          // A new title changes the title's line only.
          const retitled = toFile({ ...fromFile(text), title: "X" });
          const title = /^(\ufeff?)Title: .*$/m;
          const oneLine = retitled === text.replace(title, "$1Title: X");
          return toFile(fromFile(text)) !== text || !same || !oneLine;
        }).map(([path]) => path)""",
        texts,
    )
    assert changed == []


def test_check_findings_show_before_saving(desk: LivePreview, editor: Page, tmp_path: Path) -> None:
    story = desk.content / f"{TRAINING}.en.md"
    text = story.read_text("utf-8")
    written = text.replace("Speakers: sabina-aliyeva,", "Speakers: nobody-known,")
    story.write_text(written, "utf-8")
    editor.goto(f"{desk.address}/admin/#/collections/stories/entries/{TRAINING[9:]}")
    editor.get_by_role("button", name="Toggle preview").click()
    findings = editor.frame_locator("iframe").locator(".desk-findings")
    expect(findings).to_have_attribute("data-state", "done", timeout=30_000)
    expect(findings).to_contain_text("nobody-known")
    expect(findings).to_contain_text("EN, line 5:")  # the English column's `Speakers:`

    editor.goto(f"{desk.address}/admin/#/collections/stories/new")
    editor.reload()  # a new form, not the last one's fields
    control(editor, "Title").fill("Yeni xəbər")
    control(editor, "Date").fill("2023-11-10T10:00")
    choose(editor, "Category", "Xəbərlər")
    editor.locator("[contenteditable=true]").first.click()
    editor.keyboard.type("Mətn.")
    photo = tmp_path / "no-alt-text.jpg"
    Image.new("RGB", (900, 600), (90, 40, 40)).save(photo)
    editor.get_by_role("button", name="Choose an image").first.click()
    editor.set_input_files("input[type=file]", str(photo))
    editor.get_by_role("button", name="Choose selected").click()
    findings = editor.frame_locator("iframe").locator(".desk-findings")
    expect(findings).to_contain_text("Image-Alt", timeout=30_000)
    # Nor can it be saved so: the alt text is required once a photo is chosen.
    editor.get_by_role("button", name="Publish").first.click()
    editor.get_by_text("Publish now").click()
    expect(
        editor.get_by_text("describe the image for readers who cannot see it").first
    ).to_be_visible()
    assert story.read_text("utf-8") == written  # nothing was saved by checking
    assert not list((desk.content / "articles" / "2023").glob("2023-11-10-*"))


def test_an_update_is_added_as_one_line(desk: LivePreview, editor: Page) -> None:
    paths = {lang: desk.content / f"{TRAINING}.{lang}.md" for lang in ("az", "en")}
    before = {lang: path.read_text("utf-8") for lang, path in paths.items()}
    editor.goto(f"{desk.address}/admin/#/collections/stories/entries/{TRAINING[9:]}")
    editor.get_by_role("button", name="Add updates").first.click()
    control(editor, "When").fill("2023-10-29T12:00")
    control(editor, "What changed, in one sentence").fill("Təlimin fotoları əlavə olundu.")
    publish(editor)
    after = wait_for_change(paths["az"], before["az"])
    assert paths["en"].read_text("utf-8") == before["en"]
    assert changed_lines(before["az"], after) == [
        "+Update: 2023-10-29 12:00 — Təlimin fotoları əlavə olundu."
    ]


def test_a_publication_with_its_documents(desk: LivePreview, editor: Page, tmp_path: Path) -> None:
    editor.goto(f"{desk.address}/admin/#/collections/publications/new")
    control(editor, "Title").fill("Uşaq hüquqları üzrə bələdçi")
    control(editor, "Title", 1).fill("A guide to children's rights")
    control(editor, "Date").fill("2023-11-01T10:00")
    choose(editor, "Type", "Broşür")
    control(editor, "Year").fill("2023")
    documents = {lang: f"childrens-rights-guide.{lang}.pdf" for lang in ("az", "en")}
    for lang, name in documents.items():  # the first column's, then the second's
        shutil.copyfile(
            REPO / "content" / "files" / f"annual-report-2023.{lang}.pdf", tmp_path / name
        )
        editor.get_by_role("button", name="Choose a file").first.click()
        editor.set_input_files("input[type=file]", str(tmp_path / name))
        editor.get_by_role("button", name="Choose selected").click()
    bodies = editor.locator("[contenteditable=true]")
    bodies.nth(0).click()
    editor.keyboard.type("Bələdçi uşaq hüquqlarını izah edir.")
    bodies.nth(1).click()
    editor.keyboard.type("The guide explains children's rights.")
    last = str(desk.status()["id"])
    publish(editor)

    folder = desk.content / "publications"
    texts = {
        lang: wait_for_file(folder / f"usaq-huquqlari-uzr-b-l-dci.{lang}.md") for lang in documents
    }
    assert texts["en"].startswith(
        "Title: A guide to children's rights\n"
        "Date: 2023-11-01 10:00\n"
        "Type: brochure\n"
        "Year: 2023\n"
        f"Document: files/{documents['en']}\n"
        "\n"
    )
    assert f"Document: files/{documents['az']}\n" in texts["az"]
    desk.wait(after=last)
    guide = next((desk.output / "en" / "publications").glob("*guide*/index.html"))
    soup = BeautifulSoup(guide.read_bytes(), "html.parser")
    assert soup.select_one(f"a[href$='{documents['en']}']") is not None
