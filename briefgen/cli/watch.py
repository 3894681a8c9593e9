"""``briefgen watch``: re-render a brief whenever it, its images or its templates change.

A plain modification-time poller rather than an OS file-watching library: a brief has a
handful of files, a poll every half second costs nothing, and it behaves the same on
every system and on network drives, with no extra dependency.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import (
    make_console,
    print_problems,
    print_warnings,
    register_command,
    user_errors,
)
from briefgen.cli.options import (
    DEFAULT_BRIEF,
    PdfVariantChoice,
    chosen_formats,
    render_options,
)
from briefgen.errors import BriefError, display_path

if TYPE_CHECKING:
    from rich.console import Console

    from briefgen.api import Format, LoadedBrief, RenderOptions

Snapshot = dict[Path, tuple[int, int]]


def snapshot(files: Iterable[Path]) -> Snapshot:
    """Modification time and size of each file; (-1, -1) for one that is missing."""
    result: Snapshot = {}
    for file in files:
        try:
            status = file.stat()
        except OSError:
            result[file] = (-1, -1)
        else:
            result[file] = (status.st_mtime_ns, status.st_size)
    return result


def _clock() -> str:
    """The time of day, so that a user glancing back sees which render said what."""
    return time.strftime("%H:%M:%S")


def _folder_files(folder: Path | None) -> set[Path]:
    if folder is None or not folder.is_dir():
        return set()
    return {path for path in folder.rglob("*") if path.is_file()}


def watched_files(
    brief: Path,
    loaded: LoadedBrief | None,
    templates: Path | None,
    reference_docx: Path | None = None,
) -> tuple[set[Path], set[Path]]:
    """The brief with the images, logo and reference document it uses, and its template
    folders."""
    files = {brief} | ({reference_docx} if reference_docx is not None else set())
    folders = {templates} if templates is not None else set()
    if loaded is not None:
        images = [*loaded.resources.images.values(), loaded.resources.logo]
        files |= {image.path for image in images if image and image.path}
        if loaded.resources.docx_reference is not None:
            files.add(loaded.resources.docx_reference)
        if loaded.resources.templates is not None:
            folders.add(loaded.resources.templates)
    return files, folders


class Watcher:
    """Renders one brief, and renders it again when :meth:`poll` sees a file change."""

    def __init__(
        self,
        brief: Path,
        formats: Sequence[Format],
        output_dir: Path,
        options: RenderOptions,
        console: Console,
        *,
        quiet: bool = False,
    ) -> None:
        self.brief = brief
        self.formats = formats
        self.output_dir = output_dir
        self.options = options
        self.console = console
        self.quiet = quiet
        self.named: set[Path] = {brief}  # files the brief names
        self.folders: set[Path] = set()  # template folders: a file added there counts too
        self.seen: Snapshot = {}
        self.renders = 0

    def render(self) -> bool:
        """Render once; print what was written, or the problems. True if it succeeded."""
        from briefgen.api import load_brief, render_loaded
        from briefgen.cli.batch import file_line
        from briefgen.render.environment import environment

        environment.cache_clear()  # Jinja caches templates; an edited one must be read again
        before = snapshot(self.files)  # taken first: an edit made while rendering still counts
        started = time.perf_counter()
        loaded: LoadedBrief | None = None
        ok = False
        try:
            loaded = load_brief(
                self.brief,
                allow_remote_images=self.options.allow_remote_images,
                allow_outside_files=self.options.allow_outside_files,
                allow_private_addresses=self.options.allow_private_addresses,
            )
            results = render_loaded(loaded, self.formats, self.output_dir, self.options)
        except BriefError as error:
            self.console.print(f"[{_clock()}] {self.brief}: not rendered", markup=False)
            print_problems(error)
        else:
            ok = True
            print_warnings(loaded.warnings)
            if not self.quiet:
                for result in results:
                    self.console.print(f"[{_clock()}] {file_line(result)}", markup=False)
                took = time.perf_counter() - started
                self.console.print(
                    f"[{_clock()}] rendered {display_path(self.brief)} in {took:.2f} s",
                    markup=False,
                )
        self.renders += 1
        self.named, self.folders = watched_files(
            self.brief, loaded, self.options.templates, self.options.reference_docx
        )
        now = snapshot(self.files - set(before))
        self.seen = {file: before.get(file, now.get(file, (-1, -1))) for file in self.files}
        return ok

    @property
    def files(self) -> set[Path]:
        """Every file watched now: named ones and whatever the template folders hold."""
        files = set(self.named)
        for folder in self.folders:
            files |= _folder_files(folder)
        return files

    def poll(self) -> bool:
        """Re-render if any watched file changed since the last render; True if it did."""
        if snapshot(self.files) == self.seen:
            return False
        self.render()
        return True


def watch(
    brief: Path = typer.Argument(
        DEFAULT_BRIEF, metavar="BRIEF", help="The brief YAML file to watch.", show_default=True
    ),
    formats: list[str] = shared.FORMATS,
    output_dir: Path = shared.OUTPUT_DIR,
    max_pages: int | None = shared.MAX_PAGES,
    fit: bool = shared.FIT,
    pdf_variant: PdfVariantChoice | None = shared.PDF_VARIANT,
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    reference_docx: Path | None = shared.REFERENCE_DOCX,
    interval: float = typer.Option(
        0.5,
        "--interval",
        metavar="SECONDS",
        callback=shared.at_least(0.1),
        help="Seconds between looks at the files.",
    ),
    quiet: bool = shared.QUIET,
) -> None:
    """Re-render a brief each time its files change.

    Watches the YAML, the images it uses, its templates and its reference DOCX; says what
    it wrote and how long it took. Mistakes are shown and watching goes on; stop with Ctrl+C.

    Example: briefgen watch data/brief.yaml -f html -o out
    """
    chosen = [cast("Format", name) for name in chosen_formats(formats)]
    console = make_console()
    with user_errors():
        if not brief.is_file():
            shared.brief_arguments(None if brief == DEFAULT_BRIEF else [brief])
            raise BriefError.single(
                "no such file", brief, hint="check the path, or create one with `briefgen new`"
            )
        options = render_options(
            max_pages,
            fit,
            pdf_variant,
            templates,
            allow_remote_images,
            allow_outside_files,
            allow_private_addresses=allow_private_addresses,
            reference_docx=reference_docx,
        )
    watcher = Watcher(brief, chosen, output_dir, options, console, quiet=quiet)
    watcher.render()
    if not quiet:
        count = len(watcher.files)
        console.print(f"watching {count} file{'s' * (count != 1)}; Ctrl+C to stop", markup=False)
    try:
        while True:
            time.sleep(interval)
            watcher.poll()
    except KeyboardInterrupt:
        if not quiet:
            console.print("stopped watching", markup=False)


def register(app: typer.Typer) -> None:
    register_command(app, "watch", watch)
