"""The evidence blocks as plain values: what any renderer (HTML, Markdown, Word) prints.

Each block becomes a small frozen dataclass of strings, numbers and lists, with every
word already in the brief's language and every number already formatted, so a template
(or a future renderer that is not a template) only lays it out. Texts stay inline
Markdown: each format renders them with its own filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.loading.evidence_checks import item_ids
from briefgen.model.brief import Brief, Section
from briefgen.model.evidence import DAC_CRITERIA, SCALE_LEVELS, Cell, scale_levels
from briefgen.model.labels import Labels
from briefgen.render.numbers import format_number, with_unit

# Swatch colours, best level first. Each has at least 3:1 contrast with white and with the
# tinted background (WCAG 2.1 1.4.11, non-text contrast); the level is always also written
# out as text, so colour is never the only signal (1.4.1).
SIX_LEVEL_COLOURS = ("#0a6b35", "#3f7d1c", "#6b6f00", "#a35200", "#c0361f", "#8e1b1b")
TRAFFIC_LIGHT_COLOURS = {"green": "#0a6b35", "amber": "#a35200", "red": "#b3261e"}


@dataclass(frozen=True)
class TableView:
    caption: str | None
    header: list[str]
    rows: list[list[str]]
    align: list[str]
    note: str | None
    source: str | None
    keep_together: bool  # short enough never to break; a long one repeats its header


# A table up to this many rows moves whole to the next column rather than break: WeasyPrint
# keeps a header with only one row by itself, and ignores break-inside on a row group.
KEEP_TOGETHER_ROWS = 12


@dataclass(frozen=True)
class RatingRow:
    criterion: str
    level: str  # the scale's key (or the brief's own label)
    text: str  # the level as printed, in the brief's language
    rank: int  # 1 = best
    of: int  # how many levels the scale has
    colour: str
    justification: str | None


@dataclass(frozen=True)
class RatingsView:
    scale_text: str  # the whole scale, best first, for the legend and screen readers
    rows: list[RatingRow]


@dataclass(frozen=True)
class KeyFigureView:
    value: str  # prefix, formatted number and suffix
    label: str
    note: str | None


@dataclass(frozen=True)
class ResponseRow:
    number: int  # the recommendation's number in its list
    anchor: str  # the recommendation's id, for a link
    reference: str  # e.g. "Recommendation 3"
    response: str  # accepted / partially_accepted / rejected
    response_text: str
    action: str | None
    unit: str | None
    deadline: str | None


def format_cell(cell: Cell, language: str) -> str:
    if isinstance(cell, bool):  # YAML's yes/no: shown as written, not as 1/0
        return str(cell).lower()
    if isinstance(cell, int | float):
        return format_number(cell, language)
    return cell


def table_view(section: Section, language: str) -> TableView:
    columns = len(section.header)
    numeric = [
        bool(section.rows)
        and all(
            isinstance(row[index], int | float) and not isinstance(row[index], bool)
            for row in section.rows
            if index < len(row)
        )
        for index in range(columns)
    ]
    align: list[str] = list(section.align) or [
        "right" if is_number else "left" for is_number in numeric
    ]
    return TableView(
        caption=section.caption,
        header=list(section.header),
        rows=[[format_cell(cell, language) for cell in row] for row in section.rows],
        align=align,
        note=section.note,
        source=section.credit,
        keep_together=len(section.rows) <= KEEP_TOGETHER_ROWS,
    )


def level_colour(rank: int, levels: int, level: str) -> str:
    """A level's swatch: traffic lights by name, other scales spread over six steps."""
    if level in TRAFFIC_LIGHT_COLOURS and levels == 3:
        return TRAFFIC_LIGHT_COLOURS[level]
    if levels == 1:
        return SIX_LEVEL_COLOURS[0]
    step = round((rank - 1) * (len(SIX_LEVEL_COLOURS) - 1) / (levels - 1))
    return SIX_LEVEL_COLOURS[step]


def level_text(level: str, scale: str | list[str], labels: Labels) -> str:
    if isinstance(scale, str):
        return str(getattr(labels.evidence.levels, level))
    return level


def criterion_text(criterion: str, labels: Labels) -> str:
    key = criterion.lower()
    return str(getattr(labels.evidence.criteria, key)) if key in DAC_CRITERIA else criterion


def ratings_view(section: Section, labels: Labels) -> RatingsView:
    levels = scale_levels(section.scale)
    named = isinstance(section.scale, str)
    if named and section.scale == "traffic-light":
        assert tuple(levels) == SCALE_LEVELS["traffic-light"]
    rows = []
    for rating in section.ratings:
        rank = levels.index(rating.rating) + 1
        rows.append(
            RatingRow(
                criterion=criterion_text(rating.criterion, labels),
                level=rating.rating,
                text=level_text(rating.rating, section.scale, labels),
                rank=rank,
                of=len(levels),
                colour=level_colour(rank, len(levels), rating.rating),
                justification=rating.justification,
            )
        )
    scale_text = "; ".join(level_text(level, section.scale, labels) for level in levels)
    return RatingsView(scale_text=scale_text, rows=rows)


def key_figures_view(section: Section, language: str) -> list[KeyFigureView]:
    views = []
    for figure in section.figures:
        value = figure.value
        number = format_cell(value, language)
        views.append(
            KeyFigureView(
                value=with_unit(number, figure.prefix, figure.suffix, language),
                label=figure.label,
                note=figure.note,
            )
        )
    return views


def responses_view(section: Section, brief: Brief, labels: Labels) -> list[ResponseRow]:
    ids = item_ids(brief)
    words = labels.evidence.responses
    rows = []
    for response in section.responses:
        _, number = ids[response.recommendation]
        rows.append(
            ResponseRow(
                number=number,
                anchor=response.recommendation,
                reference=f"{words.recommendation} {number}",
                response=response.response,
                response_text=str(getattr(words, response.response)),
                action=response.action,
                unit=response.unit,
                deadline=response.deadline,
            )
        )
    return rows


def block_view(
    section: Section, brief: Brief, labels: Labels
) -> TableView | RatingsView | list[KeyFigureView] | list[ResponseRow] | None:
    """The plain values of a section's evidence block, or None for a narrative section."""
    match section.kind:
        case "table":
            return table_view(section, brief.language)
        case "ratings":
            return ratings_view(section, labels)
        case "key_figures":
            return key_figures_view(section, brief.language)
        case "management_response":
            return responses_view(section, brief, labels)
    return None
