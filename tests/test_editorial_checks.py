"""The editor's read (issue 29.3): each rule once triggered, at its line and column, and
switched off by the brief's ``checks:``; the examples' own warnings listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from tests.conftest import EVIDENCE_BRIEF

EVIDENCE = (EVIDENCE_BRIEF).read_text(encoding="utf-8")


def _edit(old: str, new: str, text: str = EVIDENCE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def _validate(text: str, *options: str) -> tuple[int, list[str]]:
    Path("brief.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "brief.yaml", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr.splitlines()


MISSPELT_CRITERION = _edit("      - criterion: relevance\n", "      - criterion: relevence\n")
ACRONYM_FIRST = _edit(
    "      Safer Routes helped five governments",
    "      Safer Routes (SR) helped five IOM governments",
).replace(
    "      The team reviewed programme records,",
    "      The International Organization for Migration (IOM) and the team reviewed records,",
)
LONG = (
    "      The team reviewed programme records, surveyed 412 trained officials, interviewed\n"
    "      135 stakeholders (71 women, 64 men) and visited three countries; the other two were\n"
    "      covered by remote interviews."
)
LONG_SENTENCE = _edit(
    LONG,
    LONG.replace(
        "remote interviews.",
        "remote interviews, which the team held over two weeks in March with officials,"
        " shelter staff and migrants themselves, in their languages.",
    ),
)
UNIT_TWICE = _edit("      - value: 412\n", '      - value: 61%\n        suffix: "%"\n')

CASES = {
    "dac_criteria": (
        MISSPELT_CRITERION,
        "brief.yaml:113:20: warning: sections[5].ratings[0].criterion: 'relevence' is not one"
        " of the OECD DAC criteria (did you mean 'relevance'? A criterion of your own is"
        " fine: set checks: {dac_criteria: false})",
    ),
    "acronyms": (
        ACRONYM_FIRST,
        "brief.yaml:48:37: warning: sections[0].text: 'IOM' is used before it is spelled out"
        " (spell it out here, where the reader first meets it, or set checks: {acronyms:"
        " false})",
    ),
    "long_sentences": (
        LONG_SENTENCE,
        "brief.yaml:56:7: warning: sections[1].text: this sentence has 47 words; a brief's"
        " reader takes in about 40 at once (split it in two, or set checks: {long_sentences:"
        " false})",
    ),
    "unit_twice": (
        UNIT_TWICE,
        "brief.yaml:67:16: warning: sections[2].figures[1].value: the value '61%' already"
        " holds '%', and the suffix adds it again (remove the suffix, or write the value"
        " without it)",
    ),
}


@pytest.mark.parametrize("rule", CASES)
def test_each_rule_warns_at_its_line(rule: str) -> None:
    text, expected = CASES[rule]
    assert _validate(text) == (0, [expected])
    code, lines = _validate(text, "--strict")
    assert code == 1
    assert lines == [expected.replace(" warning:", "")]


@pytest.mark.parametrize("rule", CASES)
def test_each_rule_is_switched_off_in_the_brief(rule: str) -> None:
    text, _ = CASES[rule]
    assert _validate(text + f"\nchecks:\n  {rule}: false\n") == (0, [])


def test_a_criterion_of_the_offices_own_is_not_a_warning() -> None:
    text = _edit("      - criterion: coherence\n", "      - criterion: Gender equality\n")
    assert _validate(text) == (0, [])


def test_a_criterion_named_in_the_briefs_language_is_not_a_warning() -> None:
    text = _edit("      - criterion: relevance\n", "      - criterion: Pertinence\n")
    text = _edit("language: en", "language: fr", text)
    code, lines = _validate(text)
    assert code == 0
    assert not [line for line in lines if "DAC" in line]


def test_an_unknown_check_is_refused_with_the_names() -> None:
    code, lines = _validate(EVIDENCE + "\nchecks:\n  spelling_of_names: false\n")
    assert code == 1
    assert lines == [
        "brief.yaml:197:3: checks.spelling_of_names: unknown key 'spelling_of_names'"
        " (allowed keys: unit_twice, dac_criteria, acronyms, long_sentences)"
    ]


def test_the_evidence_example_has_no_warning() -> None:
    assert _validate(EVIDENCE) == (0, [])
