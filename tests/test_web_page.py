"""The web page looks like the PDF: the packaged fonts, embedded; the same page 1.

Checked in headless Chromium (tests/browser.py); the screenshots in docs/ come from
``make docs`` (scripts/render-doc-pages.sh).
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

from briefgen import fonts
from briefgen.api import load_brief
from briefgen.render.html import render_html, visible_text
from tests.browser import evaluate
from tests.conftest import REFERENCE_BRIEF

FAMILY = fonts.FAMILIES["source-sans"].css_name

FONT_REPORT = """
const body = getComputedStyle(document.querySelector("main p")).fontFamily;
const heading = getComputedStyle(document.querySelector("h1")).fontFamily;
const faces = [...document.fonts].map(
  f => [f.family.replace(/"/g, ""), f.weight, f.style, f.status]);
const probe = "Programme Against Trafficking 0123456789";
const width = (family) => {
  const canvas = document.createElement("canvas").getContext("2d");
  canvas.font = "16px " + family;
  return canvas.measureText(probe).width;
};
return {body, heading, faces,
        usable: document.fonts.check('16px "%s"', probe),
        packaged: width('"%s"'), fallback: width("sans-serif"), serif: width("serif")};
"""


def test_computed_font_in_chromium_is_the_packaged_one(
    reference_outputs: dict[str, Path],
) -> None:
    report = evaluate(reference_outputs["html"], FONT_REPORT % (FAMILY, FAMILY))
    assert report["body"].startswith(f'"{FAMILY}"'), report["body"]
    assert report["heading"].startswith(f'"{FAMILY}"'), report["heading"]
    assert report["faces"], "the page embeds no font"
    assert all(family == FAMILY and status == "loaded" for family, _, _, status in report["faces"])
    assert {weight for _, weight, _, _ in report["faces"]} >= {"400", "600", "700"}
    assert report["usable"] is True
    # Text set in the packaged face measures differently from the machine's own fonts.
    assert report["packaged"] not in (report["fallback"], report["serif"])


def test_embedded_fonts_hold_only_the_glyphs_the_page_uses() -> None:
    page = render_html(load_brief(REFERENCE_BRIEF))
    sources = re.findall(r'url\("data:font/woff2;base64,([A-Za-z0-9+/=]+)"\)', page)
    assert len(sources) == 4  # regular, italic, semibold, bold: no bold italic text
    text = visible_text(page)
    for source in sources:
        font = TTFont(io.BytesIO(base64.b64decode(source)))
        assert base64.b64decode(source)[:4] == b"wOF2"
        covered = {chr(code) for code in font.getBestCmap()}
        # Invisible format characters (the word joiners and zero-width spaces that say where
        # a web address may break) need no glyph.
        drawn = {ch for ch in text if unicodedata.category(ch) != "Cf"}
        assert drawn - {"\n", "\t", "\u00a0"} <= covered | {" "}
        assert "Ж" not in covered and "@" in covered  # nothing the page does not show
        assert len(covered) < 130, len(covered)
    assert "<link" not in page and 'src="http' not in page  # still self-contained
