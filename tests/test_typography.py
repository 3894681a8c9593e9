"""Each language's typography in the HTML and PDF: quotes, apostrophes, French spaces,
web addresses that never break at their hyphens, hyphenation an editor accepts."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import docx
import pytest

from briefgen.api import load_brief, render_brief
from briefgen.model.labels import labels_for
from briefgen.render.html import render_html
from briefgen.render.view.markup import to_html
from briefgen.render.view.typography import Typography, breakable_url
from tests.conftest import ROOT, SMALL_BRIEF, Renders
from tests.test_docx import docx_text

FRENCH = Typography(
    ("«\u202f", "\u202f»", "“", "”"),
    "’",
    {";": "\u202f", "!": "\u202f", "?": "\u202f", ":": "\u00a0", "«": "\u202f"},
)


def test_english_quotes_and_apostrophes() -> None:
    html = to_html(
        "The \"programme's\" goal: 'a say' for **\"all\"** and the programmes' aims", Typography()
    )
    assert html == (
        "The “programme’s” goal: ‘a say’ for <strong>“all”</strong> and the programmes’ aims"
    )


def test_french_spaces_and_quotes() -> None:
    html = to_html('L\'objectif : "réduire" la traite ; comment ? Ainsi! « Déjà »', FRENCH)
    assert html == (
        "L’objectif\u00a0: «\u202fréduire\u202f» la traite\u202f; comment\u202f? "
        "Ainsi\u202f! «\u202fDéjà\u202f»"
    )
    # Not inside a web address or code.
    assert to_html("voir https://a.org:80/x?y=1 et `a:b`", FRENCH) == (
        "voir https://a.org:80/x?y=1 et <code>a:b</code>"
    )


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        (("«", "»", "„", "“"), "«оценка»"),  # Russian and Spanish
        (("“", "”", "‘", "’"), "“被广泛采用”"),  # Chinese: no space before the quote
    ],
)
def test_quotes_in_other_languages(quotes: tuple[str, str, str, str], expected: str) -> None:
    text = '"оценка"' if "«" in quotes else '了"被广泛采用"的'
    assert expected in to_html(text, Typography(quotes))


def test_a_url_breaks_after_slashes_and_dots_never_at_its_hyphens() -> None:
    shown = str(breakable_url("https://tinyurl.com/IDE-TIP-SOM"))
    assert shown == "https://tinyurl.\u200bcom/\u200bIDE-\u2060TIP-\u2060SOM"


def test_a_url_in_a_narrow_box_breaks_only_after_slash_or_dot(tmp_path: Path) -> None:
    """In the quick facts column (52 mm) the address must break; never at a hyphen."""
    url = "https://www.unodc.org/documents/evaluation/mid-term/in-depth-brief/GLOT59-GLOT92.pdf"
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF + f"quick_facts:\n  - label: Report\n    value: <{url}>\n", encoding="utf-8"
    )
    (result,) = render_brief(brief, ["pdf"], tmp_path / "out")
    words = subprocess.run(
        ["pdftotext", "-bbox", str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(r">([^<]+)</word>", words)
    lines = [word for word in found if "/" in word[:-1] or "GLOT" in word]  # not "Page 1 / 1"
    assert "".join(lines) == url, lines
    assert len(lines) > 1, "the address should need more than one line"
    for line in lines[:-1]:
        assert line.endswith(("/", ".")), f"a line of the address ends with {line!r}"


def test_no_hyphenation_leaves_fewer_than_three_letters(tmp_path: Path) -> None:
    """'assist' could break as 'as-sist' (2 letters) without the limits; 'evaluated' as
    'evaluat-ed'."""
    text = " ".join(["They assist states, evaluated programmes, and interoperability."] * 120)
    brief = tmp_path / "brief.yaml"
    brief.write_text(  # long enough for page 2's narrow columns
        SMALL_BRIEF.replace("The programme reached most villages.", text)
        + "layout:\n  max_pages: 4\n",
        encoding="utf-8",
    )
    (result,) = render_brief(brief, ["pdf"], tmp_path / "out")
    lines = subprocess.run(  # -raw keeps the hyphens the layout added at line ends
        ["pdftotext", "-raw", str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    broken = [line for line in lines if line.rstrip().endswith("-")]
    assert broken, "the text should need some hyphenation"
    for index, line in enumerate(lines[:-1]):
        if line.rstrip().endswith("-"):
            before = re.findall(r"(\w+)-$", line.rstrip())[0]
            after = re.findall(r"^(\w+)", lines[index + 1])[0]
            assert len(before) >= 3 and len(after) >= 3, (line, lines[index + 1])


def test_french_brief_html_and_label_typography(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace("language: en", "language: fr").replace(
            "The programme reached most villages.", 'Le "programme" a-t-il atteint les villages ?'
        ),
        encoding="utf-8",
    )
    page = render_html(load_brief(brief))
    assert "Le «\u202fprogramme\u202f» a-t-il atteint les villages\u202f?" in page
    assert "Note d’évaluation" in page


PUNCTUATED_BRIEF = (
    SMALL_BRIEF.replace("language: en", "language: {language}").replace(
        "      - Keep going.", "      - id: rec-1\n        text: Keep going."
    )
    + """\
  - kind: table
    caption: Budget
    header: [Year, USD]
    rows: [[2016, 100]]
    credit: UNODC
  - kind: management_response
    responses:
      - recommendation: rec-1
        response: accepted
        unit: IES
        deadline: 2026-06
contact:
  unit: Evaluation Office
  email: ieu@un.org
"""
)


@pytest.mark.parametrize(
    ("language", "colon", "semicolon", "deadline"),
    [
        ("en", ": ", "; ", "June 2026"),
        ("fr", "\u00a0: ", "\u202f; ", "juin 2026"),
        ("zh", "：", "；", "2026年6月"),
        ("ar", ": ", "؛ ", "يونيو 2026"),
    ],
)
def test_briefgens_own_punctuation_is_the_languages(
    tmp_path: Path, language: str, colon: str, semicolon: str, deadline: str
) -> None:
    """ "Source: ...", "Unit: ...; Deadline: ..." are briefgen's words: each language sets
    its own marks between them (Chinese full-width, Arabic ؛, French spaced), in the web
    page, the Markdown and the Word file alike."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(PUNCTUATED_BRIEF.format(language=language), encoding="utf-8")
    labels = labels_for(language)
    words = labels.evidence.responses
    # The deadline, typed 2026-06, is a month in the brief's language.
    meta = f"{words.unit}{colon}IES{semicolon}{words.deadline}{colon}{deadline}"
    outputs = {r.format: r.path for r in render_brief(brief, ["html", "md", "docx"], tmp_path)}
    html = re.sub(r"<[^>]+>", "", outputs["html"].read_text(encoding="utf-8"))
    markdown = outputs["md"].read_text(encoding="utf-8")
    word = docx_text(docx.Document(str(outputs["docx"])))
    for name, text in {"html": html, "md": markdown, "docx": word}.items():
        # word joiners aside: invisible, they hold a Chinese number to its unit (2026年)
        assert meta in text.replace("\u2060", ""), f"{language} {name}: no {meta!r}"
    assert f"{labels.evidence.source}{colon}UNODC" in html
    assert f"{labels.email}{colon}" in html
    if colon != ": ":
        assert f"{words.unit}: " not in html + markdown + word


def test_chinese_keeps_a_latin_width_apostrophe_in_latin_words() -> None:
    """Noto Sans CJK SC, which draws the Latin text of a Chinese brief, has a full-width
    ’ ("UNODC’ s"); its ' is as wide as in a Latin font."""
    chinese = labels_for("zh")
    typography = Typography(tuple(chinese.quotes), chinese.apostrophe)  # type: ignore[arg-type]
    shown = unescape(to_html('毒品和犯罪问题办公室(UNODC\'s)的"方案"', typography))
    assert shown == "毒品和犯罪问题办公室(UNODC's)的“方案”"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "主要经验教训包括：1) 预算少；2) 承诺。"),
        ("en", "include: 1) budget; 2) commitment."),
    ],
)
def test_a_run_in_list_is_spaced_as_its_language_is(
    tmp_path: Path, language: str, expected: str
) -> None:
    """Chinese full-width marks carry their own space: no space is added after them."""
    intro, first, second = (
        ("主要经验教训包括：", "预算少；", "承诺。")
        if language == "zh"
        else ("include:", "budget;", "commitment.")
    )
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace("language: en", f"language: {language}").replace(
            "    items:\n      - Keep going.\n      - Measure more.\n",
            f'    list_style: run-in\n    text: "{intro}"\n    items:\n'
            f"      - {first}\n      - {second}\n",
        ),
        encoding="utf-8",
    )
    outputs = {r.format: r.path for r in render_brief(brief, ["html", "md", "docx"], tmp_path)}
    html = re.sub(r"<[^>]+>", "", outputs["html"].read_text(encoding="utf-8"))
    assert expected in html
    assert expected in outputs["md"].read_text(encoding="utf-8")
    assert expected in docx_text(docx.Document(str(outputs["docx"])))


def test_no_russian_line_ends_with_a_one_letter_word(renders: Renders) -> None:
    """Russian typesetting keeps "в", "с", "и"... with the word after them: the Russian
    example had 21 lines ending with one before they were bound by a no-break space."""
    pdf = renders.only(ROOT / "data" / "examples" / "brief-ru.yaml", "pdf")
    lines = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(lines) > 100
    one_letter = {"в", "к", "\u0441", "\u0443", "\u043e", "и", "\u0430", "я"}  # с у о а
    ending = [line for line in lines if line.split() and line.split()[-1].lower() in one_letter]
    assert ending == []
