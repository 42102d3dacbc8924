"""The live preview as a writer sees it in the browser: the open page follows each save,
and a mistake shows at its foot while the last good page stays."""

from __future__ import annotations

import itertools
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


# Each event the page's script hears, and each load of the page, kept across reloads.
EVENT_LOG = """
const note = (what) => {
  const seen = JSON.parse(sessionStorage.getItem("seen") || "[]");
  seen.push(what);
  sessionStorage.setItem("seen", JSON.stringify(seen));
};
const Original = window.EventSource;
window.EventSource = class extends Original {
  constructor(...args) {
    super(...args);
    for (const kind of ["pages", "building", "build"]) {
      this.addEventListener(kind, () => note(kind));
    }
  }
};
note("load");
"""


def test_a_saved_story_reloads_before_the_rest_of_the_site_is_built(
    tmp_path: Path, browser: Browser, artifacts: Path
) -> None:
    content = corpus(tmp_path)
    with running_preview(content, tmp_path) as preview:
        for story, width in itertools.product(stories(content)[:2], (375, 1280)):
            lang = story.name.rsplit(".", 2)[1]
            page_file = next(preview.output.glob(f"{lang}/*/*/*00000/index.html"))
            address = f"{preview.address}/{page_file.parent.relative_to(preview.output)}/"
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.add_init_script(EVENT_LOG)
            page.goto(address)
            expect(page.locator("h1")).to_be_visible()
            last = str(preview.status()["id"])

            added = f"A paragraph saved in {story.name} at {width} px."
            story.write_text(story.read_text("utf-8") + f"\n{added}\n", "utf-8")
            expect(page.locator("main")).to_contain_text(added, timeout=30_000)
            preview.wait(after=last)
            expect(page.locator("#preview-build")).to_have_count(0)
            seen = page.evaluate("JSON.parse(sessionStorage.getItem('seen'))")
            # Loaded, reloaded once on hearing of the story's pages (before the build's end),
            # not again after the build.
            assert seen.count("load") == 2, seen
            before_reload = seen[: seen.index("load", 1)]
            assert "pages" in before_reload, seen
            assert "build" not in before_reload[before_reload.index("pages") :], seen
            page.screenshot(path=str(artifacts / f"preview-saved-{lang}-{width}.png"))
            page.close()
