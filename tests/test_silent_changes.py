"""Nothing the author typed changes silently (issue 30.2): what YAML would drop or change
is kept as meant, or said in a located warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.loading.validate import load_brief
from tests.cli_runner import validate_text
from tests.conftest import EVIDENCE_BRIEF

EVIDENCE = (EVIDENCE_BRIEF).read_text(encoding="utf-8")


def _edit(old: str, new: str) -> str:
    assert EVIDENCE.count(old) == 1, old
    return EVIDENCE.replace(old, new)


pytestmark = pytest.mark.usefixtures("in_tmp")


def test_a_hash_inside_a_text_line_is_a_warning() -> None:
    text = _edit(
        "        action: Referral talks in both countries.",
        "        action: Referral talks (see recommendation #4 and finding #2).",
    )
    code, lines = validate_text(text)
    assert code == 0
    assert lines == [
        "brief.yaml:172:52: warning: sections[10].responses[0].action: YAML reads ' #4 and"
        " finding #2).' as a comment: it is left out of the text (to keep it, put the whole"
        " text in quotes: 'Referral talks (see recommendation #4 and finding #2).')"
    ]


def test_a_comment_meant_as_one_is_not_a_warning() -> None:
    text = _edit("    value: Three (pooled fund)", "    value: Three (pooled fund)  # to check")
    assert validate_text(text) == (0, [])


def test_no_yes_on_off_are_text_where_text_is_expected() -> None:
    text = _edit("    value: Three (pooled fund)", "    value: No").replace(
        "      - [Shelters funded, 6, 6]", "      - [Shelters funded, yes, On]"
    )
    text = text.replace("    numbered: true  #", "    numbered: yes  #")
    Path("brief.yaml").write_text(text, encoding="utf-8")
    brief = load_brief("brief.yaml").brief
    assert brief.quick_facts[3].value == ["No"]
    table = next(section for section in brief.sections if section.kind == "table")
    assert table.rows[2] == ["Shelters funded", "yes", "On"]
    findings = next(section for section in brief.sections if section.kind == "findings")
    assert findings.numbered is True


def test_a_number_split_by_a_comma_in_a_flow_list_is_said() -> None:
    text = _edit("      - [Cases prosecuted, 120, 96]", "      - [Cases prosecuted, 1,200, 96]")
    code, lines = validate_text(text)
    assert code == 1
    assert lines == [
        "brief.yaml:155:9: sections[8].rows[3]: this row has 4 cells but the header has 3"
        " (give every row one cell per column (write '' for an empty cell))",
        "brief.yaml:155:28: warning: sections[8].rows[3][1]: the comma in 1,200 splits it into"
        " two entries, 1 and 200 (write 1200, or put it in quotes: '1,200')",
    ]


def test_a_value_that_holds_its_unit_is_a_warning() -> None:
    text = _edit("      - value: 412\n", '      - value: 61%\n        suffix: "%"\n')
    code, lines = validate_text(text)
    assert code == 0
    assert lines == [
        "brief.yaml:67:16: warning: sections[2].figures[1].value: the value '61%' already"
        " holds '%', and the suffix adds it again (remove the suffix, or write the value"
        " without it)"
    ]


def test_a_blank_line_in_a_folded_text_is_a_paragraph_break() -> None:
    text = _edit(
        "      run by civil society, and set up referral agreements between neighbouring\n"
        "      countries.",
        "      run by civil society.\n\n      It set up referral agreements.",
    )
    Path("brief.yaml").write_text(text, encoding="utf-8")
    background = load_brief("brief.yaml").brief.sections[0]
    assert len(background.text) == 2
    assert background.text[1] == "It set up referral agreements."


def test_a_decimal_comma_that_splits_a_flow_mapping_is_said() -> None:
    text = _edit(
        "    value: USD 14.2 million",
        "    value: {en: USD 18.2 million, fr: 18,2 millions USD}",
    )
    code, lines = validate_text(text)
    assert code == 1
    assert lines == [
        "brief.yaml:35:12: quick_facts[2].value: expected a list, got a mapping (write each"
        " entry on its own '- ' line)",
        "brief.yaml:35:39: warning: quick_facts[2].value: the comma in '18,2 millions USD'"
        " ends the value at '18' and starts a new key (put the value in quotes:"
        " '18,2 millions USD')",
    ]
