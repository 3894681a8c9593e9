"""Write output files so that a failed or interrupted render never costs a good file.

Each file is written to a temporary name in the output folder, flushed to disk and then
renamed over the old one: at every moment the old file or the complete new one is there.
The formats of one brief are renamed together, once all of them are written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefgen.errors import BriefError


def _new_file_mode() -> int:
    """The permissions ``open()`` gives a new file: 0o666 less the process's umask, so
    that a user who keeps drafts private (``umask 077``) gets private outputs too."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no way to read it without setting it elsewhere
    os.umask(mask)
    return 0o666 & ~mask


def _kept_permissions(target: Path) -> tuple[int, int] | None:
    """The read, write and run permissions and the group of our own regular file at
    ``target``, which an editor's save keeps; None for no file, a link, or someone else's
    file, whose permissions are theirs to choose (the umask's go on the new file). A
    set-ID or sticky bit is never kept."""
    try:
        replaced = os.lstat(target)
    except OSError:  # no file there yet
        return None
    if stat.S_ISREG(replaced.st_mode) and replaced.st_uid == os.geteuid():
        return replaced.st_mode & 0o777, replaced.st_gid
    return None


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


def confined_folder(folder: Path, inner: Path) -> None:
    """Refuse ``inner`` (a folder to write into) unless it is ``folder`` or a real folder
    inside it: a link there (``brief_files`` pointing elsewhere, left by someone or by a
    pull request's checkout) would send the files outside the output folder."""
    root = folder.resolve()
    try:
        relative = inner.relative_to(folder)
    except ValueError:
        relative = None
    step = folder
    for part in relative.parts if relative is not None else ():
        step = step / part
        if step.is_symlink():
            raise BriefError.single(
                "is a link: files written through it would leave the output folder",
                step,
                hint="remove the link (briefgen then creates a real folder), or choose"
                " another -o/--output-dir",
            )
    if relative is None or not inner.resolve().is_relative_to(root):
        raise BriefError.single("is outside the output folder: nothing is written there", inner)


def output_path(folder: Path, stem: str, extension: str) -> Path:
    """``folder/stem.extension``; the name comes from a file name, so it cannot escape."""
    name = f"{Path(stem).name}.{extension}"
    if name.startswith(".") or "/" in name or "\\" in name:
        raise BriefError.single(f"cannot name an output file '{name}'", folder)
    return folder / name


def write_atomically(target: Path, content: bytes) -> None:
    """Replace ``target`` with ``content`` in one step, or leave it untouched."""
    write_together([(target, content)])


def is_stream(path: Path) -> bool:
    """Whether ``path`` is, through any link, a terminal, a pipe or a device
    (``/dev/stdout``, a shell's ``>(jq .)``): something to write into, never to replace."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_into_stream(path: Path, content: bytes) -> None:
    """Write ``content`` into the stream at ``path`` (see :func:`is_stream`): replacing
    it would put a regular file in place of ``/dev/stdout`` (as root, for every process
    of the machine or container) and the reader would never get it."""
    with _reported_at(path), open(path, "wb") as stream:
        stream.write(content)


def write_over(path: Path, content: bytes) -> None:
    """Replace a file the user keeps and edits (the brief, its translation file) with
    ``content`` in one step, as an editor saves it: through a symbolic link, into the file
    it names (the link stays), and keeping the file's permissions (a brief readable by its
    owner only stays so). A link to nothing is replaced, never followed to create a file
    wherever it points; an output, too, replaces a link in its place."""
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode & 0o777
    except OSError:  # no file there yet, or a link to nothing
        target, mode = path, None
    write_together([(target, content)], mode=mode)


def write_together(
    files: Sequence[tuple[Path, bytes]], remove: Sequence[Path] = (), mode: int | None = None
) -> None:
    """Replace every target with its content, all of them or none.

    Each content is first written and flushed to a hidden temporary file beside its
    target; only when all are complete are they renamed over the old files, with Ctrl+C
    and SIGTERM held back for those few renames, so the formats of one brief never mix
    an old and a new version. ``remove`` (files of an earlier run that the new ones make
    stale: ``brief.pdf`` beside a new ``brief.OVER-BUDGET.pdf``) are deleted in the same
    step, once the new files are in place. The files get ``mode``; by default a file of
    ours replaced keeps its permissions and any other gets those of the umask, as an
    editor's save would give them (see :func:`_kept_permissions`).
    """
    for target, _ in files:
        if target.is_dir():
            raise BriefError.single(
                "cannot be written: a folder of that name is in the way",
                target,
                hint="remove or rename the folder, or choose another -o/--output-dir",
            )
    written: list[tuple[str, Path]] = []  # (temporary, target)
    try:
        for target, content in files:
            with _reported_at(target):
                written.append((_write_temporary(target, content, mode), target))
        with _signals_held():
            for temporary, target in written:
                with _reported_at(target):
                    os.replace(temporary, target)
            for stale in remove:
                with _reported_at(stale), contextlib.suppress(FileNotFoundError):
                    os.unlink(stale)
    finally:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # already renamed, or written in vain


@contextlib.contextmanager
def _reported_at(target: Path) -> Iterator[None]:
    """An operating system's refusal to write ``target`` as the user's message at it."""
    try:
        yield
    except OSError as error:
        raise BriefError.single(
            f"cannot be written ({error.strerror})",
            target,
            hint="check the free space and permissions of the output folder",
        ) from None


def _write_temporary(target: Path, content: bytes, mode: int | None = None) -> str:
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        kept = _kept_permissions(target)
        if mode is None:
            mode = kept[0] if kept is not None else _new_file_mode()
        if kept is not None and kept[1] != os.stat(temporary).st_gid:
            try:  # its group, as the file replaced had (a group of ours: allowed)
                os.chown(temporary, -1, kept[1])
            except OSError:  # not ours to give: the group's access goes, not to another
                mode &= ~0o070
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (delivered on exit), where the platform allows it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
