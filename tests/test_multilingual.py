"""One source, many languages: texts by language, --lang, one file set per language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefgen.api import LoadOptions, RenderOptions, load_brief, render_brief
from briefgen.errors import BriefError
from tests.cli_runner import invoke
from tests.conftest import ROOT

MULTILINGUAL = ROOT / "tests" / "briefs" / "multilingual.yaml"


def test_every_language_is_rendered_with_its_own_name(tmp_path: Path) -> None:
    results = render_brief(MULTILINGUAL, ["html", "md"], tmp_path)
    assert sorted(r.path.name for r in results) == [
        f"multilingual.{code}.{ext}" for code in ("ar", "en", "fr") for ext in ("html", "md")
    ]
    french = (tmp_path / "multilingual.fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in french and "Programme Eau propre" in french
    assert "Le programme a atteint la plupart des villages." in french
    assert "UNODC" in french  # a plain text is the same in every language
    arabic = (tmp_path / "multilingual.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic and "برنامج المياه النظيفة" in arabic


def test_one_language_on_request(tmp_path: Path) -> None:
    (result,) = render_brief(MULTILINGUAL, ["md"], tmp_path, RenderOptions(language="ar"))
    assert result.path.name == "multilingual.ar.md"
    assert "التوصيات الرئيسية" in result.path.read_text(encoding="utf-8")
    with pytest.raises(BriefError, match="not written in 'ru'"):
        render_brief(MULTILINGUAL, ["md"], tmp_path, RenderOptions(language="ru"))


def test_missing_translations_are_all_reported_at_their_lines(tmp_path: Path) -> None:
    text = MULTILINGUAL.read_text(encoding="utf-8")
    text = text.replace(", ar: برنامج المياه النظيفة}", "}")
    text = text.replace("      ar: وصل البرنامج إلى معظم القرى.\n", "")
    text = text.replace(
        "{en: Final evaluation, fr: Évaluation finale, ar: التقييم النهائي}",
        "{en: Final evaluation}",
    )
    brief = tmp_path / "multilingual.yaml"
    brief.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "briefgen", "validate", str(brief)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if "no translation" in line]
    assert lines == [
        f"{brief}:7:3: evaluation.type: no translation in fr, ar (the brief's languages are "
        "en, fr, ar) (add fr: ... beside the others, or write one text for all)",
        f"{brief}:8:3: evaluation.title: no translation in ar (the brief's languages are "
        "en, fr, ar) (add ar: ... beside the others, or write one text for all)",
        f"{brief}:11:5: sections[0].text: no translation in ar (the brief's languages are "
        "en, fr, ar) (add ar: ... beside the others, or write one text for all)",
    ]


def test_a_single_language_brief_refuses_another_language(tmp_path: Path) -> None:
    loaded = load_brief(ROOT / "data" / "brief.yaml")
    with pytest.raises(BriefError, match="written in 'en' only"):
        render_brief(loaded, ["md"], tmp_path, RenderOptions(language="fr"))


def test_each_language_is_loaded_once_for_all_its_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The files and the Markdown's images of a brief in two languages come from one load
    of each language, not one per output."""
    import briefgen.api as api

    source = ROOT / "data" / "examples" / "brief-fr-es.yaml"
    loaded = api.load_brief(source)
    calls: list[str | None] = []
    real_load = api.load_brief

    def counting_load(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("language"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(api, "load_brief", counting_load)
    files, _ = api.render_files(loaded, ["md", "html"])
    assert sorted(file.name for file in files) == [
        "brief-fr-es.es",
        "brief-fr-es.es",
        "brief-fr-es.fr",
        "brief-fr-es.fr",
    ]
    assert calls == ["es"]


@pytest.mark.parametrize("languages", ["[en, xx]", "[xx, en]"])
def test_a_language_without_labels_is_reported_once_at_the_list(
    tmp_path: Path, languages: str
) -> None:

    from tests.conftest import SMALL_BRIEF

    brief = tmp_path / "b.yaml"
    brief.write_text(
        SMALL_BRIEF.replace("language: en\n", f"language: en\nlanguages: {languages}\n")
    )
    result = invoke("validate", str(brief))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{brief}:2:12: languages: briefgen has no labels for language 'xx' (available: ar, en,"
        " es, fr, ru, zh) (add briefgen/locales/<code>.yaml to support another)"
    ]


def test_other_languages_are_loaded_with_the_first_ones_load_options(tmp_path: Path) -> None:
    """A figure outside the brief's folder, allowed when loading: every language may use it."""
    (tmp_path / "shared.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    folder = tmp_path / "brief"
    folder.mkdir()
    brief = folder / "multilingual.yaml"
    figure = "  - {kind: figure, image: ../shared.svg, alt: A square, caption: Square}\n"
    brief.write_text(MULTILINGUAL.read_text(encoding="utf-8") + figure, encoding="utf-8")
    with pytest.raises(BriefError, match="outside the brief's folder"):
        load_brief(brief)
    loaded = load_brief(brief, LoadOptions(allow_outside_files=True))
    results = render_brief(loaded, ["md"], tmp_path / "out")
    assert sorted(result.path.name for result in results) == [
        "multilingual.ar.md",
        "multilingual.en.md",
        "multilingual.fr.md",
    ]


def test_a_brief_in_three_languages_is_validated_once_each_and_its_image_downloaded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's "downloaded once" holds for every language: one load serves them all."""
    import io
    from collections import Counter

    from PIL import Image

    import briefgen.api as api
    from briefgen.loading import remote, validate

    picture = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(picture, "PNG")
    brief = tmp_path / "three.yaml"
    figure = "  - {kind: figure, image: 'https://example.org/c.png', alt: A chart, caption: C}\n"
    brief.write_text(MULTILINGUAL.read_text(encoding="utf-8") + figure, encoding="utf-8")
    counts: Counter[str] = Counter()

    def download(url: str, *arguments: Any) -> bytes:  # the one place a URL is fetched
        counts["download"] += 1
        return picture.getvalue()

    real_validate = validate.validate_document

    def counting_validate(source: Any) -> Any:
        counts["validate"] += 1
        return real_validate(source)

    monkeypatch.setattr(remote, "_download", download)
    monkeypatch.setattr(validate, "validate_document", counting_validate)
    loaded = api.load_brief(brief, LoadOptions(allow_remote_images=True))
    versions = api.in_languages(loaded)
    assert len(versions) == len(loaded.brief.languages) == 3
    assert counts == {"validate": 3, "download": 1}
    images = [next(iter(version.resources.images.values())) for version in versions]
    assert {image.content() for image in images} == {picture.getvalue()}


def test_a_language_listed_twice_or_outside_the_list_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    """`languages: [en, en]` wrote each of its files twice, and `language: fr` beside
    `languages: [en]` gave an English brief without a word: each language listed is a
    brief of its own, so the `language` outside the list was ignored."""
    from tests.conftest import SMALL_BRIEF

    brief = tmp_path / "b.yaml"
    brief.write_text(SMALL_BRIEF.replace("language: en\n", "language: fr\nlanguages: [en, en]\n"))
    result = invoke("validate", str(brief))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{brief}:1:11: language: 'fr' is not one of the brief's languages (en) (add it to"
        " languages, or remove 'language:': each language listed is a brief of its own)",
        f"{brief}:2:17: languages[1]: 'en' is listed twice (list each language once)",
        "2 errors",
    ]


@pytest.mark.parametrize(
    ("head", "error"),
    [
        (
            "languages: [zh-Hans, zh-hans]\n",
            "1:22: languages[1]: 'zh-hans' is listed twice (list each language once)",
        ),
        (
            "language: null\nlanguages: [en, fr]\n",
            "1:11: language: null is not one of the brief's languages (en, fr)",
        ),
        (
            "language: [fr]\nlanguages: [en, fr]\n",
            "1:11: language: '['fr']' is not one of the brief's languages (en, fr)",
        ),
    ],
)
def test_a_language_twice_in_other_letters_or_not_a_code_is_an_error(
    tmp_path: Path, head: str, error: str
) -> None:
    """A language tag's letters are the same in either case (zh-Hans, zh-hans): both were
    rendered, the second over the first where file names ignore case (macOS, Windows);
    and a ``language`` that is not text, beside ``languages``, was dropped silently."""
    from tests.conftest import SMALL_BRIEF

    brief = tmp_path / "b.yaml"
    brief.write_text(head + SMALL_BRIEF.replace("language: en\n", ""))
    result = invoke("validate", str(brief))
    assert result.exit_code == 1
    assert any(line.startswith(f"{brief}:{error}") for line in result.stderr.splitlines()), (
        result.stderr
    )
