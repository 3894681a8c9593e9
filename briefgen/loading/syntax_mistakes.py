"""Find the line where an author made a YAML mistake, and say it in plain words.

PyYAML reports where its parser gave up, which is often a line or sixty lines after the
mistake (a missing colon is found on the next line; an unclosed quote runs on to the next
quote in the file). The common mistakes are few and recognisable in the source lines, so
each is diagnosed here from the text around PyYAML's marks; the table of messages is
:data:`briefgen.loading.messages.SYNTAX_MISTAKES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    fix: tuple[int, str] | None = None  # the hint's first advice: (1-based line, new text)


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


def _mistake(
    kind: str, line_index: int, column: int, fix: str | None = None, **values: object
) -> SyntaxMistake:
    message, hint = SYNTAX_MISTAKES[kind]
    # Texts from the source line are escaped and cut, like every value an error quotes;
    # twice the usual length, as the hint spells out a fix to copy.
    shown = {
        name: excerpt(v, 2 * MAX_EXCERPT_CHARS) if isinstance(v, str) else v
        for name, v in values.items()
    }
    return SyntaxMistake(
        line_index + 1,
        column,
        message.format(**shown),
        hint.format(**shown),
        (line_index + 1, fix) if fix is not None else None,
    )


def _item_key_column(line: str) -> int | None:
    """Where the key after a list item's dash starts (``    - name: X`` -> 6), if any."""
    match = re.match(r"^( *- +)", line)
    if match is None or not _KEY_VALUE.match(line):
        return None
    return len(match.group(1))


def _reindented(line: str, spaces: int) -> str:
    return " " * spaces + line.lstrip(" ")


def _key_name(line: str) -> str:
    match = _KEY_VALUE.match(line)
    return match.group("key").strip().strip("\"'") if match else ""


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


def _closing_quote(rest: str, quote: str) -> int | None:
    """Where the quote that closes a quoted text is, in the text after the opening one."""
    position = 0
    while position < len(rest):
        character = rest[position]
        if quote == '"' and character == "\\":
            position += 2
            continue
        if character == quote:
            if quote == "'" and rest[position + 1 : position + 2] == "'":
                position += 2
                continue
            return position
        position += 1
    return None


def _quote_inside_quotes(lines: list[str], last_index: int) -> SyntaxMistake | None:
    """A quote inside quoted text (``'the ILO's programme'``) that ends it early."""
    for index in range(min(last_index, len(lines) - 1), max(last_index - 3, -1), -1):
        line = lines[index]
        match = _QUOTED_VALUE_START.match(line)
        if match is None:
            continue
        quote = match.group("quote")
        opening = match.end() - 1
        closing = _closing_quote(line[opening + 1 :], quote)
        if closing is None:
            continue
        after = line[opening + 1 + closing + 1 :].strip()
        if not after or after.startswith("#"):
            continue
        last = line.rstrip().rfind(quote)
        inner = line[opening + 1 : last]
        words = re.findall(r"\S*" + re.escape(quote) + r"\S*", inner)
        word = excerpt(words[0] if words else quote)
        # Single quotes hold any character; an apostrophe inside them is doubled.
        fixed = line[:opening] + "'" + inner.replace("'", "''") + "'" + line[last + 1 :]
        if quote == "'":
            doubled = word.replace("'", "''")
            advice = f"double it ({doubled}), or put the text in double quotes"
        else:
            advice = 'put the text in single quotes, or write each " inside it as \\"'
        return _mistake(
            "quote_ends_text",
            index,
            opening + 1 + closing + 1,
            fixed,
            quote="apostrophe" if quote == "'" else 'double quote (")',
            word=f"'{word}'" if quote == '"' else word,
            advice=advice,
        )
    return None


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
        fix = " " * _indent(line) + "- " + stripped[1:]
        return _mistake("dash_without_space", index, column, fix, item=stripped[1:])
    siblings = [
        lines[other].strip()
        for other in (index - 1, index + 1)
        if 0 <= other < len(lines) and _indent(lines[other]) == _indent(line)
    ]
    if any(sibling.startswith("- ") for sibling in siblings):
        return _mistake("missing_dash", index, column, " " * _indent(line) + "- " + stripped)
    return _missing_colon(lines, index)


def _missing_colon(lines: list[str], index: int) -> SyntaxMistake:
    """``key value`` or ``- key value``: the colon after the key left out."""
    line = lines[index]
    prefix = re.match(r"^ *(?:- +)?", line)
    start = prefix.end() if prefix else 0
    key, _, value = line[start:].partition(" ")
    fix = f"{line[:start]}{key}: {value.strip()}".rstrip()
    return _mistake("missing_colon", index, start + 1, fix, key=key, value=value.strip())


def _lacks_colon(line: str) -> bool:
    """A ``- word words`` or ``word words`` line that reads as text, not as ``key: value``."""
    stripped = line.strip()
    body = stripped[2:] if stripped.startswith("- ") else stripped
    return (
        bool(re.match(r"^[A-Za-z_][\w-]* +\S", body))
        and not _KEY_VALUE.match(line)
        and not body.startswith(("'", '"'))
    )


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


def _is_item(line: str) -> bool:
    return line.lstrip(" ").startswith("- ")


def _parent_key(lines: list[str], index: int) -> int | None:
    """The nearest key line above, indented less than ``lines[index]``."""
    indent = _indent(lines[index])
    for previous in range(index - 1, -1, -1):
        line = lines[previous]
        if not _is_blank(line) and _indent(line) < indent and _KEY_VALUE.match(line):
            return previous
    return None


def _item_owning_column(lines: list[str], index: int, column: int) -> int | None:
    """The list item above whose key starts at ``column`` (its keys line up there)."""
    for previous in range(index - 1, -1, -1):
        line = lines[previous]
        if _is_blank(line):
            continue
        if _item_key_column(line) == column:
            return previous
        if _indent(line) < column - 2:
            return None
    return None


def _item_dash_at(lines: list[str], index: int, column: int) -> int | None:
    """A list item above with its dash at ``column``, in the same block."""
    for previous in range(index - 1, -1, -1):
        line = lines[previous]
        if _is_blank(line):
            continue
        if _indent(line) < column:
            return None
        if _indent(line) == column and _is_item(line):
            return previous
    return None


def _indentation(lines: list[str], index: int) -> SyntaxMistake:
    """A line indented so that it fits none of the blocks above it."""
    line = lines[index]
    column = _indent(line) + 1
    previous = _previous_content_line(lines, index)
    same_depth = previous is not None and _indent(line) == _indent(lines[previous])
    if previous is not None and same_depth and _is_item(lines[previous]) and not _is_item(line):
        key_column = _item_key_column(lines[previous])
        if key_column is not None:  # a key of the item above, lined up with its dash
            return _mistake(
                "key_under_dash",
                index,
                column,
                _reindented(line, key_column),
                reference_line=previous + 1,
                reference_key=_key_name(lines[previous]),
                reference_spaces=_spaces(key_column),
            )
        parent = _parent_key(lines, index)
        fix = _reindented(line, _indent(lines[parent])) if parent is not None else None
        return _mistake("key_beside_item", index, column, fix, reference_line=previous + 1)
    if previous is not None and same_depth and _is_item(line) and not _is_item(lines[previous]):
        owner = _item_owning_column(lines, index, _indent(line))
        if owner is not None:  # an item pasted among the keys of the item above
            return _mistake(
                "item_among_item_keys",
                index,
                column,
                _reindented(line, _indent(lines[owner])),
                reference_line=owner + 1,
                reference_spaces=_spaces(_indent(lines[owner])),
            )
        return _mistake("item_beside_key", index, column, reference_line=previous + 1)
    deeper = previous is not None and _indent(line) > _indent(lines[previous])
    if previous is not None and deeper and _lacks_colon(lines[previous]):
        return _missing_colon(lines, previous)
    if not deeper:
        dash = _item_dash_at(lines, index, _indent(line))
        if dash is not None and not _is_item(line) and _KEY_VALUE.match(line):
            fixed = " " * _indent(line) + "- " + line.strip()
            return _mistake("missing_dash", index, column, fixed)
        previous = _block_above(lines, index)
    reference = lines[previous] if previous is not None else ""
    target = _indent(reference)
    if not _is_item(line) and _item_key_column(reference) is not None:
        target = _item_key_column(reference) or target  # the key after the dash
    kind = "indented_too_deep" if deeper else "indented_too_shallow"
    return _mistake(
        kind,
        index,
        column,
        _reindented(line, target),
        spaces=_spaces(_indent(line)),
        reference_line=(previous or 0) + 1,
        reference_spaces=_spaces(target),
    )


def _mapping_value_not_allowed(lines: list[str], index: int, column: int) -> SyntaxMistake:
    """``mapping values are not allowed here``: a colon in a value, or a misplaced line."""
    line = lines[index]
    key_value = _KEY_VALUE.match(line)
    # A key holds no colon, so the first colon on the line is the one after the key.
    if key_value is not None and column - 1 > key_value.end("key"):
        key = key_value.group("key").strip().strip("\"'")
        value = line[key_value.end() :].strip().replace("'", "''")
        fix = f"{line[: key_value.end()].rstrip()} '{value}'"
        return _mistake("colon_in_value", index, column, fix, key=key)
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
        line = lines[index]
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        fix = (
            indentation.replace("\t", "  ") + line.lstrip(" \t")
            if indenting
            else line.replace("\t", " ")
        )
        kind = "tab" if indenting else "tab_in_value"
        return _mistake(kind, index, problem_mark.column + 1, fix)
    if "expected the node content" in problem and "','" in problem:
        return _mistake("empty_in_flow", index, problem_mark.column + 1)
    if "could not find expected ':'" in problem and context_mark is not None:
        return _missing_colon_or_dash(lines, context_mark.line)
    if "mapping values are not allowed" in problem:
        return _mapping_value_not_allowed(lines, index, problem_mark.column + 1)
    if "expected <block end>" in problem:
        if "<scalar>" in problem:  # a quote left open ends where the next one starts
            quoted = _quote_inside_quotes(lines, index) or _unclosed_quote(lines, index)
            if quoted is not None:
                return quoted
        return _indentation(lines, index)
    # PyYAML runs into the end of the stream only inside a quoted scalar.
    if "end of stream" in problem and context_mark is not None:
        return _unclosed_quote(lines, context_mark.line)
    return None


def items_swallowed_by_text(lines: Sequence[str], node: yaml.ScalarNode) -> list[int]:
    """Lines starting with ``- `` that a plain text value swallowed (1-based).

    ``- one`` followed by a line `` - two`` indented one space deeper is valid YAML: the
    second line continues the first item's text. An author almost always meant a new item.
    """
    if node.style is not None or node.start_mark.line == node.end_mark.line:
        return []
    last = min(node.end_mark.line, len(lines) - 1)
    return [
        index + 1
        for index in range(node.start_mark.line + 1, last + 1)
        if lines[index].lstrip(" ").startswith("- ")
    ]
