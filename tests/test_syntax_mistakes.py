"""The common YAML mistakes, made in the reference brief: each at the author's line, in plain words.

Each case is a real slip (a colon left out, a quote never closed, a line indented one space
off, a list item without its dash) and the exact message ``briefgen validate`` prints.
"""

from __future__ import annotations

import pytest

from tests.cli_runner import validate_text
from tests.conftest import REFERENCE_BRIEF

REFERENCE = REFERENCE_BRIEF.read_text(encoding="utf-8")


def _edit(old: str, new: str) -> str:
    assert REFERENCE.count(old) == 1, old
    return REFERENCE.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


MISSING_COLON = _edit("series: Briefs", "series Briefs")
CAPTION = 'caption: "Graph'
UNCLOSED_QUOTE = _edit(
    'caption: "Graph: Implementation of activities through the two programmes globally"',
    'caption: "Graph: Implementation of activities through the two programmes globally',
)
KEY_TOO_DEEP = _edit("  acronym: UNODC", "   acronym: UNODC")
KEY_TOO_SHALLOW = _edit("  acronym: UNODC\n  unit:", "  acronym: UNODC\n unit:")
ITEM_TOO_SHALLOW = _edit(
    "          - Develop a theory of change", "         - Develop a theory of change"
)
MISSING_DASH = _edit(
    "          - Conduct stakeholders mapping", "          Conduct stakeholders mapping"
)
DASH_WITHOUT_SPACE = _edit(
    "          - Conduct stakeholders mapping", "          -Conduct stakeholders mapping"
)
TAB = _edit("  acronym: UNODC", "\tacronym: UNODC")
ESCAPE_SEQUENCE = _edit("  acronym: UNODC", "  acronym: UNODC\x1b[31m")  # pasted from a terminal
COLON_IN_VALUE = _edit(
    "  acronym: UNODC\n  unit: Independent", "  acronym: UNODC\n  unit: Evaluation: Independent"
)
KEY_AMONG_ITEMS = _edit(
    "          - Conduct stakeholders mapping for successful partnerships;\n",
    "          - Conduct stakeholders mapping for successful partnerships;\n"
    "          closing: These are the main recommendations.\n",
)

ERRORS = {
    "missing colon": (
        MISSING_COLON,
        "brief.yaml:12:1: YAML syntax error: 'series' is not followed by a colon"
        " (write 'series: Briefs')",
    ),
    "unclosed quote, more quotes later": (
        UNCLOSED_QUOTE,
        f"brief.yaml:{_line_of(UNCLOSED_QUOTE, CAPTION)}:18: YAML syntax error: the"
        ' text that starts with " here has no closing " (add " at the end of the text; to use'
        ' " inside it, quote the text with the other kind of quote)',
    ),
    "key indented too deep": (
        KEY_TOO_DEEP,
        "brief.yaml:9:4: YAML syntax error: this line is indented 3 spaces, deeper than line 8"
        " above it (if it is the next key, line it up with line 8 at 2 spaces; if it continues"
        " that line's text, join the two lines)",
    ),
    "key indented too shallow": (
        KEY_TOO_SHALLOW,
        "brief.yaml:10:2: YAML syntax error: this line is indented 1 space, which lines it up"
        " with no key or item above it (line it up with line 9 at 2 spaces, or with a key"
        " further left)",
    ),
    "list item indented too shallow": (
        ITEM_TOO_SHALLOW,
        f"brief.yaml:{_line_of(ITEM_TOO_SHALLOW, '- Develop a theory')}:10: YAML syntax error:"
        " this line is indented 9 spaces, which lines it up with no key or item above it"
        f" (line it up with line {_line_of(ITEM_TOO_SHALLOW, '- Develop a theory') - 2} at 10"
        " spaces, or with a key further left)",
    ),
    "list item missing its dash": (
        MISSING_DASH,
        f"brief.yaml:{_line_of(MISSING_DASH, 'Conduct stakeholders')}:11: YAML syntax error:"
        " this line is in a list but does not start with '- ' (start it with '- ' like the"
        " items around it, or join it to the line above)",
    ),
    "list item without a space after its dash": (
        DASH_WITHOUT_SPACE,
        f"brief.yaml:{_line_of(DASH_WITHOUT_SPACE, '-Conduct')}:11: YAML syntax error: a list"
        " item needs a space after its dash (write '- Conduct stakeholders mapping for"
        " successful partnerships;')",
    ),
    "tab": (
        TAB,
        "brief.yaml:9:1: YAML syntax error: a tab character indents this line (indent with spaces)",
    ),
    "key lined up with list items": (
        KEY_AMONG_ITEMS,
        f"brief.yaml:{_line_of(KEY_AMONG_ITEMS, 'closing: These')}:11: YAML syntax error:"
        " this key is lined up with the list item on line"
        f" {_line_of(KEY_AMONG_ITEMS, 'closing: These') - 1}, and a list holds only items"
        " (start it with '- ' to make it an item, or move it left to line up with the key"
        " the list belongs to)",
    ),
    "escape sequence": (
        ESCAPE_SEQUENCE,
        "brief.yaml:9:17: YAML syntax error: the character U+001B is not allowed in a YAML"
        " file (remove it: control characters such as escape sequences cannot be in a brief)",
    ),
    "colon inside a value": (
        COLON_IN_VALUE,
        "brief.yaml:10:19: YAML syntax error: the value of 'unit' contains ': ' (put the value"
        ' in quotes, e.g. unit: "Water: a review")',
    ),
}


pytestmark = pytest.mark.usefixtures("in_tmp")


UNCLOSED_BRACKETS = {
    "bracket left open at the end of the file": (
        REFERENCE + "keywords: [\n",
        f"brief.yaml:{REFERENCE.count(chr(10)) + 1}:11: YAML syntax"
        " error: the bracket that opens here is never closed (add the closing ] or })",
    ),
    "bracket left open after a comma": (
        REFERENCE + "keywords: {a: 1,\n\n# the end\n",
        f"brief.yaml:{REFERENCE.count(chr(10)) + 1}:11: YAML syntax"
        " error: the bracket that opens here is never closed (add the closing ] or })",
    ),
}
"""A bracket left open is found where it opens, even when YAML only notices at the end of
the file (where it should close is the author's to say: these have no fix to apply)."""


@pytest.mark.parametrize("name", [*ERRORS, *UNCLOSED_BRACKETS])
def test_syntax_mistake_is_reported_at_the_authors_line(name: str) -> None:
    text, expected = (ERRORS | UNCLOSED_BRACKETS)[name]
    code, lines = validate_text(text)
    assert code == 1
    assert lines == [expected]


ITEM_TOO_DEEP = _edit(
    "          - Develop a theory of change", "           - Develop a theory of change"
)
SWALLOWED_WARNING = (
    f"brief.yaml:{_line_of(ITEM_TOO_DEEP, '- Develop a theory')}:12: warning:"
    " sections[1].sections[5].items[3]: this line starts with '- ' but continues the text"
    " of the item above: it is indented deeper than that item's dash (to make it a new"
    " item, line its '-' up with the one above; to keep it as text, join it to the line"
    " above)"
)


def test_item_indented_too_deep_is_a_located_warning() -> None:
    code, lines = validate_text(ITEM_TOO_DEEP)
    assert code == 0
    assert SWALLOWED_WARNING in lines


def test_strict_turns_the_warning_into_a_failure() -> None:
    code, lines = validate_text(ITEM_TOO_DEEP, "--strict")
    assert code == 1
    assert SWALLOWED_WARNING.replace(" warning:", "") in lines
