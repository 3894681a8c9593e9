"""Hyphenation an editor accepts, measured in the PDF's text: no more than two hyphenated
lines in a row, and no hyphenated names in running text. Each test also renders with the
mending turned off, to show that its text does break the rule without it."""

from __future__ import annotations

import itertools
import random
import re
import subprocess
from pathlib import Path

import pytest

from briefgen.api import load_brief, render_brief
from briefgen.render.pdf import hyphenation
from briefgen.render.pdf.engine import PdfEngine
from briefgen.render.pdf.print_job import print_job
from tests.conftest import SMALL_BRIEF

LONG_WORDS = [
    "interdepartmental",
    "coordination",
    "telecommunications",
    "institutionalisation",
    "responsibilities",
    "characterised",
    "multidisciplinary",
    "accountability",
    "representativeness",
    "implementation",
    "international",
    "organisations",
]
SHORT_WORDS = ["the", "of", "and", "in", "was", "by", "for", "with", "on", "as"]
NAMES = {  # from the reference brief and its translations
    "en": "Kyrgyzstan Azerbaijan Netherlands Liechtenstein Switzerland Luxembourg Emmanuelle "
    "Ganterer Santillán Idoate Chatzis",
    "ru": "Кыргызстан Азербайджан Нидерланды Лихтенштейн Швейцария Люксембург Эмманюэль "
    "Гантерер Сантильян Идоате Хатзис",
}
RUSSIAN_WORDS = [
    "международного",
    "сотрудничества",
    "эффективности",
    "деятельности",
    "межведомственной",
    "координации",
    "ответственности",
    "представительности",
]


def _paragraph(seed: int, words: int, long_words: list[str], names: list[str]) -> str:
    """Seeded text of long words (and names), so that many lines end hyphenated."""
    chooser = random.Random(seed)
    pool = [*long_words, *names]
    return " ".join(
        chooser.choice(pool) if chooser.random() < 0.6 else chooser.choice(SHORT_WORDS)
        for _ in range(words)
    )


def _pdf_lines(tmp_path: Path, text: str, language: str, folder: str) -> list[str]:
    brief = tmp_path / "brief.yaml"
    brief.write_text(  # long enough for page 2's narrow columns
        SMALL_BRIEF.replace("language: en", f"language: {language}").replace(
            "The programme reached most villages.", text
        )
        + "layout:\n  max_pages: 4\n",
        encoding="utf-8",
    )
    (result,) = render_brief(brief, ["pdf"], tmp_path / folder)
    return subprocess.run(  # -raw keeps the hyphens the layout added at line ends
        ["pdftotext", "-raw", str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def _longest_hyphenated_run(lines: list[str]) -> int:
    longest = run = 0
    for line in lines:
        run = run + 1 if re.search(r"\w-$", line.rstrip()) else 0
        longest = max(longest, run)
    return longest


def _broken_names(lines: list[str], names: set[str]) -> list[str]:
    """The names split over two lines ("Kyrgyz-" / "stan ...")."""
    broken = []
    for line, following in itertools.pairwise(lines):
        start = re.search(r"(\w+)-$", line.rstrip())
        end = re.match(r"(\w+)", following)
        if start and end and start.group(1) + end.group(1) in names:
            broken.append(f"{start.group(1)}-{end.group(1)}")
    return broken


def _runs_longer_than_two(lines: list[str]) -> int:
    """How many runs of three or four hyphenated lines in a row."""
    runs = [0]
    for line in lines:
        runs.append(runs[-1] + 1 if re.search(r"\w-$", line.rstrip()) else 0)
    return sum(length == 3 for length in runs)


def test_no_more_than_two_hyphenated_lines_in_a_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two at most, or three or four where keeping the third's word whole (and the
    second's) would leave its line loose (hyphenation.LOOSEST_GAP_EM); never five. This
    text of words of 11 to 20 letters has lines of four or five words, where that happens."""
    text = _paragraph(1, 900, LONG_WORDS, [])  # no hyphen of its own, no name
    mended = _pdf_lines(tmp_path, text, "en", "mended")
    hyphenated = sum(line.rstrip().endswith("-") for line in mended)
    assert hyphenated > 20, "should need hyphenation"
    assert _longest_hyphenated_run(mended) <= 4
    # the exception stays one: 5 runs past two (the longest four) for 55 hyphenated lines
    assert _runs_longer_than_two(mended) <= hyphenated // 8
    page_text = " ".join(mended)
    assert "Page 2" in page_text, "the text should reach page 2's columns"

    monkeypatch.setattr("briefgen.render.pdf.engine.MENDING_PASSES", 0)
    assert _longest_hyphenated_run(_pdf_lines(tmp_path, text, "en", "as-laid-out")) >= 5


@pytest.mark.parametrize("language", ["en", "ru"])
def test_names_are_not_hyphenated_in_running_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    names = NAMES[language].split()
    words = LONG_WORDS if language == "en" else RUSSIAN_WORDS
    text = _paragraph(2, 500, words, names)
    mended = _pdf_lines(tmp_path, text, language, "mended")
    assert _broken_names(mended, set(names)) == []
    assert sum(line.rstrip().endswith("-") for line in mended) > 5, "other words still break"

    monkeypatch.setattr("briefgen.render.pdf.engine.MENDING_PASSES", 0)
    assert _broken_names(_pdf_lines(tmp_path, text, language, "as-laid-out"), set(names))


def test_a_layout_past_its_page_limit_is_not_mended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--fit tries several sizes; mending one that overflows would only cost layouts (it
    keeps words whole, which never shortens a brief), so only page 1 is judged there."""
    judged: list[int] = []

    def counting_mend(pages: list[object], root: object) -> bool:
        judged.append(len(pages))
        return False

    monkeypatch.setattr(hyphenation, "mend", counting_mend)
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace(
            "The programme reached most villages.", _paragraph(3, 2500, LONG_WORDS, [])
        ),
        encoding="utf-8",
    )
    job = print_job(load_brief(brief))
    pages = PdfEngine().layout(job).pages
    assert pages > 2
    assert judged == [1, pages]  # page 1 in one column, then every page in two
    judged.clear()
    assert PdfEngine().layout(job, page_limit=2).pages == pages
    assert judged == [1]


def test_a_word_too_long_for_a_line_is_hyphenated_not_cut_off(tmp_path: Path) -> None:
    """Kept whole, a capitalised word longer than a column's line would run past its edge
    and be cut off in the PDF: past LONGEST_KEPT_WHOLE letters it may break."""
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3  # 135 letters, capitalised
    text = f"{_paragraph(4, 120, LONG_WORDS, [])} {word} {_paragraph(5, 300, LONG_WORDS, [])}"
    lines = _pdf_lines(tmp_path, text, "en", "long-word")
    joined = "".join(line.rstrip().removesuffix("-") for line in lines)
    assert word in joined


def test_a_name_split_by_emphasis_costs_no_useless_layouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name half in bold ("**Liechten**steinisch") cannot be wrapped whole; laying
    out again would change nothing, so mending stops instead of using all its passes."""
    import weasyprint

    layouts = 0
    render = weasyprint.HTML.render

    def counted(self: weasyprint.HTML, *args: object, **kwargs: object) -> object:
        nonlocal layouts
        layouts += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    chooser = random.Random(6)
    split_name = " ".join(
        "**Liechten**steinisch" if chooser.random() < 0.3 else chooser.choice(SHORT_WORDS)
        for _ in range(900)
    )
    lines = _pdf_lines(tmp_path, split_name, "en", "split-name")
    assert any(line.rstrip().endswith("-") for line in lines), "the name should break"
    assert layouts <= 2 + 2  # one column, two columns, at most one mending pass each


def test_names_hold_in_the_first_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are marked before the first layout, so a text full of them is laid out once
    in one column and once in two, with no layout to mend a broken name."""
    import weasyprint

    layouts = 0
    render = weasyprint.HTML.render

    def counted(self: weasyprint.HTML, *args: object, **kwargs: object) -> object:
        nonlocal layouts
        layouts += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    names = NAMES["en"].split()
    lines = _pdf_lines(tmp_path, _paragraph(7, 1200, [], names), "en", "names")
    assert _broken_names(lines, set(names)) == []
    assert "Page 2" in " ".join(lines), "the text should reach page 2's columns"
    assert layouts == 2


def test_russian_breaks_leave_two_letters_on_either_side(tmp_path: Path) -> None:
    """Russian typesetting breaks a word after two letters ("ко-ординации", "от-
    ветственности") and before two: at three, as the other languages keep, its long words
    had few breaks that fit, and the lines before them were justified with gaps of 4 to
    9 mm in page 2's columns (corpus briefs, docs/layout.md "Loose lines")."""
    lines = _pdf_lines(tmp_path, _paragraph(8, 400, RUSSIAN_WORDS, []), "ru", "two-letters")
    ends = [match.group(1) for line in lines if (match := re.search(r"(\w+)-$", line.rstrip()))]
    assert any(len(end) == 2 for end in ends), ends
    assert all(len(end) >= 2 for end in ends)
