"""Every file a render writes stays inside the output folder: issue 23, point 6.

The Markdown's images go to ``<stem>_files/`` in the output folder. When that name was a
link to another folder (left there, or checked out from a pull request into a folder
used as output), the images were written wherever it pointed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import BriefError
from tests.cli_runner import invoke
from tests.conftest import BRIEF_HEAD, PNG

BRIEF = (
    BRIEF_HEAD
    + """\
sections:
  - kind: figure
    image: dot.png
    alt: A dot
"""
)


def _render(tmp_path: Path) -> tuple[int, str]:
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "dot.png").write_bytes(PNG)
    result = invoke("render", str(tmp_path / "b.yaml"), "-f", "md", "-o", str(tmp_path / "out"))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_markdown_images_are_written_in_the_output_folder(tmp_path: Path) -> None:
    code, output = _render(tmp_path)
    assert code == 0, output
    assert (tmp_path / "out" / "b_files" / "dot.png").read_bytes() == PNG


def test_a_linked_files_folder_is_refused_and_nothing_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "b_files").symlink_to(elsewhere)
    code, output = _render(tmp_path)
    assert code == 1, output
    assert "b_files: is a link: files written through it would leave the output folder" in (
        output.replace("\n", " ")
    )
    assert list(elsewhere.iterdir()) == []
    assert not (tmp_path / "out" / "b.md").exists()  # all of a brief's files, or none


def test_a_folder_outside_the_output_folder_is_refused(tmp_path: Path) -> None:
    from briefgen.output import confined_folder

    (tmp_path / "out").mkdir()
    confined_folder(tmp_path / "out", tmp_path / "out" / "b_files")  # inside: fine
    with pytest.raises(BriefError, match="is outside the output folder"):
        confined_folder(tmp_path / "out", tmp_path / "out" / ".." / "b_files")
    with pytest.raises(BriefError, match="is outside the output folder"):
        confined_folder(tmp_path / "out", tmp_path / "b_files")
