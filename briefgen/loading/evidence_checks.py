"""Checks that need the whole brief: a rating on its scale, a table row of the right width,
a management response or a cross-reference naming an id that exists.

Run after the model has validated, so each problem can point at the exact key that is
wrong (a model validator could only point at the section holding it).
"""

from __future__ import annotations

import difflib
import heapq

from briefgen.errors import Problem, excerpt, quote_value
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import Brief, Section
from briefgen.model.evidence import MAX_MAP_CATEGORIES, Item, scale_levels
from briefgen.model.inline import cross_references
from briefgen.model.source import KeyPath, SourceDocument, format_key_path
from briefgen.model.walk import item_ids, sections_with_paths

MAX_SUGGESTION_CANDIDATES = 200
"""Ids compared with a misspelt one, the closest in length first: comparing each of
thousands of dangling references with each of thousands of ids took hours."""

MAX_REFERENCE_PROBLEMS = 50
"""Dangling cross-references reported one by one; the rest are counted in one more."""


def _suggestion(value: str, choices: list[str]) -> str:
    """ "did you mean ...?" for the closest choice, comparing a bounded number of them."""
    if len(choices) > MAX_SUGGESTION_CANDIDATES:
        choices = heapq.nsmallest(
            MAX_SUGGESTION_CANDIDATES, choices, key=lambda choice: abs(len(choice) - len(value))
        )
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'? " if close else ""


class _Collector:
    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, message: str, hint: str = "", *, needle: str = "") -> None:
        """Report at ``path``; at ``needle`` itself when the value holds it (on any line)."""
        position = (
            self.source.position_in_value(path, needle) if needle else self.source.position_of(path)
        )
        self.problems.append(
            Problem(
                message,
                self.source.path,
                position.line,
                position.column,
                format_key_path(path),
                hint,
            )
        )


def _check_ids(brief: Brief, report: _Collector) -> None:
    seen: set[str] = set()
    for section, path in sections_with_paths(brief.sections):
        if section.id:
            if section.id in seen:
                report.add((*path, "id"), f"the id '{section.id}' is used twice", "ids are unique")
            seen.add(section.id)
        for index, item in enumerate(section.items):
            if isinstance(item, Item):
                if item.id in seen:
                    report.add(
                        (*path, "items", index, "id"),
                        f"the id '{item.id}' is used twice",
                        "give each item its own id",
                    )
                seen.add(item.id)


def _check_table(section: Section, path: KeyPath, report: _Collector) -> None:
    width = len(section.header)
    for index, row in enumerate(section.rows):
        if len(row) != width:
            report.add(
                (*path, "rows", index),
                f"this row has {len(row)} cells but the header has {width}",
                "give every row one cell per column (write '' for an empty cell)",
            )
    if section.align and len(section.align) != width:
        report.add(
            (*path, "align"),
            f"'align' names {len(section.align)} columns but the header has {width}",
            "give one of left, center, right per column",
        )


def _check_ratings(section: Section, path: KeyPath, report: _Collector) -> None:
    levels = scale_levels(section.scale)
    twice = [index for index, level in enumerate(levels) if level in levels[:index]]
    for index in twice if isinstance(section.scale, list) else ():
        report.add(
            (*path, "scale", index),
            f"'{levels[index]}' is listed twice",
            "list each level once, best first",
        )
    if isinstance(section.scale, list) and len(set(levels)) < 2:
        report.add(
            (*path, "scale"),
            "a scale of your own needs two levels or more",
            "list its levels best first: scale: [Good, Fair, Poor], or use six-point, "
            "four-point or traffic-light",
        )
        return
    for index, rating in enumerate(section.ratings):
        if rating.rating not in levels:
            report.add(
                (*path, "ratings", index, "rating"),
                f"'{rating.rating}' is not a level of the {_scale_name(section)} scale",
                _suggestion(rating.rating, levels) + "use one of: " + ", ".join(levels),
            )


def _check_chart(section: Section, path: KeyPath, report: _Collector) -> None:
    width = len(section.categories)
    for index, series in enumerate(section.series):
        if len(series.values) != width:
            report.add(
                (*path, "series", index, "values"),
                f"this series has {len(series.values)} values but there are {width} categories",
                "give one value per category, in the categories' order",
            )


COMMON_MISTAKES = {"UK": "GB", "EL": "GR", "KO": "XK", "KOS": "XK"}


def _country_hint(code: str) -> str:
    """A suggestion for an unknown code: a well-known slip, a country's name, a near code."""
    from briefgen.model.countries import country_code, country_name, known_codes

    upper = code.strip().upper()
    if upper in COMMON_MISTAKES:
        alpha2 = COMMON_MISTAKES[upper]
        return f"did you mean '{alpha2}' ({country_name(alpha2, 'en')})? "
    names = {country_name(c, "en").lower(): c for c in known_codes() if len(c) == 2}
    close = difflib.get_close_matches(code.strip().lower(), list(names), n=1, cutoff=0.75)
    if close:
        return f"did you mean '{names[close[0]]}' ({country_name(names[close[0]], 'en')})? "
    same_length = [c for c in known_codes() if len(c) == len(upper) and country_code(c)]
    # A slip is likelier in a later letter: codes that share the first letter come first.
    same_start = [c for c in same_length if c[:1] == upper[:1]]
    near = difflib.get_close_matches(upper, same_start, n=1, cutoff=0.6) or (
        difflib.get_close_matches(upper, same_length, n=1, cutoff=0.6)
    )
    if near:
        alpha2 = country_code(near[0]) or near[0]
        return f"did you mean '{near[0]}' ({country_name(alpha2, 'en')})? "
    return ""


def _check_map(section: Section, path: KeyPath, report: _Collector) -> None:
    from briefgen.model.countries import country_code, country_name, drawable

    categories: list[str] = []
    for index, entry in enumerate(section.countries):
        where: KeyPath = (*path, "countries", index)
        code = entry if isinstance(entry, str) else entry.code
        if not isinstance(entry, str):
            where = (*where, "code")
            if entry.category and entry.category not in categories:
                categories.append(entry.category)
                if len(categories) > MAX_MAP_CATEGORIES:
                    report.add(
                        (*path, "countries", index, "category"),
                        f"a map shows at most {MAX_MAP_CATEGORIES} categories",
                        "merge categories, or use values instead",
                    )
        alpha2 = country_code(code)
        if alpha2 is None:
            report.add(
                where,
                f"{quote_value(code)} is not an ISO 3166 country code",
                _country_hint(code) + "write a two-letter (KE) or three-letter (KEN) code",
            )
        elif not drawable(alpha2):
            report.add(
                where,
                f"{country_name(alpha2, 'en')} ({code}) is too small for briefgen's world map "
                "(Natural Earth 1:110m)",
                "leave it out of the map and name it in the caption or text",
            )


def _scale_name(section: Section) -> str:
    return section.scale if isinstance(section.scale, str) else "brief's own"


def _check_responses(
    section: Section,
    path: KeyPath,
    ids: dict[str, tuple[Section, int]],
    report: _Collector,
    answered: dict[str, KeyPath],
) -> None:
    """Each response answers a recommendation of the brief, once (``answered``: the
    responses of the sections before, by the recommendation they answer)."""
    recommendations = [key for key, (owner, _) in ids.items() if owner.kind == "recommendations"]
    for index, response in enumerate(section.responses):
        here = (*path, "responses", index)
        if response.recommendation in answered:
            report.add(
                (*here, "recommendation"),
                f"'{response.recommendation}' is answered twice (also "
                f"{format_key_path(answered[response.recommendation])})",
                "give each recommendation one response: merge the two",
            )
        answered.setdefault(response.recommendation, here)
        if response.recommendation not in recommendations:
            hint = _suggestion(response.recommendation, recommendations)
            hint += (
                "give the recommendation an id: items: [{id: rec-1, text: ...}]"
                if not recommendations
                else "recommendation ids: " + ", ".join(recommendations)
            )
            report.add(
                (*path, "responses", index, "recommendation"),
                f"no recommendation has the id '{response.recommendation}'",
                hint,
            )
        if response.reason and response.response == "accepted":
            report.add(
                (*path, "responses", index, "reason"),
                "a reason is given for a rejected or partially accepted recommendation, and"
                " this one is accepted",
                "remove 'reason', or set 'response:' to partially_accepted or rejected",
            )


def _check_references(brief: Brief, source: SourceDocument, report: _Collector) -> None:
    known = set(item_ids(brief)) | {
        section.id for section, _ in sections_with_paths(brief.sections) if section.id
    }
    choices = sorted(known)
    dangling = 0
    first_unreported: KeyPath | None = None
    for path, text in text_values(source.data):
        for target in cross_references(text):
            if target in known:
                continue
            dangling += 1
            if dangling > MAX_REFERENCE_PROBLEMS:
                first_unreported = first_unreported or path
                continue
            report.add(
                path,
                f"the cross-reference {quote_value('#' + target)} names no item or section",
                _suggestion(target, choices)
                + (
                    "give the item an id: {id: "
                    + excerpt(target)
                    + ", text: ...}, or correct the reference"
                ),
                needle=f"(#{target})",
            )
    if first_unreported is not None:
        more = dangling - MAX_REFERENCE_PROBLEMS
        report.add(
            first_unreported,
            f"... and {more} more cross-reference{'s' if more > 1 else ''} naming no item or"
            " section (the first of them here)",
            "correct the ones above, then validate again",
        )


def evidence_problems(brief: Brief, source: SourceDocument) -> list[Problem]:
    """Every whole-brief problem, each at its own line."""
    report = _Collector(source)
    ids = item_ids(brief)
    _check_ids(brief, report)
    _check_references(brief, source, report)
    answered: dict[str, KeyPath] = {}  # across sections: a recommendation answered once
    for section, path in sections_with_paths(brief.sections):
        if section.kind == "table":
            _check_table(section, path, report)
        elif section.kind == "ratings":
            _check_ratings(section, path, report)
        elif section.kind == "chart":
            _check_chart(section, path, report)
        elif section.kind == "map":
            _check_map(section, path, report)
        elif section.kind == "management_response":
            _check_responses(section, path, ids, report, answered)
    return report.problems
