"""``diagnose`` on the smallest texts that show each YAML slip (the CLI tests use the
reference brief)."""

from __future__ import annotations

import pytest
import yaml

from briefgen.loading.syntax_mistakes import diagnose, items_swallowed_by_text


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
    while not isinstance(node, yaml.ScalarNode):
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
    ],
)
def test_items_swallowed_by_plain_text(text: str, lines: list[int]) -> None:
    assert items_swallowed_by_text(text, _scalar(text)) == lines


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
