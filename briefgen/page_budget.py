"""The page budget: tell an author when content no longer fits, and by how much.

``--fit`` walks a short ladder of tightening steps (spacing, then leading, then font size,
never below a readable floor) and keeps the first that fits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.errors import BriefError
from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import RenderContext, Typesetting, iter_sections, section_heading
from briefgen.render.pdf import PdfLayout

READABLE_FLOOR_PT = 8.5
PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels

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


def _box_bottom(box: Any) -> float:
    bottom = float(box.position_y + box.margin_height())
    for child in getattr(box, "children", ()) or ():
        bottom = max(bottom, _box_bottom(child))
    return bottom


def _used_fraction(page: Any) -> float:
    """How far down its content area the page is filled (0..1)."""
    page_box = page._page_box
    content_top = float(page_box.content_box_y())
    content_height = float(page_box.height)
    body = [child for child in page_box.children if not type(child).__name__.startswith("Margin")]
    if not body or content_height <= 0:
        return 0.0
    bottom = max(_box_bottom(child) for child in body)
    return max(0.0, min(1.0, (bottom - content_top) / content_height))


def measure_overflow(layout: PdfLayout, loaded: LoadedBrief, budget: int) -> Overflow | None:
    """None when the layout fits; otherwise what overflows and which sections spill."""
    pages = layout.page_count
    if pages <= budget:
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
    for page in layout.document.pages[:budget]:
        for anchor in page.anchors:
            if anchor in names:
                started_before = anchor
    spilling: list[str] = []
    first_extra = layout.document.pages[budget]
    top_anchors = [anchor for anchor in first_extra.anchors if anchor in names]
    if started_before and (
        not top_anchors
        or first_extra.anchors[top_anchors[0]][1] > first_extra._page_box.content_box_y() + 5
    ):
        spilling.append(names[started_before])
    for page in layout.document.pages[budget:]:
        spilling += [names[a] for a in page.anchors if a in names and names[a] not in spilling]
    if not spilling:
        spilling = ["the closing contact block"]
    extra = (pages - budget - 1) + _used_fraction(layout.document.pages[-1])
    return Overflow(pages, budget, extra, spilling)


def overflow_error(overflow: Overflow, loaded: LoadedBrief, tried_fit: bool) -> BriefError:
    over = overflow.pages - overflow.budget
    amount = f"{overflow.extra_fraction:.0%} of a page" if over == 1 else f"{over} pages"
    spill = ", ".join(f"'{name}'" for name in overflow.spilling[:4])
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


def fit_to_budget(
    loaded: LoadedBrief,
    budget: int,
    lay_out: Callable[[Typesetting], PdfLayout],
    first: PdfLayout,
) -> PdfLayout:
    """Walk the ladder until the brief fits; raise the overflow error if it never does."""
    for setting in FIT_LADDER:
        layout = lay_out(setting)
        if layout.page_count <= budget:
            return layout
    overflow = measure_overflow(layout, loaded, budget) or measure_overflow(first, loaded, budget)
    assert overflow is not None
    raise overflow_error(overflow, loaded, tried_fit=True)


def _find_box(box: Any, tag: str, css_class: str) -> Any | None:
    element = getattr(box, "element", None)
    if (
        getattr(box, "element_tag", None) == tag
        and element is not None
        and css_class in (element.get("class") or "").split()
    ):
        return box
    for child in getattr(box, "children", ()) or ():
        found = _find_box(child, tag, css_class)
        if found is not None:
            return found
    return None


def sidebar_overrun_mm(layout: PdfLayout) -> float:
    """How much of the quick facts box did not fit on page 1, in mm (0 when it fits).

    The box sits, absolutely positioned, in page 1's wide right margin. WeasyPrint cuts it
    at the bottom of page 1 and carries the rest to the top of page 2, where it would lie
    over the text: the length of the carried part is the overrun.
    """
    pages = layout.document.pages
    if not pages or _find_box(pages[0]._page_box, "aside", "quick-facts") is None:
        return 0.0
    over = 0.0
    for page in pages[1:]:
        carried = _find_box(page._page_box, "aside", "quick-facts")
        if carried is not None:
            over += _box_bottom(carried) - float(carried.position_y)
    return over / PX_PER_MM


def check_sidebar(layout: PdfLayout, loaded: LoadedBrief) -> None:
    """Fail clearly when the quick facts do not fit beside the text on page 1."""
    over = sidebar_overrun_mm(layout)
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
