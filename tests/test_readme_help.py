"""docs/commands.md shows each command's real ``--help``: this fails when one of them drifts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.cli import app
from tests.cli_runner import invoke

README = Path(__file__).resolve().parent.parent / "docs" / "commands.md"
"""The command reference, moved from the README to its own page (the README links to it)."""
COMMANDS = ["", *(str(command.name) for command in app.registered_commands)]
"""The root's help and every command's, in the order they are registered: a new command
cannot be left out of the command reference."""


def help_text(command: str) -> str:
    """``briefgen [command] --help`` as a 100-column terminal shows it."""
    args = [command, "--help"] if command else ["--help"]
    result = invoke(*args, terminal_width=100, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_an_example(command: str) -> None:
    last = help_text(command).rstrip().splitlines()[-1].strip()
    assert last.startswith("Example: briefgen ")


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_shows_the_real_help(command: str) -> None:
    expected = f"$ briefgen {command} --help".replace("  ", " ") + "\n" + help_text(command)
    blocks = _fenced_blocks(README.read_text(encoding="utf-8"))
    assert any(expected in block for block in blocks), (
        f"README.md needs this fenced block (run python scripts/update-readme-help.py):\n{expected}"
    )
