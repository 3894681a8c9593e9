"""One mistake, one message: pick, from pydantic's errors, the ones the author needs.

Where a value may take several shapes (a text or a person, a label or a country with a
value, an int or a float), pydantic reports the value once per shape it tried: three
messages for one slip, two of them about shapes the author never meant. Here every
error's location is split into the path of the value in the brief and the union branches
("tags") pydantic went through; at each union the branch whose shape matches what the
author wrote is kept, the others dropped, and what is left is one error per value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic_core import ErrorDetails

from briefgen.model.source import KeyPath

_SCALAR_TAGS = frozenset({"int", "float", "str", "bool", "none", "constrained-str"})


@dataclass(frozen=True)
class LocatedError:
    """A pydantic error with its location split into the value's path and union tags."""

    error: ErrorDetails
    path: KeyPath
    tags: tuple[tuple[int, str], ...]  # (length of the path where it was taken, tag)


def _is_model_tag(tag: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z0-9]*", tag))


def tag_shape(tag: str) -> str:
    """The shape of value a union branch takes: mapping, list or scalar."""
    if _is_model_tag(tag) or tag.startswith("dict["):
        return "mapping"
    if tag.startswith(("list[", "tuple[")):
        return "list"
    return "scalar"


def value_shape(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "scalar"


def locate(error: ErrorDetails, data: Any) -> LocatedError:
    """Split pydantic's location into the value's key path and the union tags on the way.

    A part of the location that is a key or index of the data is a step into it; the
    last part of a ``missing`` error is the key that is missing; any other part is the
    name of a union branch (``MapCountry``, ``int``, ``function-after[...]``).
    """
    path: list[str | int] = []
    tags: list[tuple[int, str]] = []
    current: Any = data
    loc = error["loc"]
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            path.append(part)
            current = current[part]
        elif (
            error["type"] == "missing"
            and index == len(loc) - 1
            and isinstance(current, dict)
            and isinstance(part, str)
        ):
            path.append(part)  # the missing key, so the message can name it
        else:
            tags.append((len(path), str(part)))
    return LocatedError(error, tuple(path), tuple(tags))


def _value_at(data: Any, path: KeyPath) -> Any:
    current = data
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


def _best_tag(candidates: dict[str, list[LocatedError]], value: object, is_item: bool) -> str:
    """The branch the author meant: the one of the shape they wrote, then the fewest errors.

    Among scalar branches a text is read as meant for a number when it starts with a
    digit (``18 %``, ``520k``), else as text.
    """
    shape = value_shape(value)
    if (
        is_item
        and text_with_colon(value) is not None
        and any(tag_shape(tag) == "scalar" for tag in candidates)
    ):
        shape = "scalar"  # "- Lesson 1: jobs" is a text with a colon, not a mapping

    def rank(tag: str) -> tuple[int, int, int]:
        same_shape = tag_shape(tag) == shape
        numeric = tag in {"int", "float"}
        looks_numeric = (isinstance(value, str) and bool(re.match(r"\s*[-+]?\d", value))) or (
            isinstance(value, int | float) and not isinstance(value, bool)
        )
        prefers = numeric == looks_numeric if shape == "scalar" else True
        return (0 if same_shape else 1, 0 if prefers else 1, len(candidates[tag]))

    return min(candidates, key=rank)


def text_with_colon(value: object) -> str | None:
    """The text an author meant when YAML read ``- Lesson 1: training`` as a mapping."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((key, inner),) = value.items()
    if isinstance(inner, dict | list) or " " not in f"{key} {inner or ''}".strip():
        return None
    return f"{key}: {inner}" if inner is not None else f"{key}:"


def choose(errors: list[ErrorDetails], data: Any) -> list[LocatedError]:
    """The errors of the branches the author meant, one per value, in pydantic's order."""
    located = [locate(error, data) for error in errors]
    depth = 0
    while True:
        # union points at this depth of tags: (path where taken, tags before it)
        points: dict[tuple[KeyPath, tuple[tuple[int, str], ...]], dict[str, list[LocatedError]]]
        points = {}
        for item in located:
            if len(item.tags) > depth:
                where, tag = item.tags[depth]
                key = (item.path[:where], item.tags[:depth])
                points.setdefault(key, {}).setdefault(tag, []).append(item)
        if not points:
            break
        chosen: dict[tuple[KeyPath, tuple[tuple[int, str], ...]], str] = {
            key: _best_tag(
                candidates,
                _value_at(data, key[0]),
                bool(key[0]) and isinstance(key[0][-1], int),
            )
            for key, candidates in points.items()
        }
        kept = []
        for item in located:
            if len(item.tags) > depth:
                where, tag = item.tags[depth]
                if chosen[(item.path[:where], item.tags[:depth])] != tag:
                    continue
            kept.append(item)
        located = kept
        depth += 1
    seen: set[KeyPath] = set()
    unique = []
    for item in located:
        if item.path not in seen:
            seen.add(item.path)
            unique.append(item)
    return unique


MULTIPLIER_WORDS: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_NUMBER_AND_UNIT = re.compile(
    r"^\s*(?P<before>[^\d\s-]{1,4}\s?)?(?P<number>[-+]?\d[\d,.\u00a0\u202f ]*?)\s*"
    r"(?P<unit>[^\d\s,.].*?)?\s*$"
)


def _plain_number(digits: str) -> float | None:
    """``1,450`` -> 1450, ``18,2`` -> 18.2, ``1 450.5`` -> 1450.5; None if unreadable."""
    compact = re.sub(r"[\u00a0\u202f ]", "", digits)
    if "," in compact and "." in compact:
        compact = compact.replace(",", "")
    elif "," in compact:
        whole, *groups = compact.split(",")
        if all(len(group) == 3 for group in groups) and len(whole) <= 3:
            compact = compact.replace(",", "")  # thousands separators
        elif len(groups) == 1:
            compact = compact.replace(",", ".")  # a decimal comma
        else:
            return None
    try:
        return float(compact)
    except ValueError:
        return None


def _written(number: float) -> str:
    return str(int(number)) if number == int(number) else repr(number)


@dataclass(frozen=True)
class NumberWithUnit:
    """A number the author typed with its unit or a separator, and the number to write."""

    number: str  # e.g. "520000"
    unit: str  # what came with it, e.g. "%", "k", "USD"; "" for a separator only


def number_with_unit(text: object) -> NumberWithUnit | None:
    """``'18 %'``, ``'520k'``, ``'USD 14'``, ``'1,450'``: the number meant, else None."""
    if not isinstance(text, str):
        return None
    match = _NUMBER_AND_UNIT.match(text)
    if match is None:
        return None
    value = _plain_number(match.group("number"))
    if value is None:
        return None
    unit = (match.group("unit") or "").strip()
    before = (match.group("before") or "").strip()
    multiplier = MULTIPLIER_WORDS.get(unit.lower())
    if multiplier is not None:
        value *= multiplier
    return NumberWithUnit(_written(value), before or unit)
