"""briefgen's command line run in the test's process: the one runner every test file uses.

A user never sees a traceback: any exception other than the exit itself, or the word
"Traceback" in what is printed, fails the test where the command was run.
"""

from __future__ import annotations

from typer.testing import CliRunner, Result

from briefgen.cli import app


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``briefgen ARGS`` (stdout and stderr kept apart) and check it ended cleanly."""
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result
