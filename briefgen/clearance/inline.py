"""Runs of formatted text (as a Word paragraph holds them) written as briefgen's Markdown.

The text a reviewer cleared in Word goes back into the YAML as the inline Markdown briefgen
reads (:mod:`briefgen.model.inline`): ``**bold**``, ``*italic*``, `` `code` ``,
``[text](address)`` and ``[](#id)``. The Markdown is checked by parsing it back with the
project's parser: each escape is kept only where the text would otherwise read as
formatting, so a reviewer's "C:\\data" or "3 * 4" stays as typed in the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from markdown_it import MarkdownIt

from briefgen.model.inline import SAFE_LINK, Span, to_spans


@dataclass(frozen=True)
class InlineRun:
    """A piece of text with one format: bold, italic, a link, code."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    code: bool = False


_SPECIAL = re.compile(r"[\\`*_\[\]<>()!&]")
"""What may start or end formatting, a link or an escape: each one is escaped at first."""
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def _without_spaces_at_breaks(runs: Sequence[InlineRun]) -> list[InlineRun]:
    """The runs without the spaces around a line break, which Markdown does not show, and
    with a line break in code as a space."""
    chars = [
        (" " if run.code and char == "\n" else char, number)
        for number, run in enumerate(runs)
        for char in run.text
    ]
    text = "".join(char for char, _ in chars)
    dropped: set[int] = set()
    for match in re.finditer(r"[^\S\n]*\n[^\S\n]*", text):
        span = range(match.start(), match.end())
        dropped |= {i for i in span if text[i] != "\n" and not runs[chars[i][1]].code}
    kept: list[InlineRun] = []
    for number, run in enumerate(runs):
        if run.href is not None and run.href.startswith("#") and not run.text:
            kept.append(run)
            continue
        words = "".join(c for i, (c, n) in enumerate(chars) if n == number and i not in dropped)
        if words:
            kept.append(replace(run, text=words))
    return kept


def _pieces(runs: Sequence[InlineRun]) -> list[InlineRun]:
    """The runs with their formats where Markdown can put them: bold and italics off the
    spaces at their edges, unsafe links dropped (the text stays), equal runs merged."""
    pieces: list[InlineRun] = []
    for run in _without_spaces_at_breaks(runs):
        href = run.href if run.href is not None and SAFE_LINK.match(run.href) else None
        text = run.text
        if href is not None and href.startswith("#") and not text:
            pieces.append(InlineRun("", href=href))  # a cross-reference: prints its target
            continue
        if not text:
            continue
        if run.code:
            pieces.append(InlineRun(text, run.bold, run.italic, href, code=True))
            continue
        match = _EDGE_SPACE.match(text)
        assert match is not None
        before, core, after = match.groups()
        plain = InlineRun("", href=href)
        if before:
            pieces.append(replace(plain, text=before))
        if core:
            pieces.append(InlineRun(core, run.bold, run.italic, href))
        if after:
            pieces.append(replace(plain, text=after))
    # Spaces at a link's ends go outside it.
    for index, piece in enumerate(pieces):
        if piece.text.isspace() and not piece.code:
            left = pieces[index - 1] if index > 0 else InlineRun("")
            right = pieces[index + 1] if index + 1 < len(pieces) else InlineRun("")
            keep = left.href == right.href == piece.href
            pieces[index] = replace(piece, href=piece.href if keep else None)
    merged: list[InlineRun] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and piece.text
            and last.text
            and (last.bold, last.italic, last.href, last.code)
            == (piece.bold, piece.italic, piece.href, piece.code)
        ):
            merged[-1] = replace(last, text=last.text + piece.text)
        elif last is not None and last.code and piece.code and last.href == piece.href:
            # Two code spans side by side would read as one fence ("`a``b`"): one span,
            # bold or italic only where both were.
            bold, italic = last.bold and piece.bold, last.italic and piece.italic
            merged[-1] = InlineRun(last.text + piece.text, bold, italic, last.href, code=True)
        else:
            merged.append(piece)
    # The parser strips a text's ends: no format shows them.
    while merged and not merged[0].code and merged[0].text:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        if merged[0].text:
            break
        merged.pop(0)
    while merged and not merged[-1].code and merged[-1].text:
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
        if merged[-1].text:
            break
        merged.pop()
    return merged


def _spaces_inside(pieces: list[InlineRun]) -> list[InlineRun]:
    """The pieces with the spaces between two bold (or italic) pieces bold (or italic):
    ``**a b**`` rather than ``**a** **b**``."""
    inside = list(pieces)
    for index, piece in enumerate(pieces):
        if piece.text.isspace() and not piece.code and 0 < index < len(pieces) - 1:
            left, right = pieces[index - 1], pieces[index + 1]
            bold, italic = left.bold and right.bold, left.italic and right.italic
            inside[index] = replace(piece, bold=bold, italic=italic)
    return inside


def _code_span(content: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    padded = content.startswith("`") or content.endswith("`")  # apart from the fence
    # One space at each end is taken off, where both are there and it is not all spaces.
    padded |= content.startswith(" ") and content.endswith(" ") and bool(content.strip(" "))
    if padded:
        content = f" {content} "
    return f"{fence}{content}{fence}"


def _destination(href: str) -> str:
    """A link's address as a Markdown destination: parentheses and backslashes escaped,
    spaces and angle brackets percent-encoded (as the parser would encode them)."""
    escaped = re.sub(r"[()\\]", r"\\\g<0>", href)
    return re.sub(r"[\s<>]", lambda match: f"%{ord(match.group()):02X}", escaped)


def _formats(piece: InlineRun) -> set[str]:
    found = {"bold"} if piece.bold else set()
    found |= {"italic"} if piece.italic else set()
    return found | ({f"link {piece.href}"} if piece.href is not None else set())


def _write(
    pieces: list[InlineRun], italic_mark: str, link_outside: bool = False
) -> tuple[str, list[int]]:
    """The Markdown and where each escaping backslash stands in it.

    Formats nest: the one that goes on longest opens first, and one that ends closes
    only those opened after it (which reopen), so ``*a **b** c*`` needs no extra marks.
    With ``link_outside``, bold and italics close where a link starts or ends and open
    again inside it: ``*a*[*b*](url)c``, where ``*a[b](url)*c`` cannot close."""
    out: list[str] = []
    escapes: list[int] = []
    opened: list[str] = []

    def emit(text: str) -> None:
        out.append(text)

    def mark(name: str, closes: bool) -> str:
        if name == "bold":
            return "**"
        if name == "italic":
            return italic_mark
        return f"]({_destination(name[5:])})" if closes else "["

    for index, piece in enumerate(pieces):
        if not piece.text and piece.href is not None:  # a cross-reference: a link of its own
            for name in reversed(opened):
                emit(mark(name, closes=True))
            opened = []
            emit(f"[]({_destination(piece.href)})")
            continue
        wanted = _formats(piece)
        links = {name for name in wanted if name.startswith("link")}
        if link_outside and links != {name for name in opened if name.startswith("link")}:
            for name in reversed(opened):
                emit(mark(name, closes=True))
            opened = []
        while not set(opened) <= wanted:
            ending = min(i for i, name in enumerate(opened) if name not in wanted)
            for name in reversed(opened[ending:]):
                emit(mark(name, closes=True))
            opened = [name for name in opened[:ending]] + [
                name for name in opened[ending:] if name in wanted
            ]
            for name in opened[ending:]:
                emit(mark(name, closes=False))

        def lasting(name: str, start: int = index) -> int:
            end = start
            while end < len(pieces) and name in _formats(pieces[end]):
                end += 1
            return end

        def order(name: str) -> tuple[bool, int, bool, str]:  # links outside, bold, italics
            is_link = name.startswith("link")
            return (is_link and link_outside, lasting(name), is_link, name)

        for name in sorted(wanted - set(opened), key=order, reverse=True):
            emit(mark(name, closes=False))
            opened.append(name)
        if piece.code:
            emit(_code_span(piece.text))
            continue
        for part in re.split(r"(\n)", piece.text):
            if part == "\n":
                escapes.append(sum(map(len, out)))  # a line break in Word: "\" then "\n"
                emit("\\\n")
                continue
            for char in part:
                if _SPECIAL.match(char):
                    escapes.append(sum(map(len, out)))
                    emit("\\")
                emit(char)
    for name in reversed(opened):
        emit(mark(name, closes=True))
    return "".join(out), escapes


Shown = tuple[tuple[str, bool, bool, bool, str | None, str | None], ...]


def shown(spans: Sequence[Span]) -> Shown:
    """What a reader sees of ``spans``, character by character: bold or italic spaces
    look like plain ones, so they count as plain."""
    out = []
    for span in spans:
        for char in "\n" if span.line_break else span.text:
            formatted = not char.isspace()
            out.append(
                (
                    char,
                    span.bold and formatted,
                    span.italic and formatted,
                    span.code,
                    span.href,
                    span.anchor,
                )
            )
    return tuple(out)


@cache
def _spans_of(markdown: str) -> Shown:
    return shown(to_spans(markdown))


def _merged(spans: Sequence[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not span.line_break
            and not last.line_break
            and (replace(last, text="") == replace(span, text=""))
        ):
            merged[-1] = replace(last, text=last.text + span.text)
        else:
            merged.append(span)
    return merged


def expected_spans(runs: Sequence[InlineRun]) -> list[Span]:
    """What briefgen shows for ``runs`` (the spans of the project's parser): for checking
    a Markdown text, here and in tests."""
    return _spans_of_pieces(_pieces(runs))


def _owners(pieces: Sequence[InlineRun]) -> list[int]:
    """For each character :func:`shown` gives of the pieces, the piece it comes from."""
    owners: list[int] = []
    for index, piece in enumerate(pieces):
        reference = not piece.text and piece.href is not None
        owners += [index] * (len(piece.href or "") - 1 if reference else len(piece.text))
    return owners


def _spans_of_pieces(pieces: Sequence[InlineRun]) -> list[Span]:
    spans: list[Span] = []
    for piece in pieces:
        anchor = piece.href[1:] if piece.href and piece.href.startswith("#") else None
        href = None if anchor is not None or piece.href is None else _normal_link(piece.href)
        if not piece.text and anchor is not None:
            spans.append(Span(anchor, anchor=anchor))
            continue
        for number, line in enumerate(piece.text.split("\n")):
            if number:
                spans.append(
                    Span("", piece.bold, piece.italic, href=href, line_break=True, anchor=anchor)
                )
            if line:
                spans.append(Span(line, piece.bold, piece.italic, piece.code, href, anchor=anchor))
    return _merged(spans)


def _normal_link(href: str) -> str:
    """A link's address as the parser keeps it (percent-encoded)."""
    return str(_NORMALIZER.normalizeLink(href))


_NORMALIZER = MarkdownIt("zero")


def runs_to_markdown(runs: Sequence[InlineRun]) -> str:
    """The inline Markdown that briefgen renders back as exactly these runs.

    Where Markdown cannot say a format (bold that ends in a bracket right before a letter,
    ``**(see)**word``), the text is kept and that piece's bold or italics is lost, not the
    others'."""
    pieces = _pieces(runs)
    for _ in range(len(pieces) + 1):
        wanted = shown(_spans_of_pieces(pieces))
        first: Shown | None = None
        for kept in (_spaces_inside(pieces), pieces):
            for mark in ("*", "_"):
                for link_outside in (False, True):
                    markdown, escapes = _write(kept, mark, link_outside)
                    target = _spans_of(markdown)
                    if target == wanted:
                        return _without_unneeded_escapes(markdown, escapes)
                    first = target if first is None else first
        assert first is not None
        at = next(
            (i for i, (a, b) in enumerate(zip(first, wanted, strict=False)) if a != b), len(first)
        )
        owners = _owners(pieces)
        near = owners[min(at, len(owners) - 1)] if owners else 0
        formatted = [i for i, p in enumerate(pieces) if p.bold or p.italic]
        if not formatted:
            break
        lose = max((i for i in formatted if i <= near), default=formatted[0])
        pieces[lose] = replace(pieces[lose], bold=False, italic=False)
    markdown, escapes = _write(pieces, "*", True)  # no bold or italics left to lose
    return _without_unneeded_escapes(markdown, escapes)


def _without_unneeded_escapes(markdown: str, escapes: list[int]) -> str:
    """``markdown`` without each escape that the parser reads the same without."""
    target = _spans_of(markdown)
    for at in reversed(escapes):
        candidate = markdown[:at] + markdown[at + 1 :]
        if _spans_of(candidate) == target:
            markdown = candidate
    return markdown
