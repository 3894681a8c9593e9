"""The command line's options reach the library by name, from one place (cli/options.py)."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.api import LoadOptions, RenderOptions
from briefgen.cli.options import load_options, render_options
from briefgen.cli.render import render
from briefgen.cli.validate import validate
from briefgen.cli.watch import watch
from briefgen.errors import BriefError


def test_render_options_take_the_parameters_named_like_their_fields(tmp_path: Path) -> None:
    params = {
        "max_pages": 3,
        "fit": True,
        "pdf_variant": "pdf/a-3b",
        "templates": tmp_path,
        "dpi": 150,
        "language": "fr",
        "allow_remote_images": True,  # loading's, not rendering's
        "quiet": True,  # the command's own
    }
    assert render_options(params) == RenderOptions(
        max_pages=3, fit=True, pdf_variant="pdf/a-3b", templates=tmp_path, dpi=150, language="fr"
    )
    assert type(render_options(params).pdf_variant) is str  # plain data, for the workers
    assert load_options(params) == LoadOptions(allow_remote_images=True)


def test_a_command_without_an_option_keeps_its_default() -> None:
    assert render_options({"fit": True}) == RenderOptions(fit=True)
    assert load_options({"allow_private_addresses": True}) == LoadOptions(
        allow_private_addresses=True
    )


def test_a_templates_path_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="is not a folder of templates"):
        render_options({"templates": tmp_path / "missing"})


def _fields(options: type) -> set[str]:
    return {field.name for field in dataclasses.fields(options)}


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (render, _fields(RenderOptions) | _fields(LoadOptions)),
        (watch, (_fields(RenderOptions) - {"dpi", "thumbnail", "language"}) | _fields(LoadOptions)),
        (validate, _fields(LoadOptions)),
    ],
)
def test_each_option_is_a_parameter_of_the_commands_that_use_it(
    command: Callable[..., None], expected: set[str]
) -> None:
    """Options are picked by name: a parameter spelt otherwise would be silently dropped."""
    parameters = set(inspect.signature(command).parameters)
    assert expected <= parameters, expected - parameters
