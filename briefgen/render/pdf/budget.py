"""The page budget: tell an author when content no longer fits, and by how much.

``--fit`` searches a short ladder of tightening steps (spacing, then leading, then font
size, never below a readable floor) for the first that fits. Each try is a full layout
(54 s for a 1 MB brief), so the work is bounded: a brief too long for even the tightest
step to save it fails after its first layout, and the ladder is searched by bisection
(at most three more layouts) instead of step by step. Judged from the engine's
:class:`~briefgen.render.pdf.engine.LayoutReport`: plain data, not WeasyPrint's objects.

A layout within its budget that leaves an empty area (a table or picture that missed
the room at a page's foot by a few millimetres) or a heading stranded at a foot is
then set tighter too, step by step, as an editor would win the few millimetres back:
the first step that clears them (and stays within the budget) is kept, or else the
layout as it was. Steps are tried in order, as a hole comes and goes with the length
(bisection would miss it), and only with ``--fit``: the designed look is the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from briefgen.errors import BriefError, Problem, quote_value
from briefgen.model.loaded import LoadedBrief
from briefgen.model.walk import iter_sections
from briefgen.render.pdf.engine import LayoutReport, PdfEngine
from briefgen.render.pdf.print_job import print_job
from briefgen.render.view.context import RenderContext, Typesetting, section_heading

READABLE_FLOOR_PT = 8.5
TOP_OF_PAGE_MM = 1.5  # a heading this close to the top starts the page; nothing spills

FIT_LADDER: tuple[Typesetting, ...] = (
    Typesetting(spacing=0.8),
    Typesetting(spacing=0.6),
    Typesetting(spacing=0.6, leading=1.3),
    Typesetting(spacing=0.6, leading=1.25),
    Typesetting(spacing=0.6, leading=1.25, font_size_pt=9.0),
    Typesetting(spacing=0.5, leading=1.22, font_size_pt=READABLE_FLOOR_PT),
)


# The tightest step shortens a brief to no less than ~0.77 of its length (measured on the
# reference brief x1 to x16); below 0.6, no step can make a brief fit, so none is tried.
BEST_FIT_SHRINK = 0.6


@dataclass(frozen=True)
class Overflow:
    pages: int
    budget: int
    pages_over: float  # pages past the budget: whole pages, plus the last page's fill (0..1)
    spilling: list[str]


def measure_overflow(report: LayoutReport, loaded: LoadedBrief, budget: int) -> Overflow | None:
    """None when the layout fits; otherwise what overflows and which sections spill."""
    if report.pages <= budget:
        return None
    context = RenderContext(loaded, for_print=True)
    anchors = context.anchors()
    # Only headings a reader sees name a spilling section; a hidden one counts as its parent.
    names = {
        anchors[id(section)]: section_heading(section, context.labels)
        for section in iter_sections(loaded.brief.sections)
        if section.show_heading
    }
    # The section that continues onto the first extra page is the last one to start before it.
    started_before: str | None = None
    for page in report.anchors[:budget]:
        for anchor, _ in page:
            if anchor in names:
                started_before = anchor
    spilling: list[str] = []
    top = [offset for anchor, offset in report.anchors[budget] if anchor in names]
    if started_before and (not top or top[0] > TOP_OF_PAGE_MM):
        spilling.append(names[started_before])
    for page in report.anchors[budget:]:
        spilling += [names[a] for a, _ in page if a in names and names[a] not in spilling]
    if not spilling:
        spilling = ["the closing contact block"]
    extra = (report.pages - budget - 1) + report.last_page_fill
    return Overflow(report.pages, budget, extra, spilling)


@dataclass
class PastBudget(BriefError):
    """The overflow error, with the layout that overflowed (the engine holds it, as
    designed, not as ``--fit`` last tried it), so that it can still be shown."""

    report: LayoutReport | None = field(default=None, compare=False)


FULL_ENOUGH = 0.97  # a page filled this far down is full: its last line ends near the foot


def page_fill_warning(report: LayoutReport, loaded: LoadedBrief) -> Problem:
    """How much of each page is empty, and where: what an author over budget looks at
    first (a page left two-thirds full by a block pushed on is space to win back)."""
    budget = loaded.brief.layout.max_pages
    parts = []
    for number, fill in enumerate(report.page_fills, start=1):
        past = " (past the budget)" if number > budget else ""
        if fill >= FULL_ENOUGH:
            parts.append(f"page {number}{past} full")
            continue
        empty_mm = (1 - fill) * report.content_height_mm
        parts.append(f"page {number}{past} {fill:.0%} full, {empty_mm:.0f} mm empty at the bottom")
    return Problem(
        "page fill: " + "; ".join(parts),
        loaded.path,
        hint="an empty area before the last page is space to win back: see the layout "
        "warnings for where",
        severity="warning",
    )


def overflow_error(
    overflow: Overflow, loaded: LoadedBrief, tried_fit: bool, beyond_fit: bool = False
) -> PastBudget:
    over = overflow.pages - overflow.budget
    amount = f"{overflow.pages_over:.0%} of a page" if over == 1 else f"{over} pages"
    spill = ", ".join(quote_value(name) for name in overflow.spilling[:4])
    if beyond_fit:
        hint = (
            f"far too long for --fit, which can save at most {1 - BEST_FIT_SHRINK:.0%} "
            "of the length: shorten the text"
        )
    elif tried_fit:
        hint = "even the tightest readable setting does not fit: shorten the text"
    else:
        hint = "shorten the text, try --fit, or raise layout.max_pages / --max-pages"
    problem = Problem(
        f"the PDF runs to {overflow.pages} pages, over the budget of {overflow.budget} by "
        f"{amount}; spilling onto page {overflow.budget + 1}: {spill}",
        loaded.path,
        hint=hint,
    )
    return PastBudget([problem])


def check_sidebar(report: LayoutReport, loaded: LoadedBrief) -> None:
    """Fail clearly when the quick facts do not fit beside the text on page 1."""
    over = report.sidebar_overrun_mm
    if over <= 0.0:
        return
    position = loaded.source.position_of(("quick_facts",), prefer_key=True)
    raise BriefError.single(
        f"quick facts are {max(1, round(over))} mm too long for the sidebar on page 1",
        loaded.path,
        line=position.line,
        column=position.column,
        key_path="quick_facts",
        hint="shorten them or drop a few; long lists belong in a section of the brief",
    )


CLOSE_HOLES_UP_TO_PAGES = 4
"""``--fit`` closes empty areas in a brief of this many pages at most: each step tried is a
whole layout, and a longer brief's six of them (a 5-page Russian brief: 68 s with
``--fit`` on a busy machine) come near a worker's 120 s timeout. Deterministic, unlike a
clock: the same brief is set the same way on every machine."""


class Fitted(NamedTuple):
    """The step ``--fit`` chose, and whether it was to close an empty area (within the
    budget) rather than to fit the budget."""

    setting: Typesetting
    for_holes: bool = False


def lay_out_within_budget(
    loaded: LoadedBrief, engine: PdfEngine, *, fit: bool = False
) -> tuple[LayoutReport, Fitted | None]:
    """Lay the brief out within ``layout.max_pages``, tightening it if ``fit``.

    Returns the report of the layout the engine will write, and the step ``--fit`` chose
    (None when the designed look fits); raises the sidebar error, or :class:`PastBudget`
    with the engine holding the designed layout, over budget.
    """
    budget = loaded.brief.layout.max_pages
    report = engine.layout(print_job(loaded), page_limit=budget)
    chosen: Fitted | None = None
    if report.pages > budget:
        overflow = measure_overflow(report, loaded, budget)
        assert overflow is not None
        length = report.pages - 1 + report.last_page_fill
        error: PastBudget | None = None
        if not fit or length * BEST_FIT_SHRINK > budget:
            error = overflow_error(overflow, loaded, tried_fit=fit, beyond_fit=fit)
        else:
            designed = engine.keep()
            fitted = _first_fitting_step(loaded, engine, budget)
            if fitted is None:
                engine.restore(designed)
                error = overflow_error(overflow, loaded, tried_fit=True)
            else:
                chosen, report = Fitted(fitted[0]), fitted[1]
        if error is not None:
            error.report = report
            raise error
    if fit:
        report, chosen = _without_holes(loaded, engine, budget, report, chosen)
    check_sidebar(report, loaded)
    return report, chosen


def _without_holes(
    loaded: LoadedBrief,
    engine: PdfEngine,
    budget: int,
    report: LayoutReport,
    chosen: Fitted | None,
) -> tuple[LayoutReport, Fitted | None]:
    """The first step after ``chosen`` whose layout, within the budget, has nothing that
    tighter setting can clear (``space_faults``); the layout the engine holds, as it is,
    when it has nothing to clear, is longer than ``CLOSE_HOLES_UP_TO_PAGES``, or no step
    clears it. A brief that needed a step to fit
    its budget still needs a step to fit it: only a brief designed within its budget is
    set tighter just to close an empty area (``for_holes``)."""
    if not report.space_faults or report.pages > CLOSE_HOLES_UP_TO_PAGES:
        return report, chosen
    kept = engine.keep()
    start = 0 if chosen is None else FIT_LADDER.index(chosen.setting) + 1
    for step in FIT_LADDER[start:]:
        tighter = engine.layout(print_job(loaded, step), page_limit=budget)
        if tighter.pages <= budget and not tighter.space_faults:
            return tighter, Fitted(step, for_holes=chosen is None)
    engine.restore(kept)
    return report, chosen


def _first_fitting_step(
    loaded: LoadedBrief, engine: PdfEngine, budget: int
) -> tuple[Typesetting, LayoutReport] | None:
    """The least tight step that fits, by bisection (each step is tighter than the last).

    At most three layouts for six steps; the engine is left holding the winner's layout.
    """
    low, high = 0, len(FIT_LADDER) - 1
    found: tuple[Typesetting, LayoutReport, Any] | None = None
    while low <= high:
        middle = (low + high) // 2
        report = engine.layout(print_job(loaded, FIT_LADDER[middle]), page_limit=budget)
        if report.pages <= budget:
            found, high = (FIT_LADDER[middle], report, engine.keep()), middle - 1
        else:
            low = middle + 1
    if found is None:
        return None
    setting, report, kept = found
    engine.restore(kept)
    return setting, report
