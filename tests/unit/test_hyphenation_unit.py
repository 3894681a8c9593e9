"""The hyphenation rules on laid-out lines, without the PDF engine: which line ends are
hyphens the layout added, which words the rules keep whole, and how they are marked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

import pytest

from briefgen.render.pdf.hyphenation import (
    NO_HYPHENS_CLASS,
    NOT_HYPHENATED_CLASSES,
    NOT_HYPHENATED_TAGS,
    BrokenWord,
    Line,
    broken_lines,
    is_name,
    keep_names_whole,
    keep_names_whole_before_layout,
    keep_whole,
    ordinary_openers,
    words_to_keep_whole,
)
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Kyrgyzstan", True),
        ("UNODC", True),
        ("GLOT59", True),
        ("ONUDC", True),  # French
        ("Azerbaïdjan", True),
        ("États", True),
        ("Кыргызстан", True),  # Russian
        ("ЮНОДК", True),
        ("évaluation", False),
        ("programmes", False),
        ("оценка", False),
        ("التقييم", False),  # Arabic and Chinese have no capitals
        ("评价", False),
    ],
)
def test_a_name_is_a_word_with_a_capital(word: str, name: bool) -> None:
    assert is_name(word) is name


def _lines(*texts: str) -> list[Line]:
    element = ET.Element("p")
    return [Line(element, text, "-") for text in texts]


def test_added_hyphens_are_told_from_the_texts_own() -> None:
    source = "The evaluation of the mid-term programme\u00adwork, in full."
    lines = _lines("The evalu-", "ation of the mid-", "term programme\u00ad-", "work, in full.")
    assert broken_lines(lines, source) == [source.index("ation"), None, -1, None]


def test_lines_of_another_block_are_skipped_not_guessed() -> None:
    source = "An introduction to items. A list item follows"
    lines = _lines("An intro-", "duction to", "A list item fol-", "lows")  # "items." elsewhere
    offsets = broken_lines(lines, source)
    assert offsets == [source.index("duction"), None, source.index("lows"), None]


def test_keep_whole_wraps_only_the_word_and_keeps_the_text() -> None:
    paragraph = ET.fromstring("<p>Visits to <strong>the Kyrgyzstan</strong> office</p>")
    text = "".join(paragraph.itertext())
    parents = {child: parent for parent in paragraph.iter() for child in parent}
    keep_whole(BrokenWord(paragraph, text.index("gyzstan"), "Kyrgyzstan"), parents)
    keep_whole(BrokenWord(paragraph, text.index("fice"), "office"), parents)
    assert "".join(paragraph.itertext()) == text
    assert ET.tostring(paragraph, encoding="unicode") == (
        '<p>Visits to <strong>the <span class="no-hyphens">Kyrgyzstan</span></strong> '
        '<span class="no-hyphens">office</span></p>'
    )


def test_a_broken_name_is_kept_whole_everywhere_but_in_links() -> None:
    body = ET.fromstring(
        "<body><p>Astrid Ganterer and Ganterers met Ganterer.</p>"
        '<p><a href="https://x.org">Ganterer</a> <em>Ganterer</em></p></body>'
    )
    text = "".join(body.itertext())
    parents = {child: parent for parent in body.iter() for child in parent}
    keep_names_whole(body, {"Ganterer"}, parents)
    assert "".join(body.itertext()) == text
    spans = [span.text for span in body.iter("span")]
    assert spans == ["Ganterer", "Ganterer", "Ganterer"]  # not "Ganterers", not the link
    assert body.find("p/a/span") is None


def test_names_and_codes_are_marked_before_layout_not_short_or_long_ones() -> None:
    body = ET.fromstring(
        "<body><p>Astrid Ganterer met <em>the UNODC</em> in Kyrgyzstan for GLOT59 and "
        "x2024abc; evaluation was Pneumonoultramicroscopicsilicovolcano.</p>"
        '<p><a href="https://x.org">Ganterer</a> and <span class="no-hyphens">Idoate'
        "</span> Chatzis</p></body>"
    )
    text = "".join(body.itertext())
    assert keep_names_whole_before_layout(body) == 6
    assert "".join(body.itertext()) == text
    spans = [span.text for span in body.iter("span") if span.text != "Idoate"]
    # UNODC: too short to be hyphenated (6 letters at least); the 37-letter word: too
    # long to fit a line whole; the link: one box, never marked.
    assert spans == ["Astrid", "Ganterer", "Kyrgyzstan", "GLOT59", "x2024abc", "Chatzis"]
    assert body.find("p/a/span") is None


def test_no_word_is_marked_where_the_stylesheets_hyphenate_nothing() -> None:
    body = ET.fromstring(
        '<body><h2>Kyrgyzstan</h2><div class="quick-facts"><p>Kyrgyzstan</p></div>'
        '<p lang="zh">Kyrgyzstan</p><p>Kyrgyzstan</p></body>'
    )
    assert keep_names_whole_before_layout(body) == 1
    assert body[3][0].text == "Kyrgyzstan"
    css = "".join(
        (ROOT / "templates" / name).read_text(encoding="utf-8")
        for name in ("brief.css", "languages.css", "evidence.css")
    )
    manual = " ".join(re.findall(r"([^{}]*)\{[^}]*hyphens: manual", css))
    for name in [*NOT_HYPHENATED_TAGS, *(f".{c}" for c in NOT_HYPHENATED_CLASSES)]:
        assert re.search(rf"{re.escape(name)}\b", manual), f"{name}: not hyphens: manual"


@dataclass
class _Box:
    """Just enough of a WeasyPrint box for the line walk."""

    element: Any = None
    children: list[Any] = field(default_factory=list)
    text: str = ""
    style: dict[str, Any] = field(default_factory=lambda: {"hyphenate_character": "-"})
    element_tag: str = "p"


class LineBox(_Box):
    pass


class TextBox(_Box):
    pass


@dataclass
class _Page:
    _page_box: Any


def _page(element: ET.Element, *lines: str) -> _Page:
    boxes = [LineBox(element, [TextBox(element, text=text)]) for text in lines]
    return _Page(_Box(None, [_Box(element, boxes)]))


def test_the_third_hyphenated_line_in_a_row_and_names_are_kept_whole() -> None:
    paragraph = ET.fromstring(
        "<p>sustainability objectives cooperation framework Kyrgyzstan assessment "
        "evaluation recommendation</p>"
    )
    text = "".join(paragraph.itertext())
    lines = (
        "sustain-",
        "ability objec-",
        "tives coopera-",  # third in a row
        "tion frame-",
        "work Kyrgyz-",  # a name
        "stan assess-",
        "ment evalu-",
        "ation recommendation",
    )
    words = words_to_keep_whole([_page(paragraph, *lines)])
    assert [word.word for word in words] == ["cooperation", "Kyrgyzstan"]
    assert words[0].offset == text.index("tion")


def _justified(element: ET.Element, text: str, stretch: float) -> LineBox:
    """A justified line 87 mm wide (a page-2 column) at 10 pt, each space widened by
    ``stretch`` px, its text in one box; the text's own width is what is left."""
    style = {"hyphenate_character": "-", "text_align_all": "justify", "font_size": 13.33}
    leaf = TextBox(element, text=text, style=style)
    leaf.justification_spacing = stretch  # type: ignore[attr-defined]
    line = LineBox(element, [leaf], style=style)
    line.width = 87 * 96 / 25.4  # type: ignore[attr-defined]
    return line


def test_a_third_hyphen_stays_where_keeping_its_word_whole_leaves_the_line_loose() -> None:
    """Corpus brief 21 (Russian, page 2): "предоставляла", the third hyphenated word in a
    row, kept whole left "национальными и международными участниками" justified with gaps
    of 8 mm. A line of three long words has too few gaps to take a word part's width (its
    hyphen stays); a line of many short ones has enough (the rule holds)."""
    loose = ET.fromstring(
        "<p>сотрудничество коммуникационные международными участниками предоставляла "
        "рекомендации</p>"
    )
    even = ET.fromstring(
        "<p>сотрудничество коммуникационные и в том и в этом году с ними и в них "
        "предоставляла рекомендации</p>"
    )
    lines = ["сотрудни-", "чество коммуника-"]
    few_gaps = _Box(
        loose,
        [
            *(_justified(loose, line, 0) for line in lines),
            _justified(loose, "ционные международными участниками пре-", 2),
            _justified(loose, "доставляла рекомендации", 0),
        ],
    )
    many_gaps = _Box(
        even,
        [
            *(_justified(even, line, 0) for line in lines),
            _justified(even, "ционные и в том и в этом году с ними и в них пре-", 1),
            _justified(even, "доставляла рекомендации", 0),
        ],
    )
    words = words_to_keep_whole([_Page(_Box(None, [few_gaps, many_gaps]))])
    assert [(word.element, word.word) for word in words] == [(even, "предоставляла")]


def test_list_markers_are_not_lines_of_text() -> None:
    item = ET.fromstring("<li>Kyrgyzstan</li>")
    marker = LineBox(item, [TextBox(item, text="Kyr-")], element_tag="li::marker")
    assert words_to_keep_whole([_Page(_Box(None, [marker]))]) == []
    assert len(words_to_keep_whole([_page(item, "Kyr-", "gyzstan")])) == 1


def test_the_stylesheet_keeps_marked_words_whole() -> None:
    css = (ROOT / "templates" / "languages.css").read_text(encoding="utf-8")
    assert f".{NO_HYPHENS_CLASS} {{ hyphens: manual; }}" in css


def test_a_run_goes_on_from_page_1_into_the_paragraphs_carried_part() -> None:
    ends_page_1 = ET.fromstring('<p class="runs-over">evaluation objectives</p>')
    starts_page_2 = ET.fromstring('<p class="carried-over">cooperation framework</p>')
    page_1 = _page(ends_page_1, "evalu-", "ation objec-")
    page_2 = _page(starts_page_2, "coopera-", "tion framework")  # the third in a row
    words = words_to_keep_whole([page_1, page_2])
    assert [(word.element, word.word) for word in words] == [(starts_page_2, "cooperation")]


def test_no_word_is_marked_in_a_language_the_engine_does_not_hyphenate() -> None:
    """Arabic (like Chinese) has no hyphenation dictionary: a marked word there only cut a
    justified right-to-left line into boxes, which WeasyPrint 70 set 1 mm past its column
    (the Arabic example, page 2) when the line ended before one."""
    body = ET.fromstring(
        '<body><p lang="ar">في مواصلة تنفيذ GLOT59 وGLOT92، أن يقوم</p>'
        '<p lang="en-GB">Kyrgyzstan and GLOT59</p></body>'
    )
    assert keep_names_whole_before_layout(body) == 2
    assert [span.text for span in body.iter("span")] == ["Kyrgyzstan", "GLOT59"]
    assert body[0].find("span") is None


def test_where_the_third_cannot_be_kept_whole_the_second_is_and_five_never_stay() -> None:
    second = ET.fromstring(
        "<p>сотрудничество и в том и в этом году с ними и с ними коммуникационные "
        "участниками предоставляла рекомендации</p>"
    )
    fifth = ET.fromstring(
        "<p>сотрудничество коммуникационные участниками предоставляла рекомендации государствам</p>"
    )
    second_kept = _Box(
        second,
        [
            _justified(second, "сотрудни-", 0),
            _justified(second, "чество и в том и в этом году с ними и с ними ком-", 1),
            _justified(second, "муникационные участниками пре-", 2),
            _justified(second, "доставляла рекомендации", 0),
        ],
    )
    five = _Box(  # lines of one or two words: none can lose its word part
        fifth,
        [
            _justified(fifth, "сотрудни-", 0),
            _justified(fifth, "чество коммуника-", 0),
            _justified(fifth, "ционные участни-", 2),
            _justified(fifth, "ками предостав-", 2),
            _justified(fifth, "ляла рекомендации государ-", 2),
            _justified(fifth, "ствам", 0),
        ],
    )
    words = words_to_keep_whole([_Page(_Box(None, [second_kept, five]))])
    assert [(word.element, word.word) for word in words] == [
        (second, "коммуникационные"),
        (fifth, "государствам"),
    ]


def test_an_ordinary_word_opening_a_sentence_may_be_hyphenated_a_name_may_not() -> None:
    """Corpus brief 9 (Russian): "Среднесрочная" opening a sentence was kept whole as a
    name, and the line before it ("а также партнерские связи и сотрудничество.") was
    justified with gaps of 4.7 mm. The dictionary knows it in lower case; it knows
    neither "Молдова" nor "ЮНОДК", and "Организации" is written capitalised inside a
    sentence elsewhere, so those stay names; "Протокол" opening a sentence is a word."""
    body = ET.fromstring(
        '<html lang="ru"><body><p>Связи и сотрудничество. Среднесрочная оценка охватывала '
        "период. Организации Объединенных Наций помогают. Молдова участвовала. Протокол "
        "<em>Организации</em> принят.</p><p>Среднесрочная\u00a0Программа.</p></body></html>"
    )
    keep_names_whole_before_layout(body)
    kept = [span.text for span in body.iter("span")]
    assert kept == [
        "Организации",
        "Объединенных",
        "Молдова",
        "Организации",
        "Среднесрочная",  # joined to a name by a no-break space
        "Программа",
    ]
    paragraph = body.find("body/p")
    assert paragraph is not None
    text = "".join(paragraph.itertext())
    page = _page(paragraph, "Связи и сотрудничество. Средне-", "срочная оценка")
    assert words_to_keep_whole([page], ordinary_openers(body)) == []
    assert [word.word for word in words_to_keep_whole([page])] == ["Среднесрочная"]
    assert text.startswith("Связи")
