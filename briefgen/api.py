"""The library API: what the CLI, the tests and other programs call.

load_brief(path, LoadOptions(...))  -> LoadedBrief      (read YAML, validate, check files)
render_brief(path, formats, ...)    -> list[Rendered]   (render formats, write files)
render_files(loaded, formats, options) -> list[RenderedFile]  (in memory, nothing written)
write_files(source, files, output_dir) -> list[Rendered]  (all files or none)

:class:`LoadOptions` say which images loading may use; :class:`RenderOptions` what to
render and how. These run in the calling process, with no time limit; the command line
renders through :mod:`briefgen.workers`, which adds one (and can stop a render at any
moment).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from briefgen.errors import BriefError
from briefgen.loading.validate import load_brief
from briefgen.model.loaded import LoadedBrief, LoadOptions, Resources
from briefgen.output import output_path, prepare_output_dir, write_together
from briefgen.render.pdf.png import DEFAULT_DPI

Format = Literal["pdf", "html", "md", "docx", "png"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md", "docx")  # the default; png by name
OutputKind = Literal["pdf", "html", "md", "docx", "png", "thumbnail"]
DocumentFormat = Literal["pdf", "html", "md", "docx"]

__all__ = ["FORMATS", "Format", "LoadedBrief", "OutputKind", "RenderOptions", "Rendered"]
__all__ += ["LoadOptions", "load_brief"]
__all__ += ["Companion", "RenderedFile", "render_brief", "render_files", "render_loaded"]
__all__ += ["write_files"]


@dataclass(frozen=True)
class Rendered:
    """One file written: where, how big, how long it took.

    ``pages`` is the PDF's page count (for a PDF and the images drawn from it); ``page``
    the page an image shows; ``note`` what ``--fit`` tightened, if anything.
    """

    format: OutputKind
    path: Path
    size: int
    seconds: float
    pages: int | None = None
    note: str = ""
    page: int | None = None


@dataclass(frozen=True)
class RenderOptions:
    """Settings that override the brief's own ``layout`` and ``templates``, and say which
    files to write. (Which images a brief may use is loading's business: see
    :class:`LoadOptions`.)"""

    max_pages: int | None = None
    fit: bool = False
    pdf_variant: str | None = None
    templates: Path | None = None
    dpi: int = DEFAULT_DPI  # resolution of the png pages
    thumbnail: bool = False  # also write <stem>-thumbnail.png, the first page, small
    reference_docx: Path | None = None  # a Word document whose styles the DOCX uses
    language: str | None = None  # for a brief in several languages: one, or "all" (default)


def _with_options(loaded: LoadedBrief, options: RenderOptions) -> LoadedBrief:
    layout_changes: dict[str, object] = {}
    if options.max_pages is not None:
        layout_changes["max_pages"] = options.max_pages
    if options.pdf_variant is not None:
        layout_changes["pdf_variant"] = options.pdf_variant
    brief = loaded.brief
    if layout_changes:
        brief = brief.model_copy(update={"layout": brief.layout.model_copy(update=layout_changes)})
    resources: Resources = loaded.resources
    if options.templates is not None:
        resources = replace(resources, templates=options.templates.resolve())
    return replace(loaded, brief=brief, resources=resources)


def _render_pdf(loaded: LoadedBrief, fit: bool) -> tuple[bytes, int, str]:
    from briefgen.render.pdf.budget import lay_out_within_budget
    from briefgen.render.pdf.engine import PdfEngine

    engine = PdfEngine()
    report, note = lay_out_within_budget(loaded, engine, fit=fit)
    return engine.write(), report.pages, note


def forget_templates() -> None:
    """Read the templates again on the next render: Jinja caches them, and ``watch`` must
    see a template edited since."""
    from briefgen.render.jinja.environment import environment

    environment.cache_clear()


def render_bytes(
    loaded: LoadedBrief,
    fmt: DocumentFormat,
    *,
    fit: bool = False,
    reference_docx: Path | None = None,
) -> tuple[bytes, int | None, str]:
    """One format's bytes (and page count and note for a PDF), without writing anything.

    ``reference_docx`` styles the DOCX instead of the brief's ``theme.docx_reference`` or
    the built-in look.
    """
    if fmt == "pdf":
        return _render_pdf(loaded, fit or loaded.brief.layout.fit)
    if fmt == "docx":
        from briefgen.render.docx.brief import render_docx

        return render_docx(loaded, reference_docx), None, ""
    if fmt == "html":
        from briefgen.render.html import render_html

        return render_html(loaded).encode("utf-8"), None, ""
    from briefgen.render.markdown import render_markdown

    return render_markdown(loaded).encode("utf-8"), None, ""


@dataclass(frozen=True)
class RenderedFile:
    """A file rendered in memory and not yet written (plain data: it crosses processes)."""

    kind: OutputKind
    name: str  # file name without the extension
    extension: str
    content: bytes
    pages: int | None
    note: str
    seconds: float
    page: int | None = None


Companion = tuple[str, bytes]
"""A file the Markdown links to: its path relative to the output folder, and its bytes."""


def render_files(
    loaded: LoadedBrief, formats: Sequence[Format] = FORMATS, options: RenderOptions | None = None
) -> tuple[list[RenderedFile], list[Companion]]:
    """Every file asked for, in each language asked for, in memory (``brief.fr.pdf`` for
    each language of a brief in several), with the images the Markdown links to
    (``<stem>_files/<name>``). Nothing is written, so a failure costs no file.
    """
    options = options or RenderOptions()
    files: list[RenderedFile] = []
    companions: list[Companion] = []
    for version in in_languages(loaded, options):  # each other language is loaded once
        files += _render_version(_with_options(version, options), formats, options)
        companions += _markdown_images(version) if "md" in formats else []
    return files, companions


def _markdown_images(loaded: LoadedBrief) -> list[Companion]:
    from briefgen.render.markdown import image_files

    return [(target, image.content()) for target, image in image_files(loaded).values()]


def _render_version(
    loaded: LoadedBrief, formats: Sequence[Format], options: RenderOptions
) -> list[RenderedFile]:
    """One language's files; the PDF is laid out once for it and its page images."""
    from briefgen.render.pdf import png

    pdf: tuple[bytes, int, str] | None = None

    def laid_out_pdf() -> tuple[bytes, int, str]:
        nonlocal pdf
        if pdf is None:
            content, pages, note = render_bytes(loaded, "pdf", fit=options.fit)
            pdf = (content, pages or 0, note)
        return pdf

    stem = loaded.stem
    pending: list[RenderedFile] = []
    for fmt in dict.fromkeys(formats):
        started = time.perf_counter()
        if fmt == "png":
            content, pages, note = laid_out_pdf()
            images = png.page_images(content, options.dpi)
            seconds = (time.perf_counter() - started) / max(1, len(images))
            for number, image in enumerate(images, 1):
                pending.append(
                    RenderedFile(
                        "png", f"{stem}-{number}", "png", image, pages, note, seconds, number
                    )
                )
            continue
        document: tuple[bytes, int | None, str] = (
            laid_out_pdf()
            if fmt == "pdf"
            else render_bytes(loaded, fmt, fit=options.fit, reference_docx=options.reference_docx)
        )
        content, pages_or_none, note = document
        seconds = time.perf_counter() - started
        pending.append(RenderedFile(fmt, stem, fmt, content, pages_or_none, note, seconds))
    if options.thumbnail:
        started = time.perf_counter()
        content, pages, note = laid_out_pdf()
        image = png.thumbnail(content)
        seconds = time.perf_counter() - started
        pending.append(
            RenderedFile("thumbnail", f"{stem}-thumbnail", "png", image, pages, note, seconds, 1)
        )
    return pending


def write_files(
    source: Path,
    files: Sequence[RenderedFile],
    output_dir: Path | str,
    companions: Sequence[Companion] = (),
) -> list[Rendered]:
    """Write a brief's rendered files into ``output_dir``: all of them or none.

    ``source`` is the brief's YAML, which no output may replace; ``companions`` are the
    Markdown's images, by path relative to ``output_dir`` (see :func:`render_files`).
    """
    folder = prepare_output_dir(Path(output_dir))
    targets = [output_path(folder, file.name, file.extension) for file in files]
    for target in targets:
        if target.resolve() == source.resolve():
            raise BriefError.single("would overwrite the input brief", target)
    contents = [(target, file.content) for file, target in zip(files, targets, strict=True)]
    for relative, content in companions:
        target = folder / relative
        contents.append((prepare_output_dir(target.parent) / target.name, content))
    write_together(contents)
    return [
        Rendered(
            file.kind, target, len(file.content), file.seconds, file.pages, file.note, file.page
        )
        for file, target in zip(files, targets, strict=True)
    ]


def in_languages(loaded: LoadedBrief, options: RenderOptions | None = None) -> list[LoadedBrief]:
    """The brief in each language to render: one, or each of a multilingual brief's
    (loaded with the same :class:`LoadOptions` as ``loaded``)."""
    options = options or RenderOptions()
    wanted = options.language
    languages = loaded.brief.languages
    if not languages:
        if wanted not in (None, "all", loaded.brief.language):
            raise BriefError.single(
                f"this brief is written in '{loaded.brief.language}' only, not '{wanted}'",
                loaded.path,
                hint="list its languages (languages: [en, fr]) and give texts by language",
            )
        return [loaded]
    chosen = languages if wanted in (None, "all") else [wanted]
    return [
        loaded
        if language == loaded.brief.language
        else load_brief(loaded.path, loaded.options, language=language)
        for language in chosen
    ]


def render_loaded(
    loaded: LoadedBrief,
    formats: Sequence[Format] = FORMATS,
    output_dir: Path | str = "out",
    options: RenderOptions | None = None,
) -> list[Rendered]:
    """Render a loaded brief to files named after its YAML's stem (``brief.fr.pdf`` for
    each language of a brief in several).

    ``png`` writes ``<stem>-1.png``, ``<stem>-2.png``... (one per page, at ``options.dpi``);
    ``options.thumbnail`` adds ``<stem>-thumbnail.png``.
    """
    files, companions = render_files(loaded, formats, options)
    return write_files(loaded.path, files, output_dir, companions)


def render_brief(
    path: Path | str | LoadedBrief,
    formats: Sequence[Format] = FORMATS,
    output_dir: Path | str = "out",
    options: RenderOptions | None = None,
    load_options: LoadOptions | None = None,
) -> list[Rendered]:
    """Load, validate and render one brief file: the whole pipeline.

    ``path`` may also be what :func:`load_brief` returned, which is then rendered as it
    is (it was loaded with its own options: ``load_options`` must then be left out).
    """
    options = options or RenderOptions()
    if isinstance(path, LoadedBrief):
        if load_options is not None:
            raise TypeError("the brief is loaded already: give load_brief the LoadOptions")
        return render_loaded(path, formats, output_dir, options)
    first = options.language if options.language not in (None, "all") else None
    loaded = load_brief(path, load_options, language=first)
    return render_loaded(loaded, formats, output_dir, options)
