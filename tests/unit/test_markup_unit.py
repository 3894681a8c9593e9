"""Inline Markdown in each format, table-driven: exact outputs for the past defects of
issue 16 and for each rule of the Markdown escaper. The property test
(``test_markup_agreement.py``) checks that the formats agree; these say what they write."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from briefgen.model.inline import Event, Span, cross_references, events, to_plain, to_spans
from briefgen.render.view.markup import (
    markdown_url,
    to_html,
    to_markdown,
    to_markdown_cell,
    to_markdown_heading,
    to_markdown_link_text,
)
from briefgen.render.view.typography import Typesetter, Typography

REFERENCES = {"rec-1": "recommendation 1", "odd": "a*b_ <c>"}


def _block_types(markdown: str) -> list[str]:
    return [token.type for token in MarkdownIt("gfm-like").parse(markdown)]


# The defects issue 16 lists: (text, Markdown, HTML, plain text) ------------------------

PAST_DEFECTS = [
    ("&amp;", "\\&amp;", "&amp;amp;", "&amp;"),  # the Markdown showed "&"
    ("~~x~~", "\\~\\~x\\~\\~", "~~x~~", "~~x~~"),  # struck through on GitHub
    ("1) item", "1\\) item", "1) item", "1) item"),  # a numbered list
    ("Intro  \n~~~\nrest", "Intro  \n\\~\\~\\~ rest", "Intro<br>~~~\nrest", "Intro ~~~ rest"),
    (
        "![t](https://example.org/x.png)",  # a remote image on GitHub
        "\\![t](https://example.org/x.png)",
        '!<a href="https://example.org/x.png">t</a>',
        "!t",
    ),
    ("First\\\nsecond", "First  \nsecond", "First<br>second", "First second"),  # plain lost it
]


@pytest.mark.parametrize(("text", "markdown", "html", "plain"), PAST_DEFECTS)
def test_past_defects(text: str, markdown: str, html: str, plain: str) -> None:
    assert to_markdown(text) == markdown
    assert _block_types(markdown) == ["paragraph_open", "inline", "paragraph_close"]
    assert to_html(text) == html
    assert to_plain(text) == plain


# The Markdown writer: each escape, and the places where formatting meets ---------------


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("a **b** *c* `d` [e](https://e.org)", "a **b** *c* `d` [e](https://e.org)"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("x_y _z_ a__b", "x_y *z* a\\_\\_b"),  # "_" inside a word never emphasises
        ("_a", "\\_a"),
        ("a_", "a\\_"),
        ("# not heading", "\\# not heading"),
        ("###### six", "\\###### six"),
        ("#hashtag", "#hashtag"),
        ("a #", "a \\#"),  # a heading's closing "#" in a template's heading
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("+43 1 26060", "+43 1 26060"),
        ("-", "\\-"),
        ("---", "\\---"),
        ("- - -", "\\- - -"),
        ("--- ---", "\\--- ---"),
        ("-- x", "-- x"),
        ("===", "\\==="),
        ("= x", "= x"),
        ("2. two", "2\\. two"),
        ("2.", "2\\."),
        ("2.5 million", "2.5 million"),
        ("> quote", "\\> quote"),
        ("| a |", "\\| a \\|"),
        ("~", "\\~"),
        ("\\", "\\\\"),
        ("`", "\\`"),
        ("[a]: https://e.org", "\\[a\\]: https:\\//e\\.org"),  # not a link definition
        ("x@y.org", "x\\@y\\.org"),  # GitHub would link the addresses the HTML shows
        ("www.x.org", "www.x\\.org"),
        ("unodc.org", "unodc\\.org"),
        ("https://x.org/a_(b)", "https:\\//x\\.org/a\\_(b)"),
        ("e.g. P.O. 3.5", "e.g. P.O. 3.5"),
        ("&#35; &copy", "\\&#35; &copy"),
        ("Wow!![t](https://e.org)", "Wow!\\![t](https://e.org)"),
        ("!*[t](https://e.org)*", "!*[t](https://e.org)*"),
        ("<https://e.org/a>", "[https://e.org/a](https://e.org/a)"),  # no escapes in a link
        ("[a.b@c.org](mailto:a.b@c.org)", "[a.b\\@c.org](mailto:a.b@c.org)"),
        ("[x](https://e.org/a_(b))", "[x](https://e.org/a_\\(b\\))"),
        ("[x](https://e.org/é)", "[x](https://e.org/%C3%A9)"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("[](https://e.org)", "[](https://e.org)"),
        ("``a`b``", "``a`b``"),
        ("```a``b```", "```a``b```"),
        ("`` `a ``", "`` `a ``"),
        ("`` a` ``", "`` a` ``"),
        ("`  a  `", "`  a  `"),  # one space each side is stripped when read: keep two
        ("` `", "` `"),
        ("`a|b`", "`a|b`"),
        ("*a*_b_", "*ab*"),  # one stretch of italics
        ("*a* _b_", "*a* *b*"),
        ("*a*c_b_", "*a*c_b\\_"),  # "_b_" after a letter is no emphasis
        ("*a***b**.", "*a*__b__."),  # a run of stars would pair differently
        ("*a***b**c", "*a***b**c"),  # "_" would not close before a letter
        ("**a***b*", "**a**_b_"),
        ("**a*b***", "**a*b***"),
        ("***a***", "***a***"),
        ("**_*_*", "\\**\\**"),  # italics inside italics
        ("x *\\\n_*", "x   \n*\\_*"),  # a line break moved before the italics it opened
        ("*\\\n_*", "\\\n*\\_*"),
        ("a\\\n\\\nb", "a  \n\\\nb"),  # "  " on an empty line would end the paragraph
        ("\\\nb", "\\\nb"),
        ("x **\\\nb**", "x   \n**b**"),  # bold too
        ("x ***\\\nb***", "x   \n***b***"),  # past both
        ("*a*\\\nb", "*a*  \nb"),  # not past a closing one
        ("&Auml; &a1;", "\\&Auml; \\&a1;"),
        ("`  \u00a0  `", "`  \u00a0  `"),  # a no-break space is not a space here
        ("`  X  `", "`  X  `"),
        ("a\n\nb", "a b"),
        ("a\n\\\nb", "a  \nb"),  # the new line next to a hard break shows nothing
        ("a\\\n\nb", "a  \nb"),
        ("  a  ", "a"),
        ("\u00a0a\u00a0", "a"),
    ],
)
def test_to_markdown(text: str, markdown: str) -> None:
    assert to_markdown(text) == markdown


@pytest.mark.parametrize(
    ("text", "markdown", "cell"),
    [
        # A space before <br>: the words stay apart where <br> is dropped (safe mode).
        ("a\\\nb", "a  \nb", "a <br>b"),
        ("\\\nb", "\\\nb", " <br>b"),
        ("`a|b`", "`a|b`", "`a\\|b`"),
        ("a|b", "a\\|b", "a\\|b"),
    ],
)
def test_to_markdown_cell(text: str, markdown: str, cell: str) -> None:
    assert to_markdown(text) == markdown
    assert to_markdown_cell(text) == cell


def test_to_markdown_cell_prints_cross_references() -> None:
    assert to_markdown_cell("[](#rec-1)", REFERENCES) == "[recommendation 1](#rec-1)"


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("[](#rec-1)", "[recommendation 1](#rec-1)"),
        ("[](#rec-9)", "[rec-9](#rec-9)"),  # unknown: its id
        ("[see](#rec-1)", "[see](#rec-1)"),
        ("[](#odd)", "[a\\*b\\_ \\<c\\>](#odd)"),  # the words are text, escaped
    ],
)
def test_cross_reference_in_markdown(text: str, markdown: str) -> None:
    assert to_markdown(text, REFERENCES) == markdown


# HTML ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("a **b** *c* `d<`", "a <strong>b</strong> <em>c</em> <code>d&lt;</code>"),
        ("[e](https://e.org/?a=1&b=2)", '<a href="https://e.org/?a=1&amp;b=2">e</a>'),
        ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("a\nb", "a\nb"),
        ("a\\\nb", "a<br>b"),
        (
            "[](#rec-1) and [](#odd)",
            '<a href="#rec-1">recommendation 1</a> and <a href="#odd">a*b_ &lt;c&gt;</a>',
        ),
        ("[](#rec-9)", '<a href="#rec-9">rec-9</a>'),
        ("[](https://e.org)", '<a href="https://e.org"></a>'),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](data:text/html,hi)", "[x](data:text/html,hi)"),
        ("[x](HTTPS://E.ORG)", '<a href="HTTPS://E.ORG">x</a>'),
        ("<mailto:a@b.org>", '<a href="mailto:a@b.org">mailto:a@b.org</a>'),
        ("**a *b* c**", "<strong>a <em>b</em> c</strong>"),
        ("*a **b** c*", "<em>a <strong>b</strong> c</em>"),
        ("  a  ", "a"),
    ],
)
def test_to_html(text: str, html: str) -> None:
    assert to_html(text, references=REFERENCES) == html


ENGLISH = Typography()
ARABIC = Typography(right_to_left=True)


@pytest.mark.parametrize(
    ("text", "typography", "html"),
    [
        ('"a" it\'s', ENGLISH, "“a” it’s"),
        ('**"a"** `"b"`', ENGLISH, "<strong>“a”</strong> <code>&#34;b&#34;</code>"),
        ('"[](#rec-1)"', ENGLISH, '“<a href="#rec-1">recommendation 1</a>”'),
        ("[](#odd)", ENGLISH, '<a href="#odd">a*b_ &lt;c&gt;</a>'),  # not typeset
        (
            "<https://a.org/x-y>",
            ENGLISH,
            '<a href="https://a.org/x-y">https://a.\u200borg/\u200bx-\u2060y</a>',
        ),
        (
            "<https://a.org>",
            ARABIC,
            '<a href="https://a.org">\u2066https://a.\u200borg\u2069</a>',
        ),
        ("<a@b.org>", ENGLISH, '<a href="mailto:a@b.org">a@b.\u200borg</a>'),
        (
            "[https://a.org](https://a.org/)",
            ENGLISH,
            '<a href="https://a.org/">https://a.\u200borg</a>',
        ),
        ("[see a.org](https://a.org)", ENGLISH, '<a href="https://a.org">see a.org</a>'),
        (
            "[https://e.org/a](https://e.org/aX)",
            ENGLISH,
            '<a href="https://e.org/aX">https://e.org/a</a>',
        ),
        (
            "[https://e.org/aX](https://e.org/a)",
            ENGLISH,
            '<a href="https://e.org/a">https://e.org/aX</a>',
        ),
        (
            "[**a.org**](https://a.org)",
            ENGLISH,
            '<a href="https://a.org"><strong>a.org</strong></a>',
        ),
        ("https://a.org/x-y", ENGLISH, "https://a.org/x-y"),  # not a link: not broken
        ("<https://a.org>'s", ENGLISH, '<a href="https://a.org">https://a.\u200borg</a>’s'),
        ("[a.org](https://a.org)", ENGLISH, '<a href="https://a.org">a.org</a>'),
    ],
)
def test_to_html_with_typography(text: str, typography: Typography, html: str) -> None:
    assert to_html(text, typography, REFERENCES) == html


# Plain text, spans, events ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a **b** `c` [d](https://e.org)", "a b c d"),
        ("a\nb", "a b"),
        ("a\\\nb", "a b"),
        ("a\n\\\nb", "a b"),
        ("[](#rec-1), [](#nope)", "recommendation 1, nope"),
        ("[](https://e.org)x", "x"),
        ("<b>&amp;</b>", "<b>&amp;</b>"),
        ("  a  ", "a"),
    ],
)
def test_to_plain(text: str, plain: str) -> None:
    assert to_plain(text, REFERENCES) == plain


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("*a **b***", [Span("a ", italic=True), Span("b", bold=True, italic=True)]),
        ("**`c`**", [Span("c", bold=True, code=True)]),
        (
            "[a `b`](https://e.org)",
            [Span("a ", href="https://e.org"), Span("b", code=True, href="https://e.org")],
        ),
        # A cross-reference links to its target's bookmark in Word.
        ("[](#rec-1)", [Span("recommendation 1", anchor="rec-1")]),
        (
            "[see *it*](#rec-1)",
            [Span("see ", anchor="rec-1"), Span("it", italic=True, anchor="rec-1")],
        ),
        (
            "**a\\\nb**",
            [Span("a", bold=True), Span("", bold=True, line_break=True), Span("b", bold=True)],
        ),
        ("*a\nb*", [Span("a", italic=True), Span(" ", italic=True), Span("b", italic=True)]),
        (
            "[a\nb](https://e.org)",
            [
                Span("a", href="https://e.org"),
                Span(" ", href="https://e.org"),
                Span("b", href="https://e.org"),
            ],
        ),
        ("*a*b", [Span("a", italic=True), Span("b")]),
        (
            "*a\\\nb*",
            [
                Span("a", italic=True),
                Span("", italic=True, line_break=True),
                Span("b", italic=True),
            ],
        ),
        ("**a\nb**", [Span("a", bold=True), Span(" ", bold=True), Span("b", bold=True)]),
        (
            "[a\\\nb](https://e.org)",
            [
                Span("a", href="https://e.org"),
                Span("", href="https://e.org", line_break=True),
                Span("b", href="https://e.org"),
            ],
        ),
        (
            "**a *b* c**",
            [Span("a ", bold=True), Span("b", bold=True, italic=True), Span(" c", bold=True)],
        ),
        ("**a**b", [Span("a", bold=True), Span("b")]),
    ],
)
def test_to_spans(text: str, spans: list[Span]) -> None:
    assert to_spans(text, REFERENCES) == spans


FRENCH = Typography(
    ("\u00ab\u202f", "\u202f\u00bb", "\u201c", "\u201d"),
    space_before={";": "\u202f", "?": "\u202f", ":": "\u00a0", "\u00ab": "\u202f"},
)


@pytest.mark.parametrize(
    ("text", "typography", "shown"),
    [
        (
            '"it\'s" `"x"` <https://e.org/a\'b>',
            ENGLISH,
            '\u201cit\u2019s\u201d "x" https://e.org/a\'b',
        ),
        (
            'Pourquoi ? Voici : "[](#rec-1)"',
            FRENCH,
            "Pourquoi\u202f? Voici\u00a0: \u00ab\u202frecommendation 1\u202f\u00bb",
        ),
    ],
)
def test_to_spans_set_the_languages_typography_as_the_html(
    text: str, typography: Typography, shown: str
) -> None:
    # Quotes, apostrophes and French spaces, but not in code, an address or a reference.
    spans = to_spans(text, REFERENCES, Typesetter(typography))
    assert "".join(span.text for span in spans) == shown


def test_events_mark_addresses_and_references() -> None:
    assert events("<https://e.org> [](#rec-1)", REFERENCES) == [
        Event("link", href="https://e.org"),
        Event("text", "https://e.org", address=True),
        Event("link", closes=True),
        Event("text", " "),
        Event("link", href="#rec-1"),
        Event("text", "recommendation 1", literal=True),
        Event("link", closes=True),
    ]
    assert events("[x](https://e.org) [https://e.org](https://e.org)x")[1] == Event("text", "x")
    assert events("[https://e.org/](https://e.org)")[1].address
    assert events("[https://e.org](https://e.org)x")[1].address
    assert not events("[https://e.org/a](https://e.org)")[1].address


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("see [](#rec-1) and [x](#f-2), [w](https://e.org)", ["rec-1", "f-2"]),
        ("no references", []),
        ("[x](#a)", ["a"]),
        ("`[](#rec-1)`", []),
        ("[](#bad id)", []),
    ],
)
def test_cross_references(text: str, ids: list[str]) -> None:
    assert list(cross_references(text)) == ids


@pytest.mark.parametrize(
    ("address", "markdown"),
    [
        ("#rec-1", "#rec-1"),
        ("#Rec_1", "#Rec_1"),
        ("#1", "%231"),  # not an id: a file name
        ("https://e.org/a b)<x>", "https://e.org/a%20b%29%3Cx%3E"),
        ("MAILTO:a@b.org", "MAILTO:a@b.org"),
        ("images/my chart.png", "images/my%20chart.png"),
        ("x.png) <img src=x>", "x.png%29%20%3Cimg%20src%3Dx%3E"),
        ("https://e.org/?q=a&b=%20#f", "https://e.org/?q=a&b=%20#f"),
        # a file name that is not UTF-8 (b"b\xff.yaml", as Python holds it): its own byte,
        # where the Markdown of such a brief failed as a bug (UnicodeEncodeError)
        ("b\udcff_files/chart-1.svg", "b%FF_files/chart-1.svg"),
    ],
)
def test_markdown_url(address: str, markdown: str) -> None:
    assert markdown_url(address) == markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://tinyurl.com/IDE-TIP-SOM", "https://tinyurl.com/IDE-TIP-SOM"),  # no autolink
        ("Report | annex", "Report \\| annex"),
        ("`a|b`", "`a\\|b`"),
        ("the [full](https://x.org) report", "the full report"),  # no nested link
        ("**Full** report", "**Full** report"),
        ("line  \nbreak", "line <br>break"),
    ],
)
def test_link_text_of_a_table_cell(text: str, expected: str) -> None:
    assert to_markdown_link_text(text) == expected


def test_link_text_reads_back_as_one_link_in_one_cell() -> None:
    text = "https://tinyurl.com/x | `a|b` *r*"
    row = f"| a | b |\n|---|---|\n| r | [{to_markdown_link_text(text)}](https://x.org) |\n"
    tokens = MarkdownIt("gfm-like").parse(row)
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4
    link = cells[3].children or []
    assert [t.type for t in link][:1] == ["link_open"]
    assert [t.type for t in link].count("link_open") == 1
    assert link[0].attrGet("href") == "https://x.org"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clean  \nWater", "Clean Water"),
        ("\\\nClean Water a\\\n\\\nProgramme", "Clean Water a Programme"),
        ("# not a heading", "\\# not a heading"),
    ],
)
def test_a_heading_is_one_line(text: str, expected: str) -> None:
    shown = to_markdown_heading(text)
    assert "\n" not in shown
    assert " ".join(shown.split()) == expected
