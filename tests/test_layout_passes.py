"""What the PDF engine lays out: the one-column layout is read for page 1 and the start
of page 2 only (briefgen/render/pdf/engine.py), so a long brief's pages are laid out once in
two columns, not also once in one column."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.render.pdf.engine import PdfEngine
from briefgen.render.pdf.print_job import print_job
from tests.conftest import SMALL_BRIEF


def test_the_one_column_layout_stops_after_page_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.layout.page

    made: list[int] = []
    remake_page = weasyprint.layout.page.remake_page

    def counted(index: int, *args: object) -> object:
        made.append(index)
        return remake_page(index, *args)

    monkeypatch.setattr(weasyprint.layout.page, "remake_page", counted)
    paragraph = " ".join(["The programme reached most villages in the valley."] * 800)
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace("The programme reached most villages.", paragraph), encoding="utf-8"
    )
    engine = PdfEngine()
    pages = engine.layout(print_job(load_brief(brief))).pages
    assert pages > 4
    assert made == [0, 1, *range(pages)]  # pages 1-2 in one column, then all in two
    assert len(engine.document.pages) == pages


REFERENCE = Path(__file__).resolve().parent.parent / "data" / "brief.yaml"


def _counted_layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each ``weasyprint.HTML.render`` call of this test, by the pages it made."""
    import weasyprint

    made: list[int] = []
    render = weasyprint.HTML.render

    def counted(self: object, *args: object, **kwargs: object) -> object:
        document = render(self, *args, **kwargs)
        made.append(len(document.pages))
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    return made


def _heading_width_mm(engine: PdfEngine, heading_id: str) -> float:
    from briefgen.render.pdf.engine import PX_PER_MM

    stack = [engine.document.pages[0]._page_box]
    while stack:
        box = stack.pop()
        element = getattr(box, "element", None)
        if element is not None and element.get("id") == heading_id and box.element_tag == "h2":
            return float(box.border_width()) / PX_PER_MM
        stack.extend(getattr(box, "children", None) or ())
    raise AssertionError(f"no h2 #{heading_id} on page 1")


def test_headings_narrowed_beside_the_quick_facts_cost_no_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reference's "Background" heading runs under the quick facts in the one-column
    layout; its rule is narrowed to the room beside them without laying page 1 out again:
    one one-column layout and the final one."""
    made = _counted_layouts(monkeypatch)
    engine = PdfEngine()
    report = engine.layout(print_job(load_brief(REFERENCE)))
    assert report.pages == 2
    assert len(made) == 2
    beside = _heading_width_mm(engine, "background-and-context")
    assert beside < 125  # the room beside the box, not the text's full width (~180 mm)


def test_narrowing_that_moves_text_is_laid_out_again_from_the_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the final layout show the narrowed blocks' lines otherwise than the first,
    everything is laid out again without the shortcut: the same PDF as when the lines
    agree, two more layouts (the narrowed one-column layout and the final one)."""
    import briefgen.render.pdf.beside_float as beside_float

    trusted = PdfEngine()
    trusted.layout(print_job(load_brief(REFERENCE)))
    expected = trusted.write()

    made = _counted_layouts(monkeypatch)
    real = beside_float.narrowed_lines
    calls: list[int] = []

    def disagreeing(page_box: object) -> list[tuple[str, ...]]:
        calls.append(1)
        lines = real(page_box)
        return lines if len(calls) == 1 else [("another line",), *lines]

    monkeypatch.setattr(beside_float, "narrowed_lines", disagreeing)
    engine = PdfEngine()
    engine.layout(print_job(load_brief(REFERENCE)))
    assert len(made) == 2 + 3
    assert engine.write() == expected
