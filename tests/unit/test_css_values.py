"""CSS string literals built from a brief's text, read back by a real CSS parser.

tinycss2 is the parser WeasyPrint uses; what it reads back is what the PDF prints.
"""

from __future__ import annotations

import re

import pytest
import tinycss2
from tinycss2.ast import Declaration

from briefgen.render.view.css_values import css_string

HOSTILE_SERIES = [
    '" } body { display: none } .x { content: "',
    "Briefs; color: red",
    "a}b{c",
    "back\\slash",
    "line\nbreak\r\n\x0cform feed",
    "</style><script>alert(1)</script>",
    "/* open comment",
    "@import url(http://example.org/x.css)",
    '"a',  # an escape followed by a hex digit: the space after the escape ends it
    "\\31 23",
    "é\u200b\u2028\U0001f600\tfin",
    "",
]


def _declarations(css: str) -> list[tuple[str, list[object]]]:
    parsed = tinycss2.parse_blocks_contents(css, skip_whitespace=True, skip_comments=True)
    assert all(isinstance(node, Declaration) for node in parsed), parsed
    return [
        (node.name, [token for token in node.value if token.type != "whitespace"])
        for node in parsed
        if isinstance(node, Declaration)
    ]


@pytest.mark.parametrize("text", HOSTILE_SERIES)
def test_the_css_parser_reads_back_exactly_the_text_and_nothing_more(text: str) -> None:
    # The footer rule as context.py writes it, followed by a declaration that must survive.
    declarations = _declarations(f"content: {css_string(text)}; color: red")
    assert [name for name, _ in declarations] == ["content", "color"]
    (string,) = declarations[0][1]
    assert string.type == "string" and string.value == text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("Briefs", '"Briefs"'),
        ("Évaluation, 2017: (UNODC) & co's_x-y/z.", '"Évaluation, 2017: (UNODC) & co\'s_x-y/z."'),
        ("中文 عربي ٣٤", '"中文 عربي ٣٤"'),
        ('Say "hi"', '"Say \\22 hi\\22 "'),
        ("a;b", '"a\\3b b"'),
        ("x{y}z", '"x\\7b y\\7d z"'),
        ("back\\slash", '"back\\5c slash"'),
        ("line\nbreak", '"line\\a break"'),
        ("</style>", '"\\3c /style\\3e "'),
        ("/* comment", '"/\\2a  comment"'),
        ("😀", '"\\1f600 "'),
    ],
)
def test_letters_and_harmless_marks_stay_readable_the_rest_is_escaped(
    text: str, literal: str
) -> None:
    assert css_string(text) == literal


@pytest.mark.parametrize("mark", ['"', "{", "}", ";", "\\", "\n", "\r", "*/", "<", ">", "@"])
def test_no_character_that_ends_a_string_or_a_rule_is_left_as_it_is(mark: str) -> None:
    inside = css_string(f"a{mark}b")[1:-1]
    assert not re.search(r'["{};\n\r<>@]|\*/', inside), inside
    assert inside.startswith("a\\") and inside.endswith("b")  # escaped, not dropped


def test_a_nul_is_read_back_as_the_replacement_character() -> None:
    # CSS turns NUL into U+FFFD; escaped, it still cannot end the string.
    literal = css_string("a\x00b")
    declarations = _declarations(f"content: {literal}; color: red")
    assert [name for name, _ in declarations] == ["content", "color"]
    assert declarations[0][1][0].value == "a\ufffdb"  # type: ignore[attr-defined]
