"""Lighthouse's mobile audit of each page type in both languages, and the weight of a story
page with a camera's photo on a phone."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import CHROMIUM
from tests.browser.test_pages import PUBLICATION, STORY
from tests.conftest import REPO, BuiltSite, require_tool
from tests.theme.test_html_validity import nu_messages

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/{lang}/",
    "story": "{story}",
    "listing": "/{lang}/category/events/",
    "speaker": "/{lang}/speakers/sabina-aliyeva/",
    "publication": "/{lang}/publications/{publication}/",
    "search": "/{lang}/search/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What a page on a phone may weigh, everything it loads counted.
BUDGET = 200_000


def lighthouse(url: str, report: Path) -> dict[str, object]:
    """Lighthouse's report on a page at its mobile setting (its default)."""
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=180, capture_output=True)
    return dict(json.loads(report.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_lighthouse_finds_nothing_to_fix_on_a_phone(
    photo_served: tuple[str, BuiltSite], artifacts: Path, kind: str, lang: str
) -> None:
    require_tool(LIGHTHOUSE, "npm ci")
    require_tool(CHROMIUM, "apt-get install chromium")
    base, _ = photo_served
    path = PAGES[kind].format(lang=lang, story=STORY[lang], publication=PUBLICATION[lang])
    report = lighthouse(base + path, artifacts / f"lighthouse-{kind}-{lang}.json")
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict)
    assert isinstance(audits, dict)
    scores = {name: categories[name]["score"] for name in CATEGORIES}
    failed = sorted(
        f"{name}: {audit.get('title')} {audit.get('displayValue', '')}".strip()
        for name, audit in audits.items()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    )
    assert scores["accessibility"] == 1, failed
    assert scores["best-practices"] == 1, failed
    assert scores["seo"] == 1, failed
    assert scores["performance"] >= 0.95, scores


def test_a_story_with_a_camera_photo_weighs_under_200_kb_on_a_phone(
    browser: Browser, photo_served: tuple[str, BuiltSite]
) -> None:
    base, site = photo_served
    original = site.content / "images" / "2023" / "training-hall.jpg"
    assert original.stat().st_size > 1_500_000  # what the camera made
    context = browser.new_context(viewport={"width": 375, "height": 667}, device_scale_factor=2)
    page = context.new_page()
    loaded: dict[str, int] = {}
    page.on(
        "requestfinished",
        lambda request: loaded.__setitem__(
            request.url,
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"],
        ),
    )
    page.goto(base + STORY["en"], wait_until="networkidle")
    # Everything, the photos further down included.
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    photo = next(url for url in loaded if "training-hall" in url)
    assert photo.endswith(".webp")
    total = sum(loaded.values())
    assert total <= BUDGET, sorted(loaded.items(), key=lambda item: -item[1])[:5]
    context.close()


def test_pages_with_photos_have_valid_html(photo_served: tuple[str, BuiltSite]) -> None:
    _, site = photo_served
    story = site.path(STORY["en"])
    assert story.read_text(encoding="utf-8").count("<picture>") >= 1
    pages = [story, site.path(STORY["az"]), site.path("/en/"), site.path("/en/publications/")]
    assert [message for page in pages for message in nu_messages(page)] == []
