"""Inline Markdown parsed once, format-neutral: what a brief's text says, before any output.

Text from the YAML is inline Markdown only: raw HTML is never passed through, and links are
limited to web and mail addresses, and to cross-references: ``[](#rec-3)`` links to the item
or section with that id and, with no text of its own, prints what it refers to
("recommendation 3").

A text is parsed (markdown-it) into a flat list of :class:`Event` (text, code, line breaks,
and where bold, italic and links open and close). The model's rules (a text that shows
nothing), the loading checks (dangling cross-references) and every writer read that one list;
the writers for HTML and Markdown are in :mod:`briefgen.render.view.markup`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal, Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

SAFE_LINK = re.compile(r"^(https?://|mailto:|#[A-Za-z][A-Za-z0-9_-]*$)", re.IGNORECASE)

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
    anchor: str | None = None  # inside a cross-reference: the id it points to


class PieceSetter(Protocol):
    """Sets a language's typography on the successive pieces of one text (the render
    layer's ``Typesetter``): what :func:`to_spans` needs of it."""

    previous: str

    def piece(self, text: str) -> str: ...


def to_spans(
    text: str, references: References | None = None, setter: PieceSetter | None = None
) -> list[Span]:
    """Inline Markdown as formatted spans, for outputs built element by element (DOCX).

    With ``setter`` (a fresh one per text), the text gets the language's quotes,
    apostrophes and spaces as in the HTML and PDF (never inside code, a web address or a
    cross-reference's words). A cross-reference's spans carry the id it points to
    (``anchor``), not an ``href``.
    """
    spans: list[Span] = []
    bold = italic = False  # never nested: events() keeps only the outer bold or italics
    links: list[tuple[str | None, str | None]] = []  # (href, anchor) of the open links
    for event in events(text, references):
        href, anchor = links[-1] if links else (None, None)
        match event.kind:
            case "strong":
                bold = not event.closes
            case "em":
                italic = not event.closes
            case "link" if event.closes:
                links.pop()
            case "link":
                target = reference_id(event.href)
                links.append((event.href, None) if target is None else (None, target))
            case "hardbreak":
                spans.append(Span("", bold, italic, href=href, line_break=True, anchor=anchor))
            case "softbreak":
                spans.append(Span(" ", bold, italic, href=href, anchor=anchor))
            case "text" if setter and event.address:
                setter.previous = event.text[-1:]
                spans.append(Span(event.text, bold, italic, False, href, anchor=anchor))
            case "text" if setter and not event.literal:
                words = setter.piece(event.text)
                spans.append(Span(words, bold, italic, False, href, anchor=anchor))
            case _:
                code = event.kind == "code"
                spans.append(Span(event.text, bold, italic, code, href, anchor=anchor))
    return spans


def to_plain(text: str, references: References | None = None) -> str:
    """The text a reader sees, without any formatting: for titles and metadata. A line
    break reads as a space."""
    return "".join(" " if span.line_break else span.text for span in to_spans(text, references))
