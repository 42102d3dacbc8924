"""Compiled templates are shared only by environments that would compile them alike."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from plugins.common.templates import share_compiled_templates


def environment(sources: dict[str, str], **options: bool) -> tuple[Environment, list[str]]:
    """An environment that records each template it compiles."""
    env = Environment(loader=DictLoader(sources), **options)
    compiled: list[str] = []
    compile_source = env.compile

    def recording_compile(source: str, name: str | None = None, *args: object) -> object:
        compiled.append(str(name))
        return compile_source(source, name, *args)

    env.compile = recording_compile  # type: ignore[method-assign, assignment]
    share_compiled_templates(env)
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
