"""Inline Markdown (bold, italic, links, code) rendered for each output format.

Text from the YAML is inline Markdown only: raw HTML is escaped, never passed through, and
links are limited to web and mail addresses, and to cross-references: ``[](#rec-3)`` links
to the item or section with that id and, with no text of its own, prints what it refers to
("recommendation 3").

One engine: a text is parsed once (markdown-it) into a flat list of :class:`Event` (text,
code, line breaks, and where bold, italic and links open and close), and each format writes
that list: HTML, Markdown (re-escaped so that GitHub reads one paragraph saying the same
thing), plain text (PDF metadata) and styled spans (Word runs). The formats cannot
disagree about what the text says because only one function reads the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.common.utils import isPunctChar
from markdown_it.token import Token
from markupsafe import Markup, escape

from briefgen.render.typography import Typesetter, Typography, breakable_url

SAFE_LINK = re.compile(r"^(https?://|mailto:|#[A-Za-z][A-Za-z0-9_-]*$)", re.IGNORECASE)
_URL_KEPT = "/:?#[]@!$&'*+,;=%-._~"
"""What a web address keeps as is in Markdown: its structure and existing escapes.
Everything else (spaces, parentheses, angle brackets, quotes, backslashes, controls,
non-ASCII) is percent-encoded."""

_DESTINATION_KEPT = _URL_KEPT + "()"  # escaped with a backslash instead: see _link_destination

References = Mapping[str, str]
"""What each id's cross-reference prints when its link has no text: id -> "recommendation 3"."""

EventKind = Literal["text", "code", "softbreak", "hardbreak", "strong", "em", "link"]


@dataclass(frozen=True)
class Event:
    """One step of a parsed text: what every format writes, in order.

    ``strong``, ``em`` and ``link`` come in pairs (``closes`` false, then true). A text
    event is ``literal`` when it is a cross-reference's words (not the author's, so no
    typography) and ``address`` when it is a link's whole text and that text is its address.
    """

    kind: EventKind
    text: str = ""
    href: str = ""
    closes: bool = False
    literal: bool = False
    address: bool = False


def reference_id(href: str) -> str | None:
    """The id a cross-reference names, or None for a web or mail link."""
    return href[1:] if href.startswith("#") else None


def cross_references(text: str) -> Iterator[str]:
    """The ids a text refers to, in order: for the dangling-reference check."""
    if "](#" not in text:
        return
    for event in events(text):
        if event.kind == "link" and not event.closes:
            target = reference_id(event.href)
            if target is not None:
                yield target


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "backticks", "escape", "newline", "autolink"])
    parser.validateLink = lambda url: bool(SAFE_LINK.match(url))  # type: ignore[method-assign]
    return parser


def _inline_tokens(text: str) -> list[Token]:
    """The parse of ``text`` without the space at its ends: no format shows it, and in
    Markdown four leading spaces (or a tab) start a code block, two trailing a line break."""
    (inline,) = _parser().parseInline(text.strip())
    return list(inline.children or [])


def _reference_text(href: str, references: References | None) -> str:
    """What a link without text prints: a cross-reference its target's words (or its id,
    where no references are known); a web or mail link nothing, as before."""
    target = reference_id(href)
    return "" if target is None else (references or {}).get(target, target)


def _shows_its_address(href: str, text: str, after_text: Token) -> bool:
    """Whether a link's first piece of text (``text``) is all its text, and its address
    (``<https://...>``, ``<name@...>``)."""
    whole = after_text.type == "link_close"
    return whole and href.rstrip("/") in {text.rstrip("/"), "mailto:" + text}


def events(text: str, references: References | None = None) -> list[Event]:
    """The one walk over the parse: ``text`` as the events every format writes."""
    found: list[Event] = []
    depth = {"strong": 0, "em": 0}
    addresses: set[int] = set()  # the text tokens that are their link's address
    tokens = _inline_tokens(text)
    for index, token in enumerate(tokens):
        match token.type:
            case "strong_open" | "strong_close" | "em_open" | "em_close":
                kind: EventKind = "strong" if token.type.startswith("strong") else "em"
                closes = token.type.endswith("close")
                depth[kind] += -1 if closes else 1
                if depth[kind] != (0 if closes else 1):
                    continue  # italic in italic is just italic
                if not closes and found and found[-1] == Event(kind, closes=True):
                    found.pop()  # "*a*_b_" is one stretch of italics ("*a**b*" is not)
                else:
                    found.append(Event(kind, closes=closes))
            case "link_open":
                href = str(token.attrs["href"])
                found.append(Event("link", href=href))
                following = tokens[index + 1]
                if following.type == "link_close":
                    words = _reference_text(href, references)
                    found.append(Event("text", words, literal=True))
                elif _shows_its_address(href, following.content, tokens[index + 2]):
                    addresses.add(index + 1)
            case "link_close":
                found.append(Event("link", closes=True))
            case "code_inline":
                found.append(Event("code", token.content))
            case "softbreak" | "hardbreak":
                found.append(Event(token.type))
            case _:
                found.append(Event("text", token.content, address=index in addresses))
    kept = [event for event in found if event.kind != "text" or event.text]
    return _breaks_before_openings(_without_idle_breaks(kept))


def _without_idle_breaks(found: list[Event]) -> list[Event]:
    """Without the soft breaks (new lines in the YAML) that show nothing: one next to a
    hard break or another soft break. In Markdown, a new line at the start of a line
    would write a blank line, which ends the paragraph."""
    kept: list[Event] = []
    for event in found:
        if event.kind == "hardbreak" and kept and kept[-1].kind == "softbreak":
            kept.pop()
        if event.kind != "softbreak" or not kept or kept[-1].kind not in _BREAKS:
            kept.append(event)
    return kept


_BREAKS = ("softbreak", "hardbreak")


def _breaks_before_openings(found: list[Event]) -> list[Event]:
    """A line break that opens bold or italic (``*\\`` then a new line) moved before it:
    it shows the same, and in Markdown ``*`` before a line end opens a list, not italics."""
    moved: list[Event] = []
    for event in found:
        at = len(moved)
        if event.kind == "hardbreak":
            while at and moved[at - 1].kind in ("strong", "em") and not moved[at - 1].closes:
                at -= 1
        moved.insert(at, event)
    return moved


# HTML --------------------------------------------------------------------------------


def to_html(
    text: str, typography: Typography | None = None, references: References | None = None
) -> Markup:
    """Inline Markdown as safe HTML; raw HTML in the text comes out escaped.

    With ``typography``, the text gets the language's quotes, apostrophes and spaces
    (never inside code or a web address), and a link showing its own address may break
    only after ``/`` and ``.``. A cross-reference without text prints ``references``' words.
    """
    setter = Typesetter(typography) if typography else None
    parts: list[str] = []
    for event in events(text, references):
        match event.kind:
            case "text" if setter and event.address:
                isolate = bool(typography and typography.right_to_left)
                parts.append(str(breakable_url(event.text, isolate=isolate)))
                setter.previous = event.text[-1:]
            case "text" if setter and not event.literal:
                parts.append(str(escape(setter.piece(event.text))))
            case "text":
                parts.append(str(escape(event.text)))
            case "strong" | "em":
                parts.append(f"</{event.kind}>" if event.closes else f"<{event.kind}>")
            case "link":
                parts.append("</a>" if event.closes else f'<a href="{escape(event.href)}">')
            case "code":
                parts.append(f"<code>{escape(event.text)}</code>")
            case "softbreak":
                parts.append("\n")
            case "hardbreak":
                parts.append("<br>")
    return Markup("".join(parts))


# Markdown ----------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~@]|(?<![^\W_])_|_(?![^\W_]))")
"""Escaped everywhere; ``_`` too unless between letters or digits (``snake_case``), where
it never opens or closes italics."""
_AUTOLINKED = re.compile(r"(?<=\S)\.(?=[^\W\d_]{2})|/(?=/)")
"""What GitHub (and markdown-it's linkify, which also links ``unodc.org``) would turn into
a link outside one: a dot before two letters (a domain's next label: ``www.x``,
``example.org``; not ``e.g.`` or ``P.O.``) and the ``//`` of ``https://``. Escaped, they
read the same and stay text, as in the HTML; ``@`` (an e-mail address) is always escaped."""


def _escape_markdown(text: str, *, in_link: bool) -> str:
    # "~" too: GitHub strikes "~x~" through and "~~~" at a line start opens a code fence.
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if not in_link:
        escaped = _AUTOLINKED.sub(r"\\\g<0>", escaped)
    # "&lt;" would show as "<" (the HTML shows "&lt;").
    escaped = re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", escaped)
    # A heading's closing "#"s are dropped: "Programme C #" would lose its "#".
    escaped = re.sub(r"(\s)(#+\s*)$", r"\1\\\2", escaped)
    # Only what would change meaning at the start of a line: a list item ("- ", "+ ",
    # "1. ", "1) ") or a heading ("# "). "+43 1 26060" or "#hashtag" stay as written.
    escaped = re.sub(r"^([-+]|#{1,6})(?=\s|$)", r"\\\1", escaped)
    escaped = re.sub(r"^-(?=[-\s]*$)|^=(?==*\s*$)", r"\\\g<0>", escaped)  # a rule, a heading line
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", escaped)


def _code_span(content: str, *, in_cell: bool) -> str:
    """A code span that shows ``content`` exactly: a fence longer than any run of
    backticks inside, padded where the content starts or ends with a backtick or a space."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    padded = content.startswith("`") or content.endswith("`")
    padded |= content.startswith(" ") and content.endswith(" ") and bool(content.strip(" "))
    if padded:
        content = f" {content} "
    if in_cell:  # GFM splits a table row at every unescaped pipe, even in code
        content = content.replace("|", "\\|")
    return f"{fence}{content}{fence}"


def _markdown(
    text: str,
    references: References | None,
    *,
    in_cell: bool,
    link_text: bool = False,
    one_line: bool = False,
) -> str:
    parts: list[str] = []
    hrefs: list[str] = ["(the link around)"] if link_text else []
    opened: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []  # the parts that open and close bold or italic
    for event in events(text, references):
        match event.kind:
            case "strong" | "em":
                if event.closes:
                    pairs.append((opened.pop(event.kind), len(parts)))
                else:
                    opened[event.kind] = len(parts)
                parts.append("**" if event.kind == "strong" else "*")
            case "link" if link_text:
                pass  # a link inside a link's text: Markdown has no nested links, its text
            case "link" if not event.closes:
                hrefs.append(event.href)
                if parts and parts[-1].endswith("!"):  # "![...](...)" would be an image
                    parts[-1] = parts[-1][:-1] + "\\!"
                parts.append("[")
            case "link":
                parts.append(f"]({_link_destination(hrefs.pop())})")
            case "code":
                parts.append(_code_span(event.text, in_cell=in_cell))
            case "softbreak":
                parts.append(" ")
            case "hardbreak" | "softbreak" if one_line:
                if parts and not parts[-1].endswith(" "):
                    parts.append(" ")  # a heading is one line, and no break starts it
            case "hardbreak" if in_cell:
                # The space keeps the words apart where <br> is dropped (GitHub's safe
                # mode and other HTML-stripping readers).
                parts.append("<br>" if parts and parts[-1].endswith(" ") else " <br>")
            case "hardbreak" if not parts or parts[-1].endswith("\n"):
                parts.append("\\\n")  # on an empty line, "  " would end the paragraph
            case "hardbreak":
                parts.append("  \n")
            case _:
                parts.append(_escape_markdown(event.text, in_link=bool(hrefs)))
    _underscores_between_runs(parts, sorted(pairs))
    return "".join(parts)


def _link_destination(href: str) -> str:
    """A parsed link's address as a Markdown link destination that reads back unchanged:
    already percent-encoded by the parser, its parentheses escaped instead of encoded,
    so that the Markdown's address is the HTML's."""
    return re.sub(r"[()]", r"\\\g<0>", quote(href, safe=_DESTINATION_KEPT))


def _underscores_between_runs(parts: list[str], pairs: list[tuple[int, int]]) -> None:
    """Bold or italics that open right where others close (``*a*`` then ``**b**``) written
    with ``_`` instead of ``*``: ``*a***b**`` would be one run of stars, which Markdown may
    pair differently. Only where the ``_`` may close: before a space, punctuation or the end
    (``__b__c`` is no emphasis, as ``_`` inside a word never is)."""
    closing = {close for _, close in pairs}
    for open_index, close_index in pairs:
        after_close = parts[close_index + 1][:1] if close_index + 1 < len(parts) else ""
        if (
            open_index - 1 in closing
            and parts[open_index - 1].startswith("*")
            and (not after_close or after_close.isspace() or isPunctChar(after_close))
        ):
            parts[open_index] = parts[close_index] = "_" * len(parts[open_index])


def to_markdown(text: str, references: References | None = None) -> str:
    """Inline Markdown normalised: formatting kept, anything else escaped as text, so that
    it reads as one paragraph saying what the HTML says."""
    return _markdown(text, references, in_cell=False)


def to_markdown_cell(text: str, references: References | None = None) -> str:
    """Inline Markdown for a GFM table cell: pipes escaped (in code too), line breaks as
    `` <br>``, so the text stays one cell of one row."""
    return _markdown(text, references, in_cell=True)


def to_markdown_heading(text: str, references: References | None = None) -> str:
    """Inline Markdown for a heading, which is one line: a line break becomes a space."""
    return _markdown(text, references, in_cell=False, one_line=True)


def to_markdown_link_text(text: str, references: References | None = None) -> str:
    """Inline Markdown for the text of a link briefgen writes itself, in a table cell
    (``[text](address)``): as :func:`to_markdown_cell`, without the escapes of bare
    addresses (GitHub links none inside a link's text), and a link inside kept as text."""
    return _markdown(text, references, in_cell=True, link_text=True)


# Plain text and spans ----------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of text with one formatting: what a Word run (or a hyperlink's run) holds."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None  # inside a link (web or mail address only)
    line_break: bool = False  # a hard line break; ``text`` is empty


def to_spans(text: str, references: References | None = None) -> list[Span]:
    """Inline Markdown as formatted spans, for outputs built element by element (DOCX).

    A cross-reference is plain text here: Word links inside a document to bookmarks, which
    the DOCX renderer does not make yet.
    """
    spans: list[Span] = []
    bold = italic = False  # never nested: events() keeps only the outer bold or italics
    hrefs: list[str | None] = []
    for event in events(text, references):
        href = hrefs[-1] if hrefs else None
        match event.kind:
            case "strong":
                bold = not event.closes
            case "em":
                italic = not event.closes
            case "link" if event.closes:
                hrefs.pop()
            case "link":
                hrefs.append(None if reference_id(event.href) is not None else event.href)
            case "hardbreak":
                spans.append(Span("", bold, italic, href=href, line_break=True))
            case "softbreak":
                spans.append(Span(" ", bold, italic, href=href))
            case _:
                code = event.kind == "code"
                spans.append(Span(event.text, bold, italic, code, href))
    return spans


def to_plain(text: str, references: References | None = None) -> str:
    """The text a reader sees, without any formatting: for titles and metadata. A line
    break reads as a space."""
    return "".join(" " if span.line_break else span.text for span in to_spans(text, references))


def markdown_url(address: object) -> str:
    """A link or image destination that Markdown reads as one address and nothing else.

    ``![](x.png) <img src=x onerror=...> (.png)`` or ``)<script>`` in a query must not end
    the destination and leave raw HTML in the ``.md``: a web address is percent-encoded
    except for its structure, a file name is percent-encoded except for its ``/``
    (GitHub decodes it back to the file's name).
    """
    text = str(address)
    if re.fullmatch(r"#[A-Za-z][A-Za-z0-9_-]*", text):
        return text  # a cross-reference to an id: nothing in it to encode
    if "://" in text or text.lower().startswith("mailto:"):
        return quote(text, safe=_URL_KEPT)
    return quote(text)  # "/" is kept
