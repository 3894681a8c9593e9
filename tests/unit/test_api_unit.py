"""The API's assembly of a render, with stand-in writers: which files come out, under which
names, with which page counts and notes; the PDF laid out once for its page images; the
options that override the brief; the languages rendered. No layout engine runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from briefgen import api
from briefgen.api import Rendered, RenderedFile, RenderOptions
from briefgen.errors import BriefError, Problem
from briefgen.model.loaded import LoadedBrief
from briefgen.render import Document
from briefgen.render.pdf import png
from tests.conftest import SMALL_BRIEF

WARNING = Problem("a figure runs past the margin", severity="warning")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedBrief:
    path = tmp_path_factory.mktemp("api") / "brief.yaml"
    path.write_text(SMALL_BRIEF, encoding="utf-8")
    return api.load_brief(path)


class _Writers:
    """Stand-in writers: each format's bytes name it; the PDF has 2 pages and a warning."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, bool, Path | None]] = []
        self.drawn: list[tuple[bytes, int | None]] = []  # the PDF each image was drawn from
        self.clock = iter(float(tick) for tick in range(0, 1000, 4))  # 4 s a reading
        monkeypatch.setattr(api, "render_bytes", self.render_bytes)
        monkeypatch.setattr(png, "page_images", self.page_images)
        monkeypatch.setattr(png, "thumbnail", self.thumbnail)
        monkeypatch.setattr(time, "perf_counter", lambda: next(self.clock))

    def page_images(self, pdf: bytes, dpi: int) -> list[bytes]:
        self.drawn.append((pdf, dpi))
        return [b"page1", b"page2"]

    def thumbnail(self, pdf: bytes) -> bytes:
        self.drawn.append((pdf, None))
        return b"small"

    def render_bytes(
        self, loaded: LoadedBrief, fmt: str, *, fit: bool = False, reference_docx: Any = None
    ) -> Document:
        assert isinstance(loaded, LoadedBrief)
        self.calls.append((fmt, fit, reference_docx))
        if fmt == "pdf":
            return Document(b"%PDF " + loaded.brief.language.encode(), 2, "9 pt text", (WARNING,))
        return Document(fmt.encode())


def test_each_format_once_in_the_order_asked_with_the_pdfs_pages_and_fit(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _Writers(monkeypatch)
    files, companions = api.render_files(loaded, ["html", "pdf", "html", "docx"])
    assert [(f.kind, f.name, f.extension, f.content) for f in files] == [
        ("html", "brief", "html", b"html"),
        ("pdf", "brief", "pdf", b"%PDF en"),
        ("docx", "brief", "docx", b"docx"),
    ]
    pdf = files[1]
    assert (pdf.pages, pdf.fit, files[0].pages, files[0].fit) == (2, "9 pt text", None, None)
    assert all(file.warnings == (WARNING,) for file in files)  # the layout's, said once
    assert api.layout_warnings(files) == (WARNING,)
    assert companions == [] and [call[0] for call in writers.calls] == ["html", "pdf", "docx"]
    assert [file.seconds for file in files] == [4.0, 4.0, 4.0]


def test_page_images_and_the_thumbnail_come_from_one_layout_of_the_pdf(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _Writers(monkeypatch)
    options = RenderOptions(thumbnail=True, fit=True, dpi=72)
    files, _ = api.render_files(loaded, ["png", "pdf"], options)
    assert [(f.kind, f.name, f.extension, f.content, f.page) for f in files] == [
        ("png", "brief-1", "png", b"page1", 1),
        ("png", "brief-2", "png", b"page2", 2),
        ("pdf", "brief", "pdf", b"%PDF en", None),
        ("thumbnail", "brief-thumbnail", "png", b"small", 1),
    ]
    assert all((f.pages, f.fit) == (2, "9 pt text") for f in files)
    assert writers.calls == [("pdf", True, None)]  # laid out once, with --fit
    assert writers.drawn == [(b"%PDF en", 72), (b"%PDF en", None)]
    # the clock reads 4 s later at each reading: the layout and both images took 4 s, the
    # PDF (already laid out) 4 s, the thumbnail 4 s
    assert [f.seconds for f in files] == [2.0, 2.0, 4.0, 4.0]


def test_without_a_pdf_there_are_no_layout_warnings(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _Writers(monkeypatch)
    reference = Path("look.docx")
    options = RenderOptions(reference_docx=reference, fit=True)
    files, _ = api.render_files(loaded, ["docx"], options)
    assert files[0].warnings == () and api.layout_warnings(files) == ()
    assert writers.calls == [("docx", True, reference)]


def test_options_override_the_briefs_layout_and_templates_only_when_given(
    loaded: LoadedBrief, tmp_path: Path
) -> None:
    same = api._with_options(loaded, RenderOptions())
    assert same.brief.layout == loaded.brief.layout
    assert same.resources.templates == loaded.resources.templates
    changed = api._with_options(
        loaded, RenderOptions(max_pages=4, pdf_variant="none", templates=tmp_path / "t")
    )
    assert changed.brief.layout.max_pages == 4
    assert loaded.brief.layout.pdf_variant != "none" and changed.brief.layout.pdf_variant == "none"
    assert changed.resources.templates == (tmp_path / "t").resolve()
    assert loaded.brief.layout.max_pages != 4  # the loaded brief itself is left alone
    only_pages = api._with_options(loaded, RenderOptions(max_pages=3))
    assert only_pages.brief.layout.pdf_variant == loaded.brief.layout.pdf_variant


def test_files_are_written_with_what_was_rendered(loaded: LoadedBrief, tmp_path: Path) -> None:
    files = [
        RenderedFile("pdf", "brief", "pdf", b"%PDF", 2, "9 pt text", 1.5),
        RenderedFile("png", "brief-2", "png", b"png", 2, None, 0.5, 2),
    ]
    written = api.write_files(
        loaded.path, files, tmp_path / "out", [("brief_files/a.svg", b"<svg/>")]
    )
    assert written == [
        Rendered("pdf", tmp_path / "out" / "brief.pdf", 4, 1.5, 2, "9 pt text", None),
        Rendered("png", tmp_path / "out" / "brief-2.png", 3, 0.5, 2, None, 2),
    ]
    assert (tmp_path / "out" / "brief_files" / "a.svg").read_bytes() == b"<svg/>"
    assert written[0].note == "fitted with 9 pt text" and written[1].note == ""


def test_a_companion_outside_the_output_folder_is_refused(
    loaded: LoadedBrief, tmp_path: Path
) -> None:
    files = [RenderedFile("md", "brief", "md", b"# x", None, None, 0.0)]
    with pytest.raises(BriefError):
        api.write_files(loaded.path, files, tmp_path / "out", [("../escaped.svg", b"<svg/>")])
    assert not (tmp_path / "escaped.svg").exists() and not (tmp_path / "out" / "brief.md").exists()


def test_a_brief_in_one_language_renders_in_it_and_refuses_another(loaded: LoadedBrief) -> None:
    assert api.in_languages(loaded) == [loaded]
    assert api.in_languages(loaded, RenderOptions(language="all")) == [loaded]
    assert api.in_languages(loaded, RenderOptions(language="en")) == [loaded]
    with pytest.raises(BriefError) as caught:
        api.in_languages(loaded, RenderOptions(language="fr"))
    (problem,) = caught.value.problems
    assert problem.message == "this brief is written in 'en' only, not 'fr'"
    assert "languages: [en, fr]" in problem.hint and problem.path == loaded.path


def test_a_brief_in_several_languages_renders_each_or_the_one_asked(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    text = SMALL_BRIEF.replace("language: en\n", "language: en\nlanguages: [en, fr]\n")
    path.write_text(text, encoding="utf-8")
    loaded = api.load_brief(path)
    every = api.in_languages(loaded)
    assert [version.brief.language for version in every] == ["en", "fr"]
    assert every[0] is loaded
    (french,) = api.in_languages(loaded, RenderOptions(language="fr"))
    assert french.brief.language == "fr" and french.stem == "brief.fr"


def test_a_loaded_brief_takes_no_load_options(loaded: LoadedBrief, tmp_path: Path) -> None:
    with pytest.raises(
        TypeError, match=r"^the brief is loaded already: give load_brief the LoadOptions$"
    ):
        api.render_brief(loaded, ["md"], tmp_path, load_options=loaded.options)


def test_render_brief_loads_the_language_asked_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "brief.yaml"
    text = SMALL_BRIEF.replace("language: en\n", "language: en\nlanguages: [en, fr]\n")
    path.write_text(text, encoding="utf-8")
    _Writers(monkeypatch)
    written = api.render_brief(path, ["pdf"], tmp_path / "out", RenderOptions(language="fr"))
    assert [(r.path.name, r.pages) for r in written] == [("brief.fr.pdf", 2)]
    assert (tmp_path / "out" / "brief.fr.pdf").read_bytes() == b"%PDF fr"
    written = api.render_brief(path, ["pdf"], tmp_path / "all")
    assert [r.path.name for r in written] == ["brief.en.pdf", "brief.fr.pdf"]
    loaded = api.load_brief(path)
    again = api.render_brief(loaded, ["pdf"], tmp_path / "loaded", RenderOptions(fit=True))
    assert [r.fit for r in again] == ["9 pt text", "9 pt text"]


def test_the_markdowns_pictures_are_written_beside_it_in_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = "  - kind: figure\n    caption: A map\n    image: map.svg\n    alt: The map\n"
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    )
    (tmp_path / "brief.yaml").write_text(SMALL_BRIEF + figure, encoding="utf-8")
    loaded = api.load_brief(tmp_path / "brief.yaml")
    _Writers(monkeypatch)
    assert api.render_files(loaded, ["html"])[1] == []
    _, companions = api.render_files(loaded, ["md"])
    assert [target for target, _ in companions] == ["brief_files/map.svg"]
    monkeypatch.chdir(tmp_path)
    api.render_brief(tmp_path / "brief.yaml", ["md"])
    assert (tmp_path / "out" / "brief.md").read_bytes() == b"md"
    assert (tmp_path / "out" / "brief_files" / "map.svg").read_bytes() == (
        tmp_path / "map.svg"
    ).read_bytes()
    api.render_loaded(loaded, ["md"])
    assert (tmp_path / "out" / "brief_files" / "map.svg").exists()
