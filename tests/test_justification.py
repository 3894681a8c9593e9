"""Justified Chinese, measured where a reader sees it: the glyphs' positions in the PDF
(PDFium), not WeasyPrint's boxes.

WeasyPrint 70 justifies by widening spaces alone, so a line of Han characters (which has
none) ended short of the column, and a line holding a Latin word put all its slack in the
two spaces beside that word (briefgen/render/pdf/cjk_justify.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

import pypdfium2
import pytest

from briefgen.render.pdf.engine import import_engine
from briefgen.render.view.fonts import font_face_css

HAN = re.compile("[\u4e00-\u9fff]")
# Not a multiple of the 9 pt characters' width: every line has slack to spread.
COLUMN_PT = 200.5
SENTENCE = "评价认为在进一步执行两个全球方案时应加强跨科方案编制并加强两个方案的管理流程"
WITH_CODES = "这次对 GLOT59 和 GLOT92 的深入中期评价评估了这两个方案的初步影响相关性设计效率"


def _lines(text: str, align: str) -> list[list[tuple[float, float, str]]]:
    """Each line of a paragraph of ``text`` set in the brief's Chinese face: its
    characters' (left, right, character), in drawing order."""
    weasyprint = import_engine()
    html = (
        f"<html lang='zh'><style>{font_face_css('noto-sans-cjk-sc', frozenset(map(ord, text)))}"
        "@page { size: A4; margin: 20mm } body { margin: 0 }"
        f"p {{ width: {COLUMN_PT}pt; font: 9pt/1.5 'briefgen Noto Sans CJK SC';"
        f" text-align: {align}; margin: 0 }}</style><p>{text}</p></html>"
    )
    pdf = pypdfium2.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    text_page = pdf[0].get_textpage()
    rows: dict[int, list[tuple[float, float, str]]] = {}
    for index in range(text_page.count_chars()):
        character = text_page.get_text_range(index, 1)
        if not character.strip():
            continue
        # The loose box: from the glyph's origin to its advance, the font's full height.
        left, bottom, right, _ = text_page.get_charbox(index, loose=True)
        rows.setdefault(round(bottom), []).append((left, right, character))
    return [sorted(row) for _, row in sorted(rows.items(), reverse=True)]


def test_a_line_of_han_characters_ends_at_the_column_edge() -> None:
    lines = _lines(SENTENCE * 4, "justify")
    assert len(lines) > 4
    left = lines[0][0][0]
    short = [
        round(left + COLUMN_PT - line[-1][1], 2)
        for line in lines[:-1]
        if abs(left + COLUMN_PT - line[-1][1]) > 0.3
    ]
    assert short == [], f"lines short of the column edge by (pt): {short}"


def _gaps_beside_latin(line: list[tuple[float, float, str]]) -> list[float]:
    """The gaps between a Han character and a Latin letter or digit next to it."""
    return [
        after[0] - before[1]
        for before, after in pairwise(line)
        if bool(HAN.match(before[2])) != bool(HAN.match(after[2]))
    ]


def test_the_slack_of_a_line_with_latin_words_is_spread_over_its_characters() -> None:
    """Beside a Latin word, a justified line's gap is the unjustified one's (a space)
    plus at most one character's share of the slack; all the slack went there before."""
    justified, ragged = _lines(WITH_CODES * 3, "justify"), _lines(WITH_CODES * 3, "left")
    assert [len(line) for line in justified] == [len(line) for line in ragged]
    checked = 0
    for set_justified, set_ragged in zip(justified[:-1], ragged[:-1], strict=True):
        slack = set_justified[-1][1] - set_ragged[-1][1]
        share = slack / (len(set_justified) - 1)
        gaps = zip(_gaps_beside_latin(set_justified), _gaps_beside_latin(set_ragged), strict=True)
        for wide, natural in gaps:
            assert wide - natural == pytest.approx(share, abs=0.5), (slack, wide, natural)
            checked += slack > 2  # a line with slack to spread: the test sees something
    assert checked >= 4


RUSSIAN = (  # corpus brief 21, page 2: a line of four long words before "с тем,"
    "Оценка показала, что, хотя документы обеих программ устарели с\u00a0точки зрения "
    "структуры и\u00a0построения, все опрошенные заинтересованные стороны согласились "
    "с\u00a0тем, что с\u00a0тематической точки зрения обе программы остаются весьма "
    "актуальными."
)
COLUMN_MM = 87  # a column of page 2


def _word_rows(text: str) -> list[list[tuple[float, float]]]:
    """Each line of a justified Russian paragraph in the body face, 9.5 pt in an 87 mm
    column: its words' (left, right), in points."""
    weasyprint = import_engine()
    html = (
        f"<html lang='ru'><style>{font_face_css('source-sans', frozenset(map(ord, text)))}"
        "@page { size: A4; margin: 20mm } body { margin: 0 }"
        f"p {{ width: {COLUMN_MM}mm; font: 9.5pt/1.4 'briefgen Source Sans';"
        " text-align: justify; hyphens: manual; margin: 0 }</style>"
        f"<p>{text}</p></html>"
    )
    pdf = pypdfium2.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    text_page = pdf[0].get_textpage()
    rows: dict[int, list[list[float]]] = {}
    previous_blank = True
    for index in range(text_page.count_chars()):
        character = text_page.get_text_range(index, 1)
        if not character.strip():
            previous_blank = True
            continue
        left, bottom, right, _ = text_page.get_charbox(index, loose=True)
        row = rows.setdefault(round(bottom), [])
        if previous_blank or not row:
            row.append([left, right])
        else:
            row[-1][1] = right
        previous_blank = False
    return [[(left, right) for left, right in row] for _, row in sorted(rows.items(), reverse=True)]


def test_a_loose_russian_line_takes_part_of_its_slack_between_letters() -> None:
    """WeasyPrint 70 put all of a line's slack in its spaces: "все опрошенные
    заинтересованные стороны согласились" (three gaps, "с тем," too wide to come up) had
    gaps of 3.2 mm. The slack past 0.3 em a space now goes between its letters (up to
    0.03 em each, loose_justify.py): no gap of 3 mm, and every line but the last still
    ends at the column's edge."""
    rows = _word_rows(RUSSIAN)
    assert len(rows) > 3
    mm = 72 / 25.4
    gaps = [round((b[0] - a[1]) / mm, 2) for row in rows[:-1] for a, b in pairwise(row)]
    assert max(gaps) < 2.5, gaps
    left = rows[0][0][0]
    short = [
        round(left + COLUMN_MM * mm - row[-1][1], 2)
        for row in rows[:-1]
        if abs(left + COLUMN_MM * mm - row[-1][1]) > 0.5
    ]
    assert short == [], f"lines short of the column edge by (pt): {short}"
