"""``briefgen schema``: print the JSON Schema of the brief format, or of the JSON report."""

from __future__ import annotations

import typer

from briefgen.cli.console import register_command


def schema(
    report: bool = typer.Option(
        False,
        "--report",
        help="Print the schema of the --output-format json report instead.",
        show_default=False,
    ),
) -> None:
    """Print the JSON Schema of the brief format.

    Editors use it to complete and check keys as you type (see the first line of a brief
    made by `briefgen new`). With --report it prints the schema of the JSON report of
    `validate` and `render` instead (a copy is in schema/report.schema.json).

    Example: briefgen schema > brief.schema.json
    """
    if report:
        from briefgen.report import report_schema_text

        typer.echo(report_schema_text(), nl=False)
        return
    from briefgen.model.schema import schema_text

    typer.echo(schema_text(), nl=False)


def register(app: typer.Typer) -> None:
    register_command(app, "schema", schema)
