"""``briefgen new``: write a starter brief that validates and renders as it is.

Next to the brief go its figure (``<stem>-figure.svg``) and ``brief.schema.json``, which
the brief's first line names with a relative path: editors then complete and check keys
offline, and the folder keeps working when it is moved, zipped or shared, which an
absolute URI into one machine's site-packages would not.
"""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli.console import make_console, register_command, user_errors
from briefgen.errors import BriefError

STARTER_FIGURE = "starter-figure.svg"


def _already_exists(target: Path) -> BriefError:
    return BriefError.single(
        "already exists; briefgen new never overwrites a file",
        target,
        hint="choose another name, or delete the file first",
    )


def _write_new(target: Path, content: str | bytes) -> None:
    """Create ``target``; never replace a file that is already there."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with target.open("xb") as stream:
            stream.write(data)
    except FileExistsError:
        raise _already_exists(target) from None
    except OSError as error:
        raise BriefError.single(f"cannot be written ({error.strerror})", target) from None


def create_starter(path: Path) -> tuple[list[Path], list[str]]:
    """Write the starter brief, its figure and (if absent or ours) the schema next to it.

    Returns the files written and notes on a schema file that was already there.
    """
    from importlib import resources  # here: it imports tempfile, which --help needs not

    from briefgen.loading.yaml_source import refuse_a_name_yaml_cannot_hold, yaml_text
    from briefgen.model.schema import SCHEMA_FILENAME, SCHEMA_ID, schema_text
    from briefgen.output import write_over

    package = resources.files("briefgen")
    figure = path.with_name(f"{path.stem}-figure.svg")
    schema = path.with_name(SCHEMA_FILENAME)
    for existing in (path, figure):
        if existing.exists():
            raise _already_exists(existing)  # before writing anything
    # the brief names its figure, as text
    refuse_a_name_yaml_cannot_hold(path, figure, "the brief could not name its figure with")
    if not path.parent.is_dir():
        raise BriefError.single(
            "is not an existing folder", path.parent, hint="create the folder first"
        )
    text = (package / "starter.yaml").read_text(encoding="utf-8")
    _write_new(path, text.replace(STARTER_FIGURE, yaml_text(figure.name)))
    _write_new(figure, (package / STARTER_FIGURE).read_bytes())
    written = [path, figure]
    notes: list[str] = []
    # The schema is generated: refresh our own copy, leave any other file of that name.
    current = schema_text()
    old = schema.read_text(encoding="utf-8", errors="replace") if schema.exists() else None
    if old is None or (SCHEMA_ID in old and old != current):
        write_over(schema, current.encode("utf-8"))  # a link to nothing is replaced
        written.append(schema)
        if old is not None:
            notes.append(f"{schema} was an older briefgen schema: updated to this version's")
    elif SCHEMA_ID not in old:
        notes.append(f"{schema} is not briefgen's schema: left as it is")
    return written, notes


def new(
    path: Path = typer.Argument(
        ..., metavar="PATH", help="The brief file to create: a name ending in .yaml or .yml."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Create a starter brief that shows every kind of section.

    Example: briefgen new my-brief.yaml
    """
    with user_errors():
        if path.suffix.lower() not in {".yaml", ".yml"}:
            raise BriefError.single(
                "a brief file's name must end in .yaml or .yml", path, hint="e.g. my-brief.yaml"
            )
        written, notes = create_starter(path)
    if not quiet:
        console = make_console()
        for file in written:
            console.print(f"wrote {file}", markup=False)
        for note in notes:
            console.print(note, markup=False)
        console.print(f"next: edit {path}, then run: briefgen render {path}", markup=False)


def register(app: typer.Typer) -> None:
    register_command(app, "new", new)
