"""Numbers (issue 23.9): NaN, infinity and absurd sizes are refused at their line; every
number the model accepts is printed by every format and every language.

The bounds are :data:`briefgen.model.validators.NUMBER_MAX` and ``NUMBER_MIN``.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.api import load_brief, render_bytes
from briefgen.model.labels import available_languages
from briefgen.model.validators import NUMBER_MAX, NUMBER_MIN
from briefgen.render.view.numbers import format_number
from tests.cli_runner import invoke
from tests.conftest import brief_head


def _brief(number: int | float) -> dict[str, Any]:
    """A brief with ``number`` in every place a number goes: a key figure, a table cell, a
    chart's category and value, a map's value."""
    size = abs(number)
    return {
        **brief_head(),
        "sections": [
            {
                "kind": "key_figures",
                "figures": [{"value": number, "label": "a"}, {"value": 2, "label": "b"}],
            },
            {"kind": "table", "heading": "T", "header": ["a", "b"], "rows": [[number, "x"]]},
            {
                "kind": "chart",
                "heading": "C",
                "categories": ["a", number],
                "series": [{"name": "s", "values": [size, 1]}],
            },
            {
                "kind": "map",
                "heading": "M",
                "countries": [{"code": "KE", "value": number}, {"code": "TZ", "value": 1}],
            },
        ],
    }


ACCEPTED = st.one_of(
    st.just(0),
    st.integers(min_value=-NUMBER_MAX, max_value=NUMBER_MAX),
    st.floats(min_value=NUMBER_MIN, max_value=NUMBER_MAX),
    st.floats(min_value=-NUMBER_MAX, max_value=-NUMBER_MIN),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(number=ACCEPTED)
@example(number=NUMBER_MAX)
@example(number=-NUMBER_MAX)
@example(number=float(NUMBER_MAX))
@example(number=NUMBER_MIN)
@example(number=-NUMBER_MIN)
@example(number=999_999_999_999_999.9)
@example(number=0.1 + 0.2)
def test_every_accepted_number_renders_in_every_format(number: int | float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        brief = Path(folder) / "brief.yaml"
        brief.write_text(yaml.safe_dump(_brief(number)), encoding="utf-8")
        loaded = load_brief(brief)
        for fmt in ("html", "md", "docx"):
            content = render_bytes(loaded, fmt).content
            assert content
        html = re.sub(r"data:[^\"')]*", "", render_bytes(loaded, "html")[0].decode())
        assert '="nan"' not in html and "NaN" not in html and "∞" not in html


@settings(max_examples=200, deadline=None)
@given(number=ACCEPTED, language=st.sampled_from(available_languages()))
def test_every_accepted_number_is_formatted_in_every_language(
    number: int | float, language: str
) -> None:
    printed = format_number(number, language)
    digits = [char for char in printed if char.isdigit()]
    assert digits and len(digits) <= 40


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (".nan", ": nan is not a number a brief can print"),
        (".inf", ": inf is not a number a brief can print"),
        ("-.inf", ": -inf is not a number a brief can print"),
        ("1.0e+25", ": 1e+25 is too large or too small a number"),
        ("10000000000000000000000000", ": 10000000000000000000000000 is too large"),
        ("1000000000000001", ": 1000000000000001 is too large"),
        ("1.0e-300", ": 1e-300 is too large or too small a number"),
    ],
)
def test_absurd_numbers_are_refused_at_their_line(
    tmp_path: Path, written: str, message: str
) -> None:
    brief = tmp_path / "brief.yaml"
    text = yaml.safe_dump(_brief(123456789), sort_keys=False)
    places = text.count("123456789")  # key figure, cell, category, chart value, map value
    assert places == 5
    written_text = text.replace("123456789", written)
    brief.write_text(written_text, encoding="utf-8")
    result = invoke("validate", str(brief))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    *lines, count = result.stderr.splitlines()
    assert count == f"{places} errors", lines  # one per place: no "expected text" besides
    for line in lines:
        assert message in line, lines
        line_number = int(line.split(":")[1])
        assert written in written_text.splitlines()[line_number - 1]


def test_the_bounds_themselves_are_sane() -> None:
    assert math.isfinite(float(NUMBER_MAX)) and float(NUMBER_MAX) + 1 > NUMBER_MAX - 1
    assert NUMBER_MAX < 2**53  # every whole number up to it is a float exactly
