"""One mistake, one message (issue 29): briefgen's words, at the value, never the library's.

The cases are the slips a new user made on an evidence brief; the walk puts every wrong
kind of value at every place of two valid briefs and checks what comes back.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from briefgen.errors import BriefError
from briefgen.loading.validate import validate_document
from briefgen.loading.yaml_source import load_yaml
from briefgen.model import brief as brief_module
from briefgen.model import evidence as evidence_module
from briefgen.model import theme as theme_module
from briefgen.model.brief import Brief
from briefgen.model.source import KeyPath, SourceDocument
from tests.cli_runner import validate_text
from tests.conftest import EVIDENCE_BRIEF, REFERENCE_BRIEF

EVIDENCE = EVIDENCE_BRIEF.read_text(encoding="utf-8")


def _edit(old: str, new: str) -> str:
    assert EVIDENCE.count(old) == 1, old
    return EVIDENCE.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


VALUES = "values: [210, 390, 560, 720]"
MAP_VALUE_WITH_UNIT = _edit(
    "- {code: ETH, category: Field mission}", "- code: ETH\n        value: 520k"
)
FLOW_MAP_VALUE = _edit("- {code: ETH, category: Field mission}", "- {code: ETH, value: 520k}")
CHART_PERCENT = _edit(VALUES, "values: [210, '18 %', 560, 720]")
CHART_PERCENTS = _edit(VALUES, "values: [44%, 52%, 560, 720]")
CHART_EMPTY_IN_FLOW = _edit(VALUES, "values: [210, , 560, 720]")
EMPTY_ITEM = _edit("      - id: f-relevance", "      -\n      - id: f-relevance")
CHART_THOUSANDS = _edit(VALUES, "values: [210, '1,450', 560, 720]")
CROSS_REFERENCE_LINE_4 = _edit(
    "      agreements ([](#f-referral)); its reach depends on the two agreements still\n"
    "      unsigned, and its shelters on money that ends with it ([](#f-shelters)).",
    "      agreements ([](#f-referral)); its reach depends on the two agreements still\n"
    "      unsigned, and its shelters on money that ends\n"
    "      with it, as the team found ([](#f-shelter)).",
)
EMPTY_LINE = _line_of(EMPTY_ITEM, "      -\n")
ROW = "sections[7].series[0].values"
LINE = _line_of(EVIDENCE, VALUES)

CASES = {
    "map value typed with its unit": (
        MAP_VALUE_WITH_UNIT,
        [
            "brief.yaml:84:16: sections[3].countries[0].value: '520k' is a number written"
            " with a multiplier (write 520000)"
        ],
    ),
    "map value typed with its unit, flow mapping": (
        FLOW_MAP_VALUE,
        [
            "brief.yaml:83:28: sections[3].countries[0].value: '520k' is a number written"
            " with a multiplier (write 520000)"
        ],
    ),
    "chart value typed with its unit": (
        CHART_PERCENT,
        [
            f"brief.yaml:{LINE}:23: {ROW}[1]: '18 %' is a number written with its unit"
            ' (write the number alone, 18, and the unit once, in the section\'s unit: "%")'
        ],
    ),
    "chart values typed with their unit": (
        CHART_PERCENTS,
        [
            f"brief.yaml:{LINE}:18: {ROW}[0]: '44%' is a number written with its unit"
            ' (write the number alone, 44, and the unit once, in the section\'s unit: "%")',
            f"brief.yaml:{LINE}:23: {ROW}[1]: '52%' is a number written with its unit"
            ' (write the number alone, 52, and the unit once, in the section\'s unit: "%")',
        ],
    ),
    "chart value with a thousands separator": (
        CHART_THOUSANDS,
        [
            f"brief.yaml:{LINE}:23: {ROW}[1]: '1,450' is a number written with a separator"
            " (write it as 1450, without quotes)"
        ],
    ),
    "empty entry in a flow list": (
        CHART_EMPTY_IN_FLOW,
        [
            f"brief.yaml:{LINE}:23: YAML syntax error: an entry of this [...] list is empty:"
            " nothing stands between two commas (write the value between the commas, or"
            " remove one comma)"
        ],
    ),
    "empty list item": (
        EMPTY_ITEM,
        [
            f"brief.yaml:{EMPTY_LINE}:8: sections[4].items[0]: this"
            " list entry is empty (write its value, or remove the entry)"
        ],
    ),
    "cross-reference on the fourth line of a paragraph": (
        CROSS_REFERENCE_LINE_4,
        [
            f"brief.yaml:{_line_of(CROSS_REFERENCE_LINE_4, '(#f-shelter)')}:37:"
            " sections[6].text: the cross-reference '#f-shelter' names no item or section"
            " (did you mean 'f-shelters'? give the item an id: {id: f-shelter, text: ...},"
            " or correct the reference)"
        ],
    ),
}


pytestmark = pytest.mark.usefixtures("in_tmp")


def _validate(text: str) -> tuple[int, list[str]]:
    """The exit code and the lines of the messages (not the count of errors after them)."""
    code, lines = validate_text(text)
    return code, [line for line in lines if not line.endswith(" errors")]


@pytest.mark.parametrize("name", CASES)
def test_one_mistake_gets_one_message_at_the_value(name: str) -> None:
    text, expected = CASES[name]
    code, lines = _validate(text)
    assert code == 1
    assert lines == expected


# --- the walk -------------------------------------------------------------------------

WRONG_VALUES: tuple[object, ...] = (
    None,
    {"unknown": 1},
    [1, "two"],
    "18 %",
    "",
    True,
    -2.5,
    "not-a-value",
)
"""A value of every kind an author may put in the wrong place."""

MODEL_NAMES = {
    name
    for module in (brief_module, evidence_module, theme_module)
    for name, value in vars(module).items()
    if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
}
LIBRARY_WORDS = re.compile(
    r"Input should|Field required|Extra inputs|Value error|valid (number|integer|string|"
    r"dictionary|list)|unable to parse|function-after|constrained-str|\[type="
)


def _paths(data: object) -> list[KeyPath]:
    """Every key path of the data, containers included; of a list's items (but the
    sections, each of another kind) the first two only, as the others are alike."""
    found: list[KeyPath] = []
    stack: list[tuple[KeyPath, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if any(isinstance(part, int) and part > 1 for part in path[2:]):
            continue
        if path:
            found.append(path)
        if isinstance(value, dict):
            stack += [((*path, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            stack += [((*path, index), item) for index, item in enumerate(value)]
    return found


def _with(data: Any, path: KeyPath, value: object) -> Any:
    """A copy of ``data`` with ``value`` at ``path``: only the containers on the way copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    changed = copy.copy(data)
    changed[head] = _with(data[head], rest, value)
    return changed


def _library_messages(data: object) -> set[str]:
    try:
        Brief.model_validate(data)
    except ValidationError as error:
        return {detail["msg"] for detail in error.errors()}
    return set()


@pytest.mark.parametrize("brief", [REFERENCE_BRIEF, EVIDENCE_BRIEF], ids=["reference", "evidence"])
def test_every_error_the_model_can_give_is_one_message_in_briefgens_words(brief: Path) -> None:
    source = load_yaml(brief)
    checked = 0
    for path in _paths(source.data):
        for wrong in WRONG_VALUES:
            data = _with(source.data, path, wrong)
            library = _library_messages(data)
            try:
                validate_document(SourceDocument(source.path, data, text=source.text))
            except BriefError as error:
                problems = error.problems
            else:
                continue
            checked += 1
            where = f"{path} = {wrong!r}"
            for problem in problems:
                text = f"{problem.key_path}: {problem.message} ({problem.hint})"
                assert not LIBRARY_WORDS.search(text), f"{where}: {text}"
                assert problem.message not in library, f"{where}: {text}"
                assert not set(re.findall(r"\w+", text)) & MODEL_NAMES, f"{where}: {text}"
            if not library:
                continue  # the model took it: the whole-brief checks may find two slips
            repeated = [key for key, n in Counter(p.key_path for p in problems).items() if n > 1]
            assert not repeated, f"{where}: two messages for {repeated}: {problems}"
    assert checked > 500  # the walk did reach the model's errors
