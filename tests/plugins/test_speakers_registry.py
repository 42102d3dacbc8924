"""Reading `speakers.yml`: every entry with its line, every problem with its line."""

import pytest

from plugins.speakers.registry import parse_registry

LANGUAGES = ("az", "en")


def test_entries_are_read_with_their_lines() -> None:
    registry = parse_registry(
        "# people\n"
        "sabina-aliyeva:\n"
        "  name: {az: Səbinə Əliyeva, en: Sabina Aliyeva}\n"
        "  role: {az: Ombudsman, en: Ombudsman}\n"
        "  organisation: UNICEF\n"
        "  photo: images/speakers/sa.jpg\n",
        LANGUAGES,
    )
    assert registry.problems == ()
    speaker = registry.speakers["sabina-aliyeva"]
    assert speaker.line == 2
    assert speaker.name == {"az": "Səbinə Əliyeva", "en": "Sabina Aliyeva"}
    assert speaker.organisation == {"az": "UNICEF", "en": "UNICEF"}
    assert speaker.photo == "images/speakers/sa.jpg"
    assert speaker.field_lines["role"] == 4


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a:\n  name: x\n b: [\n", 3, "not valid YAML"),
        ("a:\n  name: 'unclosed\n", 3, "not valid YAML"),
        ("a:\n\tname: A\n", 2, "found character '\\t' that cannot start any token"),
        ("a:\n  role: {az: Ekspert}\n", 1, "speaker 'a' has no name"),
        ("a:\n  name: A\nb:\n  name: {az: '', en: ''}\n", 3, "speaker 'b' has no name"),
        ("Sabina Aliyeva:\n  name: A\n", 1, "must be lowercase letters, digits and hyphens"),
        ("a:\n  name: A\na:\n  name: B\n", 3, "listed twice"),
        ("- a\n- b\n", 1, "must map speaker ids to entries"),
        ("a: just a name\n", 1, "must have fields"),
    ],
)
def test_errors_name_the_line(text: str, line: int, message: str) -> None:
    registry = parse_registry(text, LANGUAGES)
    errors = [p for p in registry.problems if p.is_error]
    assert len(errors) == 1
    assert errors[0].line == line
    assert message in errors[0].message


def test_unknown_field_and_language_are_warnings() -> None:
    registry = parse_registry("a:\n  name: {az: A, fr: A}\n  rol: x\n", LANGUAGES)
    assert [(p.line, p.is_error) for p in registry.problems] == [(3, False), (2, False)]
    assert "unknown field 'rol'" in registry.problems[0].message
    assert "'fr', which is not a configured language" in registry.problems[1].message
    assert registry.speakers["a"].name == {"az": "A"}


def test_an_empty_file_is_an_empty_registry() -> None:
    assert parse_registry("", LANGUAGES).speakers == {}
