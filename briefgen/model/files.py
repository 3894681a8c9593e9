"""Reading a user's text file within a bound: the brief (loading) and a template (render)
both stand on it, so that a huge file, a folder or an unreadable file is one clear message.
"""

from __future__ import annotations

from pathlib import Path

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
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
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
