"""The oracle for issue 16's "one inline-Markdown engine": every format says the same thing.

For any inline text (hypothesis draws it from the pieces that broke the formats before:
Markdown punctuation, line starts that open blocks, addresses, entities, emoji, Arabic and
Hebrew), the HTML is the reference, read by the standard library's HTML parser into
characters, each with the formatting it is shown in (bold, italic, code, the link's
address). Then:

- the Markdown, parsed as GitHub would (markdown-it ``gfm-like``: tables, strikethrough,
  linkify, raw HTML on so that it shows up), is one paragraph with the same characters in
  the same formatting, and nothing else: no heading, list, quote, fence, table, rule,
  image, strikethrough, raw HTML or extra link;
- the Markdown for a table cell stays one cell of one row, saying the same;
- the plain text is the HTML's text, and the Word spans are the plain text with the same
  formatting (a cross-reference's address aside: Word has no bookmarks yet).

Compared after whitespace is normalised as a browser does: a run of spaces and line ends
is one space, and none at either end; a hard break (``<br>``) is kept as a line break
where the format has one (HTML, Markdown, spans) and is a space in plain text, which is
for one-line metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from briefgen.model.inline import References, Span, to_plain, to_spans
from briefgen.render.view.markup import to_html, to_markdown, to_markdown_cell
from tests.conftest import examples

REFERENCES: References = {"rec-1": "recommendation 1", "odd": "*finding* <2> & co_ [x]"}


@dataclass(frozen=True)
class Look:
    """How one shown character looks."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


Shown = list[tuple[str, Look]]
BREAK = "\u2424"  # a hard line break, as one character that no text here holds


class _HtmlReader(HTMLParser):
    """HTML as shown characters; any element but inline markup's is recorded as foreign."""

    INLINE = frozenset({"strong", "em", "code", "a", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: Shown = []
        self.open: list[tuple[str, str | None]] = []
        self.foreign: list[str] = []

    def look(self) -> Look:
        tags = [tag for tag, _ in self.open]
        hrefs = [href for tag, href in self.open if tag == "a"]
        return Look("strong" in tags, "em" in tags, "code" in tags, hrefs[-1] if hrefs else None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.INLINE:
            self.foreign.append(tag)
        elif tag == "br":
            self.shown.append((BREAK, self.look()))
        else:
            self.open.append((tag, dict(attrs).get("href") if tag == "a" else None))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.INLINE and tag != "br":
            assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open}"
            self.open.pop()

    def handle_data(self, data: str) -> None:
        look = self.look()
        self.shown += [(character, look) for character in data]


def html_shown(html: str) -> Shown:
    reader = _HtmlReader()
    reader.feed(html)
    reader.close()
    assert not reader.foreign, f"elements that inline Markdown never writes: {reader.foreign}"
    return normalised(reader.shown)


def normalised(shown: Shown) -> Shown:
    """A browser's view: whitespace runs as one space (a line break if the run has one),
    none at either end. The run looks as its first character does."""
    result: Shown = []
    for character, look in shown:
        if character == BREAK or (character.isspace() and character not in NO_BREAK_SPACES):
            kept = BREAK if character == BREAK else " "
            if result and result[-1][0] in (" ", BREAK):
                if kept == BREAK:
                    result[-1] = (BREAK, result[-1][1])
                continue
            result.append((kept, look))
        else:
            result.append((character, look))
    while result and result[0][0] in (" ", BREAK):
        result.pop(0)
    while result and result[-1][0] in (" ", BREAK):
        result.pop()
    return result


NO_BREAK_SPACES = "\u00a0\u202f\u2007"  # shown as they are, never collapsed


def text_of(shown: Shown) -> str:
    return "".join(character for character, _ in shown)


def _gfm() -> MarkdownIt:
    return MarkdownIt("gfm-like", {"html": True})


BLOCK = ["paragraph_open", "inline", "paragraph_close"]
INLINE_TYPES = {
    "text",
    "softbreak",
    "hardbreak",
    "code_inline",
    "strong_open",
    "strong_close",
    "em_open",
    "em_close",
    "link_open",
    "link_close",
}


def _render_inline(children: list[Token]) -> str:
    parser = _gfm()
    return RendererHTML(parser).renderInline(children, parser.options, {})


def _inline_only(tokens: list[Token]) -> list[Token]:
    children = tokens[1].children or []
    foreign = [(t.type, t.content) for t in children if t.type not in INLINE_TYPES]
    assert not foreign, f"the Markdown makes {foreign}"
    return children


def markdown_shown(markdown: str) -> Shown:
    """The Markdown as GitHub shows it: one paragraph, or nothing for an empty text."""
    tokens = _gfm().parse(markdown)
    if not tokens:
        return []
    assert [t.type for t in tokens] == BLOCK, f"blocks: {[t.type for t in tokens]}"
    return html_shown(_render_inline(_inline_only(tokens)))


def cell_shown(cell: str) -> Shown:
    """A table cell as GitHub shows it: the row keeps its one cell."""
    tokens = _gfm().parse(f"| head |\n| --- |\n| {cell} |\n")
    types = [t.type for t in tokens]
    assert types.count("table_open") == 1 and types.count("tr_open") == 2, types
    assert types.count("td_open") == 1, f"the cell {cell!r} became {types.count('td_open')}"
    assert tokens[-1].type == "table_close", types
    cell_inline = tokens[types.index("td_open") + 1]
    assert cell_inline.type == "inline"
    for token in cell_inline.children or []:  # the cell's line break, the only HTML allowed
        if token.type == "html_inline" and token.content == "<br>":
            token.type, token.tag, token.content = "hardbreak", "br", ""
    return html_shown(_render_inline(_inline_only([tokens[0], cell_inline])))


def spans_shown(spans: list[Span]) -> Shown:
    shown: Shown = []
    for span in spans:
        look = Look(span.bold, span.italic, span.code, span.href)
        if span.line_break:
            assert span.text == ""
            shown.append((BREAK, look))
        shown += [(character, look) for character in span.text]
    return normalised(shown)


def without_reference_links(shown: Shown) -> Shown:
    """Word shows a cross-reference as plain text (no bookmarks yet): its look without it."""
    return [
        (c, Look(look.bold, look.italic, look.code, None))
        if look.href is not None and look.href.startswith("#")
        else (c, look)
        for c, look in shown
    ]


def as_plain_text(shown: Shown) -> str:
    return " ".join(text_of(shown).replace(BREAK, " ").split())


# What the text is made of -------------------------------------------------------------

PIECES = [
    *"*_`~[]()!#>-+|\\&<>=:.@/'\"",
    "**",
    "__",
    "~~",
    "```",
    "~~~",
    "***",
    "---",
    "===",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "  \n",
    "\\\n",
    "1.",
    "2)",
    "10. ",
    "# ",
    "> ",
    "- ",
    "+ ",
    "* ",
    "| a |",
    "&amp;",
    "&lt;b&gt;",
    "&#35;",
    "&copy",
    "<b>bold</b>",
    "<!-- c -->",
    "https://example.org/a_b?c=d&e=(f)",
    "http://localhost:8080",
    "www.example.com",
    "//example.org",
    "unodc.org",
    "brief.md",
    "e.g.",
    "user@example.org",
    "mailto:user@example.org",
    "<https://example.org/x>",
    "<user@example.org>",
    "[text](https://example.org)",
    "[**bold** link](https://example.org/p)",
    "[](https://example.org)",
    "[](#rec-1)",
    "[](#odd)",
    "[](#unknown)",
    "[see](#rec-1)",
    "[x](javascript:alert(1))",
    "![t](https://evil.example/x.png)",
    "[a]: https://example.org",
    "`code`",
    "`` a`b ``",
    "` `",
    "😀",
    "👩\u200d👩\u200d👧",
    "مرحبا",
    "שלום",
    "\u00a0",
    "Évaluation",
    "word",
    "Word",
    "x",
    "3",
]

text_pieces = st.one_of(
    st.sampled_from(PIECES),
    st.text(alphabet="ab*_`~[]()!#>-+|\\&<>. \n", max_size=4),
    st.text(st.characters(codec="utf-8"), max_size=3),
)
inline_texts = st.lists(text_pieces, max_size=14).map("".join)


def check_agreement(text: str, references: References | None) -> None:
    html = html_shown(to_html(text, references=references))

    markdown = to_markdown(text, references)
    assert markdown_shown(markdown) == html, f"Markdown {markdown!r} differs from the HTML"

    cell = to_markdown_cell(text, references)
    assert "\n" not in cell
    assert cell_shown(cell) == html, f"cell {cell!r} differs from the HTML"

    plain = to_plain(text, references)
    assert " ".join(plain.split()) == as_plain_text(html)

    spans = to_spans(text, references)
    assert "".join(" " if span.line_break else span.text for span in spans) == plain
    assert spans_shown(spans) == without_reference_links(html)


@settings(max_examples=examples(500), deadline=None)
@given(inline_texts, st.sampled_from([REFERENCES, None]))
@example("&amp;", None)
@example("~~x~~", None)
@example("1) item", None)
@example("First\\\nsecond", None)
@example("Intro  \n~~~\nrest", None)
@example("![t](https://example.org/x.png)", None)
# What the property found, kept so that every run checks them:
@example("*\\\n_*", None)  # italics opening on a hard break: "*  " opened a list
@example("*  \n\\\n*", None)  # two hard breaks: "  \n  \n" is a blank line
@example("\\\n\n\\\n*", None)  # a soft break between hard breaks: a blank line again
@example("**_*_*", None)  # italics inside italics: "**" is bold
@example("*<*_*_", None)  # italics closing where italics open: "**" again
@example("*<****_*_***", None)  # italics closing where bold opens: one run of stars
@example("___ ___", None)  # "_" next to "_": the second one unescaped
@example("--- ---", None)  # a rule with spaces
@example("\xa0", None)  # a no-break space alone: no paragraph on GitHub
@example("<mailto:user@example.org)>", None)  # ")" encoded in the Markdown's address only
@example("see unodc.org or https://example.org", None)  # linkified by GitHub, text in HTML
def test_every_format_says_what_the_html_says(text: str, references: References | None) -> None:
    check_agreement(text, references)
