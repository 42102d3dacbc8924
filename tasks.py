"""Tasks for staff and developers; `invoke --list` explains each in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from invoke import Context, Exit, task

from tools import releases, websub
from tools.bucket import deploy as deploy_bucket
from tools.deploy import Bucket, DeployError, Folder, parse_target
from tools.deploy import deploy as deploy_folder
from tools.deploy import rollback as rollback_folder
from tools.placeholders import deploy_problem, publish_problems
from tools.scaffold import NewItem, ScaffoldError, new_item, publication_files, story_files

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
CONTENT = ROOT / "content"
PUBLISH = ROOT / "publish"
TRANSLATIONS = ROOT / "theme" / "translations"
# Where interface strings are written: the templates, and plugins with text of their own.
MESSAGE_SOURCES = ("theme/templates", "plugins/feeds", "plugins/bilingual")
BABEL = (PYTHON, "-m", "babel.messages.frontend")
Scaffolded = TypeVar("Scaffolded")


def run(*command: str | Path) -> None:
    """Run a command in the project folder, each argument as it is (paths may hold spaces);
    stop with its exit status when it fails."""
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if result.returncode:
        raise Exit(code=result.returncode)


def pelican_settings(name: str = "pelicanconf.py") -> dict[str, object]:
    """Read the project's settings as Pelican does."""
    from pelican.settings import read_settings

    return dict(read_settings(str(ROOT / name)))


@task
def build(c: Context, port: int = 0) -> None:
    """Build the site for preview into output/ (drafts shown as marked previews); with
    --port, for `invoke serve --port` (its feeds and sitemaps name that port)."""
    served_at = ["-e", f"PORT={port}"] if port else []
    run(PYTHON, "-m", "pelican", "content", "-s", "pelicanconf.py", *served_at)


@task
def serve(c: Context, port: int = 8000) -> None:
    """Serve output/ on http://127.0.0.1:8000/ (run `invoke build` first, with the same
    --port if another)."""
    from tools.serve import serve as serve_site

    serve_site(ROOT / "output", "127.0.0.1", port, str(ROOT / "pelicanconf.py"))


@task
def livereload(c: Context, port: int = 8000) -> None:
    """Build, serve on http://127.0.0.1:8000/, rebuild on every save and refresh the page."""
    run(PYTHON, "-m", "tools.preview", CONTENT, "-s", ROOT / "pelicanconf.py", "--port", str(port))


@task
def desk(c: Context, port: int = 8000) -> None:
    """The live preview with the editor at http://127.0.0.1:8000/admin/ (run `npm ci` once)."""
    run(PYTHON, "-m", "tools.desk", CONTENT, "-s", ROOT / "pelicanconf.py", "--port", str(port))


NEW_HELP = {
    "title": "the headline, in quotes, in the language of --lang",
    "lang": "the language of the title (default: the first of --langs, else the site's)",
    "langs": "languages to scaffold, comma-separated (default: every configured one)",
    "date": "the release date, YYYY-MM-DD HH:MM or YYYY-MM-DD (default: now)",
    "content": "the content folder (default: the settings' PATH, content/)",
}


@task(help={**NEW_HELP, "category": "a category id (default: news)"})
def new(
    c: Context,
    title: str,
    lang: str = "",
    langs: str = "",
    category: str = "news",
    date: str = "",
    content: str = "",
) -> None:
    """Start a new story: one draft per language, the title in its own language's file."""
    settings = pelican_settings()
    bilingual = settings["BILINGUAL"]
    assert isinstance(bilingual, dict)
    if category not in bilingual["categories"]:
        raise Exit(f"unknown category {category!r} — use {', '.join(bilingual['categories'])}", 1)
    item = _new_item("new", settings, title, lang, langs, date)
    paths = _scaffold(lambda: story_files(_content(settings, content), item, category))
    _created(paths, item, "text")


@task(help={**NEW_HELP, "type": "a publication type id (default: the first)"})
def new_publication(
    c: Context,
    title: str,
    lang: str = "",
    langs: str = "",
    type: str = "",
    date: str = "",
    content: str = "",
) -> None:
    """Start a new publication (a report, a brochure): one draft per language."""
    settings = pelican_settings()
    publications = settings.get("PUBLICATIONS")
    assert isinstance(publications, dict)
    types = list(publications.get("types", {}))
    chosen_type = type or types[0]
    if chosen_type not in types:
        raise Exit(f"unknown type {chosen_type!r} — use {', '.join(types)}", 1)
    item = _new_item("new-publication", settings, title, lang, langs, date)
    where = str(publications.get("path", "publications"))
    paths = _scaffold(
        lambda: publication_files(_content(settings, content), where, item, chosen_type)
    )
    _created(paths, item, "abstract", ", and put each document where its 'Document:' says")


def _new_item(
    name: str, settings: dict[str, object], title: str, lang: str, langs: str, date: str
) -> NewItem:
    """What `invoke new` and `invoke new-publication` were given, checked; for `--help`
    (which invoke hands over as the title), the help, and nothing written."""
    if title in ("-h", "--help"):
        subprocess.run([PYTHON, "-m", "invoke", "--help", name], cwd=ROOT, check=False)
        raise Exit(code=0)
    bilingual = settings["BILINGUAL"]
    assert isinstance(bilingual, dict)
    configured = list(bilingual["languages"])
    chosen = [code.strip() for code in langs.split(",") if code.strip()] or configured
    unknown = [code for code in chosen if code not in configured]
    if unknown:
        raise Exit(f"unknown language {', '.join(unknown)} — use {', '.join(configured)}", 1)
    now = datetime.now(ZoneInfo(str(settings["TIMEZONE"])))
    return _scaffold(lambda: new_item(title, chosen, lang or chosen[0], date, now))


def _content(settings: dict[str, object], content: str) -> Path:
    """The content folder: the option's, else the settings' `PATH`."""
    return Path(content or str(settings["PATH"]))


def _scaffold(step: Callable[[], Scaffolded]) -> Scaffolded:
    """Run a step of scaffolding; what stops it ends the task in one sentence."""
    try:
        return step()
    except ScaffoldError as error:
        raise Exit(str(error), 1) from None


def _created(paths: list[Path], item: NewItem, text: str, then: str = "") -> None:
    """Name the files written, then the next steps in two lines."""
    for path in paths:
        print(f"created {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    titled = next(path for path in paths if path.name.endswith(f".{item.title_lang}.md"))
    others = [path.name for path in paths if path != titled]
    also = f", and the title and {text} of {', '.join(others)}" if others else ""
    print(
        f"Next: write the {text} in {titled.name}{also}{then};\n"
        "see it with `invoke livereload`, and remove 'Status: draft' from a file to publish "
        "it with `invoke publish`."
    )


@task(help={"content": "the content folder to check (default: content/)"})
def check(c: Context, content: str = "") -> None:
    """Check all content without building: every problem as path:line; exit 1 on errors."""
    run(
        PYTHON,
        "-m",
        "plugins.checks",
        "--settings",
        "pelicanconf.py",
        *([content] if content else []),
    )


@task(
    help={
        "content": "the content folder (default: content/)",
        "target": "where releases are kept (default: publish/)",
        "settings": "the production settings file (default: publishconf.py)",
    }
)
def publish(c: Context, content: str = "", target: str = "", settings: str = "") -> None:
    """Build the production site (strict) and swap it in atomically; on failure keep the old."""
    settings_file = ROOT / (settings or "publishconf.py")
    problems = publish_problems(pelican_settings(str(settings_file)), settings_files(settings_file))
    if problems:
        print("\n".join(problems))
        raise Exit("Not published: the settings still hold the example values above.", 1)
    release = publish_release(Path(content or CONTENT), Path(target or PUBLISH), settings_file)
    print(f"Published {release / 'site'} (manifest: {release / 'manifest.json'})")


def settings_files(settings_file: Path) -> list[Path]:
    """The files a production settings file reads, in order: the development settings, the
    production settings, and the given file."""
    files = [ROOT / "pelicanconf.py", ROOT / "publishconf.py", settings_file]
    return list(dict.fromkeys(path.resolve() for path in files if path.is_file()))


def publish_release(content: Path, target: Path, settings_file: Path | None = None) -> Path:
    """Build a new release; make it current only if the build succeeded, and return it.

    One publish at a time; see tools/releases.py for what a release is and what is kept.
    """
    settings_file = settings_file or ROOT / "publishconf.py"
    command = [PYTHON, "-m", "pelican", str(content.resolve()), "-s", str(settings_file)]
    try:
        return releases.publish(command, target, cwd=ROOT, keep=releases.KEEP_RELEASES)
    except releases.PublishError as error:
        raise Exit(str(error), 1) from None


DEPLOY_HELP = {
    "to": "where: a folder, user@host:/path or s3://bucket/prefix (default: DEPLOY_TARGET)",
    "target": "where releases are published (default: publish/)",
    "settings": "the production settings file (default: publishconf.py)",
}


@task(help={**DEPLOY_HELP, "force": "object storage: delete more than DEPLOY_MAX_DELETIONS"})
def deploy(
    c: Context, to: str = "", target: str = "", settings: str = "", force: bool = False
) -> None:
    """Put the published site live on the web server or in object storage (only what changed),
    then tell the WebSub hubs the feeds name (FEEDS['websub_hubs']) which feeds changed."""
    settings_file = ROOT / (settings or "publishconf.py")
    values = pelican_settings(str(settings_file))
    destination = _destination(to, values, settings_file)
    releases_folder = Path(target or PUBLISH)
    site = releases_folder / "current" / "site"
    if not site.is_dir():
        raise Exit(f"nothing published at {site} — run `invoke publish` first", 1)
    # The publish lock: no publish switches `current` (or removes the release) while it is
    # copied, and no second deploy copies at the same time.
    try:
        with releases.PublishLock(releases_folder):
            release = site.resolve().parent
            if isinstance(destination, Bucket):
                limit = _setting_number(values, "DEPLOY_MAX_DELETIONS", 100)
                print(deploy_bucket(release / "site", destination, limit, force))
            else:
                keep = _setting_number(values, "DEPLOY_KEEP_RELEASES", 5)
                print(deploy_folder(release / "site", destination, keep))
            announce_feeds(values, release, releases_folder)
            websub.record_deployed(releases_folder, release)
    except (DeployError, releases.PublishError) as error:
        raise Exit(str(error), 1) from None
    except KeyboardInterrupt:
        if isinstance(destination, Bucket):  # what was uploaded stays: new files, some pages
            raise Exit(f"Deploy to {destination} stopped — deploy again to finish it", 1) from None
        raise Exit(f"Deploy to {destination} stopped — the live site is unchanged", 1) from None


@task(help=DEPLOY_HELP)
def rollback(c: Context, to: str = "", target: str = "", settings: str = "") -> None:
    """Put the release before the live one back live on the web server."""
    settings_file = ROOT / (settings or "publishconf.py")
    destination = _destination(to, pelican_settings(str(settings_file)), settings_file)
    if isinstance(destination, Bucket):
        raise Exit(
            f"Not rolled back: {destination} keeps no earlier release — publish the earlier "
            "content again and deploy it",
            1,
        )
    releases_folder = Path(target or PUBLISH)
    releases_folder.mkdir(parents=True, exist_ok=True)
    try:
        with releases.PublishLock(releases_folder):  # no deploy of this machine meanwhile
            print(rollback_folder(destination))
    except (DeployError, releases.PublishError) as error:
        raise Exit(str(error), 1) from None


def _destination(to: str, values: dict[str, object], settings_file: Path) -> Folder | Bucket:
    """Where to deploy: `--to`, else DEPLOY_TARGET; refused if it is the example."""
    destination = to or str(values.get("DEPLOY_TARGET") or "")
    if not destination:
        raise Exit("no destination — pass --to or set DEPLOY_TARGET in publishconf.py", 1)
    problem = deploy_problem(destination, settings_files(settings_file))
    if problem:
        raise Exit(problem, 1)
    try:
        return parse_target(destination)
    except DeployError as error:
        raise Exit(str(error), 1) from None


def _setting_number(values: dict[str, object], name: str, default: int) -> int:
    """A setting that must be a whole number of 1 or more."""
    value = values.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise Exit(f"{name} is {value!r} — set it to a whole number of 1 or more", 1)
    return value


def announce_feeds(settings: dict[str, object], release: Path, releases_folder: Path) -> None:
    """Tell each WebSub hub of the feeds that changed since the last deploy (all of them
    after a first deploy); a hub that fails is a warning."""
    feeds = settings.get("FEEDS")
    hubs = tuple(feeds.get("websub_hubs") or ()) if isinstance(feeds, dict) else ()
    if not hubs:
        return
    from plugins.common.site import absolute, base_url  # Pelican's code: only when needed

    changed = websub.changed_feeds(release / "site", websub.last_deployed(releases_folder))
    base = base_url(settings)
    warnings = websub.notify(hubs, [absolute(base, name) for name in changed])
    for warning in warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    told = len(hubs) - len(warnings)
    print(f"WebSub: {len(changed)} changed feeds announced to {told} of {len(hubs)} hubs")


@task
def clean(c: Context) -> None:
    """Remove the preview build, its manifest and Pelican's cache (not the published site)."""
    for folder in ("output", "cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)
    (ROOT / "manifest.json").unlink(missing_ok=True)


@task
def test(c: Context) -> None:
    """Run the test suite."""
    run(PYTHON, "-m", "pytest")


@task(
    help={
        "sizes": "corpus sizes in stories, comma-separated (default 200,2000,10000)",
        "runs": "measured runs per tool and scenario (default 3)",
        "saves": "saves timed through each tool's live preview (default 5; 0: none)",
        "corpus": "standard, tags (200 tags, 24 speakers) or both, comma-separated",
        "out": "also write the table to this file (default benchmarks/results/latest.md)",
    }
)
def bench(
    c: Context,
    sizes: str = "200,2000,10000",
    runs: int = 3,
    saves: int = 5,
    corpus: str = "standard",
    out: str = "benchmarks/results/latest.md",
) -> None:
    """Benchmark against stock Pelican: clean, warm and edit builds, saves in the live preview."""
    run(PYTHON, "-m", "benchmarks.run", "--sizes", sizes, "--runs", str(runs),
        "--saves", str(saves), "--corpus", corpus, "--out", out)  # fmt: skip


@task
def lint(c: Context) -> None:
    """Check code style (ruff) and the plugins' types (mypy)."""
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    run(PYTHON, "-m", "mypy")


@task(help={"add": "language code of a new catalogue to create, e.g. ru"})
def i18n(c: Context, add: str = "") -> None:
    """Extract the interface strings and update every language's catalogue."""
    pot = TRANSLATIONS / "messages.pot"
    run(
        *BABEL, "extract", "-F", "babel.cfg", "--no-location", "--sort-output", "--width", "100",
        "--project", "newsroom theme", "--version", "1", "--copyright-holder", "Press Office",
        "--msgid-bugs-address", "press@example.org", "-o", pot, *MESSAGE_SOURCES,
    )  # fmt: skip
    if add:
        run(*BABEL, "init", "-i", pot, "-d", TRANSLATIONS, "-l", add, "--width", "100")
    run(
        *BABEL, "update", "-i", pot, "-d", TRANSLATIONS, "--no-fuzzy-matching",
        "--ignore-obsolete", "--width", "100",
    )  # fmt: skip
