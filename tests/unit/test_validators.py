"""The model's own validators, each on the inputs at and around its edges."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from briefgen.model.brief import Contact, PublicationDate, Section
from briefgen.model.theme import Theme, contrast_problem, contrast_ratio, relative_luminance


def _codes(error: ValidationError) -> list[str]:
    return [str(detail.get("ctx", {}).get("error", detail["type"])) for detail in error.errors()]


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2017-10", "2017-10"), ("2017-10-05", "2017-10-05"), (" 2024-02-29 ", "2024-02-29")],
)
def test_dates_accepted(text: str, iso: str) -> None:
    assert PublicationDate.model_validate(text).iso() == iso


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("October 2017", "date_format"),
        ("2017-1", "date_format"),
        ("17-10", "date_format"),
        (2017, "date_format"),
        ("2017-13", "date_range"),
        ("2023-02-29", "date_range"),
        ("2017-00", "date_range"),
    ],
)
def test_dates_refused(value: Any, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        PublicationDate.model_validate(value)
    assert _codes(error.value) == [code]


@pytest.mark.parametrize(
    "email", ["ieu@unodc.org", "a.b+c@mail.example.co.uk", "o'neil_j@un-women.org"]
)
def test_emails_accepted(email: str) -> None:
    assert Contact(email=email).email == email


@pytest.mark.parametrize(
    "email",
    [
        "ieu",
        "ieu@unodc",
        "@unodc.org",
        "a b@unodc.org",
        "<script>@x.org",
        "a@b@c.org",
        "x@y.o>g",
        "https://evil.example/phish?@x.org",  # a web link in the Markdown's <...>
        "a(b)@x.org",
        'a"b@x.org',
        "a\\b@x.org",
        "ieu@unodc..org",
    ],
)
def test_emails_refused(email: str) -> None:
    with pytest.raises(ValidationError) as error:
        Contact(email=email)
    assert _codes(error.value) == ["email"]


def test_luminance_and_contrast_match_wcag() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_contrast_problem_names_the_failing_use() -> None:
    assert contrast_problem("primary", "#0b3d6b") == ""
    problem = contrast_problem("primary", "#9ab0c4")
    assert "contrast of only" in problem and "WCAG AA needs 4.5:1" in problem
    with pytest.raises(ValidationError):
        Theme(primary="#9ab0c4")
    assert Theme(primary="#0b3d6b").primary == "#0b3d6b"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "custom", "text": "x"}, "custom_heading"),
        (
            {"kind": "findings", "caption": "A map"},
            "kind_only:'caption' belongs to a figure, table, chart or map section,"
            " not a findings section",
        ),
        (
            {"kind": "ratings", "rows": [["a"]], "ratings": []},
            "kind_only:'rows' belongs to a table section, not a ratings section",
        ),
        ({"kind": "table", "header": ["a"]}, "block_needs:a table section needs 'rows'"),
        (
            {"kind": "key_figures", "figures": [{"value": 1, "label": "a"}]},
            "block_needs:key_figures shows two to six figures, not one",
        ),
        ({"kind": "figure", "image": "map.png"}, "figure_alt"),
        ({"kind": "figure"}, "figure_empty"),
        ({"kind": "findings", "text": "   "}, "must not be empty"),
    ],
)
def test_section_rules(fields: dict[str, Any], code: str) -> None:
    with pytest.raises(ValidationError) as error:
        Section.model_validate(fields)
    assert code in _codes(error.value)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "custom", "heading": "Scope", "text": "x"},
        {"kind": "custom", "show_heading": False, "text": "x"},
        {"kind": "figure", "image": "map.png", "alt": "A map"},
        {"kind": "figure", "image": "rule.svg", "decorative": True},
        {"kind": "figure", "caption": "A map"},
    ],
)
def test_sections_accepted(fields: dict[str, Any]) -> None:
    Section.model_validate(fields)


@pytest.mark.parametrize(
    ("fields", "numbered"),
    [
        ({"kind": "recommendations"}, True),
        ({"kind": "findings"}, False),
        ({"kind": "recommendations", "numbered": False}, False),
        ({"kind": "findings", "numbered": True}, True),
    ],
)
def test_numbering_defaults_by_kind(fields: dict[str, Any], numbered: bool) -> None:
    assert Section.model_validate({**fields, "items": ["a"]}).is_numbered is numbered
