"""api.write_files never replaces the brief it was rendered from, however the paths are
spelled: the guard compares files, not strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import RenderedFile, write_files
from briefgen.errors import BriefError

MARKDOWN = RenderedFile("md", "b", "md", b"# rendered\n", None, None, 0.0)


@pytest.mark.parametrize(
    ("source", "folder"),
    [
        ("b.md", "{tmp}"),  # the brief relative, the folder absolute
        ("{tmp}/b.md", "."),  # the brief absolute, the folder relative
        ("b.md", "{tmp}/link"),  # the folder through a symbolic link to the brief's
        ("link/b.md", "."),  # the brief through the link
    ],
)
def test_the_input_brief_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, folder: str
) -> None:
    brief = tmp_path / "b.md"
    brief.write_text("title: mine\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BriefError, match="would overwrite the input brief"):
        write_files(Path(source.format(tmp=tmp_path)), [MARKDOWN], folder.format(tmp=tmp_path))
    assert brief.read_text(encoding="utf-8") == "title: mine\n"


def test_another_name_in_the_same_folder_is_written(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text("title: mine\n", encoding="utf-8")
    (written,) = write_files(brief, [MARKDOWN], tmp_path)
    assert written.path == tmp_path / "b.md" and written.size == len(MARKDOWN.content)
    assert (tmp_path / "b.md").read_bytes() == MARKDOWN.content
    assert brief.read_text(encoding="utf-8") == "title: mine\n"


def test_a_file_the_brief_uses_is_never_replaced(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text("title: mine\n", encoding="utf-8")
    picture = tmp_path / "b.md"  # an input that happens to have an output's name
    picture.write_bytes(b"mine")
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)  # spelled otherwise
    with pytest.raises(BriefError, match="would overwrite a file the brief uses"):
        write_files(brief, [MARKDOWN], tmp_path, inputs=[tmp_path / "link" / "b.md"])
    assert picture.read_bytes() == b"mine"


def test_a_companion_may_copy_an_image_onto_itself(tmp_path: Path) -> None:
    """The Markdown's copy of an image already in ``b_files/`` is the same file with the
    same bytes: writing it changes nothing, so it is no reason to refuse the render."""
    brief = tmp_path / "b.yaml"
    brief.write_text("title: mine\n", encoding="utf-8")
    image = tmp_path / "b_files" / "chart.svg"
    image.parent.mkdir()
    image.write_bytes(b"<svg/>")
    written = write_files(
        brief, [MARKDOWN], tmp_path, [("b_files/chart.svg", b"<svg/>")], inputs=[image]
    )
    assert [file.path.name for file in written] == ["b.md"]
    assert image.read_bytes() == b"<svg/>"
    with pytest.raises(BriefError, match="would overwrite a file the brief uses"):
        write_files(brief, [MARKDOWN], tmp_path, [("b_files/chart.svg", b"<p/>")], inputs=[image])
    assert image.read_bytes() == b"<svg/>"
