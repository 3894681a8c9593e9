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
