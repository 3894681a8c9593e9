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
from briefgen.render import WRITERS, Document, PdfOverBudget, WriterSettings
from briefgen.render.pdf import png
from tests.conftest import SMALL_BRIEF

WARNING = Problem("a figure runs past the margin", severity="warning")
FILL = Problem("page fill: page 3 (past the budget)", severity="warning")


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
        # 4 s a reading, from an arbitrary start (perf_counter's zero means nothing)
        self.clock = iter(float(tick) for tick in range(100, 1100, 4))
        self.pages = [b"page1", b"page2"]
        self.over: list[Problem] = []  # the PDF runs past its budget with these problems
        monkeypatch.setattr(api, "render_bytes", self.render_bytes)
        monkeypatch.setattr(png, "page_images", self.page_images)
        monkeypatch.setattr(png, "thumbnail", self.thumbnail)
        monkeypatch.setattr(time, "perf_counter", lambda: next(self.clock))

    def page_images(self, pdf: bytes, dpi: int) -> list[bytes]:
        self.drawn.append((pdf, dpi))
        return self.pages

    def thumbnail(self, pdf: bytes) -> bytes:
        self.drawn.append((pdf, None))
        return b"small"

    def render_bytes(
        self, loaded: LoadedBrief, fmt: str, *, fit: bool = False, reference_docx: Any = None
    ) -> Document:
        assert isinstance(loaded, LoadedBrief)
        self.calls.append((fmt, fit, reference_docx))
        if fmt == "pdf" and self.over:
            over = Document(b"%PDF over", 3, None, (FILL,))
            raise PdfOverBudget(self.over, over)
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


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"dpi": 0}, r"^dpi must be from 20 to 600, not 0$"),  # was 'Crop exceeds page...'
        ({"dpi": 100_000}, r"^dpi must be from 20 to 600, not 100000$"),  # was a MemoryError
        ({"max_pages": 0}, r"^max_pages must be 1 or more, not 0$"),
        ({"pdf_variant": "pdf/x"}, r"^pdf_variant must be one of 'pdf/ua-1', .*'none', not"),
    ],
)
def test_render_options_out_of_range_are_refused_when_made(
    options: dict[str, Any], message: str
) -> None:
    """A program calling the API gets its mistake named where it makes it, not a
    KeyError, a crop error or an exhausted machine from deep in a render."""
    with pytest.raises(ValueError, match=message):
        RenderOptions(**options)


def test_an_unknown_format_is_refused_by_name(loaded: LoadedBrief) -> None:
    with pytest.raises(ValueError, match=r"^'exe' is not a format: use pdf, html, md, docx"):
        api.render_files(loaded, ["md", "exe"])  # type: ignore[list-item]


def test_render_brief_loads_the_language_asked_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "brief.yaml"
    text = SMALL_BRIEF.replace("language: en\n", "language: en\nlanguages: [en, fr]\n")
    path.write_text(text, encoding="utf-8")
    writers = _Writers(monkeypatch)
    written = api.render_brief(path, ["pdf"], tmp_path / "out", RenderOptions(language="fr"))
    assert [(r.path.name, r.pages) for r in written] == [("brief.fr.pdf", 2)]
    assert (tmp_path / "out" / "brief.fr.pdf").read_bytes() == b"%PDF fr"
    written = api.render_brief(path, ["pdf"], tmp_path / "all")
    assert [r.path.name for r in written] == ["brief.en.pdf", "brief.fr.pdf"]
    loaded = api.load_brief(path)
    writers.calls.clear()
    again = api.render_brief(loaded, ["pdf"], tmp_path / "loaded", RenderOptions(fit=True))
    assert [r.fit for r in again] == ["9 pt text", "9 pt text"]
    assert writers.calls == [("pdf", True, None), ("pdf", True, None)]  # --fit reached them


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
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    api.render_loaded(loaded, ["md"])  # into ./out by default too
    assert (tmp_path / "elsewhere" / "out" / "brief.md").read_bytes() == b"md"
    assert (tmp_path / "elsewhere" / "out" / "brief_files" / "map.svg").exists()


TWO_LANGUAGES = SMALL_BRIEF.replace("language: en\n", "language: en\nlanguages: [en, fr]\n")
FIGURE = "  - kind: figure\n    caption: A map\n    image: map.svg\n    alt: The map\n"


def _brief(folder: Path, text: str = SMALL_BRIEF, *, figure: bool = False) -> Path:
    """A brief file in ``folder`` (with a small SVG figure beside it if asked)."""
    if figure:
        (folder / "map.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
        )
    path = folder / "brief.yaml"
    path.write_text(text + (FIGURE if figure else ""), encoding="utf-8")
    return path


def test_a_pdf_past_its_budget_comes_with_the_other_files_under_a_name_that_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = api.load_brief(_brief(tmp_path, figure=True))
    writers = _Writers(monkeypatch)
    writers.over = [
        Problem("the PDF runs to 3 pages, over the budget of 2", hint="shorten it"),
        Problem("the quick facts run past the sidebar"),
    ]
    with pytest.raises(api.OverBudget) as raised:
        api.render_files(loaded, ["html", "pdf", "png", "md"])
    error = raised.value
    said = "the PDF is written as brief.OVER-BUDGET.pdf, to look at, not to publish"
    assert [(p.message, p.hint) for p in error.problems] == [
        ("the PDF runs to 3 pages, over the budget of 2", f"shorten it; {said}"),
        ("the quick facts run past the sidebar", said),
    ]
    files = error.files
    assert [(f.kind, f.name, f.content, f.pages, f.over_budget) for f in files] == [
        ("html", "brief", b"html", None, False),
        ("md", "brief", b"md", None, False),
        ("pdf", "brief.OVER-BUDGET", b"%PDF over", 3, True),  # no page images
    ]
    assert all(file.warnings == (FILL,) for file in files)  # each page's fill
    assert [(f.fit, f.seconds, f.extension) for f in files] == [(None, 4.0, f.kind) for f in files]
    assert [target for target, _ in error.companions] == ["brief_files/map.svg"]
    assert writers.drawn == []  # a PDF past its budget is not drawn as images


def test_page_images_alone_past_the_budget_say_that_none_are_written(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _Writers(monkeypatch)
    writers.over = [Problem("the PDF runs to 3 pages, over the budget of 2")]
    with pytest.raises(api.OverBudget) as raised:
        api.render_files(loaded, ["png", "md"])
    assert [p.hint for p in raised.value.problems] == ["no page images are written"]
    assert [(f.kind, f.over_budget) for f in raised.value.files] == [("md", False)]


def test_each_language_past_its_budget_is_reported_and_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = api.load_brief(_brief(tmp_path, TWO_LANGUAGES, figure=True))
    writers = _Writers(monkeypatch)
    writers.over = [Problem("the PDF runs to 3 pages, over the budget of 2")]
    with pytest.raises(api.OverBudget) as raised:
        api.render_files(loaded, ["pdf", "md"])
    error = raised.value
    assert len(error.problems) == 2  # one for each language
    assert [f.name for f in error.files] == [
        "brief.en",
        "brief.en.OVER-BUDGET",
        "brief.fr",
        "brief.fr.OVER-BUDGET",
    ]
    assert [target for target, _ in error.companions] == [
        "brief.en_files/map.svg",
        "brief.fr_files/map.svg",
    ]


def test_over_budget_files_are_written_then_the_error_raised_and_a_stale_pdf_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = api.load_brief(_brief(tmp_path, figure=True))
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.pdf").write_bytes(b"%PDF of an earlier run that fitted")
    writers = _Writers(monkeypatch)
    writers.over = [Problem("the PDF runs to 3 pages, over the budget of 2")]
    with pytest.raises(api.OverBudget) as raised:
        api.render_loaded(loaded, ["pdf", "html", "md"], out)
    html, _, pdf = raised.value.written
    assert (html.path, html.removed, html.over_budget) == (out / "brief.html", None, False)
    assert (pdf.path, pdf.removed, pdf.over_budget) == (
        out / "brief.OVER-BUDGET.pdf",
        out / "brief.pdf",
        True,
    )
    assert pdf.note == (
        "over its page budget: to look at, not to publish; removed brief.pdf of an earlier run"
    )
    assert sorted(path.name for path in out.iterdir()) == [
        "brief.OVER-BUDGET.pdf",
        "brief.html",
        "brief.md",
        "brief_files",  # the Markdown's pictures too
    ]
    assert (out / "brief_files" / "map.svg").read_bytes() == (tmp_path / "map.svg").read_bytes()
    assert (out / "brief.OVER-BUDGET.pdf").read_bytes() == b"%PDF over"


def test_a_pdf_that_fits_removes_an_over_budget_one_of_an_earlier_run(
    loaded: LoadedBrief, tmp_path: Path
) -> None:
    (tmp_path / "brief.OVER-BUDGET.pdf").write_bytes(b"%PDF over")
    (tmp_path / "brief.OVER-BUDGET.html").write_bytes(b"not a PDF: left alone")
    files = [
        RenderedFile("html", "brief", "html", b"html", None, None, 1.0),
        RenderedFile("pdf", "brief", "pdf", b"%PDF", 2, "9 pt text", 1.0),
    ]
    html, pdf = api.write_files(loaded.path, files, tmp_path)
    assert (html.removed, pdf.removed) == (None, tmp_path / "brief.OVER-BUDGET.pdf")
    assert pdf.note == "fitted with 9 pt text; removed brief.OVER-BUDGET.pdf of an earlier run"
    assert not (tmp_path / "brief.OVER-BUDGET.pdf").exists()
    assert (tmp_path / "brief.OVER-BUDGET.html").exists()
    # once gone, nothing more is removed
    (_, again) = api.write_files(loaded.path, files, tmp_path)
    assert again.removed is None and again.note == "fitted with 9 pt text"


def test_the_refusal_to_overwrite_the_brief_names_the_file(tmp_path: Path) -> None:
    brief = tmp_path / "brief.md"
    brief.write_text("title: mine\n", encoding="utf-8")
    files = [RenderedFile("md", "brief", "md", b"# rendered", None, None, 0.0)]
    with pytest.raises(BriefError) as raised:
        api.write_files(brief, files, tmp_path)
    (problem,) = raised.value.problems
    assert (problem.message, problem.path, problem.hint) == (
        "would overwrite the input brief",
        tmp_path / "brief.md",
        "",
    )
    assert brief.read_text(encoding="utf-8") == "title: mine\n"


def test_the_hint_for_a_language_the_brief_lacks_says_how_to_add_it(loaded: LoadedBrief) -> None:
    with pytest.raises(BriefError) as raised:
        api.in_languages(loaded, RenderOptions(language="de"))
    (problem,) = raised.value.problems
    assert problem.hint == "list its languages (languages: [en, fr]) and give texts by language"


def test_all_languages_of_one_load_with_its_options_and_its_text(tmp_path: Path) -> None:
    path = _brief(tmp_path, TWO_LANGUAGES)
    options = api.LoadOptions(allow_outside_files=True)
    loaded = api.load_brief(path, options)
    # the file changes after loading: the other language is of the brief as loaded
    path.write_text(TWO_LANGUAGES.replace("Clean Water", "Dirty Water"), encoding="utf-8")
    english, french = api.in_languages(loaded, RenderOptions(language="all"))
    assert english is loaded and french.brief.language == "fr"
    assert french.options == options
    assert french.brief.evaluation.title == "Clean Water Programme"


def test_one_page_image_took_the_whole_time(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _Writers(monkeypatch)
    writers.pages = [b"page1"]
    (image,) = api.render_files(loaded, ["png"])[0]
    assert (image.name, image.seconds, image.pages) == ("brief-1", 4.0, 2)


def test_render_brief_by_default_writes_every_document_format_into_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _brief(tmp_path)
    writers = _Writers(monkeypatch)
    monkeypatch.chdir(tmp_path)
    written = api.render_brief(path)
    assert [r.path for r in written] == [Path("out") / f"brief.{fmt}" for fmt in api.FORMATS]
    assert all((tmp_path / r.path).read_bytes() for r in written)
    assert [call[0] for call in writers.calls] == list(api.FORMATS)
    assert [(call[1], call[2]) for call in writers.calls] == [(False, None)] * len(api.FORMATS)
    assert set(api.FORMATS) == {"pdf", "html", "md", "docx"}


def test_render_brief_in_all_languages_loads_the_first_and_the_load_options_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "brief"
    folder.mkdir()
    _brief(tmp_path, figure=True)  # the picture is outside the brief's folder
    path = _brief(folder, TWO_LANGUAGES + FIGURE.replace("map.svg", "../map.svg"))
    _Writers(monkeypatch)
    with pytest.raises(BriefError):
        api.render_brief(path, ["md"], tmp_path / "refused")
    written = api.render_brief(
        path,
        ["md"],
        tmp_path / "out",
        RenderOptions(language="all"),
        api.LoadOptions(allow_outside_files=True),
    )
    assert [r.path.name for r in written] == ["brief.en.md", "brief.fr.md"]
    assert (tmp_path / "out" / "brief.fr_files").is_dir()
    assert not (tmp_path / "refused").exists()


def test_render_bytes_hands_the_writer_fit_and_the_reference_document(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[LoadedBrief, WriterSettings]] = []

    def writer(brief: LoadedBrief, settings: WriterSettings) -> Document:
        seen.append((brief, settings))
        return Document(b"html")

    monkeypatch.setitem(WRITERS, "html", writer)  # the registry the API reads
    reference = Path("look.docx")
    assert api.render_bytes(loaded, "html", fit=True, reference_docx=reference) == Document(b"html")
    assert api.render_bytes(loaded, "html") == Document(b"html")
    assert seen == [
        (loaded, WriterSettings(True, reference)),
        (loaded, WriterSettings(False, None)),
    ]


def test_layout_warnings_are_each_said_once_in_their_order() -> None:
    other = Problem("a table runs past the margin", severity="warning")
    files = [
        RenderedFile("pdf", "b", "pdf", b"", 1, None, 0.0, warnings=(WARNING, other)),
        RenderedFile("png", "b-1", "png", b"", 1, None, 0.0, 1, (WARNING, other)),
    ]
    assert api.layout_warnings(files) == (WARNING, other)
    assert api.layout_warnings([]) == ()


def test_a_template_edited_since_is_read_again_after_forget_templates() -> None:
    from briefgen.render.jinja.environment import environment

    before = environment()
    assert environment() is before  # cached
    api.forget_templates()
    assert environment() is not before


def test_update_brief_passes_the_callers_choices_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.clearance import session

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    marker = object()

    def update(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return marker

    monkeypatch.setattr(session, "update", update)
    monkeypatch.setattr(session, "write", lambda result: result is marker)
    options = api.LoadOptions(allow_outside_files=True)
    reference = tmp_path / "look.docx"
    result = api.update_brief(
        str(tmp_path / "brief.yaml"),
        str(tmp_path / "reviewed.docx"),
        changes="accept",
        comments_as_yaml=True,
        language="fr",
        load_options=options,
        reference_docx=reference,
    )
    assert result is marker and api.write_update(result) is True
    api.update_brief(tmp_path / "brief.yaml", tmp_path / "reviewed.docx")
    assert calls == [
        (
            (tmp_path / "brief.yaml", tmp_path / "reviewed.docx"),
            {
                "changes": "accept",
                "comments_as_yaml": True,
                "language": "fr",
                "load_options": options,
                "reference_docx": reference,
            },
        ),
        (
            (tmp_path / "brief.yaml", tmp_path / "reviewed.docx"),
            {
                "changes": None,
                "comments_as_yaml": False,
                "language": None,
                "load_options": None,
                "reference_docx": None,
            },
        ),
    ]
