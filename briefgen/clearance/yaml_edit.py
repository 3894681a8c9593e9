"""Edits of a brief's YAML text in place: only the changed values' bytes change.

A cleared brief goes back into the user's file, which keeps its comments, key order,
quoting, blank lines and line endings: a reviewer's diff shows the cleared words only.

PyYAML's composer gives every node its start and end in the text; each edit becomes a
replacement of one stretch of the original text (a value, a list item with its lines), so
nothing outside the edited stretches can move. A round-trip library (ruamel.yaml 0.19,
its best settings) re-wrote 176 lines of the seven example briefs with no edit at all.
Each changed value is written in its own style where that style can hold the new text,
and the result is read back with the project's loader and compared, value for value,
with what the edits asked for: an edit that would read back as anything else is refused.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import BriefError, Problem, escape_controls
from briefgen.loading.yaml_source import parse_yaml
from briefgen.model.source import format_key_path

YamlPath = tuple[str | int, ...]
"""Keys and list indices as they appear in the YAML file (language keys such as ``'en'``
included); indices are those of the original document."""


@dataclass(frozen=True)
class SetText:
    """Replace the string scalar at ``path`` by ``text``."""

    path: YamlPath
    text: str


@dataclass(frozen=True)
class InsertItem:
    """A new item in the list at ``path`` before the original ``index`` (``len`` appends).

    On a text (a scalar), the text becomes a list whose item 0 is the old text."""

    path: YamlPath
    index: int
    value: str | Mapping[str, object]


@dataclass(frozen=True)
class DeleteItem:
    """Remove item ``index`` of the list at ``path``."""

    path: YamlPath
    index: int


@dataclass(frozen=True)
class MoveItem:
    """Move item ``from_index`` of the list at ``path`` before original ``to_index``."""

    path: YamlPath
    from_index: int
    to_index: int


@dataclass(frozen=True)
class AddComment:
    """A ``# ...`` YAML comment line just above the field at ``path``."""

    path: YamlPath
    text: str


Edit = SetText | InsertItem | DeleteItem | MoveItem | AddComment
ListEdit = InsertItem | DeleteItem | MoveItem


@dataclass
class YamlEditError(BriefError):
    """An edit that cannot be made: the message names the path and why; ``where`` is
    the path, for :func:`apply_edits` to put the file's line and column to it."""

    where: YamlPath | None = None


def _error(path: YamlPath, why: str, hint: str = "") -> YamlEditError:
    shown = format_key_path(path)
    return YamlEditError([Problem(f"cannot edit: {why}", key_path=shown, hint=hint)], path)


def _located(error: YamlEditError, source: str, path: Path) -> YamlEditError:
    """``error`` at the file, line and column of the value it is about."""
    if error.where is None:
        return error
    position = parse_yaml(source, path).position_of(error.where)
    problems = [
        replace(problem, path=path, line=position.line, column=position.column)
        for problem in error.problems
    ]
    return YamlEditError(problems, error.where)


WIDTH = 88
"""Where a re-folded text wraps when its own lines were not longer (the examples' width)."""

_STR = "tag:yaml.org,2002:str"
_BREAKS = "\n\r\x85\u2028\u2029"
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}")
_FOLD_POINT = re.compile(r"(?<=\S) (?=\S)")
_ESCAPES = {
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


# Reading the original --------------------------------------------------------------


@dataclass
class _Located:
    """A node found by its path, with what writing it needs to know of its place."""

    node: yaml.Node
    path: YamlPath
    flow: bool  # inside a flow collection ([a, b] or {k: v})
    key: yaml.Node | None = None  # its key, when it is a mapping's value


@dataclass
class _Source:
    text: str
    root: yaml.Node
    newline: str
    prefer_single: bool
    sequence_offset: int  # columns from a key to its block list's dashes (0 or 2)
    force_double: bool = False  # the second try: every changed text double-quoted

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The index just past the line break of the line holding ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def indentation(self, index: int) -> int:
        start = self.line_start(index)
        line = self.text[start : self.line_end(index)]
        return len(line) - len(line.lstrip(" "))


_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's composer where PyYAML has it: the same marks, over ten times faster (5.5 ms
against 70 ms for data/brief.yaml)."""


@lru_cache(maxsize=4)
def _compose(text: str) -> yaml.Node:
    """The node graph of ``text``, kept for the next call (clearance may edit one file in
    several steps; no node is changed after this)."""
    root = _composed(text, _Composer)
    nodes = _walk(root)
    for node in nodes:
        if isinstance(node, yaml.ScalarNode) and not node.style:
            node.style = None  # libyaml says "" for plain, PyYAML None
    plain = [node for node in nodes if isinstance(node, yaml.ScalarNode) and node.style is None]
    spans = [(text[n.start_mark.index : n.end_mark.index], n.value) for n in plain if n.value]
    if any(span != value for span, value in spans if "\n" not in span):
        return _composed(text, yaml.SafeLoader)  # libyaml counted otherwise (a BOM does)
    return root


def _composed(text: str, loader: Any) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        raise _error((), f"it is not valid YAML ({escape_controls(str(error))[:200]})") from None
    if root is None:
        raise _error((), "it is empty")
    return root


def _walk(root: yaml.Node) -> list[yaml.Node]:
    """Every node once: an alias shares its anchor's node, and a file of aliases of
    aliases (a "billion laughs") would otherwise be walked billions of times."""
    found: list[yaml.Node] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return found


def _read(text: str) -> _Source:
    root = _compose(text)
    nodes = _walk(root)
    styles = [node.style for node in nodes if isinstance(node, yaml.ScalarNode)]
    offsets = [
        value.start_mark.column - key.start_mark.column
        for node in nodes
        if isinstance(node, yaml.MappingNode) and not node.flow_style
        for key, value in node.value
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value
    ]
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    return _Source(
        text=text,
        root=root,
        newline=newline,
        prefer_single=styles.count("'") > styles.count('"'),
        sequence_offset=max(set(offsets), key=offsets.count) if offsets else 2,
    )


def _locate(source: _Source, path: YamlPath) -> _Located:
    found = _Located(source.root, (), bool(getattr(source.root, "flow_style", False)))
    for depth, part in enumerate(path):
        node = found.node
        here = path[: depth + 1]
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pairs = [(k, v) for k, v in node.value if str(k.value) == part]
            if not pairs:
                raise _error(here, "there is no such key in the file")
            key, value = pairs[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                raise _error(here, f"the list has {len(node.value)} items")
            key, value = None, node.value[part]
        else:
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "not a list"
            raise _error(here, f"the value above it is {kind}")
        flow = found.flow or bool(getattr(value, "flow_style", False))
        found = _Located(value, here, flow, key)
    start = source.text[found.node.start_mark.index : found.node.start_mark.index + 1]
    if start in ("&", "*", "!"):
        raise _error(
            path,
            "its value is an anchor, an alias or has a tag",
            "edit the value where it is written out, or write it out in full",
        )
    return found


# Writing one text ------------------------------------------------------------------


def _printable(text: str) -> bool:
    return not _NON_PRINTABLE.search(text)


def _plain_safe(text: str, flow: bool) -> bool:
    """Whether ``text`` written plain reads back as this very text."""
    if not text or text != text.strip(" \t") or text[0] in _PLAIN_START:
        return False
    if any(char in text for char in _BREAKS) or "\t" in text or not _printable(text):
        return False
    if ": " in text or text.endswith(":") or " #" in text or text.startswith(("---", "...")):
        return False
    if flow and (":" in text or any(char in _FLOW_INDICATORS for char in text)):
        return False
    resolved: str = yaml.resolver.Resolver().resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, text, (True, False)
    )
    return resolved == _STR


def _single_body(text: str) -> str | None:
    if any(char in text for char in _BREAKS) or not _printable(text):
        return None
    return text.replace("'", "''")


def _double_body(text: str) -> str:
    def escape(char: str) -> str:
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return "".join(
        _ESCAPES[char] if char in _ESCAPES else escape(char) if _NON_PRINTABLE.match(char) else char
        for char in text
    )


def _quoted(text: str, single: bool) -> str:
    body = _single_body(text) if single else None
    return f"'{body}'" if body is not None else f'"{_double_body(text)}"'


def _fold(body: str, hints: list[str] | None, first: int, width: int) -> list[str]:
    """``body`` in lines of at most ``width`` columns (``first`` on the first line), cut only
    at a single space between two other characters, so that folding reads it back. The
    lines of ``hints`` (the old text's) are kept where they still start or end the text:
    a changed word re-folds its own lines, not the whole paragraph."""
    words = _FOLD_POINT.split(body)
    old = [_FOLD_POINT.split(line) for line in hints or []]
    head: list[str] = []
    at = 0
    for line_words in old:
        if words[at : at + len(line_words)] != line_words or at + len(line_words) >= len(words):
            break
        head.append(" ".join(line_words))
        at += len(line_words)
    tail: list[str] = []
    end = len(words)
    for line_words in reversed(old[len(head) :]):
        if end - len(line_words) <= at or words[end - len(line_words) : end] != line_words:
            break
        tail.insert(0, " ".join(line_words))
        end -= len(line_words)
    while True:
        lines: list[str] = []
        for word in words[at:end]:
            room = first if not head and not lines else width
            if lines and len(lines[-1]) + 1 + len(word) <= room:
                lines[-1] += " " + word
            else:
                lines.append(word)
        if not (lines and tail and len(lines[-1]) + 1 + len(tail[0]) <= width):
            return head + lines + tail
        end += len(_FOLD_POINT.split(tail.pop(0)))  # a short line: take the next one in


@dataclass
class _Style:
    """How the text at a place is written: its style and its lines' geometry."""

    style: str | None  # None (plain), "'", '"', '|' or '>'
    flow: bool
    column: int  # where the value starts
    continuation: int | None  # indentation of a folded plain/quoted text's next lines
    block_indent: int  # indentation of a block text's lines
    width: int = WIDTH
    header_rest: str = ""  # what follows a block header: its comment
    hints: list[list[str]] = field(default_factory=list)  # old lines per paragraph
    line_goes_on: bool = False  # a comment after the value: a block header cannot be there


def _style_of(source: _Source, node: yaml.ScalarNode, owner_column: int, flow: bool) -> _Style:
    """The style and geometry of an existing scalar, to write a new text like it."""
    text = source.text
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    lines = span.split("\n")
    longest = max(
        (len(line.rstrip("\r")) + (node.start_mark.column if number == 0 else 0))
        for number, line in enumerate(lines)
    )
    width = max(WIDTH, longest)
    style = node.style
    if style in ("|", ">"):
        header, _, body = span.partition("\n")
        match = re.match(r"[|>][0-9+-]*", header)
        rest = header[match.end() if match else 1 :].rstrip("\r")
        content = [line.rstrip("\r") for line in body.split("\n")]
        filled = [line for line in content if line.strip()]
        indent = min((len(line) - len(line.lstrip(" ")) for line in filled), default=-1)
        indent = indent if filled else owner_column + 2
        paragraphs: list[list[str]] = [[]]
        for line in content:
            if line.strip():
                paragraphs[-1].append(line[indent:])
            elif paragraphs[-1]:
                paragraphs.append([])
        return _Style(style, flow, node.start_mark.column, None, indent, width, rest, paragraphs)
    continuation = None
    hints: list[list[str]] = []
    if len(lines) > 1 and all(line.strip() for line in lines):
        second = lines[1]
        continuation = len(second) - len(second.lstrip(" "))
        stripped = [line.strip(" \t\r") for line in lines]
        if style in ("'", '"'):
            stripped[0], stripped[-1] = stripped[0][1:], stripped[-1][:-1]
        hints = [stripped]
    return _Style(
        style, flow, node.start_mark.column, continuation, owner_column + 2, width, "", hints
    )


def _folded_lines(text: str, style: _Style) -> list[str] | None:
    """A ``>-`` text's content lines, if the project's loader reads them back as ``text``
    (a blank line between paragraphs is a paragraph break, read as two line breaks)."""
    paragraphs = text.split("\n\n")
    if not all(
        paragraph
        and "\n" not in paragraph
        and paragraph[0] not in " \t"
        and paragraph[-1] not in " \t"
        and not any(char in paragraph for char in _BREAKS)
        and _printable(paragraph)
        for paragraph in paragraphs
    ):
        return None
    room = style.width - style.block_indent
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        hints = style.hints[number] if number < len(style.hints) else None
        if number:
            lines.append("")
        lines += _fold(paragraph, hints, room, room)
    return lines


def _literal_lines(text: str) -> tuple[str, list[str]] | None:
    """A literal block's chomping indicator and lines, if it can hold ``text``."""
    chomp = "" if text.endswith("\n") else "-"
    body = text[:-1] if chomp == "" else text
    lines = body.split("\n")
    if (
        not body
        or body.endswith("\n")
        or body[0] in " \t"
        or any(char in body for char in "\r\x85\u2028\u2029")
        or not _printable(body)
        or any(line and not line.strip(" \t") for line in lines)
    ):
        return None
    return chomp, lines


def _block(indicator: str, lines: list[str], style: _Style, newline: str) -> str:
    pad = " " * style.block_indent
    content = newline.join(pad + line if line else "" for line in lines)
    return f"{indicator}{style.header_rest}{newline}{content}"


def _write_text(text: str, style: _Style, source: _Source) -> str:
    """``text`` written in ``style`` where that style can hold it, else the nearest."""
    newline, prefer_single = source.newline, source.prefer_single
    if source.force_double:
        return _quoted(text, False)
    multiline = "\n" in text
    blocks = not style.flow and not style.line_goes_on
    if style.style in ("|", ">") or (multiline and blocks and style.style is None):
        order = ("|", ">") if style.style == "|" else (">", "|")
        for kind in order:
            if kind == ">" and (folded := _folded_lines(text, style)) is not None:
                return _block(">-", folded, style, newline)
            if kind == "|" and (literal := _literal_lines(text)) is not None:
                return _block("|" + literal[0], literal[1], style, newline)
        return _quoted(text, False)
    if style.style is None and _plain_safe(text, style.flow):
        return _wrapped(text, style, newline)
    single = style.style == "'" or (style.style is None and prefer_single)
    body = _single_body(text) if single else None
    if body is None:
        return _wrapped(_double_body(text), style, newline, '"')
    return _wrapped(body, style, newline, "'")


def _wrapped(body: str, style: _Style, newline: str, quote: str = "") -> str:
    """A plain or quoted text on one line, or folded over lines like the old one was."""
    if style.continuation is None or style.flow:
        return f"{quote}{body}{quote}"
    hints = style.hints[0] if style.hints else None
    first = style.width - style.column - len(quote)
    lines = _fold(body, hints, first, style.width - style.continuation - len(quote))
    pad = newline + " " * style.continuation
    return f"{quote}{pad.join(lines)}{quote}"


def _new_scalar_style(
    owner: int, template: yaml.Node | None, template_owner: int, source: _Source
) -> _Style:
    """The style of a new text owned by a key or dash at column ``owner``: its template
    sibling's (owned at ``template_owner``), moved over by the difference."""
    if isinstance(template, yaml.ScalarNode):
        old = _style_of(source, template, template_owner, False)
        shift = owner - template_owner
        return _Style(
            template.style,
            False,
            old.column + shift,
            None if old.continuation is None else old.continuation + shift,
            old.block_indent + shift,
            old.width,
        )
    return _Style(None, False, owner + 2, None, owner + 2)


# Writing new values ----------------------------------------------------------------


def _scalar_text(value: object, style: _Style, source: _Source) -> str:
    if isinstance(value, str):
        return _write_text(value, style, source)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    raise YamlEditError([Problem(f"cannot write a {type(value).__name__} into YAML")])


def _flow_value(value: object, source: _Source) -> str:
    if isinstance(value, Mapping):
        pairs = (
            f"{_flow_value(str(k), source)}: {_flow_value(v, source)}" for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow_value(item, source) for item in value) + "]"
    return _scalar_text(value, _Style(None, True, 0, None, 0), source)


def _key_text(key: object, source: _Source) -> str:
    return str(_flow_value(str(key), source))


def _template_child(template: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(template, yaml.MappingNode):
        for key_node, value in template.value:
            if str(key_node.value) == key:
                found: yaml.Node = value
                return found
    return None


def _block_value(
    value: object,
    owner: int,
    template: yaml.Node | None,
    template_owner: int,
    source: _Source,
    after: str,
) -> str:
    """``value`` as written after ``key:`` or ``- `` (``after``), the key or dash at column
    ``owner``: on the same line, or on the lines below. ``template`` is the same place in
    a sibling (its key or dash at ``template_owner``), whose shape the new value copies."""
    nl = source.newline
    shift = owner - template_owner
    if isinstance(value, Mapping) and value:
        if isinstance(template, yaml.MappingNode) and template.flow_style:
            return " " + _flow_value(value, source)
        template_keys = key_column = owner + 2
        if isinstance(template, yaml.MappingNode) and template.value:
            template_keys = template.value[0][0].start_mark.column
            key_column = template_keys + shift
        lines = []
        for key, item in value.items():
            child = _template_child(template, str(key))
            child_owner = key_column if child is None else template_keys
            written = _block_value(item, key_column, child, child_owner, source, ":")
            lines.append(f"{_key_text(key, source)}:{written}")
        pad = nl + " " * key_column
        return (" " if after == "-" else pad) + pad.join(lines)
    if isinstance(value, list | tuple) and value and after == ":":
        if isinstance(template, yaml.SequenceNode) and template.flow_style:
            return " " + _flow_value(value, source)
        first = None
        dash = owner + source.sequence_offset
        first_owner = dash
        if isinstance(template, yaml.SequenceNode) and template.value:
            first = template.value[0]
            first_owner = _dash_column(source, first)
            dash = first_owner + shift
        items = [f"-{_block_value(item, dash, first, first_owner, source, '-')}" for item in value]
        pad = nl + " " * dash
        return pad + pad.join(items)
    if isinstance(value, Mapping | list | tuple):
        return " " + _flow_value(value, source)
    return " " + _scalar_text(
        value, _new_scalar_style(owner, template, template_owner, source), source
    )


def _dash_column(source: _Source, node: yaml.Node) -> int:
    """The column of the ``-`` that starts the list item ``node`` (its own, if none)."""
    index = node.start_mark.index
    before = source.text[source.line_start(index) : index].rstrip(" ")
    return len(before) - 1 if before.endswith("-") else node.start_mark.column


# Edits as replacements of stretches of the text ------------------------------------


@dataclass(order=True)
class _Patch:
    start: int
    rank: int  # at one place: list insertions, then comments, then what replaces text
    order: int
    end: int = field(compare=False)
    text: str = field(compare=False)
    path: YamlPath = field(compare=False, default=())


def _content_end(source: _Source, node: yaml.Node) -> int:
    """Where a node's own text ends: without the blank lines and comments after it."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            span = source.text[node.start_mark.index : node.end_mark.index]
            kept = span.rstrip(" \r\n")
            return node.start_mark.index + len(kept)
        return node.end_mark.index
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return max(_content_end(source, node.value[-1][0]), _content_end(source, node.value[-1][1]))
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _content_end(source, node.value[-1])
    return node.end_mark.index


def _item_span(
    source: _Source, sequence: yaml.SequenceNode, index: int, path: YamlPath
) -> tuple[int, int]:
    """An item's lines: its dash line, the comments right above it, through its last line."""
    node = sequence.value[index]
    dash = source.line_start(node.start_mark.index)
    line = source.text[dash : node.start_mark.index]
    if line.strip(" ") != "-":
        raise _error((*path, index), "a list item that does not start its own line")
    column = line.index("-")
    start = dash
    while start > 0:
        above = source.line_start(start - 1)
        text = source.text[above:start].rstrip("\r\n")
        if not text.startswith(" " * column + "#"):
            break
        start = above
    end = source.line_end(_content_end(source, node))
    return start, end


def _rendered_item(
    source: _Source, value: object, template: yaml.Node | None, template_dash: int, dash: int
) -> str:
    written = _block_value(value, dash, template, template_dash, source, "-")
    return " " * dash + "-" + written + source.newline


@dataclass
class _Plan:
    patches: list[_Patch] = field(default_factory=list)
    counter: int = 0

    def add(self, start: int, end: int, text: str, rank: int, path: YamlPath) -> None:
        self.counter += 1
        self.patches.append(_Patch(start, rank, self.counter, end, text, path))


def _apply(text: str, patches: list[_Patch]) -> str:
    out: list[str] = []
    at = 0
    for patch in sorted(patches):
        if patch.start < at:
            raise _error(patch.path, "two edits change the same place")
        out.append(text[at : patch.start])
        out.append(patch.text)
        at = patch.end
    out.append(text[at:])
    return "".join(out)


def _set_text(source: _Source, edit: SetText, plan: _Plan) -> None:
    found = _locate(source, edit.path)
    node = found.node
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        raise _error(edit.path, f"it is {kind}, not a text")
    owner = found.key.start_mark.column if found.key is not None else _dash_column(source, node)
    style = _style_of(source, node, owner, found.flow)
    end_of_line = source.text[node.end_mark.index : source.line_end(node.end_mark.index)]
    style.line_goes_on = node.style not in ("|", ">") and bool(end_of_line.strip())
    written = _write_text(edit.text, style, source)
    start = node.start_mark.index
    end = _content_end(source, node)
    empty = not node.value and node.style is None
    if empty and source.text[start - 1 : start] == ":":  # `key:` with nothing: after a space
        written = " " + written
        rest = source.text[start : source.line_end(start)].rstrip("\r\n")
        end = start + (len(rest) if not rest.strip() else 0)  # and its trailing spaces
    plan.add(start, end, written, 2, edit.path)


def _comment(source: _Source, edit: AddComment, plan: _Plan) -> None:
    if edit.path:
        found = _locate(source, edit.path)
        anchor = found.key if found.key is not None else found.node
        at = anchor.start_mark.index
    else:
        at = 1 if source.text.startswith("\ufeff") else 0
    start = max(source.line_start(at), 1 if source.text.startswith("\ufeff") else 0)
    pad = " " * source.indentation(start)
    lines = re.split(r"\r\n|[\n\r\x85\u2028\u2029]", edit.text)
    text = "".join(
        f"{pad}#{' ' if line else ''}{escape_controls(line)}{source.newline}" for line in lines
    )
    plan.add(start, start, text, 1, edit.path)


def _list_edits(source: _Source, path: YamlPath, edits: list[ListEdit], plan: _Plan) -> None:
    """One list's insertions, deletions and moves, all by original index."""
    found = _locate(source, path)
    node = found.node
    if isinstance(node, yaml.ScalarNode) and found.key is not None and not found.flow:
        _scalar_to_list(source, found, edits, plan)
        return
    if not isinstance(node, yaml.SequenceNode):
        raise _error(path, "it is not a list")
    count = len(node.value)
    for edit in edits:
        indices = (
            [edit.index]
            if isinstance(edit, DeleteItem)
            else [edit.from_index]
            if isinstance(edit, MoveItem)
            else []
        )
        targets = (
            [edit.index]
            if isinstance(edit, InsertItem)
            else [edit.to_index]
            if isinstance(edit, MoveItem)
            else []
        )
        if any(not 0 <= index < count for index in indices) or any(
            not 0 <= index <= count for index in targets
        ):
            raise _error(path, f"an item index out of the list's {count} items")
    if node.flow_style:
        _flow_list_edits(source, found, edits, plan)
        return
    _block_list_edits(source, found, edits, plan)


def _inside(patch: _Patch, start: int, end: int) -> bool:
    """Whether ``patch`` edits the stretch [start, end): a nested list's appended item at
    its end belongs to it; a comment there belongs to what follows."""
    if patch.start == patch.end == end:
        return patch.rank == 0
    return start <= patch.start < end or patch.start == patch.end == start


def _inner_patches(plan: _Plan, start: int, end: int) -> list[_Patch]:
    inner = [p for p in plan.patches if _inside(p, start, end) and p.end <= end]
    for patch in inner:
        plan.patches.remove(patch)
    return inner


def _moved_text(source: _Source, start: int, end: int, inner: list[_Patch]) -> str:
    shifted = [
        _Patch(p.start - start, p.rank, p.order, p.end - start, p.text, p.path) for p in inner
    ]
    return _apply(source.text[start:end], shifted)


def _block_list_edits(source: _Source, found: _Located, edits: list[ListEdit], plan: _Plan) -> None:
    node = found.node
    assert isinstance(node, yaml.SequenceNode)
    count = len(node.value)
    spans = [_item_span(source, node, index, found.path) for index in range(count)]
    gap = source.text[spans[0][1] : spans[1][0]] if count > 1 else ""
    separator = gap if not gap.strip() else ""
    removed = {e.index for e in edits if isinstance(e, DeleteItem)}
    removed |= {e.from_index for e in edits if isinstance(e, MoveItem)}
    if len(removed) < sum(isinstance(e, DeleteItem | MoveItem) for e in edits):
        raise _error(found.path, "one item is deleted or moved twice")
    # What goes before each original index (count = after the last), in the order given.
    before: dict[int, list[str]] = {}
    for edit in edits:
        if isinstance(edit, InsertItem):
            template_index = min(edit.index, count - 1)
            template = node.value[template_index]
            dash = _dash_column(source, template)
            text = _rendered_item(source, edit.value, template, dash, dash)
            before.setdefault(edit.index, []).append(text)
        elif isinstance(edit, MoveItem):
            start, end = spans[edit.from_index]
            text = _moved_text(source, start, end, _inner_patches(plan, start, end))
            if not text.endswith(("\n", "\r")):
                text += source.newline
            before.setdefault(edit.to_index, []).append(text)
    tail = count  # the first of the deleted items that end the list
    while tail > 0 and tail - 1 in removed:
        tail -= 1
    for index in removed:
        start, end = spans[index]
        # A reviewer's comment on a deleted item stays where the item was.
        where = start if index < tail else spans[tail - 1][1] if tail else spans[0][0]
        for patch in plan.patches:
            if patch.rank == 1 and _inside(patch, start, end):
                patch.start = patch.end = where
        if any(_inside(p, start, end) and p.rank != 1 for p in plan.patches):
            raise _error((*found.path, index), "it is edited and also deleted")
    if tail == 0:  # every item goes
        texts = [text for index in sorted(before) for text in before[index]]
        start, end = spans[0][0], spans[-1][1]
        if texts:
            plan.add(start, end, separator.join(texts), 3, found.path)
        elif found.key is not None:
            key_end = found.key.end_mark.index
            plan.add(key_end, end, ": []" + source.newline, 3, found.path)
        else:
            raise _error(found.path, "every item of a list inside a list is deleted")
        return
    for index, texts in sorted(before.items()):
        if index < tail:
            plan.add(
                spans[index][0],
                spans[index][0],
                "".join(t + separator for t in texts),
                0,
                found.path,
            )
    appended = [text for index in sorted(before) if index >= tail for text in before[index]]
    last_end = spans[tail - 1][1]
    if appended:
        lead = "" if source.text[last_end - 1 : last_end] == "\n" else source.newline
        plan.add(last_end, last_end, lead + "".join(separator + t for t in appended), 0, found.path)
    for index in sorted(removed):
        if index < tail:
            plan.add(spans[index][0], spans[index + 1][0], "", 3, found.path)
    if tail < count:
        plan.add(last_end, spans[-1][1], "", 3, found.path)


def _flow_list_edits(source: _Source, found: _Located, edits: list[ListEdit], plan: _Plan) -> None:
    """``[a, b, c]``: the items are rewritten between the brackets, each kept as written."""
    node = found.node
    assert isinstance(node, yaml.SequenceNode)
    items = [source.text[item.start_mark.index : item.end_mark.index] for item in node.value]
    if (
        any("\n" in item for item in items)
        or "\n" in source.text[node.start_mark.index : node.end_mark.index]
    ):
        raise _error(
            found.path, "a list in brackets over several lines", "write it as a block list"
        )
    for index, item in enumerate(node.value):
        inner = _inner_patches(plan, item.start_mark.index, item.end_mark.index)
        if inner:
            items[index] = _moved_text(source, item.start_mark.index, item.end_mark.index, inner)
    removed = {e.index for e in edits if isinstance(e, DeleteItem)}
    removed |= {e.from_index for e in edits if isinstance(e, MoveItem)}
    before: dict[int, list[str]] = {}
    for edit in edits:
        if isinstance(edit, InsertItem):
            before.setdefault(edit.index, []).append(_flow_value(edit.value, source))
        elif isinstance(edit, MoveItem):
            before.setdefault(edit.to_index, []).append(items[edit.from_index])
    out: list[str] = []
    for index in range(len(items) + 1):
        out += before.get(index, [])
        if index < len(items) and index not in removed:
            out.append(items[index])
    plan.add(node.start_mark.index, node.end_mark.index, "[" + ", ".join(out) + "]", 3, found.path)


def _scalar_to_list(source: _Source, found: _Located, edits: list[ListEdit], plan: _Plan) -> None:
    """A text given as one string becomes a list whose item 0 is that string."""
    node = found.node
    key = found.key
    assert isinstance(node, yaml.ScalarNode) and key is not None
    for edit in edits:
        bad = (
            (isinstance(edit, DeleteItem) and edit.index != 0)
            or (isinstance(edit, InsertItem) and edit.index not in (0, 1))
            or (
                isinstance(edit, MoveItem) and (edit.from_index != 0 or edit.to_index not in (0, 1))
            )
        )
        if bad:
            raise _error(found.path, "a text is a list of one item (index 0)")
    start, end = node.start_mark.index, _content_end(source, node)
    old = _moved_text(source, start, end, _inner_patches(plan, start, end))
    dash = key.start_mark.column + source.sequence_offset
    shift = source.sequence_offset
    moved_lines = old.split("\n")
    old_item = "\n".join(
        [moved_lines[0]]
        + [(" " * max(shift, 0) + line if line.strip() else line) for line in moved_lines[1:]]
    )
    deleted = any(isinstance(e, DeleteItem) for e in edits)
    before: dict[int, list[str]] = {}
    for edit in edits:
        if isinstance(edit, InsertItem):
            written = _rendered_item(source, edit.value, node, key.start_mark.column, dash)
            text = written.rstrip("\r\n")
            before.setdefault(edit.index, []).append(text)
    order = [
        *before.get(0, []),
        *([] if deleted else [" " * dash + "- " + old_item]),
        *before.get(1, []),
    ]
    if not order:
        raise _error(
            found.path,
            "the only text would be deleted",
            "restore some of it in Word, or remove the section from the YAML by hand",
        )
    nl = source.newline
    plan.add(key.end_mark.index, end, ":" + nl + nl.join(order), 3, found.path)


# The data the edits ask for, to check the written text against ---------------------


def _expected(data: Any, edits: Sequence[Edit]) -> Any:
    result = copy.deepcopy(data)

    def at(path: YamlPath) -> tuple[Any, Any]:
        holder = result
        for part in path[:-1]:
            holder = holder[part]
        return holder, path[-1]

    for edit in edits:
        if isinstance(edit, SetText):
            holder, last = at(edit.path)
            holder[last] = edit.text
    lists: dict[YamlPath, list[ListEdit]] = {}
    for edit in edits:
        if isinstance(edit, InsertItem | DeleteItem | MoveItem):
            lists.setdefault(edit.path, []).append(edit)
    for path in sorted(lists, key=len, reverse=True):
        holder, last = at(path) if path else (None, "")
        items = holder[last] if holder is not None else result
        if not isinstance(items, list):
            items = [items]
        removed = {e.index for e in lists[path] if isinstance(e, DeleteItem)}
        removed |= {e.from_index for e in lists[path] if isinstance(e, MoveItem)}
        before: dict[int, list[Any]] = {}
        for edit in lists[path]:
            if isinstance(edit, InsertItem):
                before.setdefault(edit.index, []).append(_plain(edit.value))
            elif isinstance(edit, MoveItem):
                before.setdefault(edit.to_index, []).append(items[edit.from_index])
        new: list[Any] = []
        for index in range(len(items) + 1):
            new += before.get(index, [])
            if index < len(items) and index not in removed:
                new.append(items[index])
        if holder is not None:
            holder[last] = new
        else:
            result = new
    return result


def _plain(value: object) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _first_difference(old: Any, new: Any, path: YamlPath = ()) -> YamlPath:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                return _first_difference(old.get(key), new.get(key), (*path, key))
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return _first_difference(a, b, (*path, index))
    return path


def _load(text: str, path: Path = Path("brief.yaml")) -> Any:
    """``text`` read by the project's loader, as briefgen will read the edited file."""
    return parse_yaml(text, path).data  # strict: a duplicate key is refused, not guessed at


@lru_cache(maxsize=4)
def _load_original(text: str, path: Path) -> Any:
    return _load(text, path)


def apply_edits(source: str, edits: Sequence[Edit], *, path: Path = Path("brief.yaml")) -> str:
    """``source`` with ``edits`` made, every other byte as it was. ``path`` names the file
    in the message when ``source`` itself does not load."""
    if not edits:
        return source
    try:  # first: the loader's limits refuse a hostile file before anything else reads it
        original = copy.deepcopy(_load_original(source, path))
    except BriefError as error:
        raise _error((), f"the file does not load ({error})") from None
    try:
        read = _read(source)
        expected = _expected(original, edits)
        result = _edited(read, edits)
        if _load_or_none(result) != expected:
            read.force_double = True  # a style this code misjudged: the one that holds all
            result = _edited(read, edits)
            written = _load_or_none(result)
            if written != expected:
                raise _error(
                    _first_difference(expected, written),
                    "the edited file would not read back as the edits ask",
                    "this is a bug in briefgen: please report it with the brief",
                )
    except YamlEditError as error:
        raise _located(error, source, path) from None
    return result


def _load_or_none(text: str) -> Any:
    try:
        return _load(text)
    except BriefError:
        return _Unreadable()


def _edited(read: _Source, edits: Sequence[Edit]) -> str:
    source = read.text
    plan = _Plan()
    for edit in edits:
        if isinstance(edit, SetText):
            _set_text(read, edit, plan)
        elif isinstance(edit, AddComment):
            _comment(read, edit, plan)
    lists: dict[YamlPath, list[ListEdit]] = {}
    for edit in edits:
        if isinstance(edit, InsertItem | DeleteItem | MoveItem):
            lists.setdefault(edit.path, []).append(edit)
    for path in sorted(lists, key=len, reverse=True):  # inner lists first: they move along
        _list_edits(read, path, lists[path], plan)
    return _apply(source, plan.patches)


class _Unreadable:
    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]
