"""Write output files so that a failed or interrupted render never costs a good file.

Each file is written to a temporary name in the output folder, flushed to disk and then
renamed over the old one: at every moment the old file or the complete new one is there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from briefgen.errors import BriefError


def prepare_output_dir(folder: Path) -> Path:
    """Create the output folder if needed and make sure we can write there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise BriefError.single(
            "cannot be used as the output folder: a file of that name exists", folder
        ) from None
    except OSError as error:
        raise BriefError.single(
            f"cannot create the output folder ({error.strerror})",
            folder,
            hint="choose another folder with -o/--output-dir",
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BriefError.single(
            "the output folder is not writable",
            folder,
            hint="choose another folder with -o/--output-dir, or fix its permissions",
        )
    return folder


def output_path(folder: Path, stem: str, extension: str) -> Path:
    """``folder/stem.extension``; the name comes from a file name, so it cannot escape."""
    name = f"{Path(stem).name}.{extension}"
    if name.startswith(".") or "/" in name or "\\" in name:
        raise BriefError.single(f"cannot name an output file '{name}'", folder)
    return folder / name


def write_atomically(target: Path, content: bytes) -> None:
    """Replace ``target`` with ``content`` in one step, or leave it untouched."""
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise BriefError.single(
                f"cannot be written ({error.strerror})",
                target,
                hint="check the free space and permissions of the output folder",
            ) from None
        raise
