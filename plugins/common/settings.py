"""The site's settings dicts, each read from a table: every key with its default and its
check. A dict's problems are reported together, in one message, and stop the build."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import SettingsError

# An http(s) address on the web: a scheme, a host, no spaces.
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$")

# What is wrong with a value, in words that follow `NAME['key']: `; None when nothing is.
Check = Callable[[Any], str | None]
Settings = TypeVar("Settings")
# The placeholders of URL patterns, in the order messages name them.
PLACEHOLDERS = ("{lang}", "{format}", "{slug}", "{id}", "{year}")


def anything(value: Any) -> None:
    """Every value will do (the dict's own checks look at it with the others)."""
    del value


@dataclass(frozen=True)
class Key:
    """One key of a settings dict: its default, and its check."""

    default: Any = None
    check: Check = anything

    def read(self, value: Any, where: str, problems: list[str]) -> Any:
        """The value to use: the one given, or, when it is wrong (a problem added), the
        default."""
        problem = self.check(value)
        if problem is None:
            return value
        problems.append(f"{where}: {problem}")
        return self.default


@dataclass(frozen=True)
class UrlPatterns(Key):
    """A map of URL patterns by page kind, laid over the defaults; each kind must keep the
    placeholders of its default pattern (see `url_pattern_problem`)."""

    kind_name: str = "page kind"

    def read(self, value: Any, where: str, problems: list[str]) -> dict[str, str]:
        """The patterns given, over the defaults; every problem is added."""
        defaults: Mapping[str, str] = self.default
        if not isinstance(value, Mapping):
            problems.append(f"{where}: must map each {self.kind_name} to a URL pattern")
            return dict(defaults)
        problems += [
            f"{where}[{kind!r}]: unknown {self.kind_name} — known: {', '.join(defaults)}"
            for kind in sorted(set(value) - set(defaults))
        ]
        urls = {**defaults, **{kind: value[kind] for kind in value if kind in defaults}}
        for kind, pattern in urls.items():
            placeholders = tuple(p for p in PLACEHOLDERS if p in defaults[kind])
            problem = url_pattern_problem(pattern, placeholders)
            if problem:
                problems.append(f"{where}[{kind!r}]: {pattern!r} {problem}")
        return urls


def read_table(
    settings: Mapping[str, Any], name: str, table: Mapping[str, Key]
) -> tuple[dict[str, Any], list[str]]:
    """Read a settings dict (`{}` when unset) by its table: every key's value (its default
    when unset or wrong), and the problems found. A value that is not a dict stops at once."""
    raw = settings.get(name, {})
    if not isinstance(raw, Mapping):
        raise SettingsError(name, [f"{name} must be a dict, not {type(raw).__name__}"])
    problems = unknown_keys(raw, table, name)
    values = {
        key: spec.read(raw.get(key, spec.default), f"{name}[{key!r}]", problems)
        for key, spec in table.items()
    }
    return values, problems


def read_settings(
    cls: Callable[..., Settings],
    settings: Mapping[str, Any],
    name: str,
    table: Mapping[str, Key],
    problems: Iterable[str] = (),
) -> Settings:
    """Read a settings dict by its table into `cls`; stop the build when it has problems,
    or the site's other settings have `problems` it depends on, naming every one."""
    values, own = read_table(settings, name, table)
    stop_on(name, [*problems, *own])
    return cls(**values)


def unknown_keys(raw: Mapping[str, Any], known: Iterable[str], where: str) -> list[str]:
    """A problem for each key of `raw` that is not `known`."""
    names = tuple(known)
    return [
        f"{where}[{key!r}]: unknown key — known keys: {', '.join(names)}"
        for key in sorted(set(raw) - set(names))
    ]


def stop_on(name: str, problems: list[str]) -> None:
    """Stop the build when a settings dict has problems, naming every one."""
    if problems:
        raise SettingsError(name, problems)


# Checks ------------------------------------------------------------------------------------


def true_or_false(value: Any) -> str | None:
    """A flag."""
    return None if isinstance(value, bool) else f"{value!r} must be True or False"


def whole_number(at_least: int, wording: str) -> Check:
    """A whole number, `at_least` or more (`wording` says so: ' above 0', ', 1 or more')."""

    def check(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= at_least:
            return None
        return f"{value!r} must be a whole number{wording}"

    return check


def list_of_text(problem: str) -> Check:
    """A list (or tuple) of strings; else `problem`."""

    def check(value: Any) -> str | None:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return None
        return problem

    return check


def yaml_file_name(example: str) -> Check:
    """The name of a YAML file in the content folder; else a problem that shows `example`."""

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value.endswith((".yml", ".yaml")):
            return None
        return f"{value!r} must be a YAML file name inside the content folder, e.g. {example!r}"

    return check


def text_or_none(problem: str) -> Check:
    """Text, or None; else `problem`."""
    return lambda value: None if value is None or isinstance(value, str) else problem


def web_addresses(problem: str) -> Check:
    """A list (or tuple) of http(s) addresses; else `problem`."""

    def check(value: Any) -> str | None:
        if isinstance(value, list | tuple) and all(
            isinstance(item, str) and WEB_ADDRESS.match(item) for item in value
        ):
            return None
        return problem

    return check


def matching(pattern: re.Pattern[str], problem: str, *, optional: bool = False) -> Check:
    """Text that `pattern` matches (or, when `optional`, None); else `value problem`."""

    def check(value: Any) -> str | None:
        if (optional and value is None) or (isinstance(value, str) and pattern.match(value)):
            return None
        return f"{value!r} {problem}"

    return check


def url_pattern(*placeholders: str) -> Check:
    """One URL pattern with these placeholders (see `url_pattern_problem`)."""

    def check(value: Any) -> str | None:
        problem = url_pattern_problem(value, placeholders)
        return f"{value!r} {problem}" if problem else None

    return check


def url_pattern_problem(pattern: Any, placeholders: tuple[str, ...]) -> str | None:
    """What is wrong with a URL pattern, if anything: it must be a string with each of its
    placeholders and no other, relative to the site (no leading '/', no '..')."""
    if not isinstance(pattern, str) or not all(p in pattern for p in placeholders):
        return f"must be a string containing {' and '.join(placeholders)}"
    try:
        pattern.format(**{p.strip("{}"): "x" for p in placeholders})
    except (KeyError, IndexError, ValueError):
        return f"must use only {' and '.join(placeholders)} — other braces cannot be filled in"
    if pattern.startswith("/") or ".." in pattern.split("/"):
        return "must be relative to the site, with no leading '/' and no '..'"
    return None
