"""Template files are read only from inside their folder, whatever links they contain.

A template folder may come from a pull request, and git stores symlinks: ``brief.css ->
/proc/self/environ`` or ``x.txt -> ~/.git-credentials`` plus ``{% include "x.txt" %}``
would publish the file's content. Every template, stylesheet and included file is
therefore checked when it is loaded, after following links, not only when the folder is
named.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from briefgen.errors import BriefError
from briefgen.model.files import read_bounded

MAX_TEMPLATE_BYTES = 1_000_000
"""A template or stylesheet is a few kilobytes; a megabyte is generous."""


class ConfinedFileSystemLoader(jinja2.FileSystemLoader):
    """A :class:`jinja2.FileSystemLoader` that refuses files resolving outside its folders.

    A name is looked up in each folder in turn, like Jinja's loader. The first folder
    where the name exists (as a file or a link) decides: if the name resolves outside
    every search folder, the render stops with a :class:`BriefError` naming the link;
    the file is never opened.
    """

    def __init__(self, searchpath: Sequence[str | os.PathLike[str]]) -> None:
        super().__init__(list(searchpath), encoding="utf-8", followlinks=False)
        self.roots = [Path(folder).resolve() for folder in self.searchpath]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." itself
        for folder, root in zip(self.searchpath, self.roots, strict=True):
            filename = posixpath.join(folder, *pieces)
            if not os.path.lexists(filename):
                continue
            target = Path(filename).resolve()
            if not any(target.is_relative_to(allowed) for allowed in self.roots):
                raise BriefError.single(
                    f"is a link to a file outside the template folder ({root})",
                    Path(filename),
                    hint="templates may only use files inside their folder; copy the file"
                    " in instead of linking to it",
                )
            if target.is_file():
                return _read(Path(filename), target), os.path.normpath(filename), _unchanged(target)
        raise jinja2.TemplateNotFound(template)


def _read(shown: Path, target: Path) -> str:
    """A template's text, refusing a huge file and bytes that are not UTF-8."""
    raw = read_bounded(target, MAX_TEMPLATE_BYTES, what="a template", shown=shown)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BriefError.single("is not UTF-8 text", shown, hint="save it as UTF-8") from None


def _unchanged(target: Path) -> Callable[[], bool]:
    try:
        mtime = target.stat().st_mtime_ns
    except OSError:
        mtime = -1

    def uptodate() -> bool:
        try:
            return target.stat().st_mtime_ns == mtime
        except OSError:
            return False

    return uptodate
