"""A story's media contacts: the ids its `Contacts:` header names (else the site's default),
each shown in the story's language; the registry's problems, each at its line."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from typing import Any

from plugins.common.sources import where
from plugins.report.manifest import ERROR, PUBLISHED, Entry
from plugins.report.record import BuildReport

from .registry import Contact, Contacts
from .settings import ContactsSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalContact:
    """A press officer as a page in one language shows them."""

    name: str
    role: str | None
    email: str | None
    phone: str | None
    phone_link: str | None


def local(contact: Contact, lang: str, order: list[str]) -> LocalContact:
    """A contact in `lang`, a text missing there taken from the first language that has it."""

    def text(values: Any) -> str | None:
        return next((values[code] for code in [lang, *order] if code in values), None)

    name = text(contact.name) or contact.id
    return LocalContact(name, text(contact.role), contact.email, contact.phone, contact.phone_link)


def report_contacts(
    contacts: Contacts, shown_path: str, report: BuildReport, settings: ContactsSettings
) -> None:
    """Log the registry's problems and default contacts it lacks, and tell the build report
    what became of it. A site without a registry has no contacts: its default names none."""
    for problem in contacts.problems:
        log = logger.error if problem.is_error else logger.warning
        log("%s:%d: %s", shown_path, problem.line, problem.message)
    for contact_id in settings.default if contacts.found else ():  # no registry: no contacts
        if contact_id not in contacts.contacts and not contacts.unreadable:
            logger.error(
                "CONTACTS['default']: unknown contact %r — add them to %s, or name one of its ids",
                contact_id,
                shown_path,
            )
    if contacts.found or contacts.problems:
        status = ERROR if contacts.unreadable else PUBLISHED
        report.add(Entry(shown_path, status, kind="data"))


def attach_contacts(
    article: Any, contacts: Contacts, settings: ContactsSettings, order: list[str], shown: str
) -> None:
    """Set `contacts` (in the story's language) on a story; report ids the registry lacks."""
    raw = article.metadata.get("contacts") or ""
    text = ",".join(raw) if isinstance(raw, list) else str(raw)
    named = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    article.contacts = []
    for contact_id in named or list(settings.default):
        contact = contacts.contacts.get(contact_id)
        if contact is not None:
            article.contacts.append(local(contact, article.lang, order))
        elif not contacts.unreadable:
            _report_unknown(article, contact_id, contacts, shown, bool(named))


def _report_unknown(
    article: Any, contact_id: str, contacts: Contacts, shown: str, named: bool
) -> None:
    if not named:  # a default the settings name: said once, of the settings
        return
    path, line = where(article, "Contacts")
    guesses = difflib.get_close_matches(contact_id, sorted(contacts.contacts), n=2, cutoff=0.6)
    if guesses:
        fix = f"did you mean {' or '.join(repr(guess) for guess in guesses)}?"
    elif not contacts.found:
        fix = f"there is no contacts registry at {shown}; create it"
    else:
        fix = f"add them to {shown}, or use one of its ids"
    logger.error("%s:%d: unknown contact %r — %s", path, line, contact_id, fix)
