"""briefgen's command line run in the test's process: the one runner every test file uses.

A user never sees a traceback: any exception other than the exit itself, or the word
"Traceback" in what is printed, fails the test where the command was run.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from briefgen.cli import app


def invoke(
    *args: str, env: dict[str, str] | None = None, terminal_width: int | None = None
) -> Result:
    """Run ``briefgen ARGS`` (stdout and stderr kept apart) and check it ended cleanly."""
    result = CliRunner().invoke(app, list(args), env=env, terminal_width=terminal_width)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception,
        result.output,
    )
    assert "Traceback" not in result.output
    return result


def validate_text(text: str, *options: str) -> tuple[int, list[str]]:
    """``briefgen validate brief.yaml OPTIONS`` on ``text`` written to ./brief.yaml (use
    the ``in_tmp`` fixture): the exit code and the lines it printed to stderr."""
    Path("brief.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "brief.yaml", *options)
    return result.exit_code, result.stderr.splitlines()
