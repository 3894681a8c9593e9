"""Inline Markdown (bold, italic, links, code) rendered for each output format.

Text from the YAML is inline Markdown only: raw HTML is escaped, never passed through, and
links are limited to web and mail addresses, and to cross-references: ``[](#rec-3)`` links
to the item or section with that id and, with no text of its own, prints what it refers to
("recommendation 3"). The same parse feeds the HTML, the Markdown (re-escaped so that it
reads the same on GitHub), plain text (PDF metadata) and styled spans (Word runs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from briefgen.render.typography import Typesetter, Typography, breakable_url

SAFE_LINK = re.compile(r"^(https?://|mailto:|#[A-Za-z][A-Za-z0-9_-]*$)", re.IGNORECASE)
_URL_KEPT = "/:?#[]@!$&'*+,;=%-._~"
"""What a web address keeps as is in Markdown: its structure and existing escapes.
Everything else (spaces, parentheses, angle brackets, quotes, backslashes, controls,
non-ASCII) is percent-encoded."""

References = Mapping[str, str]
"""What each id's cross-reference prints when its link has no text: id -> "recommendation 3"."""


def reference_id(href: str) -> str | None:
    """The id a cross-reference names, or None for a web or mail link."""
    return href[1:] if href.startswith("#") else None


def cross_references(text: str) -> Iterator[str]:
    """The ids a text refers to, in order: for the dangling-reference check."""
    if "](#" not in text:
        return
    for token in _inline_tokens(text):
        if token.type == "link_open":
            target = reference_id(str(token.attrGet("href") or ""))
            if target is not None:
                yield target


def _empty_link(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].type == "link_close"


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "backticks", "escape", "newline", "autolink"])
    parser.validateLink = lambda url: bool(SAFE_LINK.match(url))  # type: ignore[method-assign]
    return parser


def _inline_tokens(text: str) -> list[Token]:
    tokens = _parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def _reference_text(href: str, references: References | None) -> str:
    """What a link without text prints: a cross-reference its target's words (or its id,
    where no references are known); a web or mail link nothing, as before."""
    target = reference_id(href)
    return "" if target is None else (references or {}).get(target, target)


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
    tokens = _inline_tokens(text)
    for index, token in enumerate(tokens):
        match token.type:
            case "text":
                content = token.content
                if setter and _shows_its_address(tokens, index):
                    isolate = bool(typography and typography.right_to_left)
                    parts.append(str(breakable_url(content, isolate=isolate)))
                    setter.previous = content[-1:]
                    continue
                parts.append(str(escape(setter.piece(content) if setter else content)))
            case "strong_open" | "strong_close" | "em_open" | "em_close":
                tag = "strong" if token.type.startswith("strong") else "em"
                parts.append(f"<{tag}>" if token.type.endswith("open") else f"</{tag}>")
            case "link_open":
                href = str(token.attrGet("href") or "")
                parts.append(f'<a href="{escape(href)}">')
                if _empty_link(tokens, index):
                    parts.append(str(escape(_reference_text(href, references))))
            case "link_close":
                parts.append("</a>")
            case "code_inline":
                parts.append(f"<code>{escape(token.content)}</code>")
            case "softbreak":
                parts.append("\n")
            case "hardbreak":
                parts.append("<br>")
            case _:
                parts.append(str(escape(token.content)))
    return Markup("".join(parts))


def _shows_its_address(tokens: list[Token], index: int) -> bool:
    """Whether text token ``index`` is a link's whole text and that text is its address."""
    if index == 0 or index + 1 >= len(tokens) or tokens[index - 1].type != "link_open":
        return False
    href = str(tokens[index - 1].attrGet("href") or "")
    content = tokens[index].content
    return tokens[index + 1].type == "link_close" and href.rstrip("/") in {
        content.rstrip("/"),
        "mailto:" + content,
    }


_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<!\w)_|_(?!\w))")


def _escape_markdown(text: str) -> str:
    # "~" too: GitHub strikes "~x~" through and "~~~" at a line start opens a code fence.
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # "&lt;" would show as "<" (the HTML shows "&lt;").
    escaped = re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", escaped)
    # A heading's closing "#"s are dropped: "Programme C #" would lose its "#".
    escaped = re.sub(r"(\s)(#+\s*)$", r"\1\\\2", escaped)
    # Only what would change meaning at the start of a line: a list item ("- ", "+ ",
    # "1. ", "1) ") or a heading ("# "). "+43 1 26060" or "#hashtag" stay as written.
    escaped = re.sub(r"^([-+]|#{1,6})(?=\s|$)", r"\\\1", escaped)
    escaped = re.sub(r"^([-=])(?=[-=]*\s*$)", r"\\\1", escaped)  # a rule or a heading line
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", escaped)


def to_markdown(text: str, references: References | None = None) -> str:
    """Inline Markdown normalised: formatting kept, anything else escaped as text."""
    parts: list[str] = []
    hrefs: list[str] = []
    tokens = _inline_tokens(text)
    for index, token in enumerate(tokens):
        match token.type:
            case "strong_open" | "strong_close":
                parts.append("**")
            case "em_open" | "em_close":
                parts.append("*")
            case "link_open":
                href = str(token.attrGet("href") or "")
                hrefs.append(href)
                if parts and parts[-1].endswith("!"):  # "![...](...)" would be an image
                    parts[-1] = parts[-1][:-1] + "\\!"
                parts.append("[")
                if _empty_link(tokens, index):
                    parts.append(_escape_markdown(_reference_text(href, references)))
            case "link_close":
                href = hrefs.pop() if hrefs else ""
                parts.append(f"]({markdown_url(href)})")
            case "code_inline":
                fence = "``" if "`" in token.content else "`"
                parts.append(f"{fence}{token.content}{fence}")
            case "softbreak":
                parts.append(" ")
            case "hardbreak":
                parts.append("  \n")
            case _:
                parts.append(_escape_markdown(token.content))
    return "".join(parts)


def to_plain(text: str, references: References | None = None) -> str:
    """The text a reader sees, without any formatting: for titles and metadata."""
    tokens = _inline_tokens(text)
    parts = []
    for index, token in enumerate(tokens):
        if token.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif token.type in {"text", "code_inline"}:
            parts.append(token.content)
        elif token.type == "link_open" and _empty_link(tokens, index):
            parts.append(_reference_text(str(token.attrGet("href") or ""), references))
    return "".join(parts).replace("\n", " ")


def to_markdown_cell(text: str, references: References | None = None) -> str:
    """Inline Markdown for a GFM table cell: pipes escaped, line breaks as <br>."""
    return to_markdown(text, references).replace("  \n", "<br>").replace("\n", " ")


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

    A cross-reference with no text of its own becomes what it refers to, as plain text.
    """
    spans: list[Span] = []
    bold = italic = 0
    hrefs: list[str] = []

    def add(content: str, **kind: bool) -> None:
        if not content and not kind:
            return
        href = hrefs[-1] if hrefs and hrefs[-1] else None
        spans.append(Span(content, bold > 0, italic > 0, href=href, **kind))

    tokens = _inline_tokens(text)
    for index, token in enumerate(tokens):
        match token.type:
            case "strong_open" | "strong_close":
                bold += 1 if token.type.endswith("open") else -1
            case "em_open" | "em_close":
                italic += 1 if token.type.endswith("open") else -1
            case "link_open":
                href = str(token.attrGet("href") or "")
                # A cross-reference is plain text here: Word links inside a document to
                # bookmarks, which the DOCX renderer does not make yet.
                hrefs.append("" if reference_id(href) else href)
                if _empty_link(tokens, index):
                    add(_reference_text(href, references))
            case "link_close":
                if hrefs:
                    hrefs.pop()
            case "code_inline":
                add(token.content, code=True)
            case "softbreak":
                add(" ")
            case "hardbreak":
                add("", line_break=True)
            case _:
                add(token.content)
    return spans


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
    return quote(text, safe="/")
