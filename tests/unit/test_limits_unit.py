"""The limits checked on a brief's raw data: section depth and control characters.

Each problem is checked as the user reads it: file, line and column, key path, message
and hint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefgen.loading.limits import character_problems, nesting_problems
from briefgen.loading.yaml_source import parse_yaml, text_values
from briefgen.model.source import SourceDocument

BRIEF = Path("brief.yaml")
DEPTH_PROBLEM = (
    "sections are nested more than 8 levels deep "
    "(briefgen allows 8 levels; move this section up a level)"
)
CHARACTER_HINT = "(remove it: a brief holds printable text (tabs and line breaks are fine))"


def _nested_yaml(depth: int, siblings: int = 1) -> str:
    """``depth`` levels of sections, ``siblings`` sections on the deepest level."""
    lines = ["sections:"]
    for level in range(depth - 1):
        indent = "  " * (2 * level)
        lines += [f"{indent}  - heading: level {level + 1}", f"{indent}    sections:"]
    indent = "  " * (2 * (depth - 1))
    lines += [f"{indent}  - heading: leaf {index}" for index in range(siblings)]
    return "\n".join(lines) + "\n"


def _deep_path(depth: int) -> str:
    return "sections[0]" + ".sections[0]" * (depth - 1)


def _problems(text: str) -> list[str]:
    return [str(problem) for problem in nesting_problems(parse_yaml(text, BRIEF))]


@pytest.mark.parametrize("depth", [1, 2, 8])
def test_sections_eight_levels_deep_are_fine(depth: int) -> None:
    assert _problems(_nested_yaml(depth)) == []


@pytest.mark.parametrize("depth", [9, 10, 15])
def test_only_the_first_section_past_the_limit_is_reported(depth: int) -> None:
    line = 2 * 9  # the ninth level's "- heading:" line
    column = 2 * 2 * 8 + 5  # its value, after the dash
    assert _problems(_nested_yaml(depth)) == [
        f"brief.yaml:{line}:{column}: {_deep_path(9)}: {DEPTH_PROBLEM}"
    ]


def test_siblings_past_the_limit_are_reported_once() -> None:
    assert len(_problems(_nested_yaml(9, siblings=3))) == 1


def test_each_branch_past_the_limit_is_reported() -> None:
    branch = _nested_yaml(9).removeprefix("sections:\n")
    text = "sections:\n" + branch + branch + "  - heading: shallow\n"
    problems = _problems(text)
    assert sorted(problem.split(": ", 1)[0] for problem in problems) == [
        "brief.yaml:18:37",
        "brief.yaml:35:37",
    ]
    assert {problem.split(": ")[1] for problem in problems} == {
        _deep_path(9),
        "sections[1]" + ".sections[0]" * 8,
    }


@pytest.mark.parametrize(
    "data",
    [
        None,
        "sections",
        ["sections"],
        {},
        {"sections": None},
        {"sections": "text"},
        {"sections": ["text", 3, None]},
        {"sections": [{"sections": {"not": "a list"}}]},
    ],
)
def test_data_of_another_shape_is_left_to_validation(data: Any) -> None:
    assert nesting_problems(SourceDocument(BRIEF, data)) == []


@pytest.mark.parametrize(
    ("escaped", "shown"),
    [
        ("\\0", "\\x00"),
        ("\\x08", "\\x08"),
        ("\\v", "\\x0b"),
        ("\\f", "\\x0c"),
        ("\\r", "\\r"),
        ("\\e", "\\x1b"),
        ("\\x1f", "\\x1f"),
        ("\\x7f", "\\x7f"),
        ("\\x85", "\\x85"),
        ("\\x9f", "\\x9f"),
        ("\\uFFFE", "\\ufffe"),
        ("\\uFFFF", "\\uffff"),
    ],
)
def test_a_control_character_is_shown_escaped_at_its_value(escaped: str, shown: str) -> None:
    text = f'title: "Clean {escaped} water"\n'
    (problem,) = character_problems(parse_yaml(text, BRIEF))
    assert str(problem) == (
        f"brief.yaml:1:8: title: contains the control character {shown} {CHARACTER_HINT}"
    )


@pytest.mark.parametrize(
    "surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"], ids=["d800", "dbff", "dc00", "dfff"]
)
def test_a_lone_surrogate_is_refused(surrogate: str) -> None:
    source = SourceDocument(BRIEF, {"title": f"a{surrogate}b"})
    (problem,) = character_problems(source)
    assert problem.message == f"contains the control character \\u{ord(surrogate):04x}"


@pytest.mark.parametrize(
    "text",
    [
        "Tabs\tand\nline breaks",
        " \x20~",  # printable ASCII up to the tilde
        "\xa0non-breaking space, é, ٣, 水",  # the first character past the C1 controls
        "\ud7ff\ue000\ufffd",  # either side of the surrogates; the replacement character
        "\U0001f600",
    ],
)
def test_printable_text_is_fine(text: str) -> None:
    assert character_problems(SourceDocument(BRIEF, {"title": text, "list": [text]})) == []


def test_every_text_is_searched_wherever_it_sits() -> None:
    text = (
        "evaluation:\n"
        '  title: "ok"\n'
        "sections:\n"
        "  - items:\n"
        "      - fine\n"
        '      - "two\\x01"\n'
        '    text: ["\\x02 here"]\n'
        "quick_facts:\n"
        '  - {label: a, value: [1, "\\x03"]}\n'
    )
    problems = character_problems(parse_yaml(text, BRIEF))
    assert sorted(f"{p.line}:{p.column} {p.key_path} {p.message[-4:]}" for p in problems) == [
        "6:9 sections[0].items[1] \\x01",
        "7:12 sections[0].text[0] \\x02",
        "9:27 quick_facts[0].value[1] \\x03",
    ]


def test_one_problem_per_text_naming_its_first_control_character() -> None:
    (problem,) = character_problems(SourceDocument(BRIEF, {"title": "a\x07b\x1bc"}))
    assert problem.message == "contains the control character \\x07"


@pytest.mark.parametrize("data", [None, 12, 1.5, True, [], {}, {"n": [1, None, {"m": 2}]}])
def test_data_without_text_has_no_character_problem(data: Any) -> None:
    assert character_problems(SourceDocument(BRIEF, data)) == []


def test_text_values_in_document_order_with_key_paths() -> None:
    data = {"a": "one", "b": [{"c": "two"}, 3, "four"], "d": {"e": None, "f": "five"}}
    assert list(text_values(data)) == [
        (("a",), "one"),
        (("b", 0, "c"), "two"),
        (("b", 2), "four"),
        (("d", "f"), "five"),
    ]


def test_text_values_walk_any_depth_without_recursion() -> None:
    deep: object = "bottom"
    for _ in range(5_000):  # far past Python's recursion limit
        deep = [deep]
    ((path, text),) = text_values(deep)
    assert text == "bottom" and len(path) == 5_000
