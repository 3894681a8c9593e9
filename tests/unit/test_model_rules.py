"""The model's rules (briefgen.model.validators), each at and around its edges.

A refusal is checked by the code and detail the loader turns into the user's message
(see briefgen.loading.messages); an acceptance by the value the model keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import ValidationError

from briefgen.model.brief import Evaluation, Fact, PublicationDate, Section
from briefgen.model.evidence import Item, scale_levels
from briefgen.model.validators import (
    as_list,
    check_language,
    check_languages,
    check_nesting,
    no_blank,
)


def _refusals(error: ValidationError) -> list[str]:
    return [str(detail.get("ctx", {}).get("error", detail["type"])) for detail in error.errors()]


def _refusal(model: Any, value: object) -> str:
    with pytest.raises(ValidationError) as error:
        model.model_validate(value)
    (refusal,) = _refusals(error.value)
    return refusal


@pytest.mark.parametrize(
    ("value", "listed"),
    [(None, []), ("One text", ["One text"]), (["a", "b"], ["a", "b"]), ([], [])],
)
def test_one_text_stands_for_a_list(value: object, listed: list[str]) -> None:
    assert as_list(value) == listed
    assert list(Section.model_validate({"kind": "findings", "text": value}).text) == listed


@pytest.mark.parametrize("blank", ["", " ", "\t\n"])
def test_blank_text_is_refused(blank: str) -> None:
    with pytest.raises(ValueError, match=r"^must not be empty$"):
        no_blank(blank)
    assert _refusal(Item, {"id": "rec-1", "text": blank}) == "must not be empty"


def test_text_is_kept_as_written() -> None:
    assert no_blank(" x ") == " x "
    assert Item(id="rec-1", text="  **Keep** going ").text == "**Keep** going"


@pytest.mark.parametrize(
    ("value", "kept"),
    [("Donors", ["Donors"]), (["A", {"name": "B", "role": "Lead"}], ["A", "B"])],
)
def test_a_quick_fact_keeps_its_values(value: object, kept: list[str]) -> None:
    fact = Fact.model_validate({"label": "Team", "value": value})
    assert [getattr(entry, "name", entry) for entry in fact.value] == kept


@pytest.mark.parametrize("empty", [[], None])
def test_a_quick_fact_without_a_value_is_refused(empty: object) -> None:
    assert _refusal(Fact, {"label": "Donors", "value": empty}) == "must not be empty"


@pytest.mark.parametrize(
    ("title", "refusal"),
    [
        ("[](https://a.example)", "no_text"),
        ("**[](https://a.example)** [](https://b.example)", "no_text"),
        ("   ", "must not be empty"),
    ],
)
def test_a_title_needs_words(title: str, refusal: str) -> None:
    assert _refusal(Evaluation, {"type": "Final", "title": title}) == refusal


@pytest.mark.parametrize("title", ["Clean water", "**Clean** [water](https://a.example)", "0"])
def test_a_title_with_words_is_kept(title: str) -> None:
    assert Evaluation(type="Final", title=title).title == title


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (dt.date(2017, 10, 5), "2017-10-05"),
        (dt.date(2024, 2, 29), "2024-02-29"),
        ({"year": 2017, "month": 10}, "2017-10"),
        ({"year": 2017, "month": 10, "day": 31}, "2017-10-31"),
        ("2017-12", "2017-12"),
        ("2017-12-31", "2017-12-31"),
        ("0999-01", "0999-01"),
    ],
)
def test_a_date_from_yaml_keeps_its_day(value: object, iso: str) -> None:
    assert PublicationDate.model_validate(value).iso() == iso


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2017-10", dt.date(2017, 10, 1)),
        ("2017-10-05", dt.date(2017, 10, 5)),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
    ],
)
def test_a_month_is_dated_by_its_first_day(value: object, day: dt.date) -> None:
    assert PublicationDate.model_validate(value).as_date() == day


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("2017-10-5", "date_format"),
        ("2017-10-05x", "date_format"),
        ("x2017-10", "date_format"),
        ("201-10", "date_format"),
        (True, "date_format"),
        ("2017-02-30", "date_range"),
        ("2017-10-00", "date_range"),
        ("2017-10-32", "date_range"),
        ("0000-01", "date_range"),
    ],
)
def test_dates_refused_at_their_edges(value: object, refusal: str) -> None:
    assert _refusal(PublicationDate, value) == refusal


def test_the_schema_asks_editors_for_a_date_as_text() -> None:
    schema = PublicationDate.model_json_schema()
    assert schema == {
        "type": "string",
        "pattern": r"^(\d{4})-(\d{2})(?:-(\d{2}))?$",
        "description": "A publication date: a month (``2017-10``) or a day (``2017-10-05``).",
        "examples": ["2017-10"],
    }


SECTION_REFUSALS = [
    ({"kind": "custom"}, "custom_heading"),
    ({"text": "A section of the author's own"}, "custom_heading"),
    ({"kind": "custom", "heading": "", "text": "x"}, "custom_heading"),
    ({"kind": "findings", "image": "map.png"}, "kind_only:'image' belongs to a figure section"),
    ({"kind": "figure", "image": "m.png", "alt": "M", "unit": "%"}, "kind_only:'unit'"),
    ({"kind": "table", "header": ["a"], "rows": [["1"]], "alt": "x"}, "kind_only:'alt'"),
    ({"kind": "findings", "extent": "world"}, "kind_only:'extent' belongs to a map section"),
    ({"kind": "findings", "scale": "four-point"}, "kind_only:'scale' belongs to a ratings"),
    ({"kind": "table", "rows": [["1"]]}, "block_needs:a table section needs 'header'"),
    ({"kind": "table"}, "block_needs:a table section needs 'header' and 'rows'"),
    ({"kind": "chart"}, "block_needs:a chart section needs 'categories' and 'series'"),
    ({"kind": "ratings"}, "block_needs:a ratings section needs 'ratings'"),
    ({"kind": "map"}, "block_needs:a map section needs 'countries'"),
    (
        {"kind": "management_response"},
        "block_needs:a management_response section needs 'responses'",
    ),
    ({"kind": "key_figures"}, "block_needs:a key_figures section needs 'figures'"),
    ({"kind": "figure", "image": "map.png", "alt": ""}, "figure_alt"),
    ({"kind": "figure", "image": "map.png", "decorative": False}, "figure_alt"),
    ({"kind": "figure", "alt": "A map"}, "figure_empty"),
    ({"kind": "figure", "decorative": True}, "figure_empty"),
]


@pytest.mark.parametrize(("fields", "refusal"), SECTION_REFUSALS)
def test_section_refusals(fields: dict[str, Any], refusal: str) -> None:
    assert _refusal(Section, fields).startswith(refusal)


@pytest.mark.parametrize(
    ("key", "value", "kinds", "kind"),
    [
        ("image", "m.png", "a figure section", "findings"),
        ("alt", "A chart", "a figure, chart or map section", "findings"),
        ("unit", "%", "a chart or map section", "background"),
        ("rows", [["1"]], "a table section", "ratings"),
        ("figures", [{"value": 1, "label": "a"}], "a key_figures section", "lessons"),
    ],
)
def test_a_key_of_another_kind_names_the_kinds_that_take_it(
    key: str, value: object, kinds: str, kind: str
) -> None:
    refusal = _refusal(Section, {"kind": kind, "text": "x", key: value})
    assert refusal == f"kind_only:'{key}' belongs to {kinds}, not a {kind} section"


def _figures(count: int) -> list[dict[str, object]]:
    return [{"value": index, "label": f"figure {index}"} for index in range(count)]


@pytest.mark.parametrize(("count", "fine"), [(1, False), (2, True), (6, True)])
def test_key_figures_show_two_to_six(count: int, fine: bool) -> None:
    fields = {"kind": "key_figures", "figures": _figures(count)}
    if fine:
        assert len(Section.model_validate(fields).figures) == count
    else:
        refusal = _refusal(Section, fields)
        assert refusal == "block_needs:key_figures shows two to six figures, not one"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "custom", "heading": "Scope", "text": "x"},
        {"kind": "custom", "show_heading": False, "text": "x"},
        {"kind": "findings", "text": "x"},
        {"kind": "findings", "caption": None, "rows": [], "unit": None},  # written, but empty
        {"kind": "figure", "image": "map.png", "alt": "A map"},
        {"kind": "figure", "image": "rule.svg", "decorative": True},
        {"kind": "figure", "caption": "A map to come"},
        {"kind": "table", "header": ["Year"], "rows": [["2017"]], "caption": "c", "note": "n"},
        {"kind": "chart", "categories": ["2017"], "series": [{"name": "a", "values": [1]}]},
        {"kind": "chart", "categories": [2017], "series": [{"name": "a", "values": [1]}]},
        {"kind": "map", "countries": ["KE"], "unit": "%", "alt": "Kenya"},
        {"kind": "ratings", "ratings": [{"criterion": "relevance", "rating": "satisfactory"}]},
        {
            "kind": "management_response",
            "responses": [{"recommendation": "r1", "response": "rejected"}],
        },
    ],
)
def test_sections_accepted(fields: dict[str, Any]) -> None:
    section = Section.model_validate(fields)
    assert section.kind == fields["kind"]


def _nested(depth: int) -> Section:
    """A findings section with ``depth`` levels of sections, itself included."""
    section = Section(kind="findings", text=["deepest"])
    for _ in range(depth - 1):
        section = Section(kind="findings", text=["x"], sections=[section])
    return section


@pytest.mark.parametrize(("depth", "fine"), [(1, True), (8, True), (9, False), (12, False)])
def test_sections_nest_eight_levels_deep(depth: int, fine: bool) -> None:
    shallow = Section(kind="background", text=["first"])
    if fine:
        check_nesting([shallow, _nested(depth)])
        check_nesting([_nested(depth), shallow])
    else:
        for order in ([shallow, _nested(depth)], [_nested(depth), shallow]):
            with pytest.raises(ValueError, match=r"^section_depth$"):
                check_nesting(order)


def test_deep_siblings_are_each_counted_from_their_own_level() -> None:
    two_deep_at_level_seven = _nested(6)
    for _ in range(2):
        two_deep_at_level_seven = Section(
            kind="findings", text=["x"], sections=[_nested(2), two_deep_at_level_seven]
        )
    check_nesting([two_deep_at_level_seven])  # 8 levels
    with pytest.raises(ValueError, match=r"^section_depth$"):
        check_nesting([Section(kind="findings", text=["x"], sections=[two_deep_at_level_seven])])


LANGUAGES = ("ar", "en", "es", "fr")


@pytest.mark.parametrize("code", ["en", "fr", "es-419", "ar-EG"])
def test_a_language_with_labels_is_accepted(code: str) -> None:
    assert check_language(code, LANGUAGES) == code


@pytest.mark.parametrize("code", ["de", "eng", "en419", "419-en", "xx-en"])
def test_a_language_without_labels_lists_those_that_have_them(code: str) -> None:
    with pytest.raises(ValueError) as error:
        check_language(code, LANGUAGES)
    assert str(error.value) == "unknown_language:ar, en, es, fr"


@pytest.mark.parametrize("codes", [[], ["en"], ["en", "fr", "ar"], ["es-419", "fr-CA"]])
def test_languages_with_labels_are_accepted(codes: list[str]) -> None:
    assert check_languages(codes, LANGUAGES) == codes


@pytest.mark.parametrize(
    ("codes", "named"),
    [
        (["de"], "'de'"),
        (["en", "de", "fr", "it-CH"], "'de', 'it-CH'"),
        (["en-419", "xx-en"], "'xx-en'"),
    ],
)
def test_languages_without_labels_are_all_named(codes: list[str], named: str) -> None:
    with pytest.raises(ValueError) as error:
        check_languages(codes, LANGUAGES)
    assert str(error.value) == f"unknown_languages:{named} (available: ar, en, es, fr)"


@pytest.mark.parametrize(
    ("scale", "levels"),
    [
        ("traffic-light", ["green", "amber", "red"]),
        (
            "four-point",
            [
                "satisfactory",
                "moderately_satisfactory",
                "moderately_unsatisfactory",
                "unsatisfactory",
            ],
        ),
        (["Good", "Poor"], ["Good", "Poor"]),
    ],
)
def test_a_scale_lists_its_levels_best_first(scale: str | list[str], levels: list[str]) -> None:
    assert scale_levels(scale) == levels


def test_a_scale_of_ones_own_is_copied_not_shared() -> None:
    own = ["Good", "Poor"]
    scale_levels(own).append("Changed")
    assert own == ["Good", "Poor"]


@dataclass
class _Sections:
    """Anything with sub-sections: the nesting rule reads nothing else."""

    sections: list[_Sections] = field(default_factory=list)


def test_nesting_reads_only_sub_sections() -> None:
    chain = _Sections()
    for _ in range(8):
        chain = _Sections([chain])
    with pytest.raises(ValueError, match=r"^section_depth$"):
        check_nesting([chain])
    check_nesting(chain.sections)
