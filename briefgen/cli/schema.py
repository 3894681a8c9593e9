"""``briefgen schema``: print the JSON Schema of the brief format."""

from __future__ import annotations

import typer

from briefgen.cli.console import register_command


def schema() -> None:
    """Print the JSON Schema of the brief format.

    Editors use it to complete and check keys as you type (see the first line of a brief
    made by `briefgen new`).

    Example: briefgen schema > brief.schema.json
    """
    from briefgen.model.schema import schema_text

    typer.echo(schema_text(), nl=False)


def register(app: typer.Typer) -> None:
    register_command(app, "schema", schema)
