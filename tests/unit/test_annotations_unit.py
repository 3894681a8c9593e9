"""CI annotations: a brief's text cannot end a workflow command or forge another one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefgen.annotations import (
    escape_data,
    escape_property,
    github_command,
    github_commands,
    gitlab_codequality,
)
from briefgen.errors import Problem

HOSTILE = [
    "plain",
    "100% sure",
    "%0A is not a line break",
    "%25 twice",
    "line\nbreak",
    "carriage\rreturn",
    "\r\n::error file=x.yaml::forged",
    "key: value, other: value",
    "é 中文",
    "",
]


def _decoded(text: str, codes: dict[str, str]) -> str:
    """What the runner reads back (actions/runner ActionCommand.Unescape...)."""
    for code, raw in codes.items():
        text = text.replace(code, raw)
    return text.replace("%25", "%")  # "%" last, as the runner does


DATA_CODES = {"%0D": "\r", "%0A": "\n"}
PROPERTY_CODES = {**DATA_CODES, "%3A": ":", "%2C": ","}


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain: a, b", "plain: a, b"),
        ("100%", "100%25"),
        ("%0A", "%250A"),
        ("a\rb\nc", "a%0Db%0Ac"),
    ],
)
def test_escape_data(text: str, escaped: str) -> None:
    assert escape_data(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("a:b,c", "a%3Ab%2Cc"),
        ("%3A", "%253A"),
        ("50%\r\n", "50%25%0D%0A"),
    ],
)
def test_escape_property(text: str, escaped: str) -> None:
    assert escape_property(text) == escaped


@pytest.mark.parametrize("text", HOSTILE)
def test_the_runner_reads_back_the_text_and_it_stays_on_one_line(text: str) -> None:
    assert _decoded(escape_data(text), DATA_CODES) == text
    assert _decoded(escape_property(text), PROPERTY_CODES) == text
    assert not re.search(r"[\r\n]", escape_data(text))
    assert not re.search(r"[\r\n:,]", escape_property(text))


@pytest.mark.parametrize(
    ("problem", "command"),
    [
        (Problem("bad"), "::error title=briefgen::bad"),
        (Problem("bad", Path("b.yaml")), "::error file=b.yaml,title=briefgen::bad"),
        (
            Problem("bad", Path("b.yaml"), 3, 7, "a.b", "fix it"),
            "::error file=b.yaml,line=3,col=7,title=briefgen%3A a.b::bad (fix it)",
        ),
        (Problem("bad", Path("b.yaml"), 3), "::error file=b.yaml,line=3,col=1,title=briefgen::bad"),
        (
            Problem("odd", Path("b.yaml"), 3, 2, severity="warning"),
            "::warning file=b.yaml,line=3,col=2,title=briefgen::odd",
        ),
        (
            Problem("x\n::error::forged", Path("a,b:c.yaml"), key_path="k,\n", hint="50%"),
            "::error file=a%2Cb%3Ac.yaml,title=briefgen%3A k%2C%0A::x%0A::error::forged (50%25)",
        ),
    ],
)
def test_github_command(problem: Problem, command: str) -> None:
    assert github_command(problem) == command


def test_github_commands_one_per_problem_in_order() -> None:
    problems = [Problem("one"), Problem("two", severity="warning")]
    assert github_commands(problems) == [
        "::error title=briefgen::one",
        "::warning title=briefgen::two",
    ]


def _report(problems: list[Problem]) -> list[dict[str, object]]:
    text = gitlab_codequality(problems)
    assert text.endswith("]\n")
    issues = json.loads(text)
    assert isinstance(issues, list)
    return issues


def test_gitlab_issue_fields() -> None:
    problems = [
        Problem("bad é", Path("b.yaml"), 3, 7, "a.b", "fix it"),
        Problem("odd", severity="warning"),
    ]
    first, second = _report(problems)
    assert {key: value for key, value in first.items() if key != "fingerprint"} == {
        "description": "a.b: bad é (fix it)",
        "check_name": "briefgen-validate",
        "severity": "major",
        "location": {"path": "b.yaml", "lines": {"begin": 3}},
    }
    assert {key: value for key, value in second.items() if key != "fingerprint"} == {
        "description": "odd",
        "check_name": "briefgen-validate",
        "severity": "minor",
        "location": {"path": ".", "lines": {"begin": 1}},
    }


def test_gitlab_report_keeps_text_readable_and_one_field_per_line() -> None:
    text = gitlab_codequality([Problem("bad é 中文", Path("b.yaml"), 1)])
    assert "bad é 中文" in text  # not \u00e9: the report is read by people too
    assert '\n    "check_name": "briefgen-validate",\n' in text


def test_an_empty_gitlab_report_is_an_empty_list() -> None:
    assert gitlab_codequality([]) == "[]\n"


def _fingerprint(problems: list[Problem], index: int = 0) -> str:
    return str(_report(problems)[index]["fingerprint"])


def test_fingerprints_are_unique_even_for_the_same_mistake_twice() -> None:
    same = Problem("bad", Path("b.yaml"), 3, 7, "a.b")
    fingerprints = [str(issue["fingerprint"]) for issue in _report([same, same, same])]
    assert len(set(fingerprints)) == 3
    assert all(re.fullmatch(r"[0-9a-f]{64}", fingerprint) for fingerprint in fingerprints)


@pytest.mark.parametrize(
    "other",
    [
        Problem("bad", Path("c.yaml"), 3, 7, "a.b"),
        Problem("bad", Path("b.yaml"), 4, 7, "a.b"),
        Problem("bad", Path("b.yaml"), 3, 8, "a.b"),
        Problem("bad", Path("b.yaml"), 3, 7, "a.c"),
        Problem("worse", Path("b.yaml"), 3, 7, "a.b"),
        Problem("bad", None, 3, 7, "a.b"),
    ],
)
def test_a_different_mistake_gets_a_different_fingerprint(other: Problem) -> None:
    same = Problem("bad", Path("b.yaml"), 3, 7, "a.b")
    assert _fingerprint([same]) != _fingerprint([other])


def test_the_same_mistake_keeps_its_fingerprint_from_one_pipeline_to_the_next() -> None:
    # Only the hint or the severity changed: GitLab must see the same issue, not a new one.
    before = [Problem("x", Path("b.yaml"), 1), Problem("bad", Path("b.yaml"), 3, 7, "a.b")]
    after = [Problem("bad", Path("b.yaml"), 3, 7, "a.b", "new hint", severity="warning")]
    assert _fingerprint(before, 1) == _fingerprint(after)


def test_fingerprints_do_not_change_between_briefgen_versions() -> None:
    # GitLab compares this pipeline's report with the last one, which an older briefgen
    # may have written: the recipe (SHA-256 of path, line, column, key path, message and
    # repeat count, NUL-separated) is part of the format and must not drift.
    problem = Problem("bad", Path("b.yaml"), 3, 7, "a.b")
    assert _fingerprint([problem]) == (
        "3ab2dc404ca80383b3b076cb1f08a369970fefd2ae2b638574ded68d4acaabad"
    )
