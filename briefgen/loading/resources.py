"""Find the files a brief refers to (figures, logo, templates), and keep them in bounds.

A brief may only use files inside its own folder: paths that leave it (``..``, absolute
paths elsewhere, symlinks pointing out) and URLs are refused with the line that names them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError, Problem
from briefgen.loading.yaml_source import KeyPath, SourceDocument, format_key_path
from briefgen.model.brief import Brief, Section

IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".svg": (b"<",),  # checked further below: an XML document with an <svg> root
}
MAX_IMAGE_BYTES = 10_000_000


@dataclass(frozen=True)
class Resources:
    """Resolved, checked paths of the files a brief uses."""

    folder: Path
    images: dict[str, Path] = field(default_factory=dict)  # as written in the YAML -> file
    logo: Path | None = None
    templates: Path | None = None


def _figure_images(sections: list[Section], path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    for index, section in enumerate(sections):
        here = (*path, index)
        if section.image:
            yield (*here, "image"), section.image
        yield from _figure_images(section.sections, (*here, "sections"))


def _resolve(
    value: str, key_path: KeyPath, source: SourceDocument, *, want_dir: bool = False
) -> Path | Problem:
    """Like :func:`_resolve_unchecked`; an OS refusal (name too long, loop) is a problem too."""
    try:
        return _resolve_unchecked(value, key_path, source, want_dir=want_dir)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        position = source.position_of(key_path)
        reason = getattr(error, "strerror", None) or str(error)
        return Problem(
            f"'{value[:80]}' cannot be used as a file name ({reason})",
            source.path,
            position.line,
            position.column,
            format_key_path(key_path),
        )


def _resolve_unchecked(
    value: str, key_path: KeyPath, source: SourceDocument, *, want_dir: bool = False
) -> Path | Problem:
    position = source.position_of(key_path)

    def problem(message: str, hint: str = "") -> Problem:
        return Problem(
            message, source.path, position.line, position.column, format_key_path(key_path), hint
        )

    if "://" in value or value.startswith(("data:", "file:")):
        return problem(
            f"'{value}' is a URL; briefgen only uses files next to the brief",
            "save the file in the brief's folder and give its name",
        )
    folder = source.path.parent.resolve()
    candidate = Path(value)
    target = (candidate if candidate.is_absolute() else folder / candidate).resolve()
    if not target.is_relative_to(folder):
        return problem(
            f"'{value}' is outside the brief's folder ({folder})",
            "copy the file into the brief's folder; briefgen does not read files elsewhere",
        )
    if not target.exists():
        return problem(f"file '{value}' does not exist", f"looked for {target}")
    if want_dir:
        if not target.is_dir():
            return problem(f"'{value}' is not a folder")
        return target
    if not target.is_file():
        return problem(f"'{value}' is not a file")
    suffix = target.suffix.lower()
    if suffix not in IMAGE_SIGNATURES:
        return problem(
            f"'{value}' is not an image briefgen can place", "use an SVG, PNG or JPEG file"
        )
    try:
        size = target.stat().st_size
        with target.open("rb") as stream:
            head = stream.read(512)
    except OSError as error:
        return problem(f"'{value}' cannot be read ({error.strerror})")
    if size > MAX_IMAGE_BYTES:
        return problem(f"'{value}' is larger than 10 MB", "export a smaller image")
    looks_right = head.startswith(IMAGE_SIGNATURES[suffix])
    if suffix == ".svg":
        looks_right = b"<svg" in head or b"<?xml" in head
    if not looks_right:
        return problem(f"'{value}' is not a valid {suffix[1:].upper()} file")
    return target


def resolve_resources(brief: Brief, source: SourceDocument) -> Resources:
    """Check every file the brief names; raise one error listing all that are wrong."""
    problems: list[Problem] = []
    images: dict[str, Path] = {}
    logo: Path | None = None
    templates: Path | None = None
    for key_path, value in _figure_images(brief.sections, ("sections",)):
        found = _resolve(value, key_path, source)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            images[value] = found
    if brief.theme.logo:
        found = _resolve(brief.theme.logo, ("theme", "logo"), source)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            logo = found
    if brief.templates:
        found = _resolve(brief.templates, ("templates",), source, want_dir=True)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            templates = found
    if problems:
        raise BriefError(problems)
    return Resources(source.path.parent.resolve(), images, logo, templates)


def _raw_images(sections: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if not isinstance(sections, list):
        return
    for index, section in enumerate(sections):
        if isinstance(section, dict):
            here = (*path, index)
            if isinstance(section.get("image"), str):
                yield (*here, "image"), section["image"]
            yield from _raw_images(section.get("sections"), (*here, "sections"))


def raw_resource_problems(source: SourceDocument) -> list[Problem]:
    """Check the files named in data that failed validation, so their mistakes show too."""
    data = source.data
    if not isinstance(data, dict):
        return []
    found: list[Path | Problem] = [
        _resolve(value, key_path, source)
        for key_path, value in _raw_images(data.get("sections"), ("sections",))
    ]
    theme = data.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("logo"), str):
        found.append(_resolve(theme["logo"], ("theme", "logo"), source))
    if isinstance(data.get("templates"), str):
        found.append(_resolve(data["templates"], ("templates",), source, want_dir=True))
    return [item for item in found if isinstance(item, Problem)]
