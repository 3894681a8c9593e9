"""The evidence blocks as plain values: what any renderer (HTML, Markdown, Word) prints.

Each block becomes a small frozen dataclass of strings, numbers and lists, with every
word already in the brief's language and every number already formatted, so a template
(or a future renderer that is not a template) only lays it out. Texts stay inline
Markdown: each format renders them with its own filter.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar
from xml.sax.saxutils import quoteattr

from markupsafe import Markup

from briefgen.model.brief import Brief, Section
from briefgen.model.countries import country_code, country_name
from briefgen.model.evidence import (
    DAC_CRITERIA,
    SCALE_LEVELS,
    Cell,
    scale_levels,
)
from briefgen.model.inline import to_plain
from briefgen.model.labels import Labels, Punctuation
from briefgen.model.walk import item_ids
from briefgen.render.figures.charts import ChartData, draw_chart
from briefgen.render.figures.colours import distinct_shades
from briefgen.render.figures.maps import LAND, MapData, draw_map
from briefgen.render.view.cldr import deadline_text
from briefgen.render.view.numbers import format_number, with_unit

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
    total: bool = False  # the last row is the total: bold, with a rule above it


# A table up to this many rows moves whole to the next column rather than break, unless it
# would leave a hole at a column's foot (render/pdf/column_foot.py releases it then).
KEEP_TOGETHER_ROWS = 12
T = TypeVar("T")
EDGE_ROWS = 2  # rows, at least, on each side of a table's break (a column's foot, its top)


def row_groups(rows: Sequence[T]) -> list[tuple[str, Sequence[T]]]:
    """A table's rows as its body groups (``<tbody>``, class, rows), empty groups left out.

    The first and last ``EDGE_ROWS`` rows are groups of their own, which print.css keeps
    whole: a table that breaks (a long one, or one the engine released to fill a
    column's foot: render/pdf/table_split.py) leaves at least two rows on each side,
    and the header repeated above the second part. Fewer than twice that many rows: one
    group that stays whole.
    """
    if len(rows) < 2 * EDGE_ROWS:
        return [("table-start", rows)]
    groups = [
        ("table-start", rows[:EDGE_ROWS]),
        ("", rows[EDGE_ROWS:-EDGE_ROWS]),
        ("table-end", rows[-EDGE_ROWS:]),
    ]
    return [(name, group) for name, group in groups if group]


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
    number: int | str  # the recommendation's number in its list, or its id (cite_ids)
    anchor: str  # the recommendation's id, for a link
    reference: str  # e.g. "Recommendation 3"
    response: str  # accepted / partially_accepted / rejected
    response_text: str
    action: str | None
    unit: str | None
    deadline: str | None
    reason: str | None  # why it was rejected or partly accepted


THIRD_SERIES_COLOUR = "#5b6770"  # after the theme's primary and accent; 5.6:1 on white


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    text: str


@dataclass(frozen=True)
class ChartView:
    svg: str  # the chart as an SVG document
    image: str  # the same as a data: URI, for an <img>
    alt: str  # given, or written from the data
    caption: str | None
    source: str | None
    legend: list[LegendEntry]  # empty for one series
    header: list[str]  # the data as a table, for screen readers and Markdown
    rows: list[list[str]]

    @property
    def inline_svg(self) -> Markup:
        """The chart as SVG in the web page itself, named by its alt text: there the
        page's own fonts draw its labels (a picture in an ``<img>`` cannot use them, and
        the browser's fallback font is wider and another face)."""
        named = f'<svg role="img" aria-label={quoteattr(self.alt)} '
        return Markup(self.svg.replace("<svg ", named, 1))


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


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
        total=section.total and bool(section.rows),
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
    scale_text = labels.punctuation.semicolon.join(
        level_text(level, section.scale, labels) for level in levels
    )
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
        listed, position = ids[response.recommendation]
        number = response.recommendation if listed.cite_ids else position  # "R3" or 3
        rows.append(
            ResponseRow(
                number=number,
                anchor=response.recommendation,
                reference=f"{words.recommendation} {number}",
                response=response.response,
                response_text=str(getattr(words, response.response)),
                action=response.action,
                unit=response.unit,
                deadline=deadline_text(response.deadline, labels) if response.deadline else None,
                reason=response.reason,
            )
        )
    return rows


def chart_alt(
    kind_word: str,
    caption: str | None,
    view_rows: list[list[str]],
    names: list[str],
    marks: Punctuation,
) -> str:
    """What the chart shows, in words: every category with its values."""
    if len(names) == 1:
        data = marks.semicolon.join(f"{row[0]}{marks.colon}{row[1]}" for row in view_rows)
    else:
        data = marks.semicolon.join(
            f"{row[0]}{marks.colon}"
            + marks.comma.join(
                f"{name} {value}" for name, value in zip(names, row[1:], strict=True)
            )
            for row in view_rows
        )
    title = f"{kind_word}{marks.colon}{to_plain(caption)}" if caption else kind_word
    return f"{title}. {data}."


def chart_view(section: Section, brief: Brief, labels: Labels, font_family: str) -> ChartView:
    language = brief.language
    # Categories are names, often years: written as given (2021, not 2,021).
    categories = [
        category if isinstance(category, str) else str(category) for category in section.categories
    ]
    names = [series.name for series in section.series]
    no_data = labels.evidence.no_data
    value_labels = [
        [
            no_data
            if value is None
            else with_unit(format_number(value, language), None, section.unit, language)
            for value in series.values
        ]
        for series in section.series
    ]
    colours = [brief.theme.primary, brief.theme.accent, THIRD_SERIES_COLOUR][: len(names)]
    svg = draw_chart(
        ChartData(
            kind=section.chart,
            categories=[to_plain(category) for category in categories],
            series_names=names,
            values=[
                [None if value is None else float(value) for value in series.values]
                for series in section.series
            ],
            value_labels=value_labels,
            colours=colours,
            font_family=font_family,
        )
    )
    rows = [
        [category, *(labels_[index] for labels_ in value_labels)]
        for index, category in enumerate(categories)
    ]
    words = labels.evidence
    kind_word = words.chart_bar if section.chart == "bar" else words.chart_column
    plain_rows = [[to_plain(cell) for cell in row] for row in rows]
    return ChartView(
        svg=svg,
        image=svg_data_uri(svg),
        alt=section.alt
        or chart_alt(kind_word, section.caption, plain_rows, names, labels.punctuation),
        caption=section.caption,
        source=section.credit,
        legend=[LegendEntry(c, n) for c, n in zip(colours, names, strict=True)]
        if len(names) > 1
        else [],
        header=["", *names],
        rows=rows,
    )


@dataclass(frozen=True)
class MapCountryView:
    code: str  # ISO 3166 alpha-2
    name: str  # in the brief's language
    value: str | None  # formatted, with the unit
    category: str | None


@dataclass(frozen=True)
class MapView:
    svg: str
    image: str
    alt: str  # given, or written from the countries
    caption: str | None
    source: str | None
    legend: list[LegendEntry]  # each colour, with the countries it marks
    countries: list[MapCountryView]
    disclaimer: str


def _mix(colour: str, share: float) -> str:
    """``colour`` blended with white: share 1 keeps it, 0 gives white."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)


def _map_groups(
    section: Section, brief: Brief, labels: Labels, countries: list[MapCountryView]
) -> list[tuple[str, str, list[MapCountryView]]]:
    """(colour, legend text, countries) for each colour on the map."""
    theme = brief.theme
    other = labels.evidence.map_other
    if any(country.category for country in countries):
        palette = [theme.primary, theme.accent, THIRD_SERIES_COLOUR, "#7a5c00"]
        names = list(dict.fromkeys(country.category or other for country in countries))
        return [
            (palette[index], name, [c for c in countries if (c.category or other) == name])
            for index, name in enumerate(names)
        ]
    raw = _raw_values(section)
    if not raw:
        return [(theme.primary, labels.evidence.map_countries, countries)]
    # Up to four classes of about as many values each, lighter to darker, each plainly
    # distinct from the next and the lightest from the grey of countries without data.
    numbers = sorted(set(raw.values()))
    classes = min(4, len(numbers))
    size = len(numbers) / classes
    shades = distinct_shades(lambda share: _mix(theme.primary, share), classes, LAND)
    groups = []
    for index in range(classes):
        chunk = numbers[round(index * size) : round((index + 1) * size)]
        low, high = (format_number(bound, brief.language) for bound in (chunk[0], chunk[-1]))
        members = [c for c in countries if raw.get(c.code) in chunk]
        # the unit once, after the range: "140-310 thousand", not "140 thousand-310 thousand"
        bounds = low if low == high else f"{low}\u2013{high}"
        text = with_unit(bounds, None, section.unit, brief.language)
        groups.append((shades[index], text, members))
    unvalued = [c for c in countries if c.code not in raw]
    if unvalued:
        groups.append((THIRD_SERIES_COLOUR, other, unvalued))
    return groups


def _raw_values(section: Section) -> dict[str, float]:
    found = {}
    for country in section.countries:
        if not isinstance(country, str) and country.value is not None:
            code = country_code(country.code)
            if code:
                found[code] = float(country.value)
    return found


def map_view(
    section: Section, brief: Brief, labels: Labels, font_family: str = "sans-serif"
) -> MapView:
    language = brief.language
    countries = []
    for entry in section.countries:
        code = country_code(entry if isinstance(entry, str) else entry.code)
        assert code is not None  # checked when the brief was loaded
        value = None if isinstance(entry, str) else entry.value
        countries.append(
            MapCountryView(
                code=code,
                name=country_name(code, language),
                value=None
                if value is None
                else with_unit(format_number(value, language), None, section.unit, language),
                category=None if isinstance(entry, str) else entry.category,
            )
        )
    groups = _map_groups(section, brief, labels, countries)

    marks = labels.punctuation

    def listed(members: list[MapCountryView]) -> str:
        """The countries of one colour; with their values when the colour spans several."""
        several = len({c.value for c in members}) > 1
        return marks.comma.join(f"{c.name} ({c.value})" if several else c.name for c in members)

    legend = [
        LegendEntry(colour, f"{text}{marks.colon}{listed(members)}")
        for colour, text, members in groups
    ]
    svg = draw_map(
        MapData(
            fills={c.code: colour for colour, _, members in groups for c in members},
            whole_world=section.extent == "world",
            labels={c.code: c.value for c in countries if c.value},
            font_family=font_family,
        )
    )
    word = labels.sections.map
    title = f"{word}{marks.colon}{to_plain(section.caption)}" if section.caption else word
    alt = section.alt or f"{title}. " + marks.semicolon.join(to_plain(e.text) for e in legend) + "."
    return MapView(
        svg=svg,
        image=svg_data_uri(svg),
        alt=alt,
        caption=section.caption,
        source=section.credit,
        legend=legend,
        countries=countries,
        disclaimer=brief.organisation.map_disclaimer or labels.evidence.map_disclaimer,
    )


BlockView = (
    TableView | RatingsView | list[KeyFigureView] | list[ResponseRow] | ChartView | MapView | None
)


def block_view(section: Section, brief: Brief, labels: Labels, font_family: str) -> BlockView:
    """The plain values of a section's evidence block, or None for a narrative section.

    ``font_family`` is the CSS font list drawn pictures (charts, maps) use.
    """
    match section.kind:
        case "table":
            return table_view(section, brief.language)
        case "ratings":
            return ratings_view(section, labels)
        case "key_figures":
            return key_figures_view(section, brief.language)
        case "management_response":
            return responses_view(section, brief, labels)
        case "chart":
            return chart_view(section, brief, labels, font_family)
        case "map":
            return map_view(section, brief, labels, font_family)
    return None
