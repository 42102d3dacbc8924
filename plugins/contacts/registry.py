"""The media contacts registry: `contacts.yml`, one press officer per id, with a name and role
per language, an email address and a telephone number (SPEC §2)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plugins.speakers.registry import (
    ID_PATTERN,
    Problem,
    localised,
    read_registry_text,
    registry_root,
)

FIELDS = ("name", "role", "email", "phone")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[\d ()\-.]{5,}$")


@dataclass(frozen=True)
class Contact:
    """One press officer, each text per language as written."""

    id: str
    name: Mapping[str, str]
    role: Mapping[str, str] = field(default_factory=dict)
    email: str | None = None
    phone: str | None = None

    @property
    def phone_link(self) -> str | None:
        """The telephone number as a `tel:` address: digits and a leading plus only."""
        if not self.phone:
            return None
        return "tel:" + re.sub(r"[^\d+]", "", self.phone)


@dataclass(frozen=True)
class Contacts:
    """Every valid contact by id, and what was wrong with the file."""

    contacts: Mapping[str, Contact]
    problems: tuple[Problem, ...] = ()
    found: bool = True

    @property
    def unreadable(self) -> bool:
        """Whether the file could not be read at all: one error, reported once."""
        return bool(self.problems) and not self.contacts


def load_contacts(path: Path, languages: Sequence[str]) -> Contacts:
    """Read and check the registry; a missing file is an empty registry."""
    if not path.is_file():
        return Contacts({}, found=False)
    text, problem = read_registry_text(path)
    root, problem = (None, problem) if problem else registry_root(text, "contact ids")
    if root is None:
        return Contacts({}, (problem,) if problem else ())
    contacts: dict[str, Contact] = {}
    problems: list[Problem] = []
    constructor = yaml.SafeLoader("")
    for key_node, value_node in root.value:
        contact_id, line = str(key_node.value), key_node.start_mark.line + 1
        if contact_id in contacts:
            problems.append(Problem(line, f"contact {contact_id!r} is listed twice — keep one"))
            continue
        contact = _read(contact_id, line, value_node, languages, constructor, problems)
        if contact is not None:
            contacts[contact_id] = contact
    return Contacts(contacts, tuple(problems))


def _read(
    contact_id: str,
    line: int,
    node: yaml.Node,
    languages: Sequence[str],
    constructor: yaml.SafeLoader,
    problems: list[Problem],
) -> Contact | None:
    owner = f"contact {contact_id!r}"
    if not ID_PATTERN.match(contact_id) or not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(
                line,
                f"{owner} must be an id of lowercase letters, digits and hyphens with fields: "
                f"{', '.join(FIELDS)}",
            )
        )
        return None
    values, lines = {}, {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        if key not in FIELDS:
            known = ", ".join(FIELDS)
            problems.append(Problem(lines[key], f"{owner}: unknown field {key!r} — known: {known}"))
            continue
        values[key] = constructor.construct_object(value_node, deep=True)
    name = localised(
        owner, "name", values.get("name"), lines.get("name", line), languages, problems
    )
    role = localised(
        owner, "role", values.get("role"), lines.get("role", line), languages, problems
    )
    if not name:
        problems.append(Problem(line, f"{owner} has no name — add `name: ...`"))
        return None
    checked = {}
    for key, pattern, example in (
        ("email", EMAIL, "press@example.org"),
        ("phone", PHONE, "+994 12 000 00 00"),
    ):
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not pattern.match(value.strip()):
            problems.append(
                Problem(lines[key], f"{owner}: {key} {value!r} — write it like {example}")
            )
            continue
        checked[key] = value.strip()
    return Contact(contact_id, name, role, checked.get("email"), checked.get("phone"))
