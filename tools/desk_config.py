"""The editor's configuration, made from the site's settings and registries.

Decap CMS reads it each time the editor opens, so a speaker added to `speakers.yml` (or a
contact, a category, a publication type) is offered at once, without editing it by hand.
Every header key of SPEC §2 is a field; `desk.js` writes the fields back as the header staff
would write by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from plugins.bilingual.settings import BilingualSettings
from plugins.contacts.registry import load_contacts
from plugins.contacts.settings import ContactsSettings
from plugins.publications.settings import PublicationsSettings
from plugins.speakers.registry import load_registry
from plugins.speakers.settings import SpeakersSettings

# How the date-time picker keeps a date: the accepted form (SPEC §2) as shown, marked as
# already in the site's time (the "Z"), so that the file's name takes its year and day as
# written whatever the browser's time zone. `desk.js` writes it without the mark.
DATE_FORMAT = "YYYY-MM-DD HH:mm[Z]"
EXAMPLE = "2024-07-01 09:00"
STATUSES = ("published", "draft", "withdrawn")
# A story's file: its folder by year, its name the date and a name made from the title.
STORY_PATH = "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}"


def field(name: str, label: str, widget: str = "string", **more: Any) -> dict[str, Any]:
    """One field of the form; optional unless `required=True` is given."""
    return {"name": name, "label": label, "widget": widget, "required": False, **more}


def date_field(name: str, label: str, timezone: str, **more: Any) -> dict[str, Any]:
    """A date-time picker that writes the time as it is shown: the site's time."""
    return field(
        name,
        label,
        "datetime",
        format=DATE_FORMAT,
        hint=f"The site's time ({timezone}), e.g. 2023-10-27 11:00",
        **more,
    )


def alt_text(name: str, image: str, label: str = "Alt text") -> dict[str, Any]:
    """The description of an image, required once the image is chosen (`desk.js`)."""
    hint = "Required once the image is chosen: what it shows, for readers who cannot see it"
    return field(name, label, "alt-text", i18n=True, image=image, hint=hint)


def select(name: str, label: str, options: Mapping[str, str], **more: Any) -> dict[str, Any]:
    """A choice of ids, each shown by its name, the same in every language's file."""
    choices = [{"value": key, "label": text} for key, text in options.items()]
    return field(name, label, "select", i18n="duplicate", options=choices, **more)


def heading(timezone: str) -> list[dict[str, Any]]:
    """The two keys every story and publication starts with."""
    return [
        field("title", "Title", required=True, i18n=True),
        date_field("date", "Date", timezone, required=True, i18n="duplicate"),
    ]


def names(people: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Speakers' or contacts' ids, each with the name and role it is known by."""
    return {
        key: " — ".join(text for text in (person.name.get(lang), person.role.get(lang)) if text)
        for key, person in people.items()
    }


def record_field(name: str, label: str, timezone: str) -> dict[str, Any]:
    """`Update:` or `Correction:` lines: a date and one sentence each."""
    return field(
        name,
        label,
        "list",
        i18n=True,
        summary="{{fields.date}} — {{fields.text}}",
        fields=[
            date_field("date", "When", timezone, required=True),
            field("text", "What changed, in one sentence", required=True),
        ],
    )


def story_fields(
    settings: Mapping[str, Any], languages: BilingualSettings, timezone: str
) -> list[dict[str, Any]]:
    """Every key a story's header can have (SPEC §2), in the order staff write them."""
    default = languages.languages[languages.default_language]
    codes, categories, content = languages.codes, languages.categories, Path(settings["PATH"])
    speakers = load_registry(content / SpeakersSettings.from_settings(settings).registry, codes)
    contacts = load_contacts(content / ContactsSettings.from_settings(settings).registry, codes)
    return [
        *heading(timezone),
        select(
            "category",
            "Category",
            {key: default.categories.get(key, key) for key in categories},
            required=True,
        ),
        select(
            "status",
            "Status",
            {status: status for status in STATUSES},
            hint="Empty means published. A draft is never published; a withdrawn story keeps "
            "its page with the notice below.",
        ),
        field(
            "withdrawn", "Withdrawn", i18n=True, hint=f"{EXAMPLE} — Why, and where to look instead"
        ),
        field("location", "Location", i18n=True, hint="The dateline's place, e.g. Baku"),
        field("summary", "Summary", "text", i18n=True, hint="One paragraph; else the first"),
        select("speakers", "Speakers", names(speakers.speakers, default.code), multiple=True),
        select(
            "contacts",
            "Media contacts",
            names(contacts.contacts, default.code),
            multiple=True,
            hint="Empty: the site's default contacts",
        ),
        field("tags", "Tags", "list", i18n=True, hint="Separated by commas"),
        field(
            "photo",
            "Lead photo",
            "object",
            i18n=True,
            collapsed=False,
            fields=[
                field("image", "Photo", "image", i18n="duplicate"),
                alt_text("alt", "photo.image"),
                field("caption", "Caption", i18n=True),
                field("credit", "Credit", i18n="duplicate"),
                field("license", "Licence", i18n="duplicate", hint="e.g. CC BY 4.0"),
            ],
        ),
        field("source", "Source", i18n=True, hint="Where the story first appeared"),
        record_field("updates", "Updates", timezone),
        record_field("corrections", "Corrections", timezone),
        date_field("modified", "Modified", timezone, i18n="duplicate"),
        field("slug", "Address (slug)", i18n=True, hint="Empty: made from the title"),
        field("body", "Text", "markdown", required=True, i18n=True),
    ]


def editor_config(
    settings: Mapping[str, Any], backend_url: str, site_url: str = ""
) -> dict[str, Any]:
    """Decap CMS's configuration for the site: its collections, languages and media; the
    editor links to the preview at `site_url`."""
    languages = BilingualSettings.from_settings(settings)
    default = languages.languages[languages.default_language]
    publications = PublicationsSettings.from_settings(settings)
    timezone = str(settings.get("TIMEZONE", "UTC"))
    # The file as it was opened: the header lines the form leaves alone are written back
    # exactly as they were.
    original = field("original", "File", "hidden", i18n=True)
    common = {
        "create": True,
        "extension": "md",
        # Photos go where staff put them by hand; the header names them from the content
        # folder (`images/x.jpg`).
        "media_folder": "/images",
        "public_folder": "/images",
        "format": "pelican",
        "i18n": True,
    }
    stories = {
        **common,
        "name": "stories",
        "label": "Stories",
        "label_singular": "Story",
        "folder": settings["ARTICLE_PATHS"][0],
        "path": STORY_PATH,
        "summary": "{{fields.date | date('YYYY-MM-DD')}} — {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [*story_fields(settings, languages, timezone), original],
    }
    publication_fields = [
        *heading(timezone),
        select(
            "type",
            "Type",
            {key: default.publication_types.get(key, key) for key in publications.types},
            required=True,
        ),
        field("year", "Year", required=True, i18n="duplicate", pattern=[r"^\d{4}$", "e.g. 2023"]),
        field("pages", "Pages", i18n="duplicate", pattern=["^\\d*$", "A number of pages"]),
        field(
            "document",
            "Document",
            "file",
            required=True,
            i18n=True,
            media_folder="/files",
            public_folder="/files",
        ),
        field(
            "cover",
            "Cover",
            "image",
            i18n="duplicate",
            media_folder="/images/publications",
            public_folder="/images/publications",
        ),
        alt_text("cover_alt", "cover", "Cover alt text"),
        field("summary", "Summary", "text", i18n=True),
        field("slug", "Address (slug)", i18n=True),
        field("body", "Text", "markdown", required=True, i18n=True),
        original,
    ]
    return {
        "backend": {"name": "git-gateway"},
        "local_backend": {"url": backend_url},
        **({"site_url": site_url, "display_url": site_url} if site_url else {}),
        "slug": {"encoding": "ascii", "clean_accents": True},
        "media_folder": "images",
        "public_folder": "/images",
        "i18n": {
            "structure": "multiple_files",
            "locales": list(languages.codes),
            "default_locale": languages.default_language,
        },
        "collections": [
            stories,
            {
                **common,
                "name": "publications",
                "label": "Publications",
                "label_singular": "Publication",
                "folder": publications.path,
                "summary": "{{fields.year}} — {{title}}",
                "fields": publication_fields,
            },
            {
                **common,
                "name": "pages",
                "label": "Pages",
                "label_singular": "Page",
                "folder": settings["PAGE_PATHS"][0],
                "fields": [
                    field("title", "Title", required=True, i18n=True),
                    select(
                        "menu",
                        "Menu",
                        {"footer": "footer"},
                        hint="Empty: linked from the main navigation and the footer",
                    ),
                    field("summary", "Summary", "text", i18n=True),
                    field("slug", "Address (slug)", i18n=True),
                    field("body", "Text", "markdown", required=True, i18n=True),
                    original,
                ],
            },
        ],
    }
