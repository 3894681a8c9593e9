"""Render briefs in worker processes that briefgen can stop at any moment.

WeasyPrint's layout cannot be interrupted from inside, and a hostile brief or template can
keep it busy for hours. So the command line renders no brief in its own process: each is
sent to a worker, which loads it and renders every format in memory, and sends the bytes
back; this process writes them (all formats of a brief together) and kills the worker
when the brief's time limit passes, on Ctrl+C or on SIGTERM. A worker dies with briefgen
even after ``kill -9`` (``PR_SET_PDEATHSIG`` on Linux, a watch on the parent elsewhere),
keeps its temporary files (WeasyPrint's font cache) in a folder this process deletes, and
renders brief after brief, so a batch imports WeasyPrint once per worker. A worker that
fails in any way costs its brief only: the others go on in a fresh worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefError, Problem, as_error, bug_traceback, unexpected_problem

if TYPE_CHECKING:  # imported when used: ``--help`` and ``validate`` stay fast
    from multiprocessing.connection import Connection

    from briefgen.api import Format, LoadOptions, RenderedFile, RenderOptions

DEFAULT_TIMEOUT = 120.0  # seconds per brief; the 1 MB reference-scaled brief takes ~55 s
MAX_TIMEOUT = 86_400.0  # a day: far past any brief, and well within what timers take
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass(frozen=True)
class Task:
    """One brief to render: what the worker needs, as plain (picklable) data."""

    path: Path
    formats: tuple[Format, ...]
    options: RenderOptions
    load_options: LoadOptions | None = None  # which images it may use (default: its folder's)
    reread_templates: bool = False  # for watch: an edited template must be read again
    strict: bool = False  # a brief with warnings fails, unrendered, with them as errors


@dataclass(frozen=True)
class Reply:
    """A worker's answer: the formats' bytes, or the problems that stopped the brief (and,
    for a PDF past its page budget, the files to write all the same)."""

    rendered: list[RenderedFile] = field(default_factory=list)
    companions: list[tuple[str, bytes]] = field(default_factory=list)  # the Markdown's images
    problems: list[Problem] = field(default_factory=list)
    traceback: str = ""  # set when briefgen itself failed: a bug, with its traceback
    warnings: tuple[Problem, ...] = ()  # likely mistakes that did not stop the render
    inputs: frozenset[Path] = frozenset()  # the images, logo and reference DOCX it uses
    template_folder: Path | None = None  # the brief's own template folder, if any
    seconds: float = 0.0  # how long the worker took to load and render the brief

    @property
    def ok(self) -> bool:
        return not self.problems


def timeout_problem(path: Path, seconds: float) -> Problem:
    return Problem(
        f"rendering took longer than {seconds:g} s (--timeout); it was stopped",
        path,
        hint="shorten the brief or simplify its templates, or allow more time with --timeout",
    )


# --- in the worker -------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Make sure this worker never outlives briefgen's process, however that one ends."""
    import ctypes
    import threading

    watched = False
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            watched = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    if not watched:

        def watch_parent() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch_parent, daemon=True).start()


def _work(task: Task) -> Reply:
    """Load and render one brief in memory; every failure becomes a reply, never a crash."""
    import gc

    from briefgen.api import (
        OverBudget,
        forget_templates,
        layout_warnings,
        load_brief,
        render_files,
    )

    if task.reread_templates:
        forget_templates()
    loaded = None
    started = time.perf_counter()
    try:
        language = task.options.language
        loaded = load_brief(
            task.path, task.load_options, language=None if language in (None, "all") else language
        )
        if task.strict and loaded.warnings:
            raise BriefError([as_error(warning) for warning in loaded.warnings])
        rendered, companions = render_files(loaded, task.formats, task.options)
        laid_out = layout_warnings(rendered)
        if task.strict and laid_out:
            raise BriefError([as_error(warning) for warning in laid_out])
        warnings = (*loaded.warnings, *laid_out)
        return _reply(
            loaded, task, started, rendered=rendered, companions=companions, warnings=warnings
        )
    except OverBudget as error:  # fails, with the files to look at: written all the same
        assert loaded is not None
        warnings = (*loaded.warnings, *layout_warnings(error.files))
        return _reply(
            loaded,
            task,
            started,
            rendered=error.files,
            companions=error.companions,
            problems=error.problems,
            warnings=warnings,
        )
    except BriefError as error:
        return _reply(loaded, task, started, problems=error.problems)
    except Exception as error:  # a bug in briefgen: report it, let the other briefs go on
        problem = unexpected_problem(error, task.path)
        return _reply(loaded, task, started, problems=[problem], traceback=bug_traceback(error))
    finally:
        # WeasyPrint deletes its temporary font folder when its document is collected.
        gc.collect()


def _reply(loaded: Any, task: Task, started: float, **values: Any) -> Reply:
    from briefgen.api import input_files

    values["seconds"] = time.perf_counter() - started
    if loaded is None:
        return Reply(**values)
    return Reply(
        **values,
        inputs=input_files(loaded, task.options),
        template_folder=loaded.resources.templates,
    )


def _serve(connection: Connection, parent: int, folder: str) -> None:
    """The worker's loop: render each task it is sent until the pipe closes."""
    import tempfile

    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops briefgen, which stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder
    while True:
        try:
            task = connection.recv()
            if task is None:
                return
            connection.send(_work(task))
        except (EOFError, OSError):
            return  # briefgen's process is gone


# --- in briefgen's process -----------------------------------------------------------


FOLDER_PREFIX = "briefgen-worker-"
"""A worker's temporary folder is ``briefgen-worker-<pid of briefgen's process>-<random>``."""

STALE_UNOWNED_SECONDS = 24 * 3600
"""A worker folder without an owner's pid in its name (made by an older briefgen) is
removed once it is this old."""

_swept = False


def _remove_stale_folders() -> None:
    """Remove the worker folders a briefgen killed with ``kill -9`` left behind.

    Its workers die with it (:func:`_die_with_parent`), but nothing is left to delete their
    folders: the next briefgen does, once per process, for each folder whose owner is no
    longer running. Only this user's folders, directly in the temporary folder, and never
    through a symbolic link.
    """
    global _swept
    if _swept:
        return
    _swept = True
    import re
    import shutil
    import tempfile

    root = Path(tempfile.gettempdir())
    pattern = re.compile(rf"{FOLDER_PREFIX}(?:(\d+)-)?[\w-]+")
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            found = pattern.fullmatch(entry.name)
            if not found or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                    continue
                owner = found.group(1)
                if owner is None:
                    age = time.time() - entry.stat(follow_symlinks=False).st_mtime
                    stale = age > STALE_UNOWNED_SECONDS
                else:
                    stale = not _running(int(owner))
                if stale:
                    shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether a process with this id exists (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


class _Worker:
    """One worker process, its pipe and its temporary folder."""

    def __init__(self, context: Any) -> None:
        import tempfile

        _remove_stale_folders()
        try:
            self.folder = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
        except OSError as error:
            raise BriefError.single(
                f"cannot create a temporary folder to render in ({error.strerror})",
                hint="point TMPDIR at a writable folder with free space",
            ) from None
        try:
            self.connection, child = context.Pipe()
            self.process = context.Process(
                target=_serve,
                args=(child, os.getpid(), self.folder),
                name="briefgen-worker",
                daemon=True,
            )
            self.process.start()
            child.close()
        except BaseException:  # Ctrl+C while starting: no one else knows of this worker
            self._discard()
            raise

    def _discard(self) -> None:
        """Undo a start that did not finish: the process if it began, and the folder."""
        import shutil

        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join()
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        """Kill the worker at once (its work is disposable) and delete its files."""
        import shutil

        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join()
        self.connection.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def died(self) -> str:
        """How the worker ended, once it has: for the brief's error message."""
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by signal {signal.Signals(-code).name}"
        return f"exit code {code}"


class RenderPool:
    """Up to ``size`` worker processes, started as needed and reused brief after brief.

    ``timeout`` bounds each brief's render in seconds (``None``: no limit). Use as a
    context manager: leaving it (normally, on an error or on Ctrl+C) kills every worker.
    """

    def __init__(self, size: int = 1, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        import multiprocessing

        self.size = max(1, size)
        self.timeout = timeout
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._context = multiprocessing.get_context(method)
        self._idle: list[_Worker] = []
        self._busy: dict[_Worker, tuple[int, Task, float]] = {}  # index, task, deadline

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in [*self._busy, *self._idle]:
            worker.stop()
        self._busy.clear()
        self._idle.clear()

    def run(self, tasks: Sequence[Task], on_reply: Callable[[int, Task, Reply], None]) -> None:
        """Render every task; ``on_reply(index, task, reply)`` runs here as each finishes."""
        pending = deque(enumerate(tasks))
        try:
            while pending or self._busy:
                while pending and len(self._busy) < self.size:
                    self._start(*pending.popleft())
                for worker, reply in self._collect():
                    index, task, _ = self._busy.pop(worker)
                    on_reply(index, task, reply)
        except BaseException:
            for worker in list(self._busy):  # Ctrl+C, SIGTERM or an error: stop them now
                worker.stop()
            self._busy.clear()
            raise

    def _start(self, index: int, task: Task) -> None:
        worker = self._idle.pop() if self._idle else _Worker(self._context)
        try:
            try:
                worker.connection.send(task)
            except OSError:  # it died while idle: start afresh
                worker.stop()
                worker = _Worker(self._context)
                worker.connection.send(task)
        except BaseException:  # Ctrl+C before it is counted busy, where run() stops them
            worker.stop()
            raise
        deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        self._busy[worker] = (index, task, deadline)

    def _collect(self) -> Iterator[tuple[_Worker, Reply]]:
        """Wait for the next replies, deaths or deadlines; yield each finished brief's reply."""
        from multiprocessing.connection import wait

        nearest = min(deadline for _, _, deadline in self._busy.values())
        wait_for = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        handles: list[Any] = [w.connection for w in self._busy]
        handles += [w.process.sentinel for w in self._busy]
        ready = set(wait(handles, timeout=wait_for))
        now = time.monotonic()
        for worker, (_, task, deadline) in list(self._busy.items()):
            if worker.connection in ready or worker.process.sentinel in ready:
                yield worker, self._receive(worker, task)
            elif now >= deadline:
                worker.stop()
                assert self.timeout is not None
                yield worker, Reply(problems=[timeout_problem(task.path, self.timeout)])

    def _receive(self, worker: _Worker, task: Task) -> Reply:
        try:
            if worker.connection.poll():
                reply = worker.connection.recv()
                assert isinstance(reply, Reply)
                self._idle.append(worker)
                return reply
        except (EOFError, OSError):
            pass
        how = worker.died()
        worker.stop()
        return Reply(
            problems=[
                Problem(
                    f"the rendering process stopped unexpectedly ({how})",
                    task.path,
                    hint="it may have run out of memory; try the brief alone, or shorten it",
                )
            ]
        )
