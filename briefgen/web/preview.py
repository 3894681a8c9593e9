"""``briefgen preview``: a brief's pages and web page in a browser, shown again on each save.

A small HTTP server, bound to 127.0.0.1 only, serves one page that shows the PDF's pages as
pictures beside the HTML brief and asks the server for news (a long poll), so a save shows
up as soon as its render is done. Each render runs in a worker process with a time limit
(:mod:`briefgen.workers`) and is written into a new numbered folder: a broken save keeps the
last good pages on screen, with its problems above them. Files are watched with watchfiles
(the system's change notifications), not by polling.

The server answers only this machine: requests from another address, or naming another
host (DNS rebinding), are refused; it serves its own page and the files of the renders,
by name, and nothing else.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, unquote_to_bytes, urlsplit

from briefgen.errors import BriefError, Problem, escape_controls
from briefgen.workers import DEFAULT_TIMEOUT, RenderPool, Reply, Task

if TYPE_CHECKING:
    from briefgen.api import LoadOptions, RenderOptions

PREVIEW_DPI = 96  # a page at screen resolution: A4 is 794 x 1123 pixels
LONG_POLL_SECONDS = 20.0  # a browser's request waits this long for news, then asks again
# A render's file is named after the brief's file, which may hold spaces or any letter
# ("mon résumé-1.png"): any one name, percent-encoded in its address, but no hidden file
# and nothing that could name a folder.
_FILE_NAME = re.compile(r"^[^./\\\x00-\x1f][^/\\\x00-\x1f]{0,254}$")
_RENDER_FILE = re.compile(r"^/files/(\d{1,9})/([^/]+)$")
_CONTENT_TYPES = {".png": "image/png", ".html": "text/html; charset=utf-8"}
# The brief's own web page may show only what it carries (styles, data: fonts and images).
_BRIEF_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class PreviewState:
    """What the page shows; ``version`` grows with every change, ``generation`` names the
    render whose files are on screen (0: none yet)."""

    version: int = 0
    generation: int = 0
    pages: tuple[str, ...] = ()
    web_page: str | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    rendering: bool = False
    seconds: float = 0.0  # how long the last render took
    finished_at: str = ""  # when it ended, as the time of day

    def as_json(self) -> dict[str, object]:
        """The state as the page's script reads it (problems as briefgen prints them)."""
        files = f"/files/{self.generation}/"
        return {
            "version": self.version,
            "generation": self.generation,
            "pages": [files + _address(name) for name in self.pages],
            "web_page": files + _address(self.web_page) if self.web_page else None,
            "problems": [str(problem) for problem in self.problems],
            "warnings": [str(warning) for warning in self.warnings],
            "rendering": self.rendering,
            "seconds": round(self.seconds, 3),
            "finished_at": self.finished_at,
        }


def _address(name: str) -> str:
    """A render file's name in a URL path: percent-encoded, byte for byte (a brief's file
    name that is not UTF-8 is held as a surrogate)."""
    return quote(os.fsencode(name), safe="")


class StateBoard:
    """The current :class:`PreviewState`, published by the renderer and awaited by the
    server's threads."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._state = PreviewState()

    @property
    def state(self) -> PreviewState:
        with self._condition:
            return self._state

    def publish(self, **changes: object) -> PreviewState:
        with self._condition:
            self._state = replace(self._state, version=self._state.version + 1, **changes)  # type: ignore[arg-type]
            self._condition.notify_all()
            return self._state

    def wait_newer(self, version: int, timeout: float) -> PreviewState:
        """The state once it is newer than ``version``, or as it is after ``timeout``."""
        with self._condition:
            self._condition.wait_for(lambda: self._state.version > version, timeout)
            return self._state


@dataclass
class Watched:
    """The files a render depends on, and the template folders whose every file counts."""

    files: frozenset[Path] = frozenset()
    folders: frozenset[Path] = frozenset()

    def covers(self, path: Path) -> bool:
        return path in self.files or any(path.is_relative_to(folder) for folder in self.folders)

    def roots(self) -> list[Path]:
        """The folders to ask the system about: each file's own, and the template folders."""
        roots = {file.parent for file in self.files} | set(self.folders)
        return sorted(root for root in roots if root.is_dir())


@dataclass
class Previewer:
    """Renders one brief into numbered folders of ``workdir`` and publishes each outcome."""

    brief: Path
    options: RenderOptions
    workdir: Path
    board: StateBoard
    load_options: LoadOptions | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    on_render: Callable[[PreviewState], None] = lambda _state: None
    watched: Watched = field(default_factory=Watched)

    def __post_init__(self) -> None:
        self.pool = RenderPool(1, self.timeout)
        self.renders = 0
        self.watched = Watched(frozenset({self.brief.resolve()}))

    def close(self) -> None:
        self.pool.close()

    def render(self) -> PreviewState:
        """Render once and publish the result; a failure keeps the last good files."""
        from briefgen.api import write_files
        from briefgen.batch import fit_warnings

        self.board.publish(rendering=True)
        started = time.perf_counter()
        task = Task(
            self.brief,
            ("png", "html"),
            replace(self.options, dpi=PREVIEW_DPI, thumbnail=False),
            self.load_options,
            reread_templates=True,
        )
        replies: list[Reply] = []
        self.pool.run([task], lambda _index, _task, reply: replies.append(reply))
        (reply,) = replies
        self.renders += 1
        self.watched = self._watched(reply)
        outcome: dict[str, object] = {
            "rendering": False,
            "warnings": tuple(reply.warnings),
            "seconds": time.perf_counter() - started,
            "finished_at": time.strftime("%H:%M:%S"),
        }
        problems = list(reply.problems)
        if reply.traceback:
            problems.append(Problem("briefgen failed on this brief (a bug): see the terminal"))
        if not problems:
            folder = self.workdir / str(self.renders)
            try:
                written = write_files(self.brief, reply.rendered, folder, reply.companions)
            except BriefError as error:
                problems += error.problems
            else:
                # What --fit did, as render and watch say it (batch.write_reply).
                outcome["warnings"] = (*reply.warnings, *fit_warnings(self.brief, written))
                pages = tuple(r.path.name for r in written if r.format == "png")
                web = next((r.path.name for r in written if r.format == "html"), None)
                outcome |= {"generation": self.renders, "pages": pages, "web_page": web}
                self._forget_old_renders(keep={self.renders, self.board.state.generation})
        outcome["problems"] = tuple(problems)
        state = self.board.publish(**outcome)
        self.on_render(state)
        return state

    def _watched(self, reply: Reply) -> Watched:
        files = {self.brief, *reply.inputs}
        if self.options.reference_docx is not None:
            files.add(self.options.reference_docx)
        folders = {self.options.templates, reply.template_folder} - {None}
        return Watched(
            frozenset(file.resolve() for file in files),
            frozenset(folder.resolve() for folder in folders if folder is not None),
        )

    def _forget_old_renders(self, keep: set[int]) -> None:
        """Remove render folders no page shows (the one before stays while pages load)."""
        for folder in self.workdir.iterdir():
            if folder.is_dir() and folder.name.isdigit() and int(folder.name) not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def watch_and_render(previewer: Previewer, stop: threading.Event) -> None:
    """Render, then render again whenever a watched file changes, until ``stop`` is set."""
    import watchfiles

    previewer.render()
    while not stop.is_set():
        watched = previewer.watched
        roots = watched.roots()
        if not roots:  # the brief's own folder is gone: wait for it to come back
            stop.wait(0.5)
            previewer.render()
            continue
        for changes in watchfiles.watch(
            *roots,
            watch_filter=lambda _change, path, w=watched: w.covers(Path(path)),  # type: ignore[misc]
            debounce=400,
            step=30,
            stop_event=stop,
            recursive=bool(watched.folders),
            raise_interrupt=True,
        ):
            if changes:
                previewer.render()
                if previewer.watched != watched:
                    break  # new images or folders: watch those instead
        else:
            return  # stopped


class PreviewServer(ThreadingHTTPServer):
    """Serves the preview page, its state and the renders' files, to this machine only."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, board: StateBoard, workdir: Path, title: str) -> None:
        self.board = board
        self.workdir = workdir.resolve()
        self.title = title
        self.long_poll_seconds = LONG_POLL_SECONDS
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "briefgen-preview"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows renders and problems, not every request."""

    def do_GET(self) -> None:
        if not self._from_this_machine():
            self._send(HTTPStatus.FORBIDDEN, b"briefgen preview answers this machine only\n")
            return
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(HTTPStatus.OK, _page(self.server.title), "text/html; charset=utf-8")
        elif url.path in ("/preview.js", "/preview.css"):
            asset = resources.files("briefgen.web").joinpath(url.path.lstrip("/")).read_bytes()
            kind = "text/javascript" if url.path.endswith(".js") else "text/css"
            self._send(HTTPStatus.OK, asset, f"{kind}; charset=utf-8")
        elif url.path == "/state":
            self._send_state(parse_qs(url.query).get("after", ["-1"])[0])
        elif match := _RENDER_FILE.match(url.path):
            self._send_render_file(match.group(1), match.group(2))
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")

    def _from_this_machine(self) -> bool:
        """A loopback peer that asked for this server by its own name (no DNS rebinding)."""
        try:
            if not ipaddress.ip_address(self.client_address[0]).is_loopback:
                return False
        except ValueError:
            return False
        port = self.server.server_port
        return self.headers.get("Host", "") in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _send_state(self, after: str) -> None:
        version = int(after) if after.lstrip("-").isdigit() and len(after) < 12 else -1
        state = self.server.board.wait_newer(version, self.server.long_poll_seconds)
        body = json.dumps(state.as_json(), ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")

    def _send_render_file(self, generation: str, quoted: str) -> None:
        folder = self.server.workdir / str(int(generation))
        name = os.fsdecode(unquote_to_bytes(quoted))  # the file's own bytes, UTF-8 or not
        file = folder / name
        if (
            not _FILE_NAME.match(name)
            or file.suffix not in _CONTENT_TYPES
            or file.is_symlink()
            or not file.is_file()
            or file.resolve().parent != folder.resolve()
        ):
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")
            return
        policy = _BRIEF_POLICY if file.suffix == ".html" else None
        self._send(HTTPStatus.OK, file.read_bytes(), _CONTENT_TYPES[file.suffix], policy)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str = "text/plain; charset=utf-8",
        policy: str | None = _PAGE_POLICY,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        # The browser may have moved on (a reload while a long poll waited).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def _page(title: str) -> bytes:
    """The preview page; its script (preview.js) fills it from ``/state``."""
    from html import escape

    template = resources.files("briefgen.web").joinpath("preview.html").read_text("utf-8")
    return template.replace("{{title}}", escape(escape_controls(title))).encode("utf-8")


def start_server(port: int, board: StateBoard, workdir: Path, title: str) -> PreviewServer:
    """The server, listening; a port in use is the user's to change."""
    try:
        return PreviewServer(port, board, workdir, title)
    except OSError as error:
        raise BriefError.single(
            f"cannot listen on 127.0.0.1:{port} ({error.strerror or error})",
            hint="choose another port with --port, or --port 0 for any free one",
        ) from None
