"""Find the line where an author made a YAML mistake, and say it in plain words.

PyYAML reports where its parser gave up, which is often a line or sixty lines after the
mistake (a missing colon is found on the next line; an unclosed quote runs on to the next
quote in the file). The common mistakes are few and recognisable in the source lines, so
each is diagnosed here from the text around PyYAML's marks; the table of messages is
:data:`briefgen.loading.messages.SYNTAX_MISTAKES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from briefgen.errors import MAX_EXCERPT_CHARS, excerpt
from briefgen.loading.messages import SYNTAX_MISTAKES

_KEY_VALUE = re.compile(
    r"^(?P<indent> *)(?:- +)?"
    # A plain key may hold a colon that no space follows ("a:b"); a quoted one anything.
    r"(?P<key>\"[^\"]*\"|'[^']*'|[^\s#'\"\-](?:[^:#]|:(?=[^\s]))*?):(?: |$)"
)
_QUOTED_VALUE_START = re.compile(r"^ *(?:- +)?(?:[^\s#'\"][^:#]*?: +)?(?P<quote>[\"'])")


@dataclass(frozen=True)
class SyntaxMistake:
    """A diagnosed mistake: where the author made it and what to tell them."""

    line: int  # 1-based
    column: int  # 1-based
    message: str
    hint: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _previous_content_line(lines: list[str], index: int) -> int | None:
    """The index of the last non-blank, non-comment line before ``index``."""
    for previous in range(index - 1, -1, -1):
        if not _is_blank(lines[previous]):
            return previous
    return None


def _mistake(kind: str, line_index: int, column: int, **values: object) -> SyntaxMistake:
    message, hint = SYNTAX_MISTAKES[kind]
    # Texts from the source line are escaped and cut, like every value an error quotes;
    # twice the usual length, as the hint spells out a fix to copy.
    shown = {
        name: excerpt(v, 2 * MAX_EXCERPT_CHARS) if isinstance(v, str) else v
        for name, v in values.items()
    }
    return SyntaxMistake(line_index + 1, column, message.format(**shown), hint.format(**shown))


def _unclosed_quote_on(line: str) -> str | None:
    """The quote character that opens this line's value and is not closed on it, if any."""
    match = _QUOTED_VALUE_START.match(line)
    if match is None:
        return None
    quote = match.group("quote")
    rest = line[match.end() :]
    position = 0
    while position < len(rest):
        character = rest[position]
        if quote == '"' and character == "\\":
            position += 2
            continue
        if character == quote:
            if quote == "'" and rest[position + 1 : position + 2] == "'":
                position += 2  # '' is an escaped quote inside single quotes
                continue
            return None
        position += 1
    return quote


def _unclosed_quote(lines: list[str], last_index: int) -> SyntaxMistake | None:
    """The last line at or before ``last_index`` whose quoted value is left open."""
    for index in range(min(last_index, len(lines) - 1), -1, -1):
        quote = _unclosed_quote_on(lines[index])
        if quote is not None:
            column = lines[index].index(quote) + 1
            return _mistake("unclosed_quote", index, column, quote=quote)
    return None


def _missing_colon_or_dash(lines: list[str], index: int) -> SyntaxMistake:
    """A line that is neither ``key: value`` nor ``- item``: say which it was meant to be."""
    line = lines[index]
    stripped = line.strip()
    column = _indent(line) + 1
    if re.match(r"^-[^\s-]", stripped):
        return _mistake("dash_without_space", index, column, item=stripped[1:])
    siblings = [
        lines[other].strip()
        for other in (index - 1, index + 1)
        if 0 <= other < len(lines) and _indent(lines[other]) == _indent(line)
    ]
    if any(sibling.startswith("- ") for sibling in siblings):
        return _mistake("missing_dash", index, column)
    key, _, value = stripped.partition(" ")
    return _mistake("missing_colon", index, column, key=key, value=value.strip())


def _is_structural(line: str) -> bool:
    """A line that starts a key or a list item (not one continuing a text)."""
    return bool(_KEY_VALUE.match(line)) or line.lstrip(" ").startswith("- ")


def _block_above(lines: list[str], index: int) -> int | None:
    """The key or item line that ``lines[index]`` most likely meant to line up with.

    Looking back over the lines indented deeper than it (the block it sits in), the
    shallowest key or item; failing that, the previous line.
    """
    indent = _indent(lines[index])
    best: int | None = None
    for previous in range(index - 1, -1, -1):
        line = lines[previous]
        if _is_blank(line):
            continue
        if _indent(line) <= indent:
            break
        if _is_structural(line) and (best is None or _indent(line) < _indent(lines[best])):
            best = previous
    return best if best is not None else _previous_content_line(lines, index)


def _indentation(lines: list[str], index: int) -> SyntaxMistake:
    """A line indented so that it fits none of the blocks above it."""
    line = lines[index]
    previous = _previous_content_line(lines, index)
    if (
        previous is not None
        and _indent(line) == _indent(lines[previous])
        and lines[previous].lstrip(" ").startswith("- ") != line.lstrip(" ").startswith("- ")
    ):  # a key among list items, or an item among keys, at the same depth
        kind = "item_beside_key" if line.lstrip(" ").startswith("- ") else "key_beside_item"
        return _mistake(kind, index, _indent(line) + 1, reference_line=previous + 1)
    deeper = previous is not None and _indent(line) > _indent(lines[previous])
    if not deeper:
        previous = _block_above(lines, index)
    reference = lines[previous] if previous is not None else ""
    kind = "indented_too_deep" if deeper else "indented_too_shallow"
    return _mistake(
        kind,
        index,
        _indent(line) + 1,
        spaces=_spaces(_indent(line)),
        reference_line=(previous or 0) + 1,
        reference_spaces=_spaces(_indent(reference)),
    )


def _mapping_value_not_allowed(lines: list[str], index: int, column: int) -> SyntaxMistake:
    """``mapping values are not allowed here``: a colon in a value, or a misplaced line."""
    line = lines[index]
    key_value = _KEY_VALUE.match(line)
    # A key holds no colon, so the first colon on the line is the one after the key.
    if key_value is not None and column - 1 > key_value.end("key"):
        key = key_value.group("key").strip().strip("\"'")
        return _mistake("colon_in_value", index, column, key=key)
    previous = _previous_content_line(lines, index)
    if previous is not None and _indent(lines[previous]) == _indent(line):
        return _missing_colon_or_dash(lines, previous)
    return _indentation(lines, index)


def diagnose(text: str, error: yaml.MarkedYAMLError) -> SyntaxMistake | None:
    """The author's mistake behind a PyYAML error, or None if it is not a common one."""
    lines = text.splitlines()
    problem = error.problem or ""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if problem_mark is None:
        return None
    index = min(problem_mark.line, max(len(lines) - 1, 0))
    if not lines:
        return None
    if "'\\t'" in problem:  # "found character '\\t' that cannot start any token"
        indenting = not lines[index][: problem_mark.column].strip(" \t-")  # "  -\tb" too
        return _mistake("tab" if indenting else "tab_in_value", index, problem_mark.column + 1)
    if "expected the node content" in problem and "','" in problem:
        return _mistake("empty_in_flow", index, problem_mark.column + 1)
    if "could not find expected ':'" in problem and context_mark is not None:
        return _missing_colon_or_dash(lines, context_mark.line)
    if "mapping values are not allowed" in problem:
        return _mapping_value_not_allowed(lines, index, problem_mark.column + 1)
    if "expected <block end>" in problem:
        if "<scalar>" in problem:  # a quote left open ends where the next one starts
            quoted = _unclosed_quote(lines, index)
            if quoted is not None:
                return quoted
        return _indentation(lines, index)
    # PyYAML runs into the end of the stream only inside a quoted scalar.
    if "end of stream" in problem and context_mark is not None:
        return _unclosed_quote(lines, context_mark.line)
    return None


def items_swallowed_by_text(text: str, node: yaml.ScalarNode) -> list[int]:
    """Lines starting with ``- `` that a plain text value swallowed (1-based).

    ``- one`` followed by a line `` - two`` indented one space deeper is valid YAML: the
    second line continues the first item's text. An author almost always meant a new item.
    """
    if node.style is not None or node.start_mark.line == node.end_mark.line:
        return []
    lines = text.splitlines()
    last = min(node.end_mark.line, len(lines) - 1)
    return [
        index + 1
        for index in range(node.start_mark.line + 1, last + 1)
        if lines[index].lstrip(" ").startswith("- ")
    ]
