"""The speakers registry: `speakers.yml`, read with the line of every entry and field."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml when PyYAML was built with it: it keeps line marks too, and is five times faster.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FIELDS = ("name", "role", "organisation", "photo")
LOCALISED = ("name", "role", "organisation")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in the registry, at a line, with how to fix it."""

    line: int
    message: str
    is_error: bool = True


@dataclass(frozen=True)
class Speaker:
    """One person of the registry, with each field per language as written."""

    id: str
    line: int
    name: Mapping[str, str]
    role: Mapping[str, str] = field(default_factory=dict)
    organisation: Mapping[str, str] = field(default_factory=dict)
    photo: str | None = None
    field_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Registry:
    """Every valid speaker by id, and what was wrong with the file."""

    speakers: Mapping[str, Speaker]
    problems: tuple[Problem, ...] = ()
    rejected: frozenset[str] = frozenset()  # ids present but unusable (reported already)
    found: bool = True

    @property
    def unreadable(self) -> bool:
        """Whether the file could not be read at all (a YAML error, not UTF-8): one error,
        reported once; the stories that name its speakers are not reported again."""
        return bool(self.problems) and not self.speakers and not self.rejected


def load_registry(path: Path, languages: Sequence[str]) -> Registry:
    """Read and check the registry; a missing file is an empty registry."""
    if not path.is_file():
        return Registry(speakers={}, found=False)
    text, problem = read_registry_text(path)
    return Registry({}, (problem,)) if problem else parse_registry(text, languages)


def read_registry_text(path: Path) -> tuple[str, Problem | None]:
    """A registry file's text, or the line where it stops being UTF-8."""
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return "", Problem(line, "the file is not UTF-8 — save it as UTF-8")


def registry_root(text: str, ids: str) -> tuple[yaml.MappingNode | None, Problem | None]:
    """A registry's map of ids (`ids`: what they are, for the message) to entries; None
    for an empty file; or what stops it being read."""
    try:
        root = compose_yaml(text)
    except yaml.MarkedYAMLError as error:
        return None, yaml_problem(error)
    if root is None or isinstance(root, yaml.MappingNode):
        return root, None
    return None, Problem(root.start_mark.line + 1, f"the registry must map {ids} to entries")


def parse_registry(text: str, languages: Sequence[str]) -> Registry:
    """Parse the registry's YAML text; collect every problem rather than stop at the first."""
    root, problem = registry_root(text, "speaker ids")
    if root is None:
        return Registry({}, (problem,) if problem else ())
    speakers: dict[str, Speaker] = {}
    problems: list[Problem] = []
    rejected: set[str] = set()
    constructor = yaml.SafeLoader("")
    for key_node, value_node in root.value:
        speaker_id = str(key_node.value)
        line = key_node.start_mark.line + 1
        if speaker_id in speakers or speaker_id in rejected:
            problems.append(Problem(line, f"speaker {speaker_id!r} is listed twice — keep one"))
            continue
        speaker = _read_speaker(speaker_id, line, value_node, languages, constructor, problems)
        if speaker is None:
            rejected.add(speaker_id)
        else:
            speakers[speaker_id] = speaker
    return Registry(speakers, tuple(problems), frozenset(rejected))


def yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    """A YAML file's syntax error, at its line, with what to check."""
    mark = error.problem_mark or error.context_mark
    reason = error.problem or error.context or "syntax error"
    return Problem(
        mark.line + 1 if mark else 1,
        f"not valid YAML ({reason}) — check the indentation, and quote values "
        "that contain ':' or start with a special character",
    )


def compose_yaml(text: str) -> yaml.Node | None:
    """Parse the YAML into nodes, each with its line; on a syntax error, parse it again
    with the pure-Python parser, whose messages name the character at fault (a tab, say)."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _read_speaker(
    speaker_id: str,
    line: int,
    node: yaml.Node,
    languages: Sequence[str],
    constructor: yaml.SafeLoader,
    problems: list[Problem],
) -> Speaker | None:
    if not ID_PATTERN.match(speaker_id):
        problems.append(
            Problem(
                line,
                f"speaker id {speaker_id!r} must be lowercase letters, digits and hyphens "
                "(it is part of the speaker's URL), e.g. 'sabina-aliyeva'",
            )
        )
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(line, f"speaker {speaker_id!r} must have fields: name, role, organisation")
        )
        return None
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        if key not in FIELDS:
            problems.append(
                Problem(
                    lines[key],
                    f"speaker {speaker_id!r}: unknown field {key!r} — known fields: "
                    f"{', '.join(FIELDS)}",
                    is_error=False,
                )
            )
            continue
        values[key] = constructor.construct_object(value_node, deep=True)
    texts = {}
    owner = f"speaker {speaker_id!r}"
    for key in LOCALISED:
        texts[key] = localised(
            owner, key, values.get(key), lines.get(key, line), languages, problems
        )
    if not texts["name"]:
        problems.append(
            Problem(
                line,
                f"speaker {speaker_id!r} has no name — add `name: {{{languages[0]}: ..., "
                f"{languages[-1]}: ...}}`",
            )
        )
        return None
    photo = values.get("photo")
    if photo is not None and not isinstance(photo, str):
        problems.append(
            Problem(
                lines["photo"],
                f"speaker {speaker_id!r}: photo must be a path like images/speakers/name.jpg",
                is_error=False,
            )
        )
        photo = None
    return Speaker(
        id=speaker_id,
        line=line,
        name=texts["name"],
        role=texts["role"],
        organisation=texts["organisation"],
        photo=photo,
        field_lines=lines,
    )


def localised(
    owner: str,
    key: str,
    value: Any,
    line: int,
    languages: Sequence[str],
    problems: list[Problem],
) -> dict[str, str]:
    """Read a field given per language (`{az: ..., en: ...}`) or once for all languages;
    `owner` names the entry in messages (`speaker 'sabina-aliyeva'`)."""
    if value is None:
        return {}
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return dict.fromkeys(languages, text) if text else {}
    if not isinstance(value, Mapping):
        problems.append(
            Problem(
                line,
                f"{owner}: {key} must be text or a map of languages to text",
                is_error=False,
            )
        )
        return {}
    result = {}
    for lang, text in value.items():
        if str(lang) not in languages:
            problems.append(
                Problem(
                    line,
                    f"{owner}: {key} in {lang!r}, which is not a configured "
                    f"language ({', '.join(languages)})",
                    is_error=False,
                )
            )
        elif text is not None and str(text).strip():
            result[str(lang)] = str(text).strip()
    return result
