"""Development settings: the site as staff preview it on their own machine.

Constants only. Each plugin reads one settings dict named after it; `publishconf.py`
overrides what production needs.
"""

import logging

SITENAME = "Ombudsman of the Republic of Azerbaijan"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Baku"
DEFAULT_LANG = "az"

# Stories and pages are Markdown; the other readers stay off.
READERS = {"rst": None, "html": None, "htm": None}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Photos, and the documents of publications (PDF reports, brochures).
STATIC_PATHS = ["images", "files"]
# Hidden files and folders (.DS_Store, an editor's .#lock) are neither read nor published:
# Pelican matches these patterns against the names of files and folders.
IGNORE_FILES = [".*"]
# Previews are rebuilt incrementally: Pelican's content cache, and the incremental plugin keeps
# every page whose inputs did not change (it removes the pages that are gone itself).
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False  # compressing the cache costs more time at every build than it saves
STATIC_CHECK_IF_MODIFIED = True
OUTPUT_RETENTION: list[str] = []

PLUGIN_PATHS = ["."]
PLUGINS = ["plugins.newsroom"]

# --- Stories ---------------------------------------------------------------------------------
# Every language lives under its own prefix. Translations are paired by story key by the
# bilingual plugin, so Pelican's own slug-based pairing is off.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
# The bilingual plugin makes each slug from the title (with its own transliteration), so
# Pelican makes none: neither "title" nor "basename".
SLUGIFY_SOURCE = None
ARTICLE_URL = "{lang}/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{lang}/{date:%Y}/{date:%m}/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS

# Future-dated stories are scheduled: Pelican turns them into drafts. In development drafts
# are previewed under /{lang}/drafts/; production writes none of them.
WITH_FUTURE_DATES = False
DRAFT_URL = "{lang}/drafts/{slug}/"
DRAFT_SAVE_AS = "{lang}/drafts/{slug}/index.html"
DRAFT_LANG_URL = DRAFT_URL
DRAFT_LANG_SAVE_AS = DRAFT_SAVE_AS
DRAFT_PAGE_URL = "{lang}/drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "{lang}/drafts/pages/{slug}/index.html"
DRAFT_PAGE_LANG_URL = DRAFT_PAGE_URL
DRAFT_PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS

# A story's date is its Date: header, never the date in its file name.
FILENAME_METADATA = ""

# The lead is the Summary header, else the first paragraph of the body.
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = None

# --- Outputs Pelican would write on its own ------------------------------------------------
# Listings, archives and 404 pages are written per language by the bilingual plugin; Pelican's
# own language-mixed versions (and the `simple` theme it would fall back to) stay off.
DIRECT_TEMPLATES: list[str] = []
INDEX_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORY_URL = ""
TAG_SAVE_AS = ""
TAG_URL = ""
AUTHOR_SAVE_AS = ""
AUTHOR_URL = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
USE_FOLDER_AS_CATEGORY = False
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {
    "index": None,
    "category": None,
    "tag": None,
    "speaker": None,
    "organisation": None,
    "archive_year": 50,
}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# Pelican's own feeds are off: the feeds plugin builds them per language (it refuses to
# start while any of these is set).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# The checks plugin reports these with the file and line; Pelican's own notes would repeat them.
LOG_FILTER = [
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Unable to find '%s', skipping url replacement."),
]

# Templates escape everything unless marked safe where it is used.
# Templates do not change during a build: no need to look at their files at every use.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
}

# --- Plugins ---------------------------------------------------------------------------------
# Development builds report every problem and still build the rest; the manifest (what became
# of each content file) is written beside output/.
REPORT = {"fail_on": None, "manifest": "manifest.json"}

BILINGUAL = {
    "default_language": DEFAULT_LANG,
    "categories": ["news", "events", "statements"],
    "languages": {
        "az": {
            "name": "Azərbaycanca",
            "locale": "az",
            "sitename": "Azərbaycan Respublikasının İnsan Hüquqları üzrə Müvəkkili (Ombudsman)",
            "categories": {"news": "Xəbərlər", "events": "Tədbirlər", "statements": "Bəyanatlar"},
            "publication_types": {
                "annual-report": "İllik məruzə",
                "special-report": "Xüsusi məruzə",
                "brochure": "Broşür",
            },
            # Azerbaijani alphabetical order, each letter with its case forms.
            "alphabet": "Aa Bb Cc Çç Dd Ee Əə Ff Gg Ğğ Hh Xx Iı İi Jj Kk Qq "
            "Ll Mm Nn Oo Öö Pp Rr Ss Şş Tt Uu Üü Vv Yy Zz",
        },
        "en": {
            "name": "English",
            "locale": "en_GB",
            "sitename": "Commissioner for Human Rights (Ombudsman) of the Republic of Azerbaijan",
            "categories": {"news": "News", "events": "Events", "statements": "Statements"},
            "publication_types": {
                "annual-report": "Annual report",
                "special-report": "Special report",
                "brochure": "Brochure",
            },
        },
    },
}

SPEAKERS = {
    "registry": "speakers.yml",
}

CONTACTS = {
    # The press officers, beside the speakers: content/contacts.yml.
    "registry": "contacts.yml",
    # Who a story that names no `Contacts:` lists.
    "default": ["press-office"],
    # What every story ends with, in each language.
    "notes_to_editors": {
        "az": "Ombudsman Aparatının mətbuat xidməti iş günlərində 09:00-dan 18:00-dək "
        "jurnalistlərin suallarını cavablandırır. Xəbərlərdəki fotolardan istinad "
        "göstərilməklə istifadə etmək olar.",
        "en": "The press office of the Office of the Ombudsman answers journalists' questions "
        "on working days from 09:00 to 18:00 (Baku time). Photos in our stories may be used "
        "with credit.",
    },
}

FEEDS = {
    # Item ids are tag: URIs made from this, the story key and the language: never change it.
    "id_authority": "press.example.org,2023",
    "email": "press@example.org",
    "max_items": 30,
}

INCREMENTAL = {"enabled": True}

# A build that renders the whole site (a publish, a preview's first) converts its sources
# and renders its pages in this many processes, its own among them; None: one per core.
# 1: one process.
BUILD = {"processes": None}

# Raw HTML in stories is cleaned: scripts, styles, frames, event handlers, javascript: URLs.
SANITISE = {"enabled": True}

# Checks: HTML, XML and script files in the static folders are not published (a script in
# one would run as the site), nor are images from other sites shown in stories (readers'
# browsers would ask those sites for them). Either can be allowed here. A story whose lists
# or quotes nest deeper than `max_depth`, or whose Markdown takes longer than `timeout`
# seconds to convert, is left out with an error: one file never stalls the build.
CHECKS = {"active_files": False, "external_images": False, "max_depth": 20, "timeout": 5}

# Search: a search page per language; the Pagefind index of the stories is built by
# production builds (`invoke publish`), which keeps previews fast.
SEARCH = {"enabled": True, "url": "{lang}/search/", "index": False}

# Publications: reports and brochures in content/publications/, their documents in files/.
# Each type is named in every language (BILINGUAL, publication_types) and has a schema.org type.
PUBLICATIONS = {
    "path": "publications",
    "types": {"annual-report": "Report", "special-report": "Report", "brochure": "CreativeWork"},
}

METADATA = {
    # The publisher's logo in JSON-LD: a path on the site.
    "logo": "theme/images/logo.svg",
    # Who holds the rights to the photos, said with each photo in JSON-LD.
    "copyright_notice": "© Office of the Commissioner for Human Rights (Ombudsman)",
    # The page (its file name without the language) that says how mistakes are corrected.
    "corrections_policy": "corrections-policy",
    # Name the release on every published page (<html data-build="…">). Any change of
    # content then changes every page, and a deploy sends every page again.
    "release_id": False,
}
