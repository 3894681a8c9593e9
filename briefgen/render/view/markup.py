"""Inline Markdown (bold, italic, links, code) written as HTML and as Markdown.

Text from the YAML is inline Markdown only: raw HTML is escaped, never passed through.
One engine: a text is parsed once into a flat list of events (:mod:`briefgen.model.inline`,
which also gives plain text and Word's styled spans), and each format here writes that
list: HTML, and Markdown re-escaped so that GitHub reads one paragraph saying the same
thing. The formats cannot disagree about what the text says because only one function
reads the parse.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markdown_it.common.utils import isPunctChar
from markupsafe import Markup, escape

from briefgen.model.inline import References, events
from briefgen.render.view.typography import (
    Typesetter,
    Typography,
    breakable_url,
    compress_punctuation,
)

_URL_KEPT = "/:?#[]@!$&'*+,;=%-._~"
"""What a web address keeps as is in Markdown: its structure and existing escapes.
Everything else (spaces, parentheses, angle brackets, quotes, backslashes, controls,
non-ASCII) is percent-encoded."""

_DESTINATION_KEPT = _URL_KEPT + "()"  # escaped with a backslash instead: see _link_destination

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
                parts.append(compress_punctuation(str(escape(setter.piece(event.text)))))
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
    # A table's delimiter row (":---", "---:"): after a line holding a "|", even an
    # escaped one, GitHub makes the two lines a table of one column.
    escaped = re.sub(r"^(\s*)(?=:?-)([:-])(?=-*:?\s*$)", r"\1\\\2", escaped)
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
    # "/" is kept; a file name that is not UTF-8 (held as surrogates) keeps its own bytes
    return quote(text.encode("utf-8", "surrogateescape"))
