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

if TYPE_CHECKING:
    from briefgen.render.pdf import Engine

Format = Literal["pdf", "html", "md"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md")

__all__ = ["FORMATS", "Format", "LoadedBrief", "RenderOptions", "Rendered", "load_brief"]
__all__ += ["render_brief", "render_loaded"]


@dataclass(frozen=True)
class Rendered:
    """One file written: where, how big, how long it took; pages for a PDF."""

    format: Format
    path: Path
    size: int
    seconds: float
    pages: int | None = None
    note: str = ""


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
    loaded: LoadedBrief, fmt: Format, *, fit: bool = False, engine: Engine | None = None
) -> tuple[bytes, int | None, str]:
    """One format's bytes (and page count and note for a PDF), without writing anything.

    ``engine`` lays out PDFs (default: WeasyPrint in this process).
    """
    if fmt == "pdf":
        return _render_pdf(loaded, fit, engine)
    if fmt == "html":
        from briefgen.render.html import render_html

        return render_html(loaded).encode("utf-8"), None, ""
    from briefgen.render.markdown import render_markdown

    return render_markdown(loaded).encode("utf-8"), None, ""


def render_loaded(
    loaded: LoadedBrief,
    formats: Sequence[Format] = FORMATS,
    output_dir: Path | str = "out",
    options: RenderOptions | None = None,
    engine: Engine | None = None,
) -> list[Rendered]:
    """Render a loaded brief to files named after its YAML's stem."""
    options = options or RenderOptions()
    loaded = _with_options(loaded, options)
    folder = prepare_output_dir(Path(output_dir))
    # Render every format first, then write: a failure in one leaves all files untouched.
    rendered: list[tuple[Format, bytes, int | None, str, float]] = []
    companions: list[tuple[Path, bytes]] = []  # the Markdown's images, written beside it
    for fmt in dict.fromkeys(formats):
        started = time.perf_counter()
        content, pages, note = render_bytes(loaded, fmt, fit=options.fit, engine=engine)
        if fmt == "md":
            companions += _markdown_images(loaded, folder)
        rendered.append((fmt, content, pages, note, time.perf_counter() - started))
    results = []
    for fmt, content, pages, note, seconds in rendered:
        target = output_path(folder, loaded.stem, fmt)
        if target.resolve() == loaded.path.resolve():
            from briefgen.errors import BriefError

            raise BriefError.single("would overwrite the input brief", target)
        write_atomically(target, content)
        results.append(Rendered(fmt, target, len(content), seconds, pages, note))
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
    loaded = load_brief(
        path,
        allow_remote_images=options.allow_remote_images,
        allow_outside_files=options.allow_outside_files,
        allow_private_addresses=options.allow_private_addresses,
    )
    return render_loaded(loaded, formats, output_dir, options, engine)
