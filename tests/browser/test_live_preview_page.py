"""The live preview as a writer sees it in the browser: the open page follows each save,
and a mistake shows at its foot while the last good page stays."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.test_live_preview import corpus, running_preview, set_header, stories


def test_the_open_page_follows_saves_and_shows_mistakes(
    tmp_path: Path, browser: Browser, artifacts: Path
) -> None:
    content = corpus(tmp_path)
    story = stories(content)[1]  # the English version of the first story
    with running_preview(content, tmp_path) as preview:
        page_file = next(preview.output.glob("en/*/*/*00000/index.html"))
        address = f"{preview.address}/{page_file.parent.relative_to(preview.output).as_posix()}/"
        for width in (375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(address)
            headline = page.locator("h1").inner_text()
            expect(page.locator("#preview-build")).to_have_count(0)

            last = str(preview.status()["id"])
            set_header(story, "Date", "2015-02-30 10:00")
            banner = page.locator("#preview-build")
            expect(banner).to_contain_text("is not a real date", timeout=30_000)
            expect(banner).to_contain_text(f"{story.name}:2:")
            expect(page.locator("h1")).to_have_text(headline)  # the last good page
            page.screenshot(path=str(artifacts / f"preview-mistake-{width}.png"))
            last = str(preview.wait(after=last)["id"])

            set_header(story, "Date", "2015-01-05 10:00")
            text = story.read_text("utf-8")
            story.write_text(text + f"\nA paragraph added at {width} px.\n", "utf-8")
            expect(page.locator("main")).to_contain_text(
                f"A paragraph added at {width} px.", timeout=30_000
            )
            expect(page.locator("#preview-build")).to_have_count(0)
            preview.wait(after=last)
            page.close()
