"""``briefgen watch``: re-render a brief whenever it, its images or its templates change.

A plain poller rather than an OS file-watching library: a brief has a handful of files, a
poll every half second costs little, and it behaves the same on every system and on
network drives, with no extra dependency. It compares each file's content (a hash) as
well as its time and size: a file replaced by another of the same size and time (``cp
-p``, ``rsync -t``, an archive) is a change too. Each render runs in a worker process
with a time limit (:mod:`briefgen.workers`); a brief that fails in any way is reported
and watching goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import (
    end_if_interrupted,
    make_console,
    print_problems,
    print_warnings,
    register_command,
    sigterm_stops_cleanly,
    user_errors,
)
from briefgen.cli.options import (
    DEFAULT_BRIEF,
    chosen_formats,
    load_options,
    render_options,
)
from briefgen.errors import BriefError, bug_traceback, display_path
from briefgen.workers import DEFAULT_TIMEOUT, RenderPool, Reply, Task

if TYPE_CHECKING:
    from rich.console import Console

    from briefgen.api import Format, LoadOptions, RenderOptions

Snapshot = dict[Path, tuple[int, int, str]]
_MISSING = (-1, -1, "")


def _digest(file: Path) -> str:
    import hashlib  # here, not for every command's start (--help)

    digest = hashlib.blake2b(digest_size=16)
    with file.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def snapshot(files: Iterable[Path]) -> Snapshot:
    """Modification time, size and content hash of each file; ``_MISSING`` if unreadable."""
    result: Snapshot = {}
    for file in files:
        try:
            status = file.stat()
            result[file] = (status.st_mtime_ns, status.st_size, _digest(file))
        except OSError:
            result[file] = _MISSING
    return result


def _clock() -> str:
    """The time of day, so that a user glancing back sees which render said what."""
    return time.strftime("%H:%M:%S")


def _folder_files(folder: Path | None) -> set[Path]:
    if folder is None or not folder.is_dir():
        return set()
    return {path for path in folder.rglob("*") if path.is_file()}


def watched_files(
    brief: Path, reply: Reply, templates: Path | None, reference_docx: Path | None = None
) -> tuple[set[Path], set[Path]]:
    """The brief with the images, logo and reference document it uses, and its template
    folders."""
    files = {brief, *reply.inputs} | ({reference_docx} if reference_docx is not None else set())
    folders = {templates} if templates is not None else set()
    if reply.template_folder is not None:
        folders.add(reply.template_folder)
    return files, folders


class Watcher:
    """Renders one brief, and renders it again when :meth:`poll` sees a file change.

    Renders run in one worker process, kept from one render to the next; :meth:`close`
    stops it (the watcher is also a context manager).
    """

    def __init__(
        self,
        brief: Path,
        formats: Sequence[Format],
        output_dir: Path,
        options: RenderOptions,
        console: Console,
        *,
        quiet: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        load_options: LoadOptions | None = None,
    ) -> None:
        self.brief = brief
        self.formats = formats
        self.output_dir = output_dir
        self.options = options
        self.load_options = load_options
        self.console = console
        self.quiet = quiet
        self.named: set[Path] = {brief}  # files the brief names
        self.folders: set[Path] = set()  # template folders: a file added there counts too
        self.seen: Snapshot = {}
        self.renders = 0
        self.pool = RenderPool(1, timeout)

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.pool.close()

    def render(self) -> bool:
        """Render once; print what was written, or the problems. True if it succeeded."""
        from briefgen.batch import write_reply
        from briefgen.cli.console import file_line

        before = snapshot(self.files)  # taken first: an edit made while rendering still counts
        started = time.perf_counter()
        task = Task(
            self.brief, tuple(self.formats), self.options, self.load_options, reread_templates=True
        )
        replies: list[Reply] = []
        ok = False
        try:
            self.pool.run([task], lambda _index, _task, reply: replies.append(reply))
            (reply,) = replies
            # Written as render writes it, so watch says what render says (--fit's warning).
            outcome = write_reply(task, reply, Path(self.output_dir))
            if outcome.bug:
                sys.stderr.write(outcome.bug)
            if not outcome.ok:
                print_warnings(outcome.warnings)
                for result in outcome.results:  # over its page budget: files to look at
                    self.console.print(f"[{_clock()}] {file_line(result)}", markup=False)
                raise BriefError(outcome.problems)
        except BriefError as error:
            self.console.print(
                f"[{_clock()}] {display_path(self.brief)}: not rendered", markup=False
            )
            print_problems(error)
        except Exception as error:  # a bug here must not end the watch either
            sys.stderr.write(bug_traceback(error))
        else:
            ok = True
            print_warnings(outcome.warnings)
            if not self.quiet:
                for result in outcome.results:
                    self.console.print(f"[{_clock()}] {file_line(result)}", markup=False)
                took = time.perf_counter() - started
                self.console.print(
                    f"[{_clock()}] rendered {display_path(self.brief)} in {took:.2f} s",
                    markup=False,
                )
        self.renders += 1
        self.named, self.folders = watched_files(
            self.brief,
            replies[0] if replies else Reply(),
            self.options.templates,
            self.options.reference_docx,
        )
        now = snapshot(self.files - set(before))
        self.seen = {file: before.get(file, now.get(file, _MISSING)) for file in self.files}
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
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    brief: Path = typer.Argument(
        DEFAULT_BRIEF, metavar="BRIEF", help="The brief YAML file to watch.", show_default=True
    ),
    formats: list[str] = shared.FORMATS,
    output_dir: Path = shared.OUTPUT_DIR,
    max_pages: int | None = shared.MAX_PAGES,
    fit: bool = shared.FIT,
    pdf_variant: str | None = shared.PDF_VARIANT,
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    reference_docx: Path | None = shared.REFERENCE_DOCX,
    interval: float = typer.Option(
        0.5,
        "--interval",
        metavar="SECONDS",
        callback=shared.seconds_between(0.1, 3600),
        help="Seconds between looks at the files.",
    ),
    timeout: float = shared.TIMEOUT,
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
        shared.one_existing_brief(brief)
        options = render_options(context.params)
    watcher = Watcher(
        brief,
        chosen,
        output_dir,
        options,
        console,
        quiet=quiet,
        timeout=timeout,
        load_options=load_options(context.params),
    )
    try:
        with sigterm_stops_cleanly(), watcher:
            watcher.render()
            if not quiet:
                count = len(watcher.files)
                console.print(
                    f"watching {count} file{'s' * (count != 1)}; Ctrl+C to stop", markup=False
                )
            while True:
                time.sleep(interval)
                watcher.poll()
    except KeyboardInterrupt as stopped:
        if not quiet:
            console.print("stopped watching", markup=False)
        end_if_interrupted(stopped)


def register(app: typer.Typer) -> None:
    register_command(app, "watch", watch)
