"""Settings of media contacts: the `CONTACTS` dict, its defaults and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from plugins.common.settings import Key, list_of_text, read_settings, yaml_file_name


def _texts_by_language(value: Any) -> str | None:
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return "must map each language to its text, e.g. {'en': 'Notes to editors…'}"


TABLE = {
    "registry": Key("contacts.yml", yaml_file_name("contacts.yml")),
    # The contacts of a story that names none.
    "default": Key((), list_of_text("must be a list of contact ids, e.g. ['press-office']")),
    # What every story ends with, per language: background for journalists.
    "notes_to_editors": Key({}, _texts_by_language),
}


@dataclass(frozen=True)
class ContactsSettings:
    """The validated `CONTACTS` settings."""

    registry: str = "contacts.yml"
    default: tuple[str, ...] = ()
    notes_to_editors: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ContactsSettings:
        """Read and validate `CONTACTS`; raise one SettingsError naming every problem."""
        return read_settings(cls, settings, "CONTACTS", TABLE)
