"""The library API: what the CLI, the tests and other programs call.

load_brief(path, allow_remote_images=False, allow_outside_files=False, ...)
                                 -> LoadedBrief      (read YAML, validate, check files)
render_brief(path, formats, ...) -> list[Rendered]   (render formats, write files)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefgen.loading.resources import Resources
from briefgen.loading.validate import LoadedBrief, load_brief
from briefgen.output import output_path, prepare_output_dir, write_atomically
from briefgen.render.png import DEFAULT_DPI

if TYPE_CHECKING:
    from briefgen.render.pdf import Engine

Format = Literal["pdf", "html", "md", "docx", "png"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md", "docx")  # the default; png by name
OutputKind = Literal["pdf", "html", "md", "docx", "png", "thumbnail"]
DocumentFormat = Literal["pdf", "html", "md", "docx"]

__all__ = ["FORMATS", "Format", "LoadedBrief", "OutputKind", "RenderOptions", "Rendered"]
__all__ += ["load_brief"]
__all__ += ["render_brief", "render_loaded"]


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
    """Command-line settings that override the brief's own ``layout`` and ``templates``.

    ``allow_remote_images``, ``allow_outside_files`` and ``allow_private_addresses`` are
    passed to :func:`load_brief` by :func:`render_brief` (they change which images loading
    accepts, so :func:`render_loaded` ignores them: its brief is already loaded).
    """

    max_pages: int | None = None
    fit: bool = False
    pdf_variant: str | None = None
    templates: Path | None = None
    allow_remote_images: bool = False  # http(s) images: downloaded once, embedded
    allow_outside_files: bool = False  # images anywhere on this machine, file:// URLs
    allow_private_addresses: bool = False  # remote images from loopback, private... addresses
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


def _render_pdf(loaded: LoadedBrief, fit: bool, engine: Engine | None) -> tuple[bytes, int, str]:
    from briefgen.page_budget import lay_out_within_budget
    from briefgen.render.pdf import PdfEngine

    engine = engine or PdfEngine()
    report, note = lay_out_within_budget(loaded, engine, fit=fit)
    return engine.write(), report.pages, note


def render_bytes(
    loaded: LoadedBrief,
    fmt: DocumentFormat,
    *,
    fit: bool = False,
    engine: Engine | None = None,
    reference_docx: Path | None = None,
) -> tuple[bytes, int | None, str]:
    """One format's bytes (and page count and note for a PDF), without writing anything.

    ``engine`` lays out PDFs (default: WeasyPrint in this process); ``reference_docx``
    styles the DOCX instead of the brief's ``theme.docx_reference`` or the built-in look.
    """
    if fmt == "pdf":
        return _render_pdf(loaded, fit or loaded.brief.layout.fit, engine)
    if fmt == "docx":
        from briefgen.render.docx import render_docx

        return render_docx(loaded, reference_docx), None, ""
    if fmt == "html":
        from briefgen.render.html import render_html

        return render_html(loaded).encode("utf-8"), None, ""
    from briefgen.render.markdown import render_markdown

    return render_markdown(loaded).encode("utf-8"), None, ""


@dataclass(frozen=True)
class _Pending:
    """A file rendered in memory and not yet written."""

    kind: OutputKind
    name: str  # file name without the extension
    extension: str
    content: bytes
    pages: int | None
    note: str
    seconds: float
    page: int | None = None


def _render_files(
    loaded: LoadedBrief, formats: Sequence[Format], options: RenderOptions, engine: Engine | None
) -> list[_Pending]:
    """Every file asked for, in memory; the PDF is laid out once for it and its images."""
    from briefgen.render import png

    pdf: tuple[bytes, int, str] | None = None

    def laid_out_pdf() -> tuple[bytes, int, str]:
        nonlocal pdf
        if pdf is None:
            content, pages, note = render_bytes(loaded, "pdf", fit=options.fit, engine=engine)
            pdf = (content, pages or 0, note)
        return pdf

    stem = loaded.stem
    pending: list[_Pending] = []
    for fmt in dict.fromkeys(formats):
        started = time.perf_counter()
        if fmt == "png":
            content, pages, note = laid_out_pdf()
            images = png.page_images(content, options.dpi)
            seconds = (time.perf_counter() - started) / max(1, len(images))
            for number, image in enumerate(images, 1):
                pending.append(
                    _Pending("png", f"{stem}-{number}", "png", image, pages, note, seconds, number)
                )
            continue
        document: tuple[bytes, int | None, str] = (
            laid_out_pdf()
            if fmt == "pdf"
            else render_bytes(loaded, fmt, fit=options.fit, reference_docx=options.reference_docx)
        )
        content, pages_or_none, note = document
        seconds = time.perf_counter() - started
        pending.append(_Pending(fmt, stem, fmt, content, pages_or_none, note, seconds))
    if options.thumbnail:
        started = time.perf_counter()
        content, pages, note = laid_out_pdf()
        image = png.thumbnail(content)
        seconds = time.perf_counter() - started
        pending.append(
            _Pending("thumbnail", f"{stem}-thumbnail", "png", image, pages, note, seconds, 1)
        )
    return pending


def _in_languages(loaded: LoadedBrief, options: RenderOptions) -> list[LoadedBrief]:
    """The brief in each language to render: one, or each of a multilingual brief's."""
    wanted = options.language
    languages = loaded.brief.languages
    if not languages:
        if wanted not in (None, "all", loaded.brief.language):
            from briefgen.errors import BriefError

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
        else load_brief(
            loaded.path,
            allow_remote_images=options.allow_remote_images,
            allow_outside_files=options.allow_outside_files,
            allow_private_addresses=options.allow_private_addresses,
            language=language,
        )
        for language in chosen
    ]


def render_loaded(
    loaded: LoadedBrief,
    formats: Sequence[Format] = FORMATS,
    output_dir: Path | str = "out",
    options: RenderOptions | None = None,
    engine: Engine | None = None,
) -> list[Rendered]:
    """Render a loaded brief to files named after its YAML's stem (``brief.fr.pdf`` for
    each language of a brief in several).

    ``png`` writes ``<stem>-1.png``, ``<stem>-2.png``... (one per page, at ``options.dpi``);
    ``options.thumbnail`` adds ``<stem>-thumbnail.png``.
    """
    options = options or RenderOptions()
    versions = [_with_options(version, options) for version in _in_languages(loaded, options)]
    folder = prepare_output_dir(Path(output_dir))
    # Render every file first, then write: a failure in one leaves all files untouched.
    pending: list[tuple[LoadedBrief, _Pending]] = []
    companions: list[tuple[Path, bytes]] = []
    for version in versions:
        pending += [(version, file) for file in _render_files(version, formats, options, engine)]
        companions += _markdown_images(version, folder) if "md" in formats else []
    targets = [output_path(folder, file.name, file.extension) for _, file in pending]
    for (version, _), target in zip(pending, targets, strict=True):
        if target.resolve() == version.path.resolve():
            from briefgen.errors import BriefError

            raise BriefError.single("would overwrite the input brief", target)
    results = []
    for (_, file), target in zip(pending, targets, strict=True):
        write_atomically(target, file.content)
        results.append(
            Rendered(
                file.kind, target, len(file.content), file.seconds, file.pages, file.note, file.page
            )
        )
    for target, content in companions:
        write_atomically(prepare_output_dir(target.parent) / target.name, content)
    return results


def _markdown_images(loaded: LoadedBrief, folder: Path) -> list[tuple[Path, bytes]]:
    """The images the Markdown links to, as files under ``<stem>_files/``."""
    from briefgen.render.markdown import image_files

    return [(folder / target, image.content()) for target, image in image_files(loaded).values()]


def render_brief(
    path: Path | str | LoadedBrief,
    formats: Sequence[Format] = FORMATS,
    output_dir: Path | str = "out",
    options: RenderOptions | None = None,
    engine: Engine | None = None,
) -> list[Rendered]:
    """Load, validate and render one brief file: the whole pipeline.

    ``path`` may also be what :func:`load_brief` returned, which is then rendered as it is.
    """
    options = options or RenderOptions()
    if isinstance(path, LoadedBrief):
        return render_loaded(path, formats, output_dir, options, engine)
    first = options.language if options.language not in (None, "all") else None
    loaded = load_brief(
        path,
        allow_remote_images=options.allow_remote_images,
        allow_outside_files=options.allow_outside_files,
        allow_private_addresses=options.allow_private_addresses,
        language=first,
    )
    return render_loaded(loaded, formats, output_dir, options, engine)
