"""A brief's side files from a pull request (words.txt, briefgen.toml) are read within a
bound: a huge file, or a link to a device, is one message, never a hang."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.loading.folder_settings import folder_settings
from briefgen.spelling import load_word_list


def test_a_word_list_linked_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.symlink_to("/dev/zero")
    with pytest.raises(BriefError) as raised:
        load_word_list(words)
    assert "is larger than 2 MB" in str(raised.value)


def test_a_missing_word_list_is_no_words(tmp_path: Path) -> None:
    assert load_word_list(tmp_path / "words.txt") == set()


def test_huge_settings_are_refused_unread(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    with (tmp_path / "briefgen.toml").open("wb") as settings:
        settings.truncate(50_000_000)  # sparse: costs no disk
    with pytest.raises(BriefError) as raised:
        folder_settings(tmp_path / "brief.yaml")
    assert "is larger than 1 MB" in str(raised.value)


def test_a_word_list_that_is_a_pipe_with_no_writer_is_no_words(tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer forever: a brief's folder must not hang a CI job.
    Read in a thread so that a regression fails here instead of hanging the test run."""
    words = tmp_path / "words.txt"
    os.mkfifo(words)
    found: list[set[str]] = []
    reading = threading.Thread(target=lambda: found.append(load_word_list(words)), daemon=True)
    reading.start()
    reading.join(timeout=10)
    assert not reading.is_alive(), "reading a FIFO with no writer did not return"
    assert found == [set()]


def _refusal_within_seconds(read: Callable[[], object]) -> str:
    """What ``read`` refused with, read in a thread so that a hang fails the test."""
    refused: list[str] = []

    def attempt() -> None:
        try:
            read()
        except BriefError as error:
            refused.append(str(error))

    reading = threading.Thread(target=attempt, daemon=True)
    reading.start()
    reading.join(timeout=10)
    assert not reading.is_alive(), "reading did not return"
    assert len(refused) == 1
    return refused[0]


def test_a_reviewed_docx_that_is_an_endless_device_is_refused(tmp_path: Path) -> None:
    """``briefgen update --from /dev/zero`` read until memory ran out (a MemoryError)."""
    from briefgen.clearance.docx_read import read_reviewed

    assert "is larger than 50 MB" in _refusal_within_seconds(
        lambda: read_reviewed(Path("/dev/zero"))
    )


def test_a_reviewed_docx_that_is_a_pipe_with_no_writer_is_refused(tmp_path: Path) -> None:
    """``--from`` a FIFO waited for a writer forever."""
    from briefgen.clearance.docx_read import read_reviewed

    reviewed = tmp_path / "reviewed.docx"
    os.mkfifo(reviewed)
    assert "not a DOCX file" in _refusal_within_seconds(lambda: read_reviewed(reviewed))


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_reference_docx_that_never_ends_is_refused(tmp_path: Path, kind: str) -> None:
    """``--reference-docx /dev/zero`` ran out of memory; a FIFO hung the render."""
    from briefgen.render.docx.package import open_reference

    reference = Path("/dev/zero") if kind == "device" else tmp_path / "reference.docx"
    if kind == "pipe":
        os.mkfifo(reference)
    expected = "is larger than 10 MB" if kind == "device" else "not a DOCX file"
    assert expected in _refusal_within_seconds(lambda: open_reference(reference))
