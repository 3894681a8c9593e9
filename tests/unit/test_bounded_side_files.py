"""A brief's side files from a pull request (words.txt, briefgen.toml) are read within a
bound: a huge file, or a link to a device, is one message, never a hang."""

from __future__ import annotations

import os
import threading
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
