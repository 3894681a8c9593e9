"""What an error message echoes back from the input: escaped, cut, quoted, located."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import pytest

from briefgen.errors import (
    MAX_EXCERPT_CHARS,
    BriefError,
    Problem,
    as_error,
    display_path,
    escape_controls,
    excerpt,
    quote_value,
)

TOO_MANY_DIGITS = f"a number with more than {sys.get_int_max_str_digits():,} digits"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "plain text, é, ü, 中文, \u00a0non-breaking",
            "plain text, é, ü, 中文, \u00a0non-breaking",
        ),
        ("a\nb", "a\\nb"),
        ("a\rb", "a\\rb"),
        ("a\tb", "a\\tb"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x00", "\\x00"),
        ("\x1f \x20", "\\x1f  "),
        ("\x7f\x80\x9f\xa0", "\\x7f\\x80\\x9f\xa0"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\ud800\udfff", "\\ud800\\udfff"),
        ("\ufffe\uffff\ufffd", "\\ufffe\\uffff\ufffd"),
        ("x\n::error::forged", "x\\n::error::forged"),
        # Invisible format characters: a reversed or hidden part of a name.
        ("t\u202eitle", "t\\u202eitle"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200b\u200c\u200d\u200e\u200f", "\\u200b\\u200c\\u200d\\u200e\\u200f"),
        ("\u2060\u2064\u061c\ufeff", "\\u2060\\u2064\\u061c\\ufeff"),
        ("\u2065\u200a\u2010", "\u2065\u200a\u2010"),  # neighbours that print
        ("عربي \u0645", "عربي \u0645"),
    ],
)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("abcde", 5, "abcde"),
        ("abcdef", 5, "abcd…"),
        ("", 5, ""),
        ("ab\ncd", 6, "ab\\ncd"),
        ("ab\ncd", 5, "ab\\n…"),
        ("ab\ncd", 4, "ab…"),  # never cut inside "\n"
        ("abc\x1bdef", 10, "abc\\x1bdef"),
        ("abc\x1bdef", 9, "abc\\x1bd…"),
        ("abc\x1bdef", 8, "abc\\x1b…"),
        ("abc\x1bdef", 7, "abc…"),  # "\x1b" takes four characters
    ],
)
def test_excerpt_cuts_between_escapes(text: str, limit: int, shown: str) -> None:
    assert excerpt(text, limit) == shown


@pytest.mark.parametrize("text", ["x" * 100, "\n" * 100, "é\x1b" * 50, "a\u2028" * 30])
@pytest.mark.parametrize("limit", [2, 5, 17, MAX_EXCERPT_CHARS])
def test_an_excerpt_is_never_longer_than_its_limit(text: str, limit: int) -> None:
    shown = excerpt(text, limit)
    assert len(shown) <= limit
    assert shown.endswith("…")
    assert escape_controls(text).startswith(shown[:-1])


def test_excerpt_defaults_to_the_quoting_length() -> None:
    assert excerpt("y" * 100) == "y" * (MAX_EXCERPT_CHARS - 1) + "…"


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        (None, "nothing"),
        (True, "'true'"),
        (False, "'false'"),
        (3, "3"),
        (-2.5, "-2.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        ("text", "'text'"),
        ("", "''"),
        ("it's", "'it's'"),
        ("a\x1bb\nc", "'a\\x1bb\\nc'"),
        ("s" * 50, "'" + "s" * (MAX_EXCERPT_CHARS - 1) + "…'"),
        (10**50, "1" + "0" * (MAX_EXCERPT_CHARS - 2) + "…"),
        (["a", 1], "'['a', 1]'"),
        pytest.param(10**5000, TOO_MANY_DIGITS, id="huge int"),
        pytest.param([10**5000], f"a list with {TOO_MANY_DIGITS}", id="huge int in a list"),
        pytest.param(Fraction(10**5000, 3), f"a Fraction with {TOO_MANY_DIGITS}", id="huge"),
    ],
)
def test_quote_value(value: object, quoted: str) -> None:
    assert quote_value(value) == quoted


@pytest.mark.parametrize(("value", "quoted"), [("abcdefgh", "'abcd…'"), (123456789, "1234…")])
def test_quote_value_takes_a_shorter_limit(value: object, quoted: str) -> None:
    assert quote_value(value, limit=5) == quoted


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("brief.yaml", "brief.yaml"),
        (Path("briefs/b.yaml"), "briefs/b.yaml"),
        ("::error::forged", "./::error::forged"),
        (Path("::warning file=x::y"), "./::warning file=x::y"),
        (":one colon", ":one colon"),
        ("a::b", "a::b"),
        ("b\n::error::forged", "b\\n::error::forged"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ],
)
def test_display_path(path: Path | str, shown: str) -> None:
    assert display_path(path) == shown


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("bad"), "bad"),
        (Problem("bad", Path("::b.yaml"), 2, 5), "./::b.yaml:2:5: bad"),
        (Problem("bad", Path("b.yaml"), 2, None), "b.yaml:2:1: bad"),
        (Problem("bad", None, 2, 5), "bad"),
        (Problem("a\nb", key_path="k\x1b", hint="h\r"), "k\\x1b: a\\nb (h\\r)"),
        (Problem("odd", severity="warning"), "warning: odd"),
    ],
)
def test_a_problem_is_one_escaped_line(problem: Problem, line: str) -> None:
    assert str(problem) == line


def test_brief_error_single_carries_every_part_of_the_problem() -> None:
    error = BriefError.single(
        "bad", Path("b.yaml"), line=2, column=3, key_path="a.b", hint="fix it"
    )
    assert error.problems == [Problem("bad", Path("b.yaml"), 2, 3, "a.b", "fix it")]


def test_brief_error_single_defaults_to_an_unlocated_problem() -> None:
    assert BriefError.single("bad").problems == [Problem("bad")]


def test_brief_error_prints_one_line_per_problem() -> None:
    error = BriefError([Problem("one", Path("a.yaml"), 1), Problem("two")])
    assert str(error) == "a.yaml:1:1: one\ntwo"
    # Code that handles it as any exception (its args, the base class's str) sees the same.
    assert error.args == ("a.yaml:1:1: one\ntwo",)
    assert Exception.__str__(error) == "a.yaml:1:1: one\ntwo"


def test_as_error_keeps_everything_but_the_severity() -> None:
    warning = Problem("odd", Path("b.yaml"), 4, 2, "k", "h", severity="warning")
    assert as_error(warning) == Problem("odd", Path("b.yaml"), 4, 2, "k", "h", severity="error")
    assert str(as_error(warning)) == "b.yaml:4:2: k: odd (h)"
