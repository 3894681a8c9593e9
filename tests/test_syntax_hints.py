"""YAML mistakes an evaluation officer made on a first afternoon (issue 30), answered right.

Each case is a slip from the issue, made in the evidence example, with the exact message;
then each hint is followed (the fix the diagnosis carries is applied to the broken file)
and the file must validate, or get another, nearer message: never the same one, and
never the input back.
"""

from __future__ import annotations

import pytest
import yaml

from briefgen.loading.syntax_mistakes import diagnose
from tests.cli_runner import validate_text
from tests.conftest import EVIDENCE_BRIEF
from tests.test_syntax_mistakes import ERRORS as REFERENCE_ERRORS

EVIDENCE = (EVIDENCE_BRIEF).read_text(encoding="utf-8")
TITLE = "  title: Safer Routes, a regional programme on migrant protection (illustration)"


def _edit(old: str, new: str) -> str:
    assert EVIDENCE.count(old) == 1, old
    return EVIDENCE.replace(old, new)


SYNTAX = {
    "key one space too deep under '- name:'": (
        _edit("        role: Team Leader", "         role: Team Leader"),
        "brief.yaml:41:10: YAML syntax error: this line is indented 9 spaces, deeper than line"
        " 40 above it (if it is the next key, line it up with line 40 at 8 spaces; if it"
        " continues that line's text, join the two lines)",
    ),
    "key lined up with the dash of '- name:'": (
        _edit("        role: Team Leader", "      role: Team Leader"),
        "brief.yaml:41:7: YAML syntax error: this key is lined up with the dash of the list"
        " item on line 40 (to keep it in that item, line it up with 'name' at 8 spaces; to"
        " start a new item, write '- ' before it)",
    ),
    "item pasted two spaces too deep": (
        _edit(
            "  - label: Budget\n    value: USD 14.2 million",
            "    - label: Budget\n      value: USD 14.2 million",
        ),
        "brief.yaml:34:5: YAML syntax error: this list item is lined up with the keys inside"
        " the item on line 32 (to make it the next item, line its '-' up with line 32 at 2"
        " spaces, and its keys with the keys of that item)",
    ),
    "missing colon in '- label Budget'": (
        _edit("  - label: Budget", "  - label Budget"),
        "brief.yaml:34:5: YAML syntax error: 'label' is not followed by a colon"
        " (write 'label: Budget')",
    ),
    "item missing its dash": (
        _edit("  - label: Budget\n", "  label: Budget\n"),
        "brief.yaml:34:3: YAML syntax error: this line is in a list but does not start with"
        " '- ' (start it with '- ' like the items around it, or join it to the line above)",
    ),
    "apostrophe inside single quotes": (
        _edit(TITLE, "  title: 'Youth employment: the ILO's programme'"),
        "brief.yaml:18:36: YAML syntax error: the apostrophe in ILO's ends the quoted text"
        " early (double it (ILO''s), or put the text in double quotes)",
    ),
    "double quotes inside double quotes": (
        _edit(TITLE, '  title: "the "Decent Work" programme"'),
        "brief.yaml:18:15: YAML syntax error: the double quote (\") in '\"Decent' ends the"
        ' quoted text early (put the text in single quotes, or write each " inside it as \\")',
    ),
}

VALIDATION = {
    "colon inside a list item": (
        _edit(
            "      - id: rec-shelters",
            "      - Lesson 1: training leads to jobs\n      - id: rec-shelters",
        ),
        "brief.yaml:162:9: sections[9].items[1]: this list item holds ': ', so YAML read it"
        ' as a key and a value (put the item in quotes: - "Lesson 1: training leads to jobs")',
    ),
    "colon inside a list of texts": (
        _edit(
            "keywords: [evaluation, migration, protection, illustration, SR-310]",
            "keywords:\n  - evaluation\n  - Lesson 1: training leads to jobs",
        ),
        "brief.yaml:29:5: keywords[1]: this list item holds ': ', so YAML read it as a key"
        ' and a value (put the item in quotes: - "Lesson 1: training leads to jobs")',
    ),
    "item missing its dash, keys lined up with the item above": (
        _edit("  - label: Budget\n", "    label: Budget\n"),
        "brief.yaml:34:5: quick_facts[1].label: duplicate key 'label' in one list item"
        " (first on line 32): is it a new item without its dash? (to start a new item, write"
        " '- ' before it, its '-' lined up with line 32's; else remove one of the two)",
    ),
}


pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.mark.parametrize("name", [*SYNTAX, *VALIDATION])
def test_the_mistake_is_named_for_what_it_is(name: str) -> None:
    text, expected = {**SYNTAX, **VALIDATION}[name]
    code, lines = validate_text(text)
    assert code == 1
    assert lines == [expected]
    assert "Person" not in expected and "Item" not in expected


def _fixed(text: str) -> str:
    """``text`` with the fix of its first YAML mistake applied, as the hint says."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mistake = diagnose(text, error)
    else:
        raise AssertionError("no YAML mistake to fix")
    assert mistake is not None and mistake.fix is not None, "a hint without a fix"
    number, new_line = mistake.fix
    lines = text.split("\n")
    lines[number - 1] = new_line
    return "\n".join(lines)


FIXABLE = {
    **{name: case for name, case in SYNTAX.items()},
    **{f"reference: {name}": case for name, case in REFERENCE_ERRORS.items()},
}
WITHOUT_A_FIX = {"reference: escape sequence", "reference: unclosed quote, more quotes later"}
"""A control character is not a YAML structure; where a quote left open should close is
the author's to say (the hint says how)."""


@pytest.mark.parametrize("name", [name for name in FIXABLE if name not in WITHOUT_A_FIX])
def test_following_the_hint_fixes_the_file_or_gets_nearer(name: str) -> None:
    text, message = FIXABLE[name]
    fixed = _fixed(text)
    assert fixed != text, "the hint recreates the input"
    code, lines = validate_text(fixed)
    assert message not in lines
    assert code == 0 or lines[0].split(": ")[0] != message.split(": ")[0], lines
