"""``diagnose`` on the smallest texts that show each YAML slip (the CLI tests use the
reference brief)."""

from __future__ import annotations

import pytest
import yaml

from briefgen.errors import MAX_EXCERPT_CHARS
from briefgen.loading.syntax_mistakes import (
    _block_above,
    _is_blank,
    _is_structural,
    _previous_content_line,
    _unclosed_quote_on,
    diagnose,
    items_swallowed_by_text,
)


def _diagnosis(text: str) -> tuple[int, int, str]:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    mistake = diagnose(text, raised.value)
    assert mistake is not None
    return mistake.line, mistake.column, mistake.message


@pytest.mark.parametrize(
    ("text", "line", "column", "says"),
    [
        ("a: 1\nseries Briefs\nb: 2\n", 2, 1, "'series' is not followed by a colon"),
        ("a:\n  name X\n  acronym: Y\n", 2, 3, "'name' is not followed by a colon"),
        ('t: "open\nx: 1\ny: "closed"\n', 1, 4, 'starts with " here has no closing "'),
        ("t: 'open\nx: 1\ny: 'it''s'\n", 1, 4, "starts with ' here has no closing '"),
        ("t: 'open\nx: 1\n", 1, 4, "starts with ' here has no closing '"),
        ("a:\n  b: 1\n   c: 2\n", 3, 4, "indented 3 spaces, deeper than line 2"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indented 1 space, which lines it up with no key"),
        ("l:\n  - one\n - two\n", 3, 2, "indented 1 space, which lines it up with no key"),
        ("l:\n  - one\n  two\n  - three\n", 3, 3, "in a list but does not start with '- '"),
        ("l:\n  - one\n  -two\n", 3, 3, "a list item needs a space after its dash"),
        ("t: Water: a review\n", 1, 9, "the value of 't' contains ': '"),
        ("a:\n\tb: 1\n", 2, 1, "a tab character indents this line"),
        ("a:\n  - 1\n  -\tb\n", 3, 4, "a tab character indents this line"),
        # The line above the mistake is the only item beside it, or the first line.
        ("l:\n  - one\n  two\n", 3, 3, "in a list but does not start with '- '"),
        ("l:\n  - a: 1\n    k: 2\n  b\n  - c\n", 4, 3, "in a list but does not start with '- '"),
        ("- one\ntwo\n", 2, 1, "in a list but does not start with '- '"),
        # A comment or a blank line between the mistake and the line it is measured by.
        ("a:\n  b: 1\n\n   c: 2\n", 4, 4, "indented 3 spaces, deeper than line 2"),
        ("a:\n  b: 1\n  # note\n   c: 2\n", 4, 4, "indented 3 spaces, deeper than line 2"),
        ("a: 1\n  b: 2\n", 2, 3, "indented 2 spaces, deeper than line 1 above it"),
        # A key with a colon and nothing after it, or a colon inside the next word.
        ("t: x\n  y:\n", 2, 3, "indented 2 spaces, deeper than line 1 above it"),
        ("t: x\n  y:z: w\n", 2, 3, "indented 2 spaces, deeper than line 1 above it"),
        # Unclosed quotes: on the last line, one line above, with a doubled quote.
        ('a: 1\nt: "open', 2, 4, 'starts with " here has no closing "'),
        ('t: "open\ny: "closed"\n', 1, 4, 'starts with " here has no closing "'),
        ("t: 'it''s open\nx: 1\n", 1, 4, "starts with ' here has no closing '"),
        # A quoted text closed alone on the file's last line is not the mistake.
        ('a:\n  b: 1\n c\nd: "x\n  "\n', 3, 2, "indented 1 space, which lines it up with"),
    ],
)
def test_each_slip_is_found_where_it_was_made(text: str, line: int, column: int, says: str) -> None:
    found_line, found_column, message = _diagnosis(text)
    assert (found_line, found_column) == (line, column)
    assert says in message


def test_a_quote_closed_on_its_line_is_not_blamed() -> None:
    text = 'a: "closed"\nb: "open\nc: 1\nd: "x"\n'
    assert _diagnosis(text)[0] == 2


def test_escaped_quotes_do_not_close_or_open() -> None:
    text = 'a: "say \\"hi\\""\nb: \'it\'\'s\'\nc: "open\nd: 1\ne: "x"\n'
    assert _diagnosis(text)[0] == 3


def test_apostrophes_inside_plain_text_are_not_quotes() -> None:
    text = 'a: l\'évaluation d\'un programme\nb: "open\nc: 1\nd: "x"\n'
    assert _diagnosis(text)[0] == 2


def _scalar(text: str) -> yaml.ScalarNode:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    while not isinstance(node, yaml.ScalarNode):
        assert node is not None
        node = node.value[0][1] if isinstance(node, yaml.MappingNode) else node.value[0]
    return node


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("l:\n  - one thing\n   - two thing\n", [3]),
        ("l:\n  - one thing\n    and more\n", []),
        ("l: 'one\n  - quoted'\n", []),
        ("l: >-\n  one\n  - folded on purpose\n", []),
        ("l: one\n", []),
        ("l:\n  - one thing\n   \u00a0- is text\n", []),
        ("l:\n  - one thing\n   XX- is text\n", []),
    ],
)
def test_items_swallowed_by_plain_text(text: str, lines: list[int]) -> None:
    assert items_swallowed_by_text(text.splitlines(), _scalar(text)) == lines


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "l:\n  - one\n    more text\n - two\n",
            "YAML syntax error: this line is indented 1 space, which lines it up with no key"
            " or item above it",
        ),
        (
            "a:\n  b: 1\n  c:\n    d: text\n      goes on\n   e: 2\n",
            "YAML syntax error: this line is indented 3 spaces, which lines it up with no key"
            " or item above it",
        ),
    ],
)
def test_too_shallow_points_at_the_block_it_left(text: str, message: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    mistake = diagnose(text, raised.value)
    assert mistake is not None
    assert mistake.message == message
    # The hint names the shallowest key or item of the block the line sits in, not the
    # text line just above it.
    expected = {"l:": "line 2 at 2 spaces", "a:": "line 4 at 4 spaces"}[text.split("\n")[0]]
    assert expected in mistake.hint


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a: 1\nseries Briefs\n", "write 'series: Briefs'"),
        ("a: 1\n# note\nseries Briefs of UNODC\n", "write 'series: Briefs of UNODC'"),
        ("a: 1\nseries " + "B" * 70 + "\n", "write 'series: " + "B" * 70 + "'"),
        (
            "a: 1\nseries " + "B" * 100 + "\n",
            "write 'series: " + "B" * (2 * MAX_EXCERPT_CHARS - 1) + "…'",
        ),
        ("l:\n  - one\n  -two words\n", "write '- two words'"),
        (
            "l:\n  - one\n  two\n  - three\n",
            "start it with '- ' like the items around it, or join it to the line above",
        ),
    ],
)
def test_hints_say_what_to_write(text: str, hint: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    mistake = diagnose(text, raised.value)
    assert mistake is not None and mistake.hint == hint


def test_no_diagnosis_for_an_uncommon_error() -> None:
    text = "a: [1, 2\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    assert diagnose(text, raised.value) is None


def test_a_valid_multi_line_quote_above_an_uncommon_error_is_not_blamed() -> None:
    text = "t: 'one\n  two'\nu: [1\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.SafeLoader)
    assert diagnose(text, raised.value) is None


def test_a_mistake_on_the_first_line_is_diagnosed_without_a_line_above() -> None:
    line, column, message = _diagnosis('"a": b: c\n')  # a quoted key
    assert (line, column) == (1, 7)
    assert message == "YAML syntax error: the value of 'a' contains ': '"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a plain key may hold a colon: the mistake is on line 2, not a colon on line 1
            "x: 1\na:b: c: d\n",
            (2, 7, "YAML syntax error: the value of 'a:b' contains ': '"),
        ),
        (
            "items:\n  - one\n  key: two\n",
            (
                3,
                3,
                "YAML syntax error: this key is lined up with the list item on line 2, "
                "and a list holds only items",
            ),
        ),
        (
            "a: 1\n- b\n",
            (
                2,
                1,
                "YAML syntax error: this list item is lined up with the key on line 1, "
                "and a list cannot sit beside keys",
            ),
        ),
    ],
)
def test_keys_and_items_that_do_not_belong_together(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert _diagnosis(text) == expected


@pytest.mark.parametrize(
    ("line", "blank"),
    [("", True), ("   ", True), ("#", True), ("  # note", True), ("a # note", False), ("a", False)],
)
def test_is_blank(line: str, blank: bool) -> None:
    assert _is_blank(line) is blank


@pytest.mark.parametrize(
    ("line", "structural"),
    [
        ("  - item", True),
        ("  key: value", True),
        ("  key:", True),
        ("  text that goes on", False),
        ("  X- ray results", False),
        ("\u00a0- not indentation", False),
    ],
)
def test_is_structural(line: str, structural: bool) -> None:
    assert _is_structural(line) is structural


@pytest.mark.parametrize(
    ("lines", "index", "previous"),
    [
        (["a:", "", "# c", "  b"], 3, 0),
        (["a:", "  b: 1", "", "   c"], 3, 1),
        (["x", "y"], 0, None),
        (["", "# c", "y"], 2, None),
    ],
)
def test_previous_content_line(lines: list[str], index: int, previous: int | None) -> None:
    assert _previous_content_line(lines, index) == previous


@pytest.mark.parametrize(
    ("lines", "index", "block"),
    [
        # the shallowest key or item indented deeper than the line; the nearest of equals
        (["a:", "  b:", "    c: 1", "   d"], 3, 2),
        (["a:", "  b:", "    - c:", "        x: 1", "    - d: 2", "   e"], 5, 4),
        (["x:", "  a:", "    - b: 1", "", "      c: 2", "   e"], 5, 2),
        (["a:", "    text", "      c: 1", "   d"], 3, 2),
        # the block ends at a line indented no deeper than the line itself
        (["a:", "    b: 1", "   text", "      c: 1", "   e"], 4, 3),
        # no key or item in the block: the previous line with content
        (["a:", "  b: text", "     more text", "", "   e"], 4, 2),
        (["  a", "      b: 1"], 0, None),
    ],
)
def test_block_above(lines: list[str], index: int, block: int | None) -> None:
    assert _block_above(lines, index) == block


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ('a: "closed"', None),
        ('a: ""', None),
        ("a: ''", None),
        ("a: ''''", None),  # the text "'"
        ('a: "open', '"'),
        ("- a: 'open", "'"),
        ("'open", "'"),
        ('a: "say \\"hi\\""', None),
        ('a: "\\\\"', None),  # an escaped backslash, then the closing quote
        ('a: "xy\\"', '"'),  # an escaped quote does not close
        ("a: 'x\\'", None),  # no escapes inside single quotes
        ("a: 'it''s'", None),
        ("a: 'it''s", "'"),
        ('a: "x"\'y', None),  # '' doubles only inside single quotes
        ("a: l'évaluation", None),
        ("a: text", None),
    ],
)
def test_unclosed_quote_on(line: str, quote: str | None) -> None:
    assert _unclosed_quote_on(line) == quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", (2, 1, "YAML syntax error: a tab character indents this line")),
        (
            "a:\n  title: a\tb: c\n",
            (2, 11, "YAML syntax error: a tab character stands where YAML does not allow one"),
        ),
    ],
)
def test_a_tab_that_indents_and_one_inside_a_value(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert _diagnosis(text) == expected
