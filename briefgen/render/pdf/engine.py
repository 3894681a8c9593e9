"""The PDF engine: print HTML laid out and written by WeasyPrint. The only module that
imports it.

WeasyPrint takes ~0.3-0.6 s to import, so it is imported here, lazily, and nowhere else:
``briefgen --help`` and ``briefgen validate`` never pay for it. The engine's input and
output are plain data (:class:`PrintJob` in, :class:`LayoutReport` and bytes out), so the
page budget can judge a layout without touching WeasyPrint's objects.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError

FIXED_EPOCH = "315532800"  # 1980-01-01: fontTools' subset timestamps, when it is used
PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels
MENDING_PASSES = 6  # extra layouts, at most, per stage, to mend hyphenation and key figures
FOOT_PASSES = 3  # layouts, at most, to end the quick facts level with a paragraph's end


@dataclass(frozen=True)
class PrintJob:
    """Everything the engine needs to lay out one brief, as plain data."""

    html: str
    base_url: str
    allowed_files: frozenset[str]  # file: URLs the document may read (fonts, images)
    variant: str  # the PDF standard to claim, or "none"
    source: str  # the brief's file, for error messages


@dataclass(frozen=True)
class LayoutReport:
    """What a layout produced, as much as the page budget needs to judge it."""

    pages: int
    anchors: tuple[tuple[tuple[str, float], ...], ...]  # per page: (id, mm below its top)
    last_page_fill: float  # how far down its content area the last page is filled, 0..1
    sidebar_overrun_mm: float  # quick facts carried past page 1 (0 when they fit)
    page_fills: tuple[float, ...] = ()  # per page: how far down its content area, 0..1
    content_height_mm: float = 0.0  # the height of a page's content area
    space_faults: int = 0  # empty areas and stranded headings: what --fit can clear


@contextmanager
def _fixed_epoch() -> Iterator[None]:
    """Pin ``SOURCE_DATE_EPOCH`` while fonts are subset, then restore the caller's value.

    The brief's date is the PDF's date; the clock (or a build system's epoch) must not
    leak into font tables (fontTools stamps ``head.modified`` on save).
    """
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _make_fetcher(allowed_files: frozenset[str], refused: list[str]) -> Any:
    """A URL fetcher that serves data: URLs and the exact files briefgen checked.

    Anything else (other files, any network address), whether named by the brief, a
    template or a stylesheet, is refused and recorded, so the render can fail clearly.
    """
    from weasyprint.urls import URLFetcher

    class BriefURLFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or url in allowed_files:
                return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"briefgen refused to fetch {url}")

    return BriefURLFetcher(timeout=5, allowed_protocols={"data", "file"})


@contextmanager
def _temporary_files_checked(job: PrintJob) -> Iterator[None]:
    """A full or size-limited temporary folder is the user's to fix, not a crash.

    WeasyPrint writes every font it embeds to a temporary folder while laying out; the
    engine opens no other file for writing (fetching goes through the fetcher above).
    """
    try:
        yield
    except OSError as error:
        raise BriefError.single(
            f"the PDF engine cannot write its temporary font files ({error.strerror})",
            Path(job.source),
            hint="free some space in the temporary folder (TMPDIR, by default /tmp) or point "
            "TMPDIR elsewhere, or raise the file size limit (ulimit -f)",
        ) from None


_warned_subset: list[bool] = []


def warn_without_harfbuzz_subset(library: object) -> None:
    """Say once, on stderr, when WeasyPrint found no libharfbuzz-subset.

    It then subsets fonts with fontTools instead: same PDF, but several times slower.
    """
    if library is None and not _warned_subset:
        _warned_subset.append(True)
        print(
            "briefgen: warning: libharfbuzz-subset is not installed, so PDF fonts are subset "
            "slowly (install libharfbuzz-subset0 on Debian/Ubuntu, harfbuzz elsewhere)",
            file=sys.stderr,
        )


def import_engine() -> Any:
    """Import WeasyPrint (the slow part of a cold render) and return the module."""
    import weasyprint
    import weasyprint.draw.text
    import weasyprint.layout.inline
    import weasyprint.pdf.tags
    import weasyprint.text.line_break
    from weasyprint.text.ffi import harfbuzz_subset

    from briefgen.render.pdf import cjk_justify, line_fit, loose_justify, structure
    from briefgen.render.pdf import text as pdf_text

    warn_without_harfbuzz_subset(harfbuzz_subset)
    pdf_text.install(weasyprint.draw.text)
    line_fit.install(weasyprint.layout.inline)
    cjk_justify.install(weasyprint.layout.inline, weasyprint.text.line_break)
    loose_justify.install(weasyprint.layout.inline, weasyprint.text.line_break)
    structure.install(weasyprint.pdf.tags)
    return weasyprint


class _Quiet(logging.Filter):
    """WeasyPrint logs refused URLs itself; we report them as one clear error instead.

    It also only logs an SVG it fails to draw, and leaves the figure out of the PDF: those
    are kept in ``undrawn`` so that the render fails rather than lose a figure silently.
    """

    def __init__(self) -> None:
        super().__init__()
        self.undrawn: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_UNDRAWN):
            self.undrawn.append(message.removeprefix(_UNDRAWN).strip())
        return "briefgen refused" not in message


_UNDRAWN = "Failed to render SVG image"


def _fail_if_undrawn(undrawn: list[str], job: PrintJob) -> None:
    """A figure WeasyPrint could not draw is an error, not a PDF without it."""
    if undrawn:
        url = undrawn[0]
        name = "a chart, map or embedded SVG" if url.startswith("data:") else url.rsplit("/")[-1]
        raise BriefError.single(
            f"the PDF engine could not draw the SVG image {name[:80]}",
            Path(job.source),
            hint="export the image as a PNG, or simplify the SVG",
        )


def _box_bottom(box: Any) -> float:
    bottom = float(box.position_y + box.margin_height())
    for child in getattr(box, "children", ()) or ():
        bottom = max(bottom, _box_bottom(child))
    return bottom


def _page_fill(page: Any) -> float:
    """How far down its content area the page is filled (0..1)."""
    page_box = page._page_box
    content_top = float(page_box.content_box_y())
    content_height = float(page_box.height)
    body = [child for child in page_box.children if not type(child).__name__.startswith("Margin")]
    if not body or content_height <= 0:
        return 0.0
    bottom = max(_box_bottom(child) for child in body)
    return max(0.0, min(1.0, (bottom - content_top) / content_height))


def _sidebar_overrun_mm(pages: list[Any]) -> float:
    """How much of the quick facts box did not fit on page 1, in mm (0 when it fits).

    The box sits, absolutely positioned, in page 1's wide right margin. WeasyPrint cuts it
    at the bottom of page 1 and carries the rest to the top of page 2, where it would lie
    over the text: the length of the carried part is the overrun.
    """
    from briefgen.render.pdf.boxes import find
    from briefgen.render.pdf.sidebar_foot import is_quick_facts

    if not pages or find(pages[0]._page_box, is_quick_facts) is None:
        return 0.0
    over = 0.0
    for page in pages[1:]:
        carried = find(page._page_box, is_quick_facts)
        if carried is not None:
            over += _box_bottom(carried) - float(carried.position_y)
    return over / PX_PER_MM


def _report(pages: list[Any]) -> LayoutReport:
    from briefgen.render.pdf.inspector import space_findings

    anchors = []
    for page in pages:
        top = float(page._page_box.content_box_y())
        anchors.append(
            tuple((name, (float(at[1]) - top) / PX_PER_MM) for name, at in page.anchors.items())
        )
    fills = tuple(_page_fill(page) for page in pages)
    height = float(pages[0]._page_box.height) / PX_PER_MM if pages else 0.0
    return LayoutReport(
        pages=len(pages),
        anchors=tuple(anchors),
        last_page_fill=fills[-1] if fills else 0.0,
        sidebar_overrun_mm=_sidebar_overrun_mm(pages),
        page_fills=fills,
        content_height_mm=height,
        space_faults=len(space_findings(pages)),
    )


def _fail_if_refused(refused: list[str], job: PrintJob) -> None:
    if refused:
        raise BriefError.single(
            "the templates or the brief asked for resources briefgen does not allow: "
            + ", ".join(sorted(set(refused))[:5]),
            Path(job.source),
            hint="use files in the brief's folder, named in the YAML",
        )


def _mended(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    document: Any,
    pages: int | None = None,
) -> tuple[Any, Any]:
    """Laid out again (by ``render``) until, on the first ``pages``, no name is
    hyphenated, no more than two lines in a row are, and no key figure is wider than its
    tile; a layout with nothing to mend is kept as it is.

    On page 1 alone (``pages`` 1), a block that runs under the quick facts or a floated
    picture is narrowed to the room beside it too: the page-1 passes (beside_float.py)
    narrow what they find in each layout, but their last layout, or a mended one, can
    move another heading beside a float, where its rule would run under it."""
    from briefgen.render.pdf.beside_float import narrowed, page_flow, restyle
    from briefgen.render.pdf.fit_values import shrink_wide_values
    from briefgen.render.pdf.hyphenation import mend
    from briefgen.render.pdf.page_split import serialise

    for _ in range(MENDING_PASSES):
        changed = mend(document.pages[:pages], html.etree_element)
        changed = shrink_wide_values(document.pages[:pages], html.etree_element) or changed
        flow = page_flow(html) if pages == 1 and document.pages else None
        widths = {} if flow is None else narrowed(document.pages[0]._page_box, flow, guessing=False)
        if widths:
            styles = [element.get("style") for element in widths]
            restyle(widths)  # a width already set is no change: no layout spent on it
            changed = changed or styles != [element.get("style") for element in widths]
        if not changed:
            break
        html = parse(serialise(html.etree_element))
        document = render(html)
    return html, document


def _page_one_end(document: Any, html: Any) -> tuple[int, str, str, int]:
    """What ends page 1 (its pages, capped, and where the text goes on), to compare two
    layouts of the same brief by."""
    from briefgen.render.pdf.page_split import find_cut

    cut = find_cut(document.pages, html.etree_element)
    if cut is None:
        return len(document.pages), "", "", 0
    return len(document.pages), cut.element.tag, "".join(cut.element.itertext()), cut.words


def _ended_with_paragraph(
    parse: Callable[[str], Any], render: Callable[[Any], Any], html: Any, document: Any
) -> tuple[Any, Any]:
    """Page 1 laid out again with the quick facts ending level with the end of the
    paragraph beside their last lines, when that paragraph runs on under the box
    (sidebar_foot.paragraph_end). The paragraph is narrowed down to its end, and so
    longer; each layout ends the box at its new end, until it ends beside the box (or
    runs on under it no more, by a short last line). Kept only if page 1 still ends
    where it did: the rest of the brief is as before."""
    from briefgen.render.pdf.page_split import serialise
    from briefgen.render.pdf.sidebar_foot import paragraph_end, stretch

    foot = paragraph_end(document.pages)
    if foot is None or not foot.takes_in or not foot.fits:
        return html, document
    facts, style = foot.element, foot.element.get("style")
    end = _page_one_end(document, html)
    tried_html, tried = html, document
    for _ in range(FOOT_PASSES):
        stretch({foot.element: foot.height})
        tried_html = parse(serialise(tried_html.etree_element))
        tried_html, tried = _mended(parse, render, tried_html, render(tried_html), 1)
        foot = paragraph_end(tried.pages)
        if foot is None or not foot.fits:
            break
    if (foot is None or not foot.takes_in) and _page_one_end(tried, tried_html) == end:
        return tried_html, tried
    _restyled({facts: style})  # the tree of ``html`` as it was: ``document`` is its layout
    return html, document


def _restyled(styles: dict[Any, str | None]) -> None:
    """Give each element back the style it had (None: none)."""
    for element, style in styles.items():
        if style is None:
            element.attrib.pop("style", None)
        else:
            element.set("style", style)


def _stretched(
    parse: Callable[[str], Any], render: Callable[[Any], Any], html: Any, document: Any
) -> tuple[Any, Any]:
    """Page 1 laid out again with the quick facts box run down level with the text beside
    it, where the room under the box is a hole (sidebar_foot.stretched_quick_facts); kept
    only if page 1 still ends where it did. A block beside the box's new length that was
    not narrowed to the room beside it (a chart drawn as wide as that room, to the
    pixel) can otherwise be pushed below the box, and on to page 2 (corpus 471)."""
    from briefgen.render.pdf.page_split import serialise
    from briefgen.render.pdf.sidebar_foot import stretch, stretched_quick_facts

    heights = stretched_quick_facts(document.pages)
    if not heights:
        return html, document
    styles = {element: element.get("style") for element in heights}
    stretch(heights)
    tried_html = parse(serialise(html.etree_element))
    tried = render(tried_html)
    if _page_one_end(tried, tried_html) == _page_one_end(document, html):
        return tried_html, tried
    _restyled(styles)  # the tree of ``html`` as it was
    return html, document


def _whole(html: Any) -> Any:
    return html.render(pdf_tags=True)


FIRST_PASS_PAGES = 2
"""Pages of the one-column layout that are read: page 1 (its lines are final) and the
start of page 2 (where the cut goes). The rest is laid out again in two columns."""


@contextmanager
def _pages_at_most(count: int, cut_short: list[bool]) -> Iterator[None]:
    """Make WeasyPrint lay out only the first ``count`` pages; ``cut_short`` gets whether
    more would have followed.

    The one-column layout is read for page 1 and the start of page 2 only: laying out
    the rest of a 100-page brief there cost as much as the two-column layout that is
    kept. WeasyPrint 70 has no option for this, so its page generator
    (``weasyprint.layout.make_all_pages``, which ``layout_document`` calls) is wrapped
    for the duration of one ``render``; without it, the whole document is laid out.
    """
    import weasyprint.layout

    original = getattr(weasyprint.layout, "make_all_pages", None)
    if original is None:  # another WeasyPrint: lay out everything, as before
        cut_short.append(False)
        yield
        return

    def first_pages(context: Any, root_box: Any, html: Any, pages: Any) -> Iterator[Any]:
        for made, page in enumerate(original(context, root_box, html, pages), start=1):
            yield page
            if made == count:
                following = context.page_maker[made][0]  # where page count + 1 resumes
                cut_short.append(following is not None or bool(context.reported_footnotes))
                return
        cut_short.append(False)

    weasyprint.layout.make_all_pages = first_pages
    try:
        yield
    finally:
        weasyprint.layout.make_all_pages = original


class PdfEngine:
    """Lays out print jobs and writes the last one as PDF, in this process."""

    def __init__(self) -> None:
        self._weasyprint = import_engine()
        self.document: Any = None  # the last layout: a weasyprint.Document, for inspection
        self._job: PrintJob | None = None
        self._refused: list[str] = []  # URLs the fetcher refused, also while writing

    def layout(self, job: PrintJob, page_limit: int | None = None) -> LayoutReport:
        """Lay the job out as pages; keep them for :meth:`write`.

        A layout longer than ``page_limit`` is not mended (hyphenation.py): it is refused
        anyway, and mending only keeps words whole, which never shortens it. ``--fit``
        tries several sizes; the ones that overflow cost one layout each, not several.
        """
        refused: list[str] = []
        logger = logging.getLogger("weasyprint")
        quiet = _Quiet()
        logger.addFilter(quiet)
        try:
            with _temporary_files_checked(job):
                document = self._lay_out(job, refused, page_limit)
        finally:
            logger.removeFilter(quiet)
        _fail_if_refused(refused, job)
        self.document, self._job, self._refused = document, job, refused
        return _report(document.pages)

    def _lay_out(self, job: PrintJob, refused: list[str], page_limit: int | None) -> Any:
        """One column first; then, cut where page 1 ends, the rest in two columns."""
        from briefgen.render.pdf.beside_float import (
            DEFERRED,
            fit_beside_float,
            move_deferred,
            widen_continued,
        )
        from briefgen.render.pdf.column_foot import fill_column_feet
        from briefgen.render.pdf.hyphenation import keep_names_whole_before_layout
        from briefgen.render.pdf.page_split import apply_cut, continued_flow, find_cut, serialise

        fetcher = _make_fetcher(job.allowed_files, refused)

        def parse(html: str) -> Any:
            return self._weasyprint.HTML(string=html, base_url=job.base_url, url_fetcher=fetcher)

        cut_short: list[bool] = []  # per one-column layout: whether pages were left out

        def first_pages(html: Any) -> Any:
            with _pages_at_most(FIRST_PASS_PAGES, cut_short):
                return html.render(pdf_tags=True)

        html = parse(job.html)
        if MENDING_PASSES:  # 0 turns the rules off: tests show their texts break them then
            keep_names_whole_before_layout(html.etree_element)
        html, document = fit_beside_float(parse, first_pages, html, first_pages(html))
        # Page 1's lines are final in the one-column layout; the others are laid out again.
        filled = fill_column_feet(parse, first_pages, html, document, after_cut=False)
        if filled[1] is not document:  # text rose beside the quick facts: fitted again
            html, document = fit_beside_float(parse, first_pages, *filled)
        html, document = _mended(parse, first_pages, html, document, 1)
        html, document = _ended_with_paragraph(parse, first_pages, html, document)
        html, document = _stretched(parse, first_pages, html, document)
        cut = find_cut(document.pages, html.etree_element)
        if cut is None and any(DEFERRED in e.attrib for e in html.etree_element.iter()):
            move_deferred(html.etree_element, None)  # no page 2 to start: back in its place
            html = parse(serialise(html.etree_element))
            document = _whole(html)
            cut_short.append(False)
        if cut is None:  # one page, or nothing of the text goes on to page 2
            if cut_short[-1]:  # more pages, none of them the text's (seen in no brief yet)
                document = _whole(html)
            if 1 < len(document.pages) <= (page_limit or len(document.pages)):
                document = _mended(parse, _whole, html, document)[1]
            return document
        apply_cut(html.etree_element, cut)
        move_deferred(html.etree_element, continued_flow(html.etree_element))
        widen_continued(html.etree_element)
        html = parse(serialise(html.etree_element))
        document = None  # its boxes (the whole brief's) need not outlive the next layout
        document = _whole(html)
        if len(document.pages) > (page_limit or len(document.pages)):
            return document
        html, document = fill_column_feet(parse, _whole, html, document)
        html, document = _mended(parse, _whole, html, document)
        # Mending lays the text out again, shorter or longer: a kept block can then leave a
        # hole at a column's foot that the filling above did not see (corpus 141, Russian:
        # 92 x 62 mm before its ratings). Filling costs a layout only where such a hole is.
        filled = fill_column_feet(parse, _whole, html, document)
        if filled[1] is document:
            return document
        return _mended(parse, _whole, *filled)[1]

    def keep(self) -> tuple[Any, PrintJob | None, list[str]]:
        """The last layout, to be brought back by :meth:`restore` after trying others."""
        return self.document, self._job, self._refused

    def restore(self, kept: tuple[Any, PrintJob | None, list[str]]) -> None:
        self.document, self._job, self._refused = kept

    def write(self) -> bytes:
        """The last layout as PDF bytes, meeting the job's PDF standard.

        The bytes depend on the brief only: dates come from the brief (``meta.date``), the
        trailer ``/ID`` is an MD5 of the file's objects, and font subsets get a fixed epoch.
        """
        from briefgen.render.pdf.standards import finisher

        assert self.document is not None and self._job is not None, "layout() first"
        variant = self._job.variant
        options: dict[str, Any] = {"pdf_tags": True, "pdf_identifier": True}
        if variant != "none":
            options["pdf_variant"] = variant
        logger = logging.getLogger("weasyprint")
        quiet = _Quiet()
        logger.addFilter(quiet)
        try:
            with _fixed_epoch(), _temporary_files_checked(self._job):
                pdf = self.document.write_pdf(finisher=finisher(variant), **options)
        finally:
            logger.removeFilter(quiet)
        # SVGs are drawn only now: a reference refused here would silently lose a figure.
        _fail_if_refused(self._refused, self._job)
        _fail_if_undrawn(quiet.undrawn, self._job)
        assert isinstance(pdf, bytes)
        return pdf
