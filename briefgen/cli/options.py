"""Options shared by several commands, declared once so they read the same everywhere.

Typer declares options as default values; one declaration can serve several commands.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from briefgen.model.locales import LANGUAGE_TAG
from briefgen.model.variants import PDF_VARIANTS
from briefgen.render import DOCUMENT_FORMATS
from briefgen.render.pdf.png import DEFAULT_DPI, MAX_DPI, MIN_DPI, THUMBNAIL_WIDTH
from briefgen.workers import DEFAULT_TIMEOUT, MAX_TIMEOUT

if TYPE_CHECKING:
    from briefgen.api import LoadOptions, RenderOptions

DEFAULT_BRIEF = Path("data/brief.yaml")


class FormatChoice(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    docx = "docx"
    png = "png"
    all = "all"


DOCUMENTS = list(DOCUMENT_FORMATS)  # what "all" means: page images are asked for by name
OUTPUT_FORMATS = ["text", "json"]


def parse_formats(names: list[str]) -> list[FormatChoice]:
    """``-f`` values, in any case (``-f PDF``), refused in plain words if unknown."""
    known = [choice.value for choice in FormatChoice]
    chosen = []
    for name in names:
        if name.lower() not in known:
            raise typer.BadParameter(f"'{name}' is not a format; use {_one_of(known)}")
        chosen.append(FormatChoice(name.lower()))
    return chosen


def chosen_formats(formats: list[str]) -> list[str]:
    """The formats named, once each; ``all`` stands for pdf, html, md and docx (not png)."""
    chosen = [str(name) for name in formats if name != FormatChoice.all]
    if FormatChoice.all in formats:
        chosen = DOCUMENTS + chosen
    return list(dict.fromkeys(chosen))


def parse_output_format(name: str) -> str:
    """``--output-format``, in any case, refused in plain words if unknown."""
    if name.lower() not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"'{name}' is not an output format; use text or json")
    return name.lower()


def _one_of(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1]


def at_least(minimum: float) -> Callable[[float | None], float | None]:
    """A callback refusing numbers below ``minimum`` in plain words."""

    def check(value: float | None) -> float | None:
        if value is not None and value < minimum:
            raise typer.BadParameter(f"must be {minimum:g} or more, not {value:g}")
        return value

    return check


def seconds_between(low: float, high: float) -> Callable[[float], float]:
    """A callback refusing a time outside ``low..high`` seconds in plain words: NaN, an
    infinite or a huge one never reach a timer (which fails on them as a bug would)."""

    def check(value: float) -> float:
        if not low <= value <= high:  # False for NaN too
            raise typer.BadParameter(f"must be from {low:g} to {high:g}, not {value:g}")
        return value

    return check


def between(low: int, high: int) -> Callable[[int], int]:
    """A callback refusing numbers outside ``low..high`` in plain words."""

    def check(value: int) -> int:
        if not low <= value <= high:
            raise typer.BadParameter(f"must be from {low} to {high}, not {value}")
        return value

    return check


def load_options(params: Mapping[str, Any]) -> LoadOptions:
    """Loading's options from a command's parameters (``ctx.params``), by name."""
    from briefgen.api import LoadOptions

    return LoadOptions(**_named_fields(LoadOptions, params))


def render_options(params: Mapping[str, Any]) -> RenderOptions:
    """The library's render options from a command's parameters (``ctx.params``), by name.

    One place for every command that renders (``render``, ``watch``), so that an option
    cannot reach one of them and not the other. A templates path must be a folder.
    """
    from briefgen.api import RenderOptions
    from briefgen.errors import BriefError

    values = _named_fields(RenderOptions, params)
    templates = values.get("templates")
    if templates is not None and not templates.is_dir():
        raise BriefError.single("is not a folder of templates", templates)
    return RenderOptions(**values)


def _named_fields(options: type[Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters named like a field of the ``options`` dataclass; others keep defaults."""
    names = {option.name for option in dataclasses.fields(options)}
    return {name: value for name, value in params.items() if name in names}


def choice(names: Sequence[str], what: str = "a choice") -> Callable[[str | None], str | None]:
    """A callback taking one of ``names`` in any case, refused in plain words. (An Enum
    parameter is refused by Typer in pydantic's words: "Value error, 'x' is not one of".)"""

    def check(value: str | None) -> str | None:
        if value is None or value.lower() in names:
            return value.lower() if value is not None else None
        raise typer.BadParameter(f"'{value}' is not {what}; use {_one_of(list(names))}")

    return check


parse_pdf_variant = choice(PDF_VARIANTS, "a PDF variant")


def language_code(*, or_all: bool) -> Callable[[str | None], str | None]:
    """A callback taking a language code (fr, es-419), or ``all`` where every language can
    be rendered; anything else (an empty ``--to ""``) is refused in plain words."""
    examples = "fr, es-419" + (" or all" if or_all else "")

    def check(value: str | None) -> str | None:
        if value is None or (or_all and value == "all"):
            return value
        if value == "all":
            raise typer.BadParameter(
                f"this command takes one language, not all; write one: {examples}"
            )
        if re.fullmatch(LANGUAGE_TAG, value):
            return value
        raise typer.BadParameter(f"'{value[:40]}' is not a language code; write one: {examples}")

    return check


FORMATS = typer.Option(
    ["all"],
    "--format",
    "-f",
    metavar="FORMAT",
    callback=parse_formats,
    help="Output format: "
    + _one_of([choice.value for choice in FormatChoice])
    + "; repeat for several. all = pdf, html, md and docx; png = one image per page.",
)
OUTPUT_DIR = typer.Option(
    Path("out"), "--output-dir", "-o", metavar="DIR", help="Folder to write to."
)
MAX_PAGES = typer.Option(
    None,
    "--max-pages",
    metavar="N",
    callback=at_least(1),
    help="Page budget of the PDF [default: layout.max_pages, 2].",
)
FIT = typer.Option(
    False,
    "--fit",
    help="Tighten spacing, leading, then size until the PDF fits its budget and leaves no "
    "empty area at a page's foot.",
)
PDF_VARIANT = typer.Option(
    None,
    "--pdf-variant",
    metavar="VARIANT",
    callback=parse_pdf_variant,
    help="PDF standard to meet: " + ", ".join(PDF_VARIANTS) + " [default: layout.pdf_variant,"
    " pdf/ua-1].",
)
TEMPLATES = typer.Option(
    None,
    "--templates",
    metavar="DIR",
    help="Folder of templates that override the built-in ones by name.",
)
ALLOW_REMOTE_IMAGES = typer.Option(
    False,
    "--allow-remote-images",
    help="Accept http(s) images, downloaded once (10 s and 5 MB at most).",
    show_default=False,
)
ALLOW_OUTSIDE_FILES = typer.Option(
    False,
    "--allow-outside-files",
    help="Accept image files outside the brief's folder, and file:// URLs.",
    show_default=False,
)
BRIEFS = typer.Argument(
    None,
    metavar="BRIEF",
    help="Brief YAML files, folders or quoted globs [default: data/brief.yaml].",
    show_default=False,
)
STRICT = typer.Option(
    False, "--strict", help="Treat warnings (an empty section...) as errors, for CI."
)
ALLOW_PRIVATE_ADDRESSES = typer.Option(
    False,
    "--allow-private-addresses",
    help="Let --allow-remote-images reach localhost, private and link-local addresses.",
    show_default=False,
)
REFERENCE_DOCX = typer.Option(
    None,
    "--reference-docx",
    metavar="PATH",
    help="Word document whose styles the DOCX uses [default: theme.docx_reference, or the"
    " built-in look].",
)
TIMEOUT = typer.Option(
    DEFAULT_TIMEOUT,
    "--timeout",
    metavar="SECONDS",
    callback=seconds_between(0.1, MAX_TIMEOUT),
    help="Stop rendering a brief after this long; it then fails, other briefs go on.",
)
VALIDATE_TIMEOUT = typer.Option(
    DEFAULT_TIMEOUT,
    "--timeout",
    metavar="SECONDS",
    callback=seconds_between(0.1, MAX_TIMEOUT),
    help="Stop checking a brief after this long; it then fails, other briefs go on.",
)
LANGUAGE = typer.Option(
    None,
    "--lang",
    metavar="CODE",
    callback=language_code(or_all=True),
    help="A brief in several languages: render one (fr) or all [default: all]; "
    "files are named brief.fr.pdf...",
)
QUIET = typer.Option(False, "--quiet", "-q", help="Print nothing but errors.")


def brief_arguments(briefs: list[Path] | None) -> list[Path]:
    """The briefs named, or the default one; with neither, say how to start."""
    from briefgen.errors import BriefError

    if briefs:
        return briefs
    if not DEFAULT_BRIEF.exists():
        raise BriefError.single(
            f"no brief given and none at {DEFAULT_BRIEF}",
            hint="name a brief file, or create one with 'briefgen new brief.yaml'",
        )
    return [DEFAULT_BRIEF]


def one_existing_brief(brief: Path) -> None:
    """The one brief ``watch`` or ``preview`` follows must exist: say how to start if not."""
    from briefgen.errors import BriefError

    if not brief.is_file():
        brief_arguments(None if brief == DEFAULT_BRIEF else [brief])
        raise BriefError.single(
            "no such file", brief, hint="check the path, or create one with `briefgen new`"
        )


DPI = typer.Option(
    DEFAULT_DPI,
    "--dpi",
    metavar="N",
    callback=between(MIN_DPI, MAX_DPI),
    help=f"Resolution of the -f png page images, {MIN_DPI} to {MAX_DPI}.",
)
THUMBNAIL = typer.Option(
    False,
    "--thumbnail",
    help=f"Also write <name>-thumbnail.png: page 1, {THUMBNAIL_WIDTH} px wide.",
    show_default=False,
)
OUTPUT_FORMAT = typer.Option(
    "text",
    "--output-format",
    metavar="text|json",
    callback=parse_output_format,
    help="json: one JSON document on stdout (schema/report.schema.json), human text on stderr.",
)
REPORT = typer.Option(
    [],
    "--report",
    metavar="KIND=FILE",
    help="Also write a report file; KIND is json or gitlab-codequality. Repeatable.",
    show_default=False,
)
