"""Read a brief's YAML safely, remembering where every key and value stands.

PyYAML's loaders lose positions and silently keep the last of two duplicate keys, so we
compose the node graph ourselves and build plain Python values from it: only the YAML core
types (no Python tags), a bounded number of nodes (no "billion laughs"), and a position map
that lets every later error point at ``file:line:col``.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import yaml

from briefgen.errors import MAX_EXCERPT_CHARS, BriefError, Problem, excerpt, quote_value
from briefgen.loading.messages import SYNTAX_MISTAKES, YAML_MESSAGES
from briefgen.loading.syntax_mistakes import diagnose, items_swallowed_by_text
from briefgen.model.files import read_bounded
from briefgen.model.source import KeyPath, Position, SourceDocument, format_key_path

MAX_INPUT_BYTES = 1_000_000
"""A brief is a few kilobytes; a megabyte is generous and keeps hostile files cheap."""

MAX_NODES = 50_000
"""Values built from one file, aliases expanded: bounds alias bombs."""

MAX_EXPANDED_CHARACTERS = MAX_INPUT_BYTES
"""Characters of keys and values built from one file, aliases expanded: as many as the
largest file may hold, so aliases save typing but never make a brief bigger than one
written out (a 500 KB text aliased 1,000 times would otherwise be 500 MB)."""


def text_values(data: object) -> Iterator[tuple[KeyPath, str]]:
    """Every text of parsed YAML data with its key path, in document order. Without
    recursion: the checks that use it run on data no model has bounded yet."""
    stack: list[tuple[KeyPath, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack += reversed([((*path, key), item) for key, item in value.items()])
        elif isinstance(value, list):
            stack += reversed([((*path, index), item) for index, item in enumerate(value)])


def _position(mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def read_text(path: Path) -> str:
    """Read a brief file as UTF-8, turning every way it can fail into a user error."""
    raw = read_bounded(
        path,
        MAX_INPUT_BYTES,
        what="a brief",
        missing_hint="check the path, or create one with `briefgen new`",
    )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BriefError.single(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be decoded)",
            path,
            line=line,
            column=column,
            hint="save the file as UTF-8 in your editor",
        ) from None


def _yaml_error_kind(error: yaml.MarkedYAMLError) -> str:
    """Which entry of ``YAML_MESSAGES`` explains a PyYAML error ("" for none)."""
    problem, context = error.problem or "", error.context or ""
    if "<stream end>" in problem or "end of stream" in problem:
        if "quoted scalar" in context:
            return "unclosed_quote"
        if "flow" in context:
            return "unclosed_flow"
    if "alias" in context or "anchor" in context:
        return "alias"
    return ""


def _syntax_error(path: Path, text: str, error: yaml.MarkedYAMLError) -> BriefError:
    mistake = diagnose(text, error)
    if mistake is not None:
        return BriefError.single(
            mistake.message, path, line=mistake.line, column=mistake.column, hint=mistake.hint
        )
    position = _position(error.problem_mark or error.context_mark)
    kind = _yaml_error_kind(error)
    context = f" {error.context}" if error.context else ""
    message = f"YAML syntax error: {error.problem or 'invalid YAML'}{context}"
    hint = ""
    if kind:
        friendly, hint = YAML_MESSAGES[kind]
        message = friendly or message
    if kind in {"unclosed_quote", "unclosed_flow", "alias"} and error.context_mark is not None:
        position = _position(error.context_mark)  # where it starts, not where it broke
    if kind == "unclosed_flow" and error.context == "while parsing a flow node":
        # PyYAML's mark is then where it hoped for an item (the end of the file), not
        # the bracket: "keywords: [" on the last line was reported on the line after it.
        position = _position(_last_open_bracket(text) or error.context_mark)
    return BriefError.single(message, path, line=position.line, column=position.column, hint=hint)


def _last_open_bracket(text: str) -> yaml.Mark | None:
    """Where the innermost ``[`` or ``{`` still open when the YAML breaks starts."""
    opened: list[yaml.Mark] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                opened.append(token.start_mark)
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass  # the scan stops where the text breaks: the brackets open there are known
    return opened[-1] if opened else None


def _unacceptable_character(path: Path, text: str, error: yaml.reader.ReaderError) -> BriefError:
    """PyYAML names a character by its offset in the text; the author needs its line."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return BriefError.single(
        f"YAML syntax error: the character U+{code:04X} is not allowed in a YAML file",
        path,
        line=line,
        column=column,
        hint="remove it: control characters such as escape sequences cannot be in a brief",
    )


class _AliasMarkingLoader(yaml.SafeLoader):
    """Gives each alias (``*name``) its own node, placed where the alias is written.

    PyYAML returns the anchored node itself, which remembers only the anchor's position;
    a shallow copy shares the content but carries the alias's marks, so an alias that
    expands too far is reported where it is used.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchored = super().compose_node(parent, index)
        assert anchored is not None  # PyYAML raises on an undefined alias
        alias = copy.copy(anchored)
        alias.start_mark, alias.end_mark = event.start_mark, event.end_mark
        ALIASES.add(alias)
        return alias


ALIASES: weakref.WeakSet[yaml.Node] = weakref.WeakSet()
"""The nodes that stand for an alias, while their document is being built."""


class _Builder:
    """Turns a composed YAML node graph into plain values, recording positions."""

    _SCALAR_TAGS: ClassVar[frozenset[str]] = frozenset(
        {
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:timestamp",
        }
    )

    def __init__(self, document: SourceDocument, text: str = "") -> None:
        self.document = document
        self.text = text
        self.lines = text.splitlines()  # once: a brief has thousands of values to look at
        self.problems: list[Problem] = []
        self.nodes_built = 0
        self.characters_built = 0
        self._outer_alias: yaml.Node | None = None  # the alias being expanded, if any
        self._constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, message: str, key_path: KeyPath, hint: str = "") -> None:
        position = _position(node.start_mark)
        self.problems.append(
            Problem(
                message,
                self.document.path,
                position.line,
                position.column,
                format_key_path(key_path),
                hint,
            )
        )

    def _too_big(self, node: yaml.Node, what: str) -> BriefError:
        """Refused where the expansion happens: at the outermost alias being expanded."""
        position = _position((self._outer_alias or node).start_mark)
        return BriefError.single(
            f"expands to more than {what} (too many aliases?)",
            self.document.path,
            line=position.line,
            column=position.column,
            hint="briefgen refuses alias bombs; write the content out instead",
        )

    def _count_characters(self, node: yaml.Node, text: str) -> None:
        self.characters_built += len(text)
        if self.characters_built > MAX_EXPANDED_CHARACTERS:
            raise self._too_big(node, f"{MAX_EXPANDED_CHARACTERS:,} characters")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        if self._outer_alias is None and node in ALIASES:
            self._outer_alias = node
            try:
                return self._build_node(node, key_path)
            finally:
                self._outer_alias = None
        return self._build_node(node, key_path)

    def _build_node(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.nodes_built += 1
        if self.nodes_built > MAX_NODES:
            raise self._too_big(node, f"{MAX_NODES:,} values")
        self.document.value_positions.setdefault(key_path, _position(node.start_mark))
        self.document.value_ends.setdefault(key_path, _position(node.end_mark))
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, f"unsupported YAML tag {excerpt(node.tag, 80)}", key_path)
            self._warn_of_split_numbers(node, key_path)
            return [self.build(item, (*key_path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self._count_characters(node, str(node.value))
        self._warn_of_swallowed_items(node, key_path)
        if node.tag not in self._SCALAR_TAGS:
            self.problem(
                node,
                f"unsupported YAML tag {excerpt(node.tag, 80)}",
                key_path,
                "briefs hold plain text, numbers, lists and mappings only",
            )
            return None
        try:
            value = self._constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError):
            # e.g. 2017-13-45 looks like a timestamp but is not one: keep the text.
            return str(node.value)
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str) and node.style == ">" and "\n" in value:
            # A folded text keeps a blank line only as "\n": the author meant a new paragraph.
            value = re.sub(r"\n+", "\n\n", value)
        if isinstance(value, bool):  # `value: No` may be meant as text: keep how it was written
            self.document.spelled[key_path] = str(node.value)
        if isinstance(value, str) and node.style is None:
            self._warn_of_comment_after_text(node, key_path)
        if value is None and node.style is None and not node.value:
            self._warn_of_comment_as_value(node, key_path)
        return value

    def _warning(self, mark: yaml.Mark, kind: str, key_path: KeyPath, **values: str) -> None:
        message, hint = SYNTAX_MISTAKES[kind]
        shown = {name: excerpt(value, 2 * MAX_EXCERPT_CHARS) for name, value in values.items()}
        position = _position(mark)
        self.document.warnings.append(
            Problem(
                message.format(**shown),
                self.document.path,
                position.line,
                position.column,
                format_key_path(key_path),
                hint.format(**shown),
                severity="warning",
            )
        )

    def _warn_of_comment_after_text(self, node: yaml.ScalarNode, key_path: KeyPath) -> None:
        """``(see recommendation #4)``: YAML reads `` #4)`` as a comment and drops it.

        A comment that starts ``# `` (with a space) is taken as meant; ``#4`` is text."""
        mark = node.end_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        rest = line[mark.column :]
        stripped = rest.lstrip(" ")
        if stripped.startswith("#") and not stripped.startswith(("# ", "#\t")) and stripped != "#":
            column = mark.column + len(rest) - len(stripped)
            comment_mark = yaml.Mark("", 0, mark.line, column, "", 0)
            self._warning(
                comment_mark, "comment_in_text", key_path, dropped=stripped, text=str(node.value)
            )

    def _warn_of_comment_as_value(self, node: yaml.ScalarNode, key_path: KeyPath) -> None:
        """``value: #4 donor``: YAML reads the whole value as a comment, so it is empty."""
        mark = node.start_mark
        lines = self.lines
        rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
        stripped = rest.lstrip(" ")
        if stripped.startswith("#") and not stripped.startswith(("# ", "#\t")) and stripped != "#":
            column = mark.column + len(rest) - len(stripped)
            comment_mark = yaml.Mark("", 0, mark.line, column, "", 0)
            self._warning(comment_mark, "comment_as_value", key_path, dropped=stripped)

    def _warn_of_split_decimals(self, node: yaml.MappingNode, key_path: KeyPath) -> None:
        """``{fr: 18,2 millions}``: a decimal comma ends the value and starts a new key."""
        if not node.flow_style:
            return
        pairs = node.value
        for (_, value), (key, after) in itertools.pairwise(pairs):
            if not all(isinstance(n, yaml.ScalarNode) and n.style is None for n in (value, key)):
                continue
            between = self.text[value.end_mark.index : key.start_mark.index]
            empty = isinstance(after, yaml.ScalarNode) and after.tag.endswith(":null")
            if (
                between == ","
                and empty
                and re.search(r"\d$", str(value.value))
                and re.match(r"\d", str(key.value))
            ):
                typed = f"{value.value},{key.value}"
                self._warning(
                    value.start_mark, "split_decimal", key_path, typed=typed, first=str(value.value)
                )

    def _warn_of_split_numbers(self, node: yaml.SequenceNode, key_path: KeyPath) -> None:
        """``[Jordan, 1,450]``: a comma inside a number splits it into two entries."""
        if not node.flow_style:
            return
        items = node.value
        for index in range(len(items) - 1):
            first, second = items[index], items[index + 1]
            if not (isinstance(first, yaml.ScalarNode) and isinstance(second, yaml.ScalarNode)):
                continue
            if first.style is not None or second.style is not None:
                continue
            between = self.text[first.end_mark.index : second.start_mark.index]
            if (
                between == ","
                and re.fullmatch(r"\d{1,3}", str(first.value))
                and re.fullmatch(r"\d{3}(\.\d+)?", str(second.value))
            ):
                typed = f"{first.value},{second.value}"
                self._warning(
                    first.start_mark,
                    "split_number",
                    (*key_path, index),
                    typed=typed,
                    first=str(first.value),
                    second=str(second.value),
                    number=f"{first.value}{second.value}",
                )

    def _warn_of_swallowed_items(self, node: yaml.ScalarNode, key_path: KeyPath) -> None:
        message, hint = SYNTAX_MISTAKES["swallowed_item"]
        for line in items_swallowed_by_text(self.lines, node):
            column = len(self.lines[line - 1]) - len(self.lines[line - 1].lstrip(" "))
            self.document.warnings.append(
                Problem(
                    message,
                    self.document.path,
                    line,
                    column + 1,
                    format_key_path(key_path),
                    hint,
                    severity="warning",
                )
            )

    def _starts_item(self, node: yaml.MappingNode) -> bool:
        """A block mapping that is a list item (``- key: value`` on its first line)."""
        mark = node.start_mark
        lines = self.lines
        if node.flow_style or mark.line >= len(lines) or mark.column < 2:
            return False
        return lines[mark.line][: mark.column].rstrip(" ").endswith("-")

    def _build_mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(node, f"unsupported YAML tag {excerpt(node.tag, 80)}", key_path)
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        said_missing_dash = False
        self._warn_of_split_decimals(node, key_path)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, "merge keys (<<) are not supported", key_path, "write keys out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be plain text", key_path)
                continue
            key = str(key_node.value)
            self._count_characters(key_node, key)
            child_path = (*key_path, key)
            if key in first_seen:
                first_line = _position(first_seen[key].start_mark).line
                kind = "duplicate_key_in_item" if self._starts_item(node) else "duplicate_key"
                if kind == "duplicate_key_in_item" and said_missing_dash:
                    continue  # the keys after a missing dash: one mistake, one message
                said_missing_dash = kind == "duplicate_key_in_item"
                message, hint = YAML_MESSAGES[kind]
                dash = _position(node.start_mark)
                self.problem(
                    key_node,
                    message.format(key=quote_value(key), first_line=first_line),
                    child_path,
                    hint.format(dash_line=dash.line, dash_spaces=dash.column - 3),
                )
                continue
            first_seen[key] = key_node
            self.document.key_positions[child_path] = _position(key_node.start_mark)
            result[key] = self.build(value_node, child_path)
        return result


PARSE_RECURSION_LIMIT = 2_000
"""Python frames PyYAML may use: enough for a brief nested a few hundred levels (so the
section nesting limit can refuse it at its line), far below what the C stack holds."""


@contextmanager
def _recursion_room() -> Iterator[None]:
    """Let PyYAML's recursive composer (pure Python) go deeper than Python's default 1,000
    frames, which a brief with ~190 levels of sections already needs."""
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved, PARSE_RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


def parse_yaml(text: str, path: Path, *, strict: bool = True) -> SourceDocument:
    """Parse YAML text into a :class:`SourceDocument`, or raise a located BriefError.

    With ``strict=False``, problems that still leave usable data (a duplicate key, an
    unsupported tag) are kept in ``document.problems`` so validation can report its own
    problems alongside them: the user sees every mistake of a file at once.
    """
    document = SourceDocument(path=path, data=None, text=text)
    try:
        with _recursion_room():
            nodes = list(yaml.compose_all(text, Loader=_AliasMarkingLoader))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, text, error) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow (ESC, DEL...)
        raise _unacceptable_character(path, text, error) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks all it raises
        raise BriefError.single(f"YAML error: {error}", path) from None
    except RecursionError:
        raise BriefError.single(
            "is nested too deeply to be a brief", path, hint="is this the right file?"
        ) from None
    if not nodes or nodes[0] is None:
        raise BriefError.single(
            "is empty", path, line=1, column=1, hint="start from `briefgen new PATH`"
        )
    if len(nodes) > 1:
        raise BriefError.single(
            "holds more than one YAML document (a second '---')",
            path,
            line=_position(nodes[1].start_mark).line,
            column=1,
            hint="a brief file holds one brief",
        )
    builder = _Builder(document, text)
    try:
        with _recursion_room():
            document.data = builder.build(nodes[0], ())
    except RecursionError:
        raise BriefError.single(
            "is nested too deeply to be a brief", path, hint="is this the right file?"
        ) from None
    if builder.problems:
        if strict:
            raise BriefError(builder.problems)
        document.problems = builder.problems
    return document


def refuse_a_name_yaml_cannot_hold(path: Path, written: Path, why: str) -> None:
    """Refuse to write ``written``'s file name into a brief (``path``'s) when it is not
    UTF-8 text: a name out of an old archive, held by Python with a surrogate."""
    try:
        written.name.encode("utf-8")
    except UnicodeEncodeError:
        raise BriefError.single(
            f"its file name is not UTF-8 text, which {why}",
            path,
            hint="rename it with letters your system writes as UTF-8",
        ) from None


def yaml_text(value: str) -> str:
    """``value`` written as a YAML value that reads back as itself: plain when it can be,
    else double-quoted. A file name briefgen writes into YAML may be 'brief #2.yaml' (a
    comment, plain), '[draft] brief.yaml' (a list) or 'Q: water.yaml' (a mapping)."""
    import json

    try:
        plain = yaml.safe_load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def load_yaml(path: Path, *, strict: bool = True) -> SourceDocument:
    """Read and parse one brief file."""
    return parse_yaml(read_text(path), path, strict=strict)
