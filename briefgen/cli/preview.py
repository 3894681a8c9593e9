"""``briefgen preview``: the brief's pages and web page in a browser, again on every save."""

from __future__ import annotations

from pathlib import Path

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
from briefgen.cli.options import DEFAULT_BRIEF, load_options, render_options
from briefgen.errors import BriefError, display_path


def preview(
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    brief: Path = typer.Argument(
        DEFAULT_BRIEF, metavar="BRIEF", help="The brief YAML file to preview.", show_default=True
    ),
    port: int = typer.Option(
        8000,
        "--port",
        metavar="PORT",
        min=0,
        max=65535,
        help="Port on 127.0.0.1 to serve the preview on; 0 picks a free one.",
    ),
    open_browser: bool = typer.Option(
        True, "--open/--no-open", help="Open the preview in the default browser."
    ),
    max_pages: int | None = shared.MAX_PAGES,
    fit: bool = shared.FIT,
    pdf_variant: str | None = shared.PDF_VARIANT,
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    timeout: float = shared.TIMEOUT,
    quiet: bool = shared.QUIET,
) -> None:
    """Show a brief in the browser and show it again each time its files are saved.

    Serves, on this machine only (127.0.0.1), the brief's pages as the PDF lays them out
    beside its web page. Saving the YAML, an image or a template renders it again; problems
    appear on the page at their line, and a broken save keeps the last good pages. Nothing
    is written beside the brief; stop with Ctrl+C.

    Example: briefgen preview data/brief.yaml
    """
    import tempfile
    import threading
    import webbrowser

    from briefgen.web.preview import (
        Previewer,
        PreviewState,
        StateBoard,
        start_server,
        watch_and_render,
    )

    console = make_console()
    with user_errors():
        shared.one_existing_brief(brief)
        options = render_options(context.params)
        board = StateBoard()
        workdir = Path(tempfile.mkdtemp(prefix="briefgen-preview-"))
        try:
            server = start_server(port, board, workdir, display_path(brief))
        except BriefError:
            _remove(workdir)
            raise

    def report(state: PreviewState) -> None:
        if state.problems:
            console.print(f"[{state.finished_at}] not rendered", markup=False)
            print_problems(BriefError(list(state.problems)))
        elif not quiet:
            console.print(f"[{state.finished_at}] rendered in {state.seconds:.2f} s", markup=False)
        print_warnings(state.warnings)

    previewer = Previewer(
        brief,
        options,
        workdir,
        board,
        load_options=load_options(context.params),
        timeout=timeout,
        on_render=report,
    )
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    stop = threading.Event()
    try:
        with sigterm_stops_cleanly():
            serving.start()
            console.print(f"Preview at {server.url} (Ctrl+C to stop)", markup=False)
            if open_browser:
                webbrowser.open(server.url)
            watch_and_render(previewer, stop)
    except KeyboardInterrupt as stopped:
        if not quiet:
            console.print("stopped the preview", markup=False)
        end_if_interrupted(stopped)
    finally:
        stop.set()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        previewer.close()
        _remove(workdir)


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def register(app: typer.Typer) -> None:
    register_command(app, "preview", preview)
