"""``briefgen schema``: print the JSON Schema of the brief format."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the JSON Schema of the brief YAML format, for editors and CI checks.

    Example: briefgen schema > brief.schema.json
    """
    from briefgen.model.schema import schema_text

    typer.echo(schema_text(), nl=False)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
