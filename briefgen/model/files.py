"""Reading a user's text file within a bound: the brief (loading) and a template (render)
both stand on it, so that a huge file, a folder or an unreadable file is one clear message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from briefgen.errors import BriefError


def read_bounded(
    path: Path,
    limit: int,
    *,
    what: str,
    shown: Path | None = None,
    missing_hint: str = "check the path",
) -> bytes:
    """The file's bytes, refusing more than ``limit`` (only ``limit + 1`` are ever read).

    ``what`` names the kind of file in the messages ("a brief"); they name ``shown`` (the
    path as the user wrote it) when the file is read through another (a resolved link).
    """
    named = path if shown is None else shown
    try:
        if path.is_dir():
            raise BriefError.single(
                f"is a folder, not {what} file", named, hint="name a .yaml file inside it"
            )
        raw = read_at_most(path, limit)
    except FileNotFoundError:
        raise BriefError.single("no such file", named, hint=missing_hint) from None
    except PermissionError:
        raise BriefError.single("cannot be read (permission denied)", named) from None
    except OSError as error:
        raise BriefError.single(f"cannot be read ({error.strerror})", named) from None
    if len(raw) > limit:
        raise BriefError.single(
            f"is larger than {limit // 1_000_000} MB; {what} is a few kilobytes",
            named,
            hint="is this the right file?",
        )
    return raw


def read_at_most(path: Path, limit: int) -> bytes:
    """The first ``limit + 1`` bytes of ``path`` at most, so that a caller sees a file is
    too large without reading it all (``/dev/zero`` ends nowhere); a FIFO with no writer
    reads as empty. Raises :class:`OSError` as ``Path.read_bytes`` does."""
    with _open_without_waiting(path) as stream:
        return stream.read(limit + 1)


def _open_without_waiting(path: Path) -> BinaryIO:
    """``path`` opened for reading; a FIFO with no writer reads as empty instead of making
    the open wait for one forever (a brief's ``words.txt`` may be anything). The reads
    block again, so a pipe that is written to (``briefgen validate <(make-brief)``) is
    read whole."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
