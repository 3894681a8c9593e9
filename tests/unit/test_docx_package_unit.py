"""The document every Word file starts from: cleaned once, a fresh copy for each render."""

from __future__ import annotations

from briefgen.render.docx.package import built_in_document


def test_each_render_starts_from_its_own_clean_copy() -> None:
    first, second = built_in_document(), built_in_document()
    first.add_paragraph("written into the first render only")
    assert [p.text for p in second.paragraphs] == []  # nothing of another render
    assert [p.text for p in built_in_document().paragraphs] == []
    styles = {style.name for style in second.styles}
    assert "Light Shading Accent 1" not in styles and "Table Grid" in styles  # cleaned
