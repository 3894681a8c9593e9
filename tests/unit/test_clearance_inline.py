"""Word's runs as briefgen's inline Markdown (issue 31's clearance): the project's parser
reads back exactly the runs' text and formats, with escapes only where they are needed."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefgen.clearance.inline import InlineRun, expected_spans, runs_to_markdown
from briefgen.model.inline import Span, to_plain, to_spans
from briefgen.render.view.markup import to_html
from tests.conftest import examples


def seen(spans: list[Span]) -> list[tuple[str, bool, bool, bool, str | None, str | None]]:
    """Character by character, what a reader sees (a bold space looks like any space)."""
    return [
        (
            char,
            span.bold and not char.isspace(),
            span.italic and not char.isspace(),
            span.code,
            span.href,
            span.anchor,
        )
        for span in spans
        for char in ("\n" if span.line_break else span.text)
    ]


@pytest.mark.parametrize(
    ("runs", "markdown"),
    [
        (
            [InlineRun("Hello "), InlineRun("bold ", bold=True), InlineRun("world")],
            "Hello **bold** world",
        ),
        (
            [InlineRun("an "), InlineRun("italic", italic=True), InlineRun(" word")],
            "an *italic* word",
        ),
        (
            [InlineRun("a "), InlineRun("b", bold=True), InlineRun(" c", bold=True, italic=True)],
            "a **b *c***",
        ),
        ([InlineRun("x", italic=True), InlineRun("y", bold=True)], "*x***y**"),
        ([InlineRun("one", bold=True), InlineRun(" "), InlineRun("two", bold=True)], "**one two**"),
        (
            [InlineRun("see "), InlineRun("the report", href="https://example.org/a(b)")],
            "see [the report](https://example.org/a\\(b\\))",
        ),
        ([InlineRun("as in "), InlineRun("", href="#rec-3")], "as in [](#rec-3)"),
        ([InlineRun("run "), InlineRun("make test", code=True)], "run `make test`"),
        ([InlineRun("a`b", code=True)], "``a`b``"),
        ([InlineRun("first line\nsecond")], "first line\\\nsecond"),
        ([InlineRun("unsafe", href="javascript:alert(1)")], "unsafe"),
    ],
)
def test_runs_as_markdown(runs: list[InlineRun], markdown: str) -> None:
    assert runs_to_markdown(runs) == markdown


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("C:\\data, 3 * 4, snake_case, a_b", "C:\\data, 3 * 4, snake_case, a_b"),
        ("*not italic*", "\\*not italic*"),
        ("**not bold**", "\\*\\*not bold**"),
        ("_not italic_", "\\_not italic_"),
        ("[not](https://a.link)", "\\[not](https://a.link)"),
        ("`not code`", "\\`not code`"),
        ("<https://not.a.link>", "\\<https://not.a.link>"),
        ("a \\* b", "a \\\\* b"),
        ("(see [1])", "(see [1])"),
        ("R&D <x>", "R&D <x>"),
    ],
)
def test_plain_text_is_escaped_only_where_it_would_read_otherwise(text: str, markdown: str) -> None:
    written = runs_to_markdown([InlineRun(text)])
    assert written == markdown
    assert to_plain(written) == text


def test_the_html_shows_the_runs() -> None:
    runs = [
        InlineRun("Both "),
        InlineRun("bold", bold=True),
        InlineRun(" and "),
        InlineRun("a <link>", href="https://example.org/?a=1&b=2"),
        InlineRun(" * 2"),
    ]
    assert str(to_html(runs_to_markdown(runs))) == (
        'Both <strong>bold</strong> and <a href="https://example.org/?a=1&amp;b=2">'
        "a &lt;link&gt;</a> * 2"
    )


# Any runs ---------------------------------------------------------------------------

WORD = st.text(alphabet="abcXYZ019éالاتجار贩运", min_size=1, max_size=5)
FILL = st.lists(
    st.one_of(
        WORD,
        st.sampled_from(
            [
                " ",
                "  ",
                "*",
                "**",
                "_",
                "__",
                "`",
                "``",
                "[",
                "]",
                "(",
                ")",
                "<",
                ">",
                "\\",
                "!",
                "&",
                "&amp;",
                "#",
                ":",
                "- ",
                "1. ",
                "\n",
                "https://x.org",
                "~",
            ]
        ),
    ),
    max_size=6,
).map("".join)
HREFS = st.sampled_from(
    [None, None, None, "https://example.org/a_b(c)?q=1&r=*", "mailto:ieu@unodc.org", "#rec-1"]
)


@st.composite
def runs(draw: st.DrawFn) -> InlineRun:
    """A run whose formatted part starts and ends with a letter or digit, after a space:
    what Markdown can always mark (bold after a letter and before a bracket it cannot,
    nor three formats in three letters, ``*a*__b__***c***``)."""
    href = draw(HREFS)
    formatted = draw(st.booleans()) or href is not None
    if not formatted:
        return InlineRun(draw(FILL))
    text = draw(WORD) + draw(FILL) + draw(WORD) if draw(st.booleans()) else draw(WORD)
    code = draw(st.booleans()) and href is None
    if code:
        text = text.replace("\n", " ")
    lead = " "
    return InlineRun(
        lead + text,
        bold=draw(st.booleans()) and not code,
        italic=draw(st.booleans()) and not code,
        href=href,
        code=code,
    )


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(runs(), max_size=6))
@example([InlineRun("a"), InlineRun("b", bold=True, italic=True), InlineRun("c", italic=True)])
@example([InlineRun("x", italic=True), InlineRun("*", bold=False), InlineRun("y", italic=True)])
def test_any_runs_read_back_as_they_are(given_runs: list[InlineRun]) -> None:
    written = runs_to_markdown(given_runs)
    assert seen(to_spans(written)) == seen(expected_spans(given_runs))


@pytest.mark.parametrize(
    "runs",
    [
        [InlineRun("a"), InlineRun("(b)", bold=True), InlineRun("c", code=True, italic=True)],
        [InlineRun("0", italic=True), InlineRun("1", bold=True), InlineRun("2", True, True)],
        [InlineRun("x ", code=True), InlineRun("y", bold=True, code=True), InlineRun("z")],
    ],
)
def test_a_format_markdown_cannot_say_loses_the_format_not_the_text(
    runs: list[InlineRun],
) -> None:
    written = runs_to_markdown(runs)
    assert to_plain(written) == "".join(run.text for run in runs)
    assert [span.code for span in to_spans(written)] == [run.code for run in runs][
        : len(to_spans(written))
    ] or any(span.code for span in to_spans(written)) == any(run.code for run in runs)


def test_only_the_format_markdown_cannot_say_is_lost() -> None:
    runs = [InlineRun("(see)", bold=True), InlineRun("word "), InlineRun("kept", bold=True)]
    assert runs_to_markdown(runs) == "(see)word **kept**"


def test_expected_spans_are_the_runs() -> None:
    """The oracle above says what a reader sees: the text, formats and link targets."""
    spans = expected_spans(
        [InlineRun(" a "), InlineRun("b ", bold=True), InlineRun("c", href="https://x.org/ y")]
    )
    assert spans == [
        Span("a "),
        Span("b", bold=True),
        Span(" "),
        Span("c", href="https://x.org/%20y"),
    ]


ANY_RUN = st.builds(
    InlineRun,
    text=FILL,
    bold=st.booleans(),
    italic=st.booleans(),
    href=HREFS,
    code=st.booleans(),
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(ANY_RUN, max_size=5))
@example([InlineRun("x ", code=True), InlineRun("“q”", bold=True, code=True)])
@example([InlineRun("", href="#rec-1"), InlineRun("", href="#rec-1")])
def test_any_runs_keep_their_text_even_where_a_format_cannot_be_said(
    given_runs: list[InlineRun],
) -> None:
    written = runs_to_markdown(given_runs)
    assert [char[0] for char in seen(to_spans(written))] == [
        char[0] for char in seen(expected_spans(given_runs))
    ]
