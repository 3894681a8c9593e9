"""No silent boxes: each script has its packaged font, and a character none of them draws
is a located error, never a box or a machine font."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import fonts
from briefgen.api import load_brief, render_brief
from briefgen.errors import BriefError
from briefgen.render.view.fonts import subset_face
from tests.conftest import ROOT, SMALL_BRIEF
from tests.packaged_fonts import assert_only_packaged_fonts

FACTS = """\
quick_facts:
  - label: Countries
    value: Egypt 𓀀 and Egypt
  - label: 国家
    value: "مكتب التقييم, 中国评估, Ελλάδα, Россия"
"""


def write(tmp_path: Path, text: str) -> Path:
    brief = tmp_path / "brief.yaml"
    brief.write_text(text, encoding="utf-8")
    return brief


def test_a_character_without_glyph_is_a_located_error(tmp_path: Path) -> None:
    brief = write(tmp_path, SMALL_BRIEF + FACTS)
    run = subprocess.run(
        [sys.executable, "-m", "briefgen", "validate", str(brief)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert (
        f"{brief}:17:18: quick_facts[0].value: the character '𓀀' (U+13000 EGYPTIAN "
        "HIEROGLYPH A001) has no glyph in the brief's fonts (Source Sans 3, Amiri, "
        "Noto Sans CJK SC)"
    ) in run.stderr


def test_arabic_and_chinese_in_an_english_brief_use_their_packaged_fonts(
    tmp_path: Path,
) -> None:
    brief = write(tmp_path, SMALL_BRIEF + FACTS.replace(" 𓀀", ""))
    (result,) = render_brief(brief, ["pdf"], tmp_path / "out")
    names = assert_only_packaged_fonts(result.path)
    assert {"briefgen-Amiri", "briefgen-Noto-Sans-CJK-SC"} <= set(names), names
    text = subprocess.run(
        ["pdftotext", str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("中国评估", "国家", "Ελλάδα", "Россия", "التقييم", "مكتب"):
        assert words in text, words
    # The CJK collection is subset to the brief's characters: kilobytes, not megabytes.
    assert result.size < 60_000


def test_the_chinese_face_is_the_simplified_one() -> None:
    """Noto's collections start with the Japanese face, whose 直 and 骨 differ."""
    from fontTools.ttLib import TTFont

    for number in range(2):
        data = subset_face("noto-sans-cjk-sc", number, frozenset(map(ord, "直骨")))
        import io

        name = TTFont(io.BytesIO(data))["name"].getDebugName(6)
        assert name and name.startswith("NotoSansCJKsc-"), name


def test_variable_fonts_reach_the_engine_as_static_instances() -> None:
    import io

    from fontTools.ttLib import TTFont

    for number, (face, _) in enumerate(fonts.font_files("source-sans")):
        font = TTFont(io.BytesIO(subset_face("source-sans", number, frozenset())))
        assert "fvar" not in font
        assert font["OS/2"].usWeightClass == face.weight


def test_a_missing_han_font_names_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    absent = dataclasses.replace(
        fonts.FAMILIES["noto-sans-cjk-sc"], system_folder=str(tmp_path / "nowhere")
    )
    monkeypatch.setitem(fonts.FAMILIES, "noto-sans-cjk-sc", absent)
    brief = write(tmp_path, SMALL_BRIEF + FACTS.replace(" 𓀀", ""))
    with pytest.raises(BriefError) as caught:
        load_brief(brief)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.key_path) == (18, 12, "quick_facts[1].label")
    assert "the character '国' (U+56FD CJK UNIFIED IDEOGRAPH-56FD) needs the font " in str(problem)
    assert "Noto Sans CJK SC, which is not installed" in str(problem)
    assert "fonts-noto-cjk" in problem.hint


def test_the_font_stack_puts_the_language_script_first() -> None:
    scripts = {"arabic": "amiri", "han": "noto-sans-cjk-sc"}
    arabic = [ord("م")]
    assert fonts.families_for("lato", scripts, "ar", arabic) == ["amiri", "lato"]
    assert fonts.families_for("lato", scripts, "en", arabic) == ["lato", "amiri"]
    assert fonts.families_for("lato", scripts, "en", [ord("a")]) == ["lato"]
    screen = fonts.font_stack(["lato", "noto-sans-cjk-sc"], for_print=False)
    assert screen.endswith('"Microsoft YaHei", sans-serif') and screen.count("sans-serif") == 1
