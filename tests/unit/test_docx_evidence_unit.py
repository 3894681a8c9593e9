"""The Word writer's evidence blocks as a reviewer opens them: tables with a header row that
repeats, columns sized to what they hold, numbers right-aligned in tabular figures, a chart
with its alt text, legend and data table, and short blocks kept on one page.

Each test writes, as DOCX only, the evidence example's blocks it reads under the least head
a brief needs (a map only of one small country: maps are the slowest pictures to draw): a
document per test, so that mutation testing knows which tests read which code (a document
shared by a module would be counted to its first test only), each as small as can be.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from briefgen.api import load_brief, render_brief
from briefgen.model.source import KeyPath
from briefgen.render.docx.brief import render_marked_docx
from briefgen.render.docx.evidence import PICTURE_SHARE, column_widths
from briefgen.render.view.evidence import KEEP_TOGETHER_ROWS
from tests.conftest import EVIDENCE_BRIEF
from tests.docx_fields import marked_fields

TABLES = ("findings", "ratings", "chart", "table", "recommendations", "management_response")


HEAD = ("language", "organisation", "date", "evaluation")
"""The example's head that a brief needs, and no more: no quick facts, keywords or
contact, so that each test's document is as small (and as quick to write) as can be."""


def _written(folder: Path, *kinds: str) -> Any:
    """The evidence example with only the sections of these kinds, as a Word document."""
    data = yaml.safe_load(EVIDENCE_BRIEF.read_text(encoding="utf-8"))
    return _custom(folder, [section for section in data["sections"] if section["kind"] in kinds])


@pytest.fixture
def document(tmp_path: Path) -> Any:
    """Every block that makes a table."""
    return _written(tmp_path, *TABLES)


def _evidence_tables(document: Any) -> list[Any]:
    """The tables of evidence blocks (not the quick facts' table)."""
    return [t for t in document.tables if t.rows[0].cells[0].text != "Quick facts"]


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table(document: Any, first_header: str) -> Any:
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == first_header]
    return table


def _text_width(document: Any) -> int:
    section = document.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def test_every_table_has_a_bold_header_row_that_repeats_and_rows_kept_whole(
    document: Any,
) -> None:
    tables = _evidence_tables(document)
    assert len(tables) == 4  # ratings, the chart's data, the table, the response
    for table in tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None
            assert any(not run.bold for cell in row.cells for run in cell.paragraphs[0].runs)
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_short_table_is_kept_on_one_page(document: Any) -> None:
    for table in _evidence_tables(document):
        rows = table.rows
        for row in rows[:-1]:
            assert all(
                paragraph.paragraph_format.keep_with_next
                for cell in row.cells
                for paragraph in cell.paragraphs
            )
        assert not any(
            paragraph.paragraph_format.keep_with_next
            for cell in rows[-1].cells
            for paragraph in cell.paragraphs
        )


def test_the_table_reads_as_written_with_numbers_right_aligned_in_tabular_figures(
    tmp_path: Path,
) -> None:
    document = _written(tmp_path, "table")
    table = _table(document, "Indicator")
    assert _texts(table)[:2] == [
        ["Indicator", "Target", "Achieved"],
        ["Officials trained", "1,500", "1,380"],
    ]
    for row in table.rows[1:]:
        name, *numbers = row.cells
        assert name.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
        for cell in numbers:
            paragraph = cell.paragraphs[0]
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
            for run in paragraph._p.xpath(".//w:r"):
                spacing = run.rPr.find(qn("w14:numSpacing"))
                assert spacing is not None and spacing.get(qn("w14:val")) == "tabular"
    assert not name.paragraphs[0]._p.xpath(".//w14:numSpacing")
    caption = _paragraph_before(document, table)
    assert caption.text == "Selected indicators, end of 2024"
    assert caption.style.name == "Caption" and caption.paragraph_format.keep_with_next
    note = _paragraph_after(document, table)
    assert note.text == "Source: Programme records (illustrative)"


def _body(document: Any) -> list[Any]:
    return list(document.element.body)


def _paragraph_before(document: Any, table: Any) -> Any:
    body = _body(document)
    element = body[body.index(table._tbl) - 1]
    return next(p for p in document.paragraphs if p._p is element)


def _paragraph_after(document: Any, table: Any) -> Any:
    body = _body(document)
    element = body[body.index(table._tbl) + 1]
    return next(p for p in document.paragraphs if p._p is element)


def test_columns_fill_the_text_width_and_fit_their_longest_word(document: Any) -> None:
    width = _text_width(document)
    for table in _evidence_tables(document):
        assert table.autofit is False  # a fixed layout: Word keeps these widths
        grid = [column.width for column in table.columns]
        assert width * 0.999 <= sum(grid) <= width  # the text width, to a hair
        for row in table.rows:
            assert [cell.width for cell in row.cells] == grid  # Word reads the cells'
    response = _table(document, "No.")
    # sized by the text a reader sees in each cell (a line break adds nothing)
    shown = [[cell.text.replace("\n", "") for cell in row.cells] for row in response.rows]
    expected = column_widths(shown, width)
    for got, wanted in zip((column.width for column in response.columns), expected, strict=True):
        assert abs(got - wanted) <= wanted / 1000  # the writer's text width, to a hair
    number, _, action = (column.width for column in response.columns)
    assert number < action / 3  # "No." is narrow, "Action" wide


def test_column_widths_share_the_width_by_content_and_never_below_the_longest_word() -> None:
    total = 6000
    widths = column_widths([["No.", "Action"], ["1", "x " * 40]], total)
    assert total - 2 <= sum(widths) <= total and widths[0] < widths[1] / 5
    # a long word keeps its column wide enough, even beside a long text
    word = "Interinstitutional"
    widths = column_widths([["Unit", "Text"], [word, "many short words " * 10]], total)
    assert widths[0] >= (len(word) + 3) * total / 60 * 0.8
    # a row shorter than the header leaves its missing cells out of the sizing
    widths = column_widths([["A", "B", "C"], ["a long text in the first column"]], total)
    assert len(widths) == 3 and widths[0] > widths[1] and widths[1] == widths[2]
    # an empty column gets a sliver, not nothing: the share of 2 characters, half that of
    # a 4-character column; columns equal in content are equal
    widths = column_widths([["", "Same", "Same"]], total)
    assert 0 < widths[0] < widths[1] == widths[2] and widths[0] * 2 == widths[1]
    # very long texts are capped: 200 and 60 characters get the same share
    widths = column_widths([["x " * 100, "y " * 30]], total)
    assert widths[0] == widths[1]


def test_ratings_name_each_criterion_with_its_rating_in_bold_then_the_scale(tmp_path: Path) -> None:
    document = _written(tmp_path, "ratings")
    table = _table(document, "Criterion")
    assert _texts(table)[0] == ["Criterion", "Rating"]
    assert _texts(table)[1] == [
        "Relevance",
        "Highly satisfactory: Matched each country\u2019s action plan.",
    ]
    assert _texts(table)[2] == ["Coherence", "Satisfactory"]
    runs = table.rows[1].cells[1].paragraphs[0].runs
    assert runs[0].text == "Highly satisfactory" and runs[0].bold
    assert not any(run.bold for run in runs[1:])
    scale = _paragraph_after(document, table)
    assert scale.style.name == "Caption" and scale.text.startswith("Scale, best first: ")


def test_the_management_response_links_each_number_to_its_recommendation(tmp_path: Path) -> None:
    document = _written(tmp_path, "findings", "recommendations", "management_response")
    table = _table(document, "No.")
    rows = _texts(table)
    assert rows[2] == [
        "2",
        "Partially accepted\nReason: Funds end with the programme.",
        "Funding plans for two shelters.\nResponsible: Country offices; Deadline: December 2026",
    ]
    for row in table.rows[1:]:
        (link,) = row.cells[0].paragraphs[0]._p.xpath(".//w:hyperlink")
        assert link.get(qn("w:anchor"))
        assert row.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    meta = [run for run in table.rows[1].cells[2].paragraphs[0].runs if "Responsible" in run.text]
    assert meta and all(run.italic for run in meta)
    reason = [run for run in table.rows[2].cells[1].paragraphs[0].runs if "Reason" in run.text]
    assert reason and all(run.italic for run in reason)


def test_key_figures_are_a_list_with_each_figure_in_bold(tmp_path: Path) -> None:
    document = _written(tmp_path, "key_figures")
    figures = [p for p in document.paragraphs if p.text.startswith("135 ")]
    (figure,) = figures
    assert figure.text == "135 stakeholders interviewed (71\u00a0women, 64\u00a0men)"
    assert figure.runs[0].text == "135" and figure.runs[0].bold
    assert not any(run.bold for run in figure.runs[1:])
    elements = [p._p for p in document.paragraphs]
    index = elements.index(figure._p)
    block = document.paragraphs[index : index + 4]
    assert [p.paragraph_format.keep_with_next for p in block] == [True, True, True, None]
    assert all(p.paragraph_format.keep_together for p in block)


def test_the_chart_is_a_picture_with_its_alt_text_caption_legend_and_data(tmp_path: Path) -> None:
    document = _written(tmp_path, "chart")
    (shape,) = document.inline_shapes
    assert shape.width == int(_text_width(document) * PICTURE_SHARE)
    assert shape._inline.docPr.get("descr")
    paragraphs = document.paragraphs
    (index,) = [n for n, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    after = paragraphs[index + 1 : index + 4]
    assert after[0].text == (
        "Migrants referred to shelters or legal aid, by year; "
        "Programme monitoring data (illustrative)"
    )
    legend = after[1:3]
    assert [p.text.strip() for p in legend] == ["With a referral agreement", "Without one"]
    fills = [p._p.xpath(".//w:shd/@w:fill") for p in legend]
    assert all(len(fill) == 1 and len(fill[0]) == 6 for fill in fills) and fills[0] != fills[1]
    assert legend[0].paragraph_format.keep_with_next and legend[1].paragraph_format.keep_together
    data = _table(document, "")
    assert _texts(data)[0] == ["", "With a referral agreement", "Without one"]
    assert _texts(data)[1] == ["2021", "210", "120"]
    assert _paragraph_before(document, data).text == "The chart's data"
    assert [c.paragraphs[0].alignment for c in data.rows[1].cells] == [
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    ]


def _custom(folder: Path, sections: list[dict[str, Any]], **head: Any) -> Any:
    """The example's head (with ``head``'s changes) and these sections, as a Word document."""
    example = yaml.safe_load(EVIDENCE_BRIEF.read_text(encoding="utf-8"))
    data = {key: example[key] for key in HEAD} | head
    data["sections"] = sections
    (folder / "brief.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (result,) = render_brief(folder / "brief.yaml", ["docx"], folder / "out")
    return docx.Document(str(result.path))


def test_a_long_table_may_break_and_its_note_comes_before_its_source(tmp_path: Path) -> None:
    rows = [[f"Office {n}", n] for n in range(KEEP_TOGETHER_ROWS + 1)]
    table = {"kind": "table", "header": ["Office", "Staff"], "rows": rows}
    document = _custom(tmp_path, [{**table, "note": "Staff at year end.", "credit": "HR"}])
    (grid,) = _evidence_tables(document)
    assert not any(
        paragraph.paragraph_format.keep_with_next
        for row in grid.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    )
    assert _paragraph_after(document, grid).text == "Staff at year end. Source: HR"


def test_a_response_without_an_action_shows_only_who_and_when(tmp_path: Path) -> None:
    recommendations = {"kind": "recommendations", "items": [{"id": "r1", "text": "Do it."}]}
    response = {"recommendation": "r1", "response": "rejected", "unit": "Board"}
    document = _custom(
        tmp_path,
        [recommendations, {"kind": "management_response", "responses": [response]}],
    )
    (grid,) = _evidence_tables(document)
    assert _texts(grid)[1] == ["1", "Rejected", "Responsible: Board"]


def test_short_responses_size_their_columns_by_the_text_shown(tmp_path: Path) -> None:
    # short cells, under the 60 characters where sizing stops growing: a line break
    # between the action and who does it adds nothing to the action column's width
    recommendations = {"kind": "recommendations", "items": [{"id": "r1", "text": "Do it."}]}
    response = {"recommendation": "r1", "response": "accepted", "action": "Act.", "unit": "HR"}
    document = _custom(
        tmp_path,
        [recommendations, {"kind": "management_response", "responses": [response]}],
    )
    (grid,) = _evidence_tables(document)
    assert _texts(grid)[1] == ["1", "Accepted", "Act.\nResponsible: HR"]
    shown = [[cell.text.replace("\n", "") for cell in row.cells] for row in grid.rows]
    expected = column_widths(shown, _text_width(document))
    for got, wanted in zip((column.width for column in grid.columns), expected, strict=True):
        assert abs(got - wanted) <= wanted / 1000  # the writer's text width, to a hair


def test_the_chart_is_drawn_at_print_resolution(tmp_path: Path) -> None:
    document = _written(tmp_path, "chart")
    (shape,) = document.inline_shapes
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert blob.image.px_width == 1600


MAP = {
    "kind": "map",
    "countries": [
        {"code": "DJI", "category": "Field mission"},
        {"code": "SOM", "category": "Remote interviews"},
    ],
}
"""A map of two neighbours in two classes: quick to draw, and a legend of two entries."""


def _picture_paragraphs(document: Any) -> list[Any]:
    """The paragraphs from the picture's on: the picture, then what follows it."""
    paragraphs: list[Any] = document.paragraphs
    (index,) = [n for n, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    return paragraphs[index:]


def test_a_map_has_its_caption_its_legend_and_the_disclaimer_kept_together(
    tmp_path: Path,
) -> None:
    organisation = {"name": "Evaluation Office", "map_disclaimer": "Borders are illustrative."}
    block = {**MAP, "caption": "Countries visited", "alt": "A map of Djibouti and Somalia"}
    document = _custom(tmp_path, [block], organisation=organisation)
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "A map of Djibouti and Somalia"
    assert shape.width == int(_text_width(document) * PICTURE_SHARE)
    picture, caption, legend, second, disclaimer, *_ = _picture_paragraphs(document)
    assert picture.style.name == "Figure"
    assert (caption.text, caption.style.name) == ("Countries visited", "Caption")  # no source
    assert legend.text.strip().startswith("Field mission") and legend.style.name == "Caption"
    assert second.text.strip().startswith("Remote interviews")
    (fill,) = legend._p.xpath(".//w:shd/@w:fill")
    (other,) = second._p.xpath(".//w:shd/@w:fill")
    assert len(fill) == len(other) == 6 and fill != other
    assert (disclaimer.text, disclaimer.style.name) == ("Borders are illustrative.", "Caption")
    assert legend.paragraph_format.keep_with_next and second.paragraph_format.keep_with_next
    assert not disclaimer.paragraph_format.keep_with_next
    assert legend.paragraph_format.keep_together and disclaimer.paragraph_format.keep_together
    assert not caption.paragraph_format.keep_with_next  # else Pandoc reads it as the next's
    assert _evidence_tables(document) == []  # a map has no data table


def test_a_picture_with_a_source_but_no_caption_says_the_source_alone(tmp_path: Path) -> None:
    chart = {
        "kind": "chart",
        "chart": "column",
        "credit": "Monitoring data",
        "categories": [2021, 2022],
        "series": [{"name": "Referred", "values": [210, 390]}],
    }
    document = _custom(tmp_path, [chart])
    _picture, caption, data_caption, *_ = _picture_paragraphs(document)
    assert (caption.text, caption.style.name) == ("Monitoring data", "Caption")
    assert data_caption.text == "The chart's data"  # one series: no legend
    (table,) = _evidence_tables(document)
    assert _texts(table) == [["", "Referred"], ["2021", "210"], ["2022", "390"]]
    # neither caption nor source: the picture is followed by its data at once
    del chart["credit"]
    document = _custom(tmp_path, [chart])
    _picture, data_caption, *_ = _picture_paragraphs(document)
    assert data_caption.text == "The chart's data"


def _marked(folder: Path, sections: list[dict[str, Any]]) -> tuple[Any, dict[KeyPath, str]]:
    """The document, and what ``briefgen update`` reads in it: the text marked as each
    YAML field (an edit in Word goes back to that field, and only there)."""
    path = folder / "brief.yaml"
    example = yaml.safe_load(EVIDENCE_BRIEF.read_text(encoding="utf-8"))
    data = {key: example[key] for key in HEAD} | {"sections": sections}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    marked = render_marked_docx(load_brief(path))
    document = docx.Document(io.BytesIO(marked.content))
    fields = marked_fields(marked, document.element.body)
    return document, {path: text for path, text in fields.items() if path[0] == "sections"}


def test_each_text_of_a_table_is_marked_as_its_field_and_the_total_row_is_bold_ruled(
    tmp_path: Path,
) -> None:
    table = {
        "kind": "table",
        "text": "Staff by office.",
        "caption": "Staff",
        "header": ["Office", "Staff"],
        "rows": [["Addis Ababa", 12], ["Nairobi", 8], ["Total", 20]],
        "total": True,
        "note": "At year end.",
        "credit": "HR records",
    }
    document, fields = _marked(tmp_path, [table])
    assert fields == {
        ("sections", 0, "text", 0): "Staff by office.",
        ("sections", 0, "caption"): "Staff",
        ("sections", 0, "rows", 0, 0): "Addis Ababa",  # numbers are not texts to edit
        ("sections", 0, "rows", 1, 0): "Nairobi",
        ("sections", 0, "rows", 2, 0): "Total",
        ("sections", 0, "note"): "At year end.",
        ("sections", 0, "credit"): "HR records",
    }
    (grid,) = _evidence_tables(document)
    for number, row in enumerate(grid.rows):
        runs = [run for cell in row.cells for run in cell.paragraphs[0].runs]
        bold = number in (0, 3)  # the header and the total
        assert [bool(run.bold) for run in runs] == [bold] * len(runs), number
        rules = [cell._tc.xpath("./w:tcPr/w:tcBorders/w:top") for cell in row.cells]
        assert [len(rule) for rule in rules] == [1 if number == 3 else 0] * 2, number


def test_ratings_responses_figures_and_pictures_mark_their_texts_as_fields(
    tmp_path: Path,
) -> None:
    recommendations = {"kind": "recommendations", "items": [{"id": "r1", "text": "Do it."}]}
    response = {
        "recommendation": "r1",
        "response": "partially_accepted",
        "action": "Half of it.",
        "reason": "Money.",
    }
    ratings = {
        "kind": "ratings",
        "scale": "six-point",
        "ratings": [
            {"criterion": "relevance", "rating": "satisfactory"},
            {"criterion": "coherence", "rating": "satisfactory", "justification": "Fits."},
        ],
    }
    figures = {
        "kind": "key_figures",
        "figures": [{"value": 3, "label": "visits"}, {"value": 5, "label": "staff", "note": "all"}],
    }
    chart = {
        "kind": "chart",
        "chart": "bar",
        "caption": "Visits",
        "credit": "Logs",
        "categories": [2021],
        "series": [{"name": "Visits", "values": [3]}],
    }
    sections: list[dict[str, Any]] = [
        recommendations,
        {"kind": "management_response", "responses": [response]},
        ratings,
        figures,
        chart,
    ]
    _, fields = _marked(tmp_path, sections)
    assert {path: text for path, text in fields.items() if path[1] != 0} == {
        ("sections", 1, "responses", 0, "reason"): "Money.",
        ("sections", 1, "responses", 0, "action"): "Half of it.",
        ("sections", 2, "ratings", 1, "justification"): "Fits.",
        ("sections", 3, "figures", 0, "label"): "visits",
        ("sections", 3, "figures", 1, "label"): "staff",
        ("sections", 3, "figures", 1, "note"): "all",
        ("sections", 4, "caption"): "Visits",
        ("sections", 4, "credit"): "Logs",
    }


def test_a_table_note_stands_alone_and_a_table_without_one_has_no_empty_line(
    tmp_path: Path,
) -> None:
    table = {"kind": "table", "header": ["Office", "Staff"], "rows": [["Addis Ababa", 12]]}
    noted = {**table, "note": "At year end."}
    document = _custom(tmp_path, [noted, table, {"kind": "findings", "text": "After."}])
    first, second = _evidence_tables(document)
    note = _paragraph_after(document, first)
    assert (note.text, note.style.name) == ("At year end.", "Caption")  # no "Source:"
    after = _paragraph_after(document, second)
    assert after.style.name != "Caption" and after.text  # straight on to the next section
