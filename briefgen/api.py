"""The library API: what the CLI, the tests and other programs call.

load_brief(path, LoadOptions(...))  -> LoadedBrief      (read YAML, validate, check files)
render_brief(path, formats, ...)    -> list[Rendered]   (render formats, write files)
render_files(loaded, formats, options) -> list[RenderedFile]  (in memory, nothing written)
write_files(source, files, output_dir) -> list[Rendered]  (all files or none)
update_brief(path, reviewed_docx, ...) -> Update      (a reviewed DOCX as YAML edits)

:class:`LoadOptions` say which images loading may use; :class:`RenderOptions` what to
render and how. These run in the calling process, with no time limit; the command line
renders through :mod:`briefgen.workers`, which adds one (and can stop a render at any
moment).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefgen.errors import BriefError, Problem
from briefgen.loading.validate import load_brief, refuse_another_language
from briefgen.model.loaded import LoadedBrief, LoadOptions, Resources
from briefgen.model.variants import PDF_VARIANTS
from briefgen.output import confined_folder, output_path, prepare_output_dir, write_together
from briefgen.render import (
    DOCUMENT_FORMATS,
    WRITERS,
    Document,
    DocumentFormat,
    OutputKind,
    PdfOverBudget,
    WriterSettings,
)
from briefgen.render.pdf.png import DEFAULT_DPI, MAX_DPI, MIN_DPI

if TYPE_CHECKING:
    from briefgen.clearance.session import Update

Format = Literal[DocumentFormat, "png"]
FORMATS: tuple[Format, ...] = DOCUMENT_FORMATS  # the default; png by name

__all__ = ["FORMATS", "Format", "LoadedBrief", "OutputKind", "RenderOptions", "Rendered"]
__all__ += ["LoadOptions", "load_brief"]
__all__ += ["Companion", "RenderedFile", "render_brief", "render_files", "render_loaded"]
__all__ += ["Document", "DocumentFormat", "OutputKind", "input_files", "write_files"]
__all__ += ["OVER_BUDGET", "OverBudget", "write_translation_list"]

OVER_BUDGET = ".OVER-BUDGET"
"""Added to the name of a PDF past its page budget: ``brief.OVER-BUDGET.pdf`` is written for
the author to look at, never ``brief.pdf`` (which would be published as if it fitted)."""

__all__ += ["update_brief", "write_update"]


@dataclass(frozen=True)
class Rendered:
    """One file written: where, how big, how long it took.

    ``pages`` is the PDF's page count (for a PDF and the images drawn from it); ``page``
    the page an image shows; ``fit`` what ``--fit`` tightened (``9 pt text, ...``), if
    anything.
    """

    format: OutputKind
    path: Path
    size: int
    seconds: float
    pages: int | None = None
    fit: str | None = None
    page: int | None = None
    over_budget: bool = False  # a PDF past its page budget, named brief.OVER-BUDGET.pdf
    removed: Path | None = None  # the file it replaces, of the other name, from an earlier run

    @property
    def note(self) -> str:
        """What to say beside the file's name: ``fitted with ...``, over budget, or nothing."""
        notes = [f"fitted with {self.fit}"] if self.fit else []
        if self.over_budget:
            notes.append("over its page budget: to look at, not to publish")
        if self.removed is not None:
            notes.append(f"removed {self.removed.name} of an earlier run")
        return "; ".join(notes)


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

    def __post_init__(self) -> None:
        """Refuse a value no render can use here, where a program makes it (the command
        line checks the same bounds on its options)."""
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            raise ValueError(f"dpi must be from {MIN_DPI} to {MAX_DPI}, not {self.dpi}")
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"max_pages must be 1 or more, not {self.max_pages}")
        if self.pdf_variant is not None and self.pdf_variant not in PDF_VARIANTS:
            named = ", ".join(f"'{variant}'" for variant in PDF_VARIANTS)
            raise ValueError(f"pdf_variant must be one of {named}, not {self.pdf_variant!r}")


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
) -> Document:
    """One format's bytes (and page count and fit for a PDF), without writing anything.

    ``reference_docx`` styles the DOCX instead of the brief's ``theme.docx_reference`` or
    the built-in look.
    """
    return WRITERS[fmt](loaded, WriterSettings(fit, reference_docx))


@dataclass(frozen=True)
class RenderedFile:
    """A file rendered in memory and not yet written (plain data: it crosses processes)."""

    kind: OutputKind
    name: str  # file name without the extension
    extension: str
    content: bytes
    pages: int | None
    fit: str | None  # what --fit tightened, if anything
    seconds: float
    page: int | None = None
    warnings: tuple[Problem, ...] = ()  # the layout inspector's, for a PDF and its images
    over_budget: bool = False  # a PDF past its page budget (name ends in OVER_BUDGET)


@dataclass
class OverBudget(BriefError):
    """A PDF ran past its page budget. The error, with every file rendered all the same:
    the formats without a page budget and ``<stem>.OVER-BUDGET.pdf`` (no page images).

    :func:`render_files` raises it with ``files`` and ``companions``; :func:`render_brief`
    and :func:`render_loaded` write those first, and raise it with ``written`` set.
    """

    files: list[RenderedFile] = field(default_factory=list, compare=False)
    companions: list[Companion] = field(default_factory=list, compare=False)
    written: list[Rendered] = field(default_factory=list, compare=False)


Companion = tuple[str, bytes]
"""A file the Markdown links to: its path relative to the output folder, and its bytes."""


def render_files(
    loaded: LoadedBrief, formats: Sequence[Format] = FORMATS, options: RenderOptions | None = None
) -> tuple[list[RenderedFile], list[Companion]]:
    """Every file asked for, in each language asked for, in memory (``brief.fr.pdf`` for
    each language of a brief in several), with the images the Markdown links to
    (``<stem>_files/<name>``). Nothing is written, so a failure costs no file.

    Raises :class:`OverBudget`, with every file but the page images, when a PDF runs past
    its page budget.
    """
    options = options or RenderOptions()
    for fmt in formats:
        if fmt not in (*FORMATS, "png"):
            raise ValueError(f"{fmt!r} is not a format: use {', '.join((*FORMATS, 'png'))}")
    files: list[RenderedFile] = []
    companions: list[Companion] = []
    over: list[Problem] = []
    for version in in_languages(loaded, options):  # each other language is loaded once
        try:
            files += _render_version(_with_options(version, options), formats, options)
        except OverBudget as error:
            files += error.files
            over += error.problems
        companions += _markdown_images(version) if "md" in formats else []
    if over:
        raise OverBudget(over, files, companions)
    return files, companions


def _markdown_images(loaded: LoadedBrief) -> list[Companion]:
    from briefgen.render.markdown import image_files, picture_files

    return [(target, image.content()) for target, image in image_files(loaded).values()] + list(
        picture_files(loaded).values()
    )


def _render_version(
    loaded: LoadedBrief, formats: Sequence[Format], options: RenderOptions
) -> list[RenderedFile]:
    """One language's files; the PDF is laid out once for it and its page images."""
    from briefgen.render.pdf import png

    pdf: Document | None = None

    def laid_out_pdf() -> Document:
        nonlocal pdf
        if pdf is None:
            pdf = render_bytes(loaded, "pdf", fit=options.fit)
        return pdf

    stem = loaded.stem
    pending: list[RenderedFile] = []
    over_budget: PdfOverBudget | None = None
    pdf_seconds = 0.0
    for fmt in dict.fromkeys(formats):
        started = time.perf_counter()
        if fmt in ("pdf", "png") and over_budget is None:
            try:
                laid_out_pdf()
            except PdfOverBudget as error:
                over_budget, pdf_seconds = error, time.perf_counter() - started
        if over_budget is not None and fmt in ("pdf", "png"):
            continue
        if fmt == "png":
            content, pages, fit, _ = laid_out_pdf()
            images = png.page_images(content, options.dpi)
            seconds = (time.perf_counter() - started) / max(1, len(images))
            for number, image in enumerate(images, 1):
                pending.append(
                    RenderedFile(
                        "png", f"{stem}-{number}", "png", image, pages, fit, seconds, number
                    )
                )
            continue
        document = (
            laid_out_pdf()
            if fmt == "pdf"
            else render_bytes(loaded, fmt, fit=options.fit, reference_docx=options.reference_docx)
        )
        seconds = time.perf_counter() - started
        pending.append(
            RenderedFile(fmt, stem, fmt, document.content, document.pages, document.fit, seconds)
        )
    if over_budget is not None:
        return _over_budget(loaded, over_budget, pending, "pdf" in formats, pdf_seconds)
    if options.thumbnail:
        started = time.perf_counter()
        content, pages, fit, _ = laid_out_pdf()
        image = png.thumbnail(content)
        seconds = time.perf_counter() - started
        pending.append(
            RenderedFile("thumbnail", f"{stem}-thumbnail", "png", image, pages, fit, seconds, 1)
        )
    warnings = pdf.warnings if pdf is not None else ()
    return [replace(file, warnings=warnings) for file in pending] if warnings else pending


def _over_budget(
    loaded: LoadedBrief,
    error: PdfOverBudget,
    pending: list[RenderedFile],
    with_pdf: bool,
    seconds: float,
) -> list[RenderedFile]:
    """Raise :class:`OverBudget` with the files rendered and, if a PDF was asked for, the
    over-budget one; the message says what is written in place of ``<stem>.pdf``."""
    document = error.document
    assert document is not None
    name = f"{loaded.stem}{OVER_BUDGET}"
    files = list(pending)
    said = "no page images are written"
    if with_pdf:
        files.append(
            RenderedFile("pdf", name, "pdf", document.content, document.pages, None, seconds)
        )
        said = f"the PDF is written as {name}.pdf, to look at, not to publish"
    files = [replace(file, warnings=document.warnings) for file in files]
    if with_pdf:
        files[-1] = replace(files[-1], over_budget=True)
    problems = [
        replace(problem, hint=f"{problem.hint}; {said}" if problem.hint else said)
        for problem in error.problems
    ]
    raise OverBudget(problems, files)


def layout_warnings(files: Sequence[RenderedFile]) -> tuple[Problem, ...]:
    """The layout inspector's warnings about these files, each once."""
    return tuple(dict.fromkeys(warning for file in files for warning in file.warnings))


def input_files(loaded: LoadedBrief, options: RenderOptions | None = None) -> frozenset[Path]:
    """The files a brief reads besides its YAML: its images and logo, its reference
    DOCX (``options.reference_docx`` too) and its translation files (``brief.fr.yaml``).
    ``watch`` and ``preview`` watch them; no output may replace them."""
    from briefgen.loading.translation_file import translation_path

    images = [*loaded.resources.images.values(), loaded.resources.logo]
    inputs = {image.path for image in images if image and image.path}
    given = options.reference_docx if options is not None else None
    inputs |= {path for path in (loaded.resources.docx_reference, given) if path is not None}
    for language in loaded.brief.languages or ():
        translation = translation_path(loaded.path, language)
        if translation.is_file():
            inputs.add(translation)
    return frozenset(inputs)


def write_files(
    source: Path,
    files: Sequence[RenderedFile],
    output_dir: Path | str,
    companions: Sequence[Companion] = (),
    inputs: Collection[Path] = (),
) -> list[Rendered]:
    """Write a brief's rendered files into ``output_dir``: all of them or none.

    ``source`` is the brief's YAML and ``inputs`` the other files it reads (see
    :func:`input_files`), which no output may replace: ``-o`` may well be the brief's
    folder, holding a figure named ``brief-1.png``, or the folder of the restyled
    ``brief.docx`` given as ``--reference-docx``. ``companions`` are the Markdown's
    images, by path relative to ``output_dir`` (see :func:`render_files`); one that
    would copy an image onto itself, byte for byte, changes nothing and is allowed.
    """
    folder = prepare_output_dir(Path(output_dir))
    targets = [output_path(folder, file.name, file.extension) for file in files]
    for target in targets:
        if target.resolve() == source.resolve():
            raise BriefError.single("would overwrite the input brief", target)
    contents = [(target, file.content) for file, target in zip(files, targets, strict=True)]
    for relative, content in companions:
        target = folder / relative
        confined_folder(folder, target.parent)
        contents.append((prepare_output_dir(target.parent) / target.name, content))
    used = {path.resolve() for path in inputs}
    for target, content in contents:
        confined_folder(folder, target.parent)
        if target.resolve() in used and not _holds(target, content):
            raise BriefError.single(
                "would overwrite a file the brief uses",
                target,
                hint="write to another folder with -o/--output-dir, or rename the file",
            )
    stale = {
        index: output_path(folder, _other_pdf_name(file), "pdf")
        for index, file in enumerate(files)
        if file.kind == "pdf"
    }
    stale = {index: path for index, path in stale.items() if path.is_file()}
    write_together(contents, remove=list(stale.values()))
    return [
        Rendered(
            file.kind,
            target,
            len(file.content),
            file.seconds,
            file.pages,
            file.fit,
            file.page,
            file.over_budget,
            stale.get(index),
        )
        for index, (file, target) in enumerate(zip(files, targets, strict=True))
    ]


def _holds(path: Path, content: bytes) -> bool:
    """Whether the file at ``path`` already holds exactly ``content``."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _other_pdf_name(file: RenderedFile) -> str:
    """The PDF a render replaces besides its own name: an over-budget one replaces
    ``brief.pdf`` (which would look current), a PDF that fits ``brief.OVER-BUDGET.pdf``."""
    if file.over_budget:
        return file.name.removesuffix(OVER_BUDGET)
    return f"{file.name}{OVER_BUDGET}"


def in_languages(loaded: LoadedBrief, options: RenderOptions | None = None) -> list[LoadedBrief]:
    """The brief in each language to render: one, or each of a multilingual brief's
    (loaded with the same :class:`LoadOptions` as ``loaded``)."""
    options = options or RenderOptions()
    wanted = options.language
    languages = loaded.brief.languages
    if not languages:
        refuse_another_language(loaded, wanted)
        return [loaded]
    chosen = languages if wanted in (None, "all") else [wanted]
    return [
        loaded
        if language == loaded.brief.language
        else load_brief(loaded.path, loaded.options, language=language, sibling=loaded)
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
    ``options.thumbnail`` adds ``<stem>-thumbnail.png``. A PDF past its page budget raises
    :class:`OverBudget` once the other files and ``<stem>.OVER-BUDGET.pdf`` are written.
    """
    try:
        files, companions = render_files(loaded, formats, options)
    except OverBudget as error:
        error.written = write_files(
            loaded.path, error.files, output_dir, error.companions, input_files(loaded, options)
        )
        raise
    return write_files(loaded.path, files, output_dir, companions, input_files(loaded, options))


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


def write_translation_list(
    brief: Path | str, language: str, output: Path | str | None = None
) -> tuple[Path, int]:
    """Write the texts of ``brief`` still in one language to its translation file
    (``brief.fr.yaml`` beside it, or ``output``), to be translated into ``language``.

    A file there already keeps its texts, translated or not, and gets the texts added to
    the brief since. Returns the file and how many texts were added.
    """
    from briefgen.loading.translation_file import (
        TEXTS,
        is_translation_file,
        translation_header,
        translation_path,
        translation_skeleton,
    )
    from briefgen.loading.translations import declared_languages
    from briefgen.loading.yaml_source import load_yaml, refuse_a_name_yaml_cannot_hold
    from briefgen.output import write_over

    path = Path(brief)
    source = load_yaml(path)
    # the file names the brief in its first key, as text
    refuse_a_name_yaml_cannot_hold(path, path, "a translation file cannot name")
    languages = declared_languages(source.data)
    if language not in languages:
        position = source.position_of(("languages",), prefer_key=True)
        listed = f"[{', '.join([*languages, language])}]" if languages else f"[en, {language}]"
        raise BriefError.single(
            f"this brief does not list '{language}' in its languages",
            path,
            line=position.line if languages else None,
            column=position.column if languages else None,
            hint=f"list it first: languages: {listed}",
        )
    target = Path(output) if output is not None else translation_path(path, language)
    if target.exists() and target.resolve() == path.resolve():
        raise BriefError.single("would overwrite the brief itself", target)
    known: set[str] = set()
    before = ""
    if target.exists():
        # The marker at the start of a line, and a mapping: texts are appended to it.
        existing = load_yaml(target) if is_translation_file(target) else None
        if existing is None or not isinstance(existing.data, dict):
            raise BriefError.single(
                "exists and is not a translation file: it is not overwritten",
                target,
                hint="move it away, or name another file with --output",
            )
        texts = existing.data.get(TEXTS)
        known = {str(name) for name in texts} if isinstance(texts, dict) else set()
        before = existing.text if existing.text.endswith("\n") else existing.text + "\n"
    added = translation_skeleton(source, language, known)
    count = sum(1 for line in added.splitlines() if line and not line.lstrip().startswith("#"))
    if count:
        prepare_output_dir(target.parent)
        text = (before or translation_header(path, language)) + added
        write_over(target, text.encode("utf-8"))
    return target, count


def update_brief(
    path: Path | str,
    reviewed: Path | str,
    *,
    changes: Literal["accept", "reject"] | None = None,
    comments_as_yaml: bool = False,
    language: str | None = None,
    load_options: LoadOptions | None = None,
    reference_docx: Path | None = None,
) -> Update:
    """What a reviewed DOCX (made by ``briefgen render``, then edited in Word or
    LibreOffice) does to the brief's YAML; nothing is written (see :func:`write_update`).

    ``changes`` decides the tracked changes (accept or reject them all); without it,
    open changes stop the update and are listed (``Update.plan.open_changes``).
    ``comments_as_yaml`` also writes each reviewer's comment as a YAML comment above its
    field. Refuses a copy of another brief, or of another version of this one. A brief
    in several languages is read in the copy's language unless ``language`` is given.
    """
    from briefgen.clearance.session import update

    return update(
        Path(path),
        Path(reviewed),
        changes=changes,
        comments_as_yaml=comments_as_yaml,
        language=language,
        load_options=load_options,
        reference_docx=reference_docx,
    )


def write_update(result: Update) -> bool:
    """Write an update's YAML over the brief in one step (False: nothing changed)."""
    from briefgen.clearance.session import write

    return write(result)
