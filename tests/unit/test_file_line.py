"""The line `render` prints for each file written."""

from pathlib import Path

import pytest

from briefgen.api import Rendered
from briefgen.cli.console import file_line


@pytest.mark.parametrize(("pages", "said"), [(1, ", 1 page,"), (2, ", 2 pages,")])
def test_a_page_count_is_said_in_good_english(pages: int, said: str) -> None:
    line = file_line(Rendered("pdf", Path("out/x.pdf"), 2048, 0.5, pages=pages))
    assert said in line
    assert "1 pages" not in line
