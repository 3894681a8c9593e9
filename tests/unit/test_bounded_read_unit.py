"""One bounded read for the brief and its templates: at the bound and around it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.model.files import read_bounded


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"x" * 2_000_000)
    assert read_bounded(path, 2_000_000, what="a brief") == b"x" * 2_000_000


def test_one_byte_more_is_refused_with_what_the_file_is(tmp_path: Path) -> None:
    path = tmp_path / "page.html.j2"
    path.write_bytes(b"x" * 2_000_001)
    with pytest.raises(BriefError) as caught:
        read_bounded(path, 2_000_000, what="a template", shown=Path("templates/page.html.j2"))
    (problem,) = caught.value.problems
    assert problem.message == "is larger than 2 MB; a template is a few kilobytes"
    assert problem.path == Path("templates/page.html.j2")


@pytest.mark.parametrize(
    ("make", "message", "hint"),
    [
        (lambda path: path.mkdir(), "is a folder, not a brief file", "name a .yaml file"),
        (lambda path: None, "no such file", "briefgen new"),
    ],
)
def test_a_folder_or_a_missing_file_is_one_message(
    tmp_path: Path, make: Callable[[Path], object], message: str, hint: str
) -> None:
    path = tmp_path / "brief.yaml"
    make(path)
    with pytest.raises(BriefError) as caught:
        read_bounded(path, 10, what="a brief", missing_hint="create one with `briefgen new`")
    (problem,) = caught.value.problems
    assert problem.message == message and hint in problem.hint
