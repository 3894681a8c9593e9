"""The page budget: tell an author when content no longer fits, and by how much.

``--fit`` walks a short ladder of tightening steps (spacing, then leading, then font size,
never below a readable floor) and keeps the first that fits. Judged from the engine's
:class:`~briefgen.render.pdf.LayoutReport`, so it works the same whichever process lays
the pages out.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.errors import BriefError, quote_value
from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import RenderContext, Typesetting, iter_sections, section_heading
from briefgen.render.pdf import Engine, LayoutReport
from briefgen.render.print_job import print_job

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


@dataclass(frozen=True)
class Overflow:
    pages: int
    budget: int
    extra_fraction: float  # how much of the last page is used, 0..1
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


def overflow_error(overflow: Overflow, loaded: LoadedBrief, tried_fit: bool) -> BriefError:
    over = overflow.pages - overflow.budget
    amount = f"{overflow.extra_fraction:.0%} of a page" if over == 1 else f"{over} pages"
    spill = ", ".join(quote_value(name) for name in overflow.spilling[:4])
    hint = (
        "even the tightest readable setting does not fit: shorten the text"
        if tried_fit
        else "shorten the text, try --fit, or raise layout.max_pages / --max-pages"
    )
    return BriefError.single(
        f"the PDF runs to {overflow.pages} pages, over the budget of {overflow.budget} by "
        f"{amount}; spilling onto page {overflow.budget + 1}: {spill}",
        loaded.path,
        hint=hint,
    )


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


def lay_out_within_budget(
    loaded: LoadedBrief, engine: Engine, *, fit: bool = False
) -> tuple[LayoutReport, str]:
    """Lay the brief out within ``layout.max_pages``, tightening it if ``fit``.

    Returns the report of the layout the engine will write, and a note of what ``--fit``
    changed; raises the overflow or sidebar error otherwise.
    """
    budget = loaded.brief.layout.max_pages
    first = report = engine.layout(print_job(loaded))
    note = ""
    if report.pages > budget:
        if not fit:
            overflow = measure_overflow(report, loaded, budget)
            assert overflow is not None
            raise overflow_error(overflow, loaded, tried_fit=False)
        for setting in FIT_LADDER:
            report = engine.layout(print_job(loaded, setting))
            if report.pages <= budget:
                note = f"fitted with {setting.describe()}"
                break
        else:
            overflow = measure_overflow(report, loaded, budget) or measure_overflow(
                first, loaded, budget
            )
            assert overflow is not None
            raise overflow_error(overflow, loaded, tried_fit=True)
    check_sidebar(report, loaded)
    return report, note
