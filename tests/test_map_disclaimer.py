"""The map disclaimer is the organisation's setting, the United Nations' wording by default
(issue 30, item 6)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as open_docx

from briefgen.api import load_brief
from briefgen.render.docx.brief import render_docx
from briefgen.render.html import render_html
from briefgen.render.markdown import render_markdown
from tests.conftest import SMALL_BRIEF

MAP = "  - kind: map\n    caption: Field missions\n    countries: [JO, LB]\n"
UN = "do not imply official endorsement or acceptance by the United Nations."
OWN = "Boundaries are shown for illustration only and imply no position of the ILO."


def _texts(tmp_path: Path, brief: str, language: str | None = None) -> list[str]:
    path = tmp_path / "brief.yaml"
    path.write_text(brief.replace("sections:\n", "sections:\n" + MAP, 1), encoding="utf-8")
    loaded = load_brief(path, language=language)
    document = open_docx(io.BytesIO(render_docx(loaded)))
    word = "\n".join(paragraph.text for paragraph in document.paragraphs)
    return [render_html(loaded), render_markdown(loaded), word]


def test_the_united_nations_wording_is_the_default(tmp_path: Path) -> None:
    for text in _texts(tmp_path, SMALL_BRIEF):
        assert UN in text


def test_an_organisation_sets_its_own_disclaimer_in_every_format(tmp_path: Path) -> None:
    brief = SMALL_BRIEF.replace(
        "  name: Evaluation Office\n", f"  name: Evaluation Office\n  map_disclaimer: {OWN}\n"
    )
    for text in _texts(tmp_path, brief):
        assert OWN in text
        assert UN not in text


def test_the_disclaimer_is_given_by_language_in_a_brief_in_several(tmp_path: Path) -> None:
    french = "Les frontières sont indicatives et n'engagent pas l'OIT."
    brief = SMALL_BRIEF.replace("language: en\n", "languages: [en, fr]\n").replace(
        "  name: Evaluation Office\n",
        f'  name: Evaluation Office\n  map_disclaimer: {{en: "{OWN}", fr: "{french}"}}\n',
    )
    for text in _texts(tmp_path, brief, language="fr"):
        assert "Les fronti\u00e8res sont indicatives et n" in text
        assert OWN not in text
