"""The evidence blocks' own parts: table cells, ratings, key figures, management responses.

Kept apart from :mod:`briefgen.model.brief` so the narrative model stays readable; a
section of kind ``table``, ``ratings``, ``key_figures`` or ``management_response`` holds
these. What each block *means* (scales, colours, number formats) lives in
:mod:`briefgen.render.view.evidence`; the cross-document checks (a rating on its scale, a
response naming a real recommendation) in :mod:`briefgen.loading.evidence_checks`, where
an error can point at the exact line.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from briefgen.model.validators import check_number, no_blank


class EvidenceModel(BaseModel):
    """Same rules as the rest of the brief: unknown keys are errors, values immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True
    )


Label = Annotated[str, AfterValidator(no_blank)]

Number = Annotated[int | float, AfterValidator(check_number)]
"""A number a brief may hold: finite, and neither absurdly large nor small
(:func:`briefgen.model.validators.check_number`)."""

Cell = str | Number
"""A table cell: inline Markdown text, or a number (formatted for the brief's language)."""

Alignment = Literal["left", "center", "right"]

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"

ItemId = Annotated[str, Field(pattern=ID_PATTERN)]
"""An id a cross-reference can name: a letter, then letters, digits, - or _."""


class Item(EvidenceModel):
    """A list item that text elsewhere can refer to by its id."""

    id: ItemId
    """The item's id, e.g. rec-3: `[](#rec-3)` in any text prints "recommendation 3"."""
    text: Label
    """The item's text (inline Markdown)."""


ScaleName = Literal["six-point", "four-point", "traffic-light"]

DAC_CRITERIA = (
    "relevance",
    "coherence",
    "effectiveness",
    "efficiency",
    "impact",
    "sustainability",
)


class Rating(EvidenceModel):
    """One criterion's rating."""

    criterion: Label
    """relevance, coherence, effectiveness, efficiency, impact or sustainability (named
    in the brief's language), or any text of your own."""
    rating: Label
    """A level of the scale: for six-point highly_satisfactory, satisfactory,
    moderately_satisfactory, moderately_unsatisfactory, unsatisfactory,
    highly_unsatisfactory; for four-point satisfactory, moderately_satisfactory,
    moderately_unsatisfactory, unsatisfactory; for traffic-light green, amber, red;
    for a scale of your own, one of its labels."""
    justification: str | None = None
    """One line on why (inline Markdown)."""


class KeyFigure(EvidenceModel):
    """One figure set large: a number (or short text) and what it counts."""

    value: Number | Label
    """The figure: a number is written the brief's language's way (12,345 / 12 345)."""
    label: Label
    """What it counts, e.g. stakeholders interviewed."""
    prefix: str | None = None
    """Printed before the number, e.g. USD."""
    suffix: str | None = None
    """Printed right after the number, e.g. % or " million"."""
    note: str | None = None
    """A small line under the label, e.g. 71 men, 64 women."""


ResponseKind = Literal["accepted", "partially_accepted", "rejected"]


class ManagementResponse(EvidenceModel):
    """Management's response to one recommendation."""

    recommendation: ItemId
    """The id of the recommendation answered (an item with `id:` in a recommendations
    section)."""
    response: ResponseKind
    """accepted, partially_accepted or rejected."""
    action: str | None = None
    """What management will do."""
    unit: str | None = None
    """Who is responsible."""
    deadline: str | None = None
    """By when, e.g. 2025-12 or Q4 2025."""
    reason: str | None = None
    """Why a recommendation was rejected or only partly accepted (inline Markdown)."""


SCALE_LEVELS: dict[str, tuple[str, ...]] = {
    "six-point": (
        "highly_satisfactory",
        "satisfactory",
        "moderately_satisfactory",
        "moderately_unsatisfactory",
        "unsatisfactory",
        "highly_unsatisfactory",
    ),
    "four-point": (
        "satisfactory",
        "moderately_satisfactory",
        "moderately_unsatisfactory",
        "unsatisfactory",
    ),
    "traffic-light": ("green", "amber", "red"),
}
"""Each named scale's levels, best first; their printed words are in the language files."""


def scale_levels(scale: str | list[str]) -> list[str]:
    """The values a rating may take on a scale: a named scale's keys, or the brief's labels."""
    return list(SCALE_LEVELS[scale]) if isinstance(scale, str) else list(scale)


ChartType = Literal["column", "bar"]


class Series(EvidenceModel):
    """One series of a chart: a name for the legend and one value per category."""

    name: Label
    """What the values count, e.g. Women; shown in the legend with two or more series."""
    values: list[Annotated[Number, Field(ge=0)] | None]
    """One number (zero or more) per category, in the categories' order; null where there
    is no data (a year not measured): a gap marked "no data" in the chart, its alt text and
    its data table."""


MAX_MAP_CATEGORIES = 4
"""Categories one map may colour: more would not stay apart at a column's width."""


class MapCountry(EvidenceModel):
    """A country on a map, with an optional value or category that sets its colour."""

    code: Label
    """ISO 3166 alpha-2 (KE) or alpha-3 (KEN) code."""
    value: Number | None = None
    """A number: countries are shaded by it and the legend shows the ranges."""
    category: str | None = None
    """A group, e.g. Field mission: each category has its own colour in the legend."""
