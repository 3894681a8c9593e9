"""A PDF engine warmed up in a second process while briefgen reads the brief.

A cold ``briefgen render -f pdf`` spends ~0.3 s importing WeasyPrint and ~0.2 s reading,
validating and templating the brief, one after the other. On a machine with two cores or
more, the command forks a worker that imports WeasyPrint while the main process does its
part; the worker then lays out and writes the print jobs it is sent. The bytes are the
same as in-process: only the waiting is shorter.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Any

from briefgen.errors import BriefError
from briefgen.render.pdf import LayoutReport, PdfEngine, PrintJob


def can_warm_up() -> bool:
    """Forking a warm-up worker pays only with a second core, and only where fork is safe."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return sys.platform.startswith("linux") and cores >= 2


def _serve(connection: Connection) -> None:
    """The worker: import the engine at once, then answer requests until told to stop."""
    engine: PdfEngine | None = None
    try:
        engine = PdfEngine()
        while True:
            request = connection.recv()
            if request[0] == "close":
                return
            try:
                if request[0] == "layout":
                    connection.send(("ok", engine.layout(request[1])))
                else:
                    connection.send(("ok", engine.write()))
                    # Clean up while the main process writes the file, not while it waits.
                    engine.document = None
                    gc.collect()
            except BriefError as error:
                connection.send(("problems", error.problems))
            except Exception:
                connection.send(("bug", traceback.format_exc()))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        return  # the main process is gone or interrupted: nothing to report
    except Exception:
        connection.send(("bug", traceback.format_exc()))
    finally:
        # WeasyPrint deletes its temporary font folder when the document is collected;
        # a multiprocessing worker exits without collecting.
        del engine
        gc.collect()


class WarmPdfEngine:
    """An :class:`~briefgen.render.pdf.Engine` whose WeasyPrint lives in a forked worker."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child,), name="briefgen-pdf-engine", daemon=True
        )
        self._process.start()
        child.close()
        self._used = False

    def _call(self, *request: Any) -> Any:
        self._used = True
        try:
            self._connection.send(request)
            status, value = self._connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise RuntimeError("briefgen's PDF engine process stopped unexpectedly") from None
        if status == "problems":
            raise BriefError(value)
        if status == "bug":
            raise RuntimeError(f"briefgen's PDF engine failed:\n{value}")
        return value

    def layout(self, job: PrintJob) -> LayoutReport:
        report = self._call("layout", job)
        assert isinstance(report, LayoutReport)
        return report

    def write(self) -> bytes:
        pdf = self._call("write")
        assert isinstance(pdf, bytes)
        return pdf

    def close(self) -> None:
        """Stop the worker: at once when it was never used (e.g. the brief was invalid)."""
        if self._used:
            with contextlib.suppress(OSError):
                self._connection.send(("close",))
            self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._connection.close()
