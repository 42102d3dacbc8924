"""Compiled templates are shared only by environments that would compile them alike; cached
blocks are rendered once for each key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, pass_context
from jinja2.runtime import Context

from plugins.common import templates
from plugins.common.templates import share_compiled_templates
from tests.conftest import BuiltSite


@pytest.fixture(autouse=True)
def no_templates_kept_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: nothing compiled yet."""
    monkeypatch.setattr(templates, "_SHARED", {})


def environment(
    sources: dict[str, str],
    folder: Path | None = None,
    *,
    load: bool = True,
    filters: dict[str, Callable[..., Any]] | None = None,
    **options: bool,
) -> tuple[Environment, list[str]]:
    """An environment that records each template it compiles."""
    env = Environment(loader=DictLoader(sources), **options)
    env.filters.update(filters or {})
    compiled: list[str] = []
    compile_source = env.compile

    def recording_compile(source: str, name: str | None = None, *args: object) -> object:
        compiled.append(str(name))
        return compile_source(source, name, *args)

    env.compile = recording_compile  # type: ignore[method-assign, assignment]
    share_compiled_templates(env, folder, load=load)
    return env, compiled


def test_alike_environments_compile_a_template_once() -> None:
    sources = {"page.html": "<p>{{ title }}</p>"}
    first, first_compiled = environment(sources, trim_blocks=True, autoescape=True)
    second, second_compiled = environment(sources, trim_blocks=True, autoescape=True)
    assert first.get_template("page.html").render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert second.get_template("page.html").render(title="x") == "<p>x</p>"
    assert (first_compiled, second_compiled) == (["page.html"], [])


def test_other_options_or_a_changed_source_compile_again() -> None:
    escaped, _ = environment({"page.html": "{{ title }}"}, autoescape=True)
    plain, plain_compiled = environment({"page.html": "{{ title }}"}, autoescape=False)
    assert escaped.get_template("page.html").render(title="<b>") == "&lt;b&gt;"
    assert plain.get_template("page.html").render(title="<b>") == "<b>"
    assert plain_compiled == ["page.html"]
    changed, changed_compiled = environment({"page.html": "[{{ title }}]"}, autoescape=True)
    assert changed.get_template("page.html").render(title="x") == "[x]"
    assert changed_compiled == ["page.html"]


def test_a_folder_keeps_compiled_templates_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = {"page.html": "<p>{{ title }}</p>"}
    first, first_compiled = environment(sources, tmp_path, autoescape=True)
    assert first.get_template("page.html").render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert first_compiled == ["page.html"]
    assert len(list(tmp_path.rglob("*"))) == 2  # one configuration's folder, one template
    monkeypatch.setattr(templates, "_SHARED", {})  # as in a new process
    second, second_compiled = environment(sources, tmp_path, autoescape=True)
    assert second.get_template("page.html").render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert second_compiled == []
    monkeypatch.setattr(templates, "_SHARED", {})
    changed, changed_compiled = environment({"page.html": "[{{ title }}]"}, tmp_path)
    assert changed.get_template("page.html").render(title="x") == "[x]"
    assert changed_compiled == ["page.html"]


def test_a_filter_that_takes_the_context_is_compiled_for_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def plain(value: str) -> str:
        return value.upper()

    @pass_context
    def with_context(ctx: Context, value: str) -> str:
        return f"{ctx['prefix']}{value}"

    sources = {"page.html": "{{ title|shout }}"}
    first, _ = environment(sources, tmp_path, filters={"shout": plain})
    assert first.get_template("page.html").render(title="a") == "A"
    monkeypatch.setattr(templates, "_SHARED", {})
    second, compiled = environment(sources, tmp_path, filters={"shout": with_context})
    assert second.get_template("page.html").render(title="a", prefix="!") == "!a"
    assert compiled == ["page.html"]


def test_without_load_the_folder_is_written_but_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = {"page.html": "<p>{{ title }}</p>"}
    environment(sources, tmp_path)[0].get_template("page.html")
    kept = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert len(kept) == 1
    kept[0].unlink()
    monkeypatch.setattr(templates, "_SHARED", {})
    env, compiled = environment(sources, tmp_path, load=False)
    env.get_template("page.html")
    assert compiled == ["page.html"]
    assert kept[0].is_file()  # written again


def test_previews_keep_compiled_templates_and_production_does_not(
    basic_preview: BuiltSite, basic_production: BuiltSite
) -> None:
    kept = list((basic_preview.output.parent / "cache" / "templates").rglob("*"))
    assert len([path for path in kept if path.is_file()]) > 20
    assert not (basic_production.output.parent / "cache" / "templates").exists()
