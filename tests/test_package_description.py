"""The description PyPI shows: the README, with pictures and links that work off GitHub.

PyPI shows pictures only from absolute http(s) addresses and has no page for a relative
link, so the package's description (built by hatch-fancy-pypi-readme from README.md)
must point every picture and link at the repository named in ``[project.urls]``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest
from hatchling.metadata.core import ProjectMetadata
from hatchling.plugin.manager import PluginManager
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def description() -> str:
    metadata = ProjectMetadata(str(ROOT), PluginManager())
    assert metadata.core.readme_content_type == "text/markdown"
    return str(metadata.core.readme)


def _addresses(markdown: str, kind: str) -> Iterator[str]:
    """The src of every picture (kind "image") or href of every link ("link_open")."""
    for block in MarkdownIt("commonmark").parse(markdown):
        for token in block.children or []:
            yield from _token_addresses(token, kind)


def _token_addresses(token: Token, kind: str) -> Iterator[str]:
    if token.type == kind:
        yield str(token.attrGet("src" if kind == "image" else "href"))
    for child in token.children or []:
        yield from _token_addresses(child, kind)


def _repository() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["urls"]["Repository"]).removeprefix("https://github.com/")


def test_the_readme_has_pictures_and_relative_links_to_rewrite() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert any(src.startswith("docs/") for src in _addresses(readme, "image"))
    assert any(href.startswith("docs/") for href in _addresses(readme, "link_open"))


def test_every_picture_on_pypi_is_a_raw_file_of_the_repository(description: str) -> None:
    raw = f"https://raw.githubusercontent.com/{_repository()}/main/"
    pictures = list(_addresses(description, "image"))
    assert len(pictures) >= 5
    for src in pictures:
        assert src.startswith(raw), src
        assert (ROOT / src.removeprefix(raw)).is_file(), f"{src}: no such file in the repository"


def test_every_link_on_pypi_is_absolute_or_within_the_page(description: str) -> None:
    blob = f"https://github.com/{_repository()}/blob/main/"
    links = list(_addresses(description, "link_open"))
    assert links
    for href in links:
        assert href.startswith(("https://", "http://", "mailto:", "#")), href
        if href.startswith(blob):
            file = href.removeprefix(blob).split("#", 1)[0]  # a heading of the page: its file
            assert (ROOT / file).is_file(), f"{href}: no such file"


def test_the_description_keeps_the_readme_text(description: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert description.splitlines()[0] == readme.splitlines()[0]
    assert len(description.splitlines()) == len(readme.splitlines())
