"""Helpers for tests that run briefgen as a process: limits, sessions, waiting.

Each command runs in a session of its own (``start_new_session``), so every process it
starts, including workers reparented to init after a ``kill -9``, can be found by its
session id in ``/proc`` and cleaned up by the test whatever happens.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import yaml

from tests.conftest import REFERENCE_BRIEF, ROOT

GIB = 1 << 30


def limits(
    cpu_seconds: int = 120, memory: int = 4 * GIB, file_size: int | None = None
) -> Callable[[], None]:
    """A ``preexec_fn`` bounding CPU time and address space (per process) and file size."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


def environment(temporary: Path) -> dict[str, str]:
    """The test's environment with a private temporary folder and no colour."""
    temporary.mkdir(exist_ok=True)
    return {
        **os.environ,
        "TMPDIR": str(temporary),
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
    }


def briefgen(
    args: Sequence[str],
    cwd: Path,
    *,
    preexec: Callable[[], None] | None = None,
    log: Path | None = None,
) -> AbstractContextManager[subprocess.Popen[bytes]]:
    """``python -m briefgen ARGS`` in a new session (see :func:`in_session`)."""
    command = [sys.executable, "-m", "briefgen", *args]
    return in_session(command, cwd, preexec=preexec, log=log)


@contextmanager
def in_session(
    command: Sequence[str],
    cwd: Path,
    *,
    preexec: Callable[[], None] | None = None,
    log: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` in a new session, as from a terminal; whatever is left of it is killed
    after.

    stdout and stderr go to ``log``.out/.err files (read them with :func:`read`).
    """
    log = log or cwd / "briefgen"
    bounded = preexec or limits()

    def as_from_a_terminal() -> None:
        # Ctrl+C reaches a command started from a terminal. A test runner's worker (xdist)
        # or a background job of a script ignores SIGINT, and a child inherits that: the
        # Ctrl+C tests would then test nothing of briefgen's handling.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        bounded()

    with open(f"{log}.out", "wb") as out, open(f"{log}.err", "wb") as err:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment(cwd / "tmp"),
            stdout=out,
            stderr=err,
            preexec_fn=as_from_a_terminal,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            for pid in session_processes(process.pid):
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            if process.poll() is None:
                process.kill()
            process.wait()


def read(cwd: Path, stream: str = "err", log: str = "briefgen") -> str:
    return (cwd / f"{log}.{stream}").read_text(encoding="utf-8", errors="replace")


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session, found in /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, _ppid, _group, sid = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(sid) == session and state not in {"Z", "X"}:
            found.append(int(entry.name))
    return found


def maps_library(pid: int, name: str) -> bool:
    try:
        return name in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` until it holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def scaled_brief(path: Path, factor: int, max_pages: int = 50) -> Path:
    """The reference brief with its sections repeated: a layout ``factor`` times as long."""
    data = yaml.safe_load(REFERENCE_BRIEF.read_text(encoding="utf-8"))
    data["sections"] = data["sections"] * factor
    data["layout"] = {**data.get("layout", {}), "max_pages": max_pages}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


class _NoAliases(yaml.SafeDumper):
    """Repeated sections written out in full: a real long brief, not a few aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True
