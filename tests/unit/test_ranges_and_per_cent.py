"""Year ranges take an en dash, and a per cent sign the language's spacing everywhere
(issue 30, items 4 and 8): in text, not in codes, addresses or dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.render.view.markup import to_html
from briefgen.render.view.numbers import with_unit
from briefgen.render.view.typography import Typography, year_ranges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From 2015-2017 and 2015-17.", "From 2015\u20132017 and 2015\u201317."),
        ("(1998-2003)", "(1998\u20132003)"),
        ("in 2017-10", "in 2017-10"),  # a month, not a range
        ("on 2017-10-05", "on 2017-10-05"),  # a date
        ("2019-2015", "2019-2015"),  # not in order: not a range
        ("GLO/2015-2017", "GLO/2015-2017"),  # inside a code
        ("XAW-2015-2017", "XAW-2015-2017"),
        ("ref #2015-2016", "ref #2015-2016"),
    ],
)
def test_year_ranges(text: str, expected: str) -> None:
    assert year_ranges(text) == expected


def test_a_range_in_text_gets_its_dash_and_a_code_or_address_keeps_its_hyphen() -> None:
    html = to_html(
        "Over 2015-2017 (`2015-2017`), see [the report](https://x.org/2015-2017).", Typography()
    )
    assert "Over 2015\u20132017 (<code>2015-2017</code>)" in html
    assert 'href="https://x.org/2015-2017"' in html


def test_per_cent_is_spaced_as_the_language_spaces_it() -> None:
    english, french = Typography(), Typography(per_cent="\u00a0%")
    assert to_html("61 % then 61%", english) == "61% then 61%"
    assert to_html("61 % puis 61%", french) == "61\u00a0% puis 61\u00a0%"


@pytest.mark.parametrize(("language", "expected"), [("en", "61%"), ("fr", "61\u00a0%")])
def test_a_suffix_typed_with_its_space_is_the_language_s_per_cent(
    language: str, expected: str
) -> None:
    assert with_unit("61", None, " %", language) == expected
    assert with_unit("61", None, "%", language) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "61%"), ("fr", "61\u00a0%")])
def test_the_web_page_sets_per_cent_and_ranges_in_the_brief_s_language(
    tmp_path: Path, language: str, expected: str
) -> None:
    from briefgen.api import load_brief
    from briefgen.render.html import render_html
    from tests.conftest import SMALL_BRIEF

    path = tmp_path / "brief.yaml"
    text = SMALL_BRIEF.replace("language: en", f"language: {language}").replace(
        "The programme reached most villages.", "Reached 61 % of villages over 2015-2017."
    )
    path.write_text(text, encoding="utf-8")
    html = render_html(load_brief(path))
    assert f"Reached {expected} of villages over 2015\u20132017." in html
