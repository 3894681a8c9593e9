"""Atomic output: the output folder, the file names, and all-or-none replacement."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen.errors import BriefError, Problem
from briefgen.output import output_path, prepare_output_dir, write_over, write_together

CHECK_SPACE = "check the free space and permissions of the output folder"


def _only_problem(raised: pytest.ExceptionInfo[BriefError]) -> Problem:
    (problem,) = raised.value.problems
    return problem


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_prepare_output_dir_creates_missing_parents(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "out"
    assert prepare_output_dir(folder) == folder
    assert folder.is_dir()


def test_prepare_output_dir_accepts_a_folder_that_exists(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("x")
    assert prepare_output_dir(tmp_path) == tmp_path
    assert (tmp_path / "kept.txt").read_text() == "x"


def test_a_file_where_the_output_folder_should_be_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.write_text("not a folder")
    with pytest.raises(BriefError) as raised:
        prepare_output_dir(folder)
    assert _only_problem(raised) == Problem(
        "cannot be used as the output folder: a file of that name exists", folder
    )


def test_a_folder_that_cannot_be_created_says_why_and_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    folder = tmp_path / "file" / "out"  # below a file: "Not a directory"
    with pytest.raises(BriefError) as raised:
        prepare_output_dir(folder)
    assert _only_problem(raised) == Problem(
        "cannot create the output folder (Not a directory)",
        folder,
        hint="choose another folder with -o/--output-dir",
    )


@pytest.mark.parametrize("denied", [os.W_OK, os.X_OK], ids=["not writable", "not searchable"])
def test_a_folder_without_permission_to_create_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, denied: int
) -> None:
    # The tests may run as root, who may write anywhere: the permission is simulated.
    def access(path: Path, mode: int) -> bool:
        assert Path(path) == tmp_path
        return not mode & denied

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(BriefError) as raised:
        prepare_output_dir(tmp_path)
    assert _only_problem(raised) == Problem(
        "the output folder is not writable",
        tmp_path,
        hint="choose another folder with -o/--output-dir, or fix its permissions",
    )


@pytest.mark.parametrize("extension", ["pdf/x", "pdf\\x", "pdf/../x"])
def test_an_output_name_with_a_separator_is_refused_at_the_folder(extension: str) -> None:
    with pytest.raises(BriefError) as raised:
        output_path(Path("out"), "brief", extension)
    assert _only_problem(raised) == Problem(
        f"cannot name an output file 'brief.{extension}'", Path("out")
    )


def test_write_together_replaces_every_file(tmp_path: Path) -> None:
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    pdf.write_bytes(b"old pdf")
    write_together([(pdf, b"new pdf"), (html, b"new html")])
    assert (pdf.read_bytes(), html.read_bytes()) == (b"new pdf", b"new html")
    assert _names(tmp_path) == ["b.html", "b.pdf"]
    assert oct(html.stat().st_mode & 0o777) == oct(0o644)


@pytest.fixture
def private_umask() -> Iterator[None]:
    """The process's umask set to 077 (a user who keeps drafts private), then restored."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def test_new_outputs_follow_the_umask(tmp_path: Path, private_umask: None) -> None:
    """Outputs were always 0644: with ``umask 077`` a confidential draft's PDF was
    readable by every user of the machine."""
    pdf = tmp_path / "b.pdf"
    write_together([(pdf, b"new pdf")])
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o600)


def test_a_replaced_output_keeps_its_permissions(tmp_path: Path) -> None:
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(b"old pdf")
    pdf.chmod(0o640)
    write_together([(pdf, b"new pdf")])
    assert (pdf.read_bytes(), oct(pdf.stat().st_mode & 0o777)) == (b"new pdf", oct(0o640))


@pytest.mark.parametrize(
    ("replace", "special", "kept"),
    [
        (lambda path: write_together([(path, b"new")]), 0o4755, 0o755),  # an output
        (lambda path: write_over(path, b"new"), 0o2640, 0o640),  # the brief, by update
    ],
    ids=["output", "brief"],
)
def test_a_replaced_file_keeps_no_special_permission(
    tmp_path: Path, replace: Callable[[Path], None], special: int, kept: int
) -> None:
    """A set-user-ID bit (or set-group-ID, sticky) on the file replaced is not carried
    to the new one: the new file is the program's output, owned by whoever runs it."""
    path = tmp_path / "b.pdf"
    path.write_bytes(b"old")
    path.chmod(special)
    replace(path)
    assert (path.read_bytes(), oct(path.stat().st_mode & 0o7777)) == (b"new", oct(kept))


def test_a_replaced_output_of_someone_else_gets_the_umask(
    tmp_path: Path, private_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a shared folder, another user's ``brief.pdf`` made writable by all would make
    the new file, ours, writable by all: their permissions are theirs to choose, not ours."""
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(b"old pdf")
    pdf.chmod(0o666)
    monkeypatch.setattr(os, "geteuid", lambda: pdf.stat().st_uid + 1)
    write_together([(pdf, b"new pdf")])
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o600)


def test_write_together_of_nothing_writes_nothing(tmp_path: Path) -> None:
    write_together([])
    assert _names(tmp_path) == []


def test_a_folder_in_the_way_stops_every_file_before_any_is_written(tmp_path: Path) -> None:
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    pdf.write_bytes(b"old pdf")
    html.mkdir()
    with pytest.raises(BriefError) as raised:
        write_together([(pdf, b"new pdf"), (html, b"new html")])
    assert _only_problem(raised) == Problem(
        "cannot be written: a folder of that name is in the way",
        html,
        hint="remove or rename the folder, or choose another -o/--output-dir",
    )
    assert pdf.read_bytes() == b"old pdf"
    assert _names(tmp_path) == ["b.html", "b.pdf"]


def test_the_temporary_file_is_hidden_beside_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside it, so the rename stays on one file system (atomic); hidden and marked
    # partial, so an interrupted render never leaves something that looks like output.
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "brief.pdf"
    write_together([(target, b"new")])
    ((temporary, renamed_to),) = renamed
    assert renamed_to == target
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".brief.pdf.") and temporary.name.endswith(".partial")


def test_a_failed_second_file_keeps_the_first_old_file_and_names_the_second(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(b"old pdf")
    missing = tmp_path / "gone" / "b.html"
    with pytest.raises(BriefError) as raised:
        write_together([(pdf, b"new pdf"), (missing, b"new html")])
    assert _only_problem(raised) == Problem(
        "cannot be written (No such file or directory)", missing, hint=CHECK_SPACE
    )
    assert pdf.read_bytes() == b"old pdf"
    assert _names(tmp_path) == ["b.pdf"]  # the first file's temporary is gone too


def test_a_failed_rename_is_reported_at_the_file_it_was_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        if Path(target) == html:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(BriefError) as raised:
        write_together([(pdf, b"new pdf"), (html, b"new html")])
    assert _only_problem(raised) == Problem(
        "cannot be written (No space left on device)", html, hint=CHECK_SPACE
    )
    assert _names(tmp_path) == ["b.pdf"]


@pytest.mark.parametrize(
    ("failure", "seen"),
    [(OSError(5, "Input/output error"), BriefError), (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_a_write_cut_short_leaves_no_partial_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    seen: type[BaseException],
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def fsync(_: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(seen):
        write_together([(target, b"new")])
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["brief.pdf"]


def test_a_failed_clean_up_still_reports_the_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(_: int) -> None:
        raise OSError(5, "Input/output error")

    def unlink(_: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(BriefError) as raised:
        write_together([(tmp_path / "brief.pdf", b"new")])
    assert _only_problem(raised).message == "cannot be written (Input/output error)"


@pytest.mark.parametrize("replace", [write_together, write_over], ids=["output", "brief"])
def test_a_replaced_file_keeps_its_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: Callable[..., None]
) -> None:
    """A file of group ``secret`` at 0640 became one of the writer's own group at 0640:
    readable by a group it was never meant for. The new file gets the old one's group."""
    path = tmp_path / "b.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    old_gid = path.stat().st_gid
    given: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "stat", _other_group(os.stat, path.parent, old_gid + 1))
    monkeypatch.setattr(os, "chown", lambda _path, uid, gid: given.append((uid, gid)))
    _replace(replace, path)
    assert given == [(-1, old_gid)]


@pytest.mark.parametrize("replace", [write_together, write_over], ids=["output", "brief"])
def test_a_group_that_cannot_be_kept_loses_its_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: Callable[..., None]
) -> None:
    """Where the old group cannot be given to the new file (not a group of the writer's),
    the group's read access is not handed to the writer's group instead."""
    path = tmp_path / "b.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    monkeypatch.setattr(os, "stat", _other_group(os.stat, path.parent, path.stat().st_gid + 1))

    def refused(*_: object) -> None:
        raise PermissionError("not a group of yours")

    monkeypatch.setattr(os, "chown", refused)
    _replace(replace, path)
    monkeypatch.undo()
    assert (path.read_bytes(), oct(path.stat().st_mode & 0o777)) == (b"new", oct(0o600))


def _other_group(real_stat: Callable[..., os.stat_result], folder: Path, gid: int) -> Any:
    """``os.stat`` that says a new temporary file in ``folder`` has group ``gid``."""

    def fake(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)
        if Path(path).parent == folder and str(path).endswith(".partial"):
            fields = list(found)
            fields[stat.ST_GID] = gid
            return os.stat_result(fields)
        return found

    return fake


def _replace(replace: Callable[..., None], path: Path) -> None:
    if replace is write_over:
        write_over(path, b"new")
    else:
        write_together([(path, b"new")])
