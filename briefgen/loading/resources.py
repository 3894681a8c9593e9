"""Find the files a brief refers to (figures, logo, templates), and keep them in bounds.

By default a brief may only use files inside its own folder: paths that leave it (``..``,
absolute paths elsewhere, symlinks pointing out) and URLs are refused with the line that
names them. Two opt-ins widen this for images (figures and the logo), never for templates:

- ``allow_outside_files`` (``--allow-outside-files``): local files anywhere, and ``file://``
  URLs, as long as they exist and pass the same image checks;
- ``allow_remote_images`` (``--allow-remote-images``): ``http(s)://`` images, downloaded once
  here (see :mod:`briefgen.loading.remote`) and embedded as bytes, so no renderer ever
  goes on the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from briefgen.errors import MAX_EXCERPT_CHARS, BriefError, Problem, excerpt, quote_value
from briefgen.loading import remote
from briefgen.loading.image_checks import drawing_problem, sniff
from briefgen.model.brief import Brief, Section
from briefgen.model.loaded import MIME_TYPES, Image, LoadOptions, Resources
from briefgen.model.source import KeyPath, SourceDocument, format_key_path
from briefgen.model.walk import sections_with_paths

IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".svg": (b"<",),  # checked further below: an XML document with an <svg> root
}
MAX_IMAGE_BYTES = 10_000_000
NOT_IMAGES = frozenset({"templates", "docx_reference"})  # keys naming files that are not images


def _figure_images(sections: list[Section]) -> Iterator[tuple[KeyPath, str]]:
    """Each image a section names, with its key path, in the order of the YAML."""
    for section, path in sections_with_paths(sections):
        if section.image:
            yield (*path, "image"), section.image


def _malformed_address(value: str) -> str | None:
    """Why a value written as an address (``scheme://...``) cannot be parsed, or None."""
    if "://" not in value:
        return None
    try:
        _ = urlsplit(value).port  # parses the host too: 'http://[' fails here
    except ValueError as error:
        return str(error)
    return None


def _file_url_path(value: str) -> Path | None:
    """The local path of a ``file://`` URL on this machine, or None for another host."""
    parts = urlsplit(value)
    if parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(unquote(parts.path)))


@dataclass
class _Checker:
    """Checks the names in one brief; downloads each URL at most once."""

    source: SourceDocument
    options: LoadOptions = field(default_factory=LoadOptions)
    downloads: dict[str, bytes | remote.DownloadError] = field(default_factory=dict)

    def problem(self, key_path: KeyPath, message: str, hint: str = "") -> Problem:
        position = self.source.position_of(key_path)
        return Problem(
            message,
            self.source.path,
            position.line,
            position.column,
            format_key_path(key_path),
            hint,
        )

    def image(self, value: str, key_path: KeyPath) -> Image | Problem:
        """Check one figure or logo name (a file, or a URL when allowed)."""
        if malformed := _malformed_address(value):
            return self.problem(
                key_path,
                f"{quote_value(value)} is not a valid address ({malformed})",
                "write a full address, e.g. https://example.org/chart.png",
            )
        if remote.is_web_url(value) and self.options.allow_remote_images:
            return self.download(value, key_path)
        target = self.local(value, key_path, self.options.allow_outside_files)
        return target if isinstance(target, Problem) else self.image_file(value, target, key_path)

    def docx_reference(self, value: str, key_path: KeyPath) -> Path | Problem:
        """Check ``theme.docx_reference``: a local .docx file, in bounds as images are.

        Only its name and first bytes are checked here; the DOCX renderer opens it.
        """
        target = self.local(value, key_path, self.options.allow_outside_files)
        if isinstance(target, Problem):
            return target
        if not target.is_file() or target.suffix.lower() != ".docx":
            return self.problem(
                key_path, f"'{value}' is not a .docx file", "save the reference from Word as .docx"
            )
        try:
            with target.open("rb") as stream:
                head = stream.read(4)
        except OSError as error:
            return self.problem(key_path, f"'{value}' cannot be read ({error.strerror})")
        if head != b"PK\x03\x04":
            return self.problem(
                key_path, f"'{value}' is not a DOCX file", "save the reference from Word as .docx"
            )
        return target

    def folder(self, value: str, key_path: KeyPath) -> Path | Problem:
        """Check the ``templates`` folder: always inside the brief's folder."""
        target = self.local(value, key_path, outside=False)
        if not isinstance(target, Problem) and not target.is_dir():
            return self.problem(key_path, f"{quote_value(value)} is not a folder")
        return target

    def local(self, value: str, key_path: KeyPath, outside: bool) -> Path | Problem:
        """Like :meth:`resolve_in_bounds`; an OS refusal (name too long, loop) is a problem too."""
        try:
            return self.resolve_in_bounds(value, key_path, outside)
        except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
            reason = getattr(error, "strerror", None) or str(error)
            return self.problem(
                key_path, f"{quote_value(value)} cannot be used as a file name ({reason})"
            )

    def resolve_in_bounds(self, value: str, key_path: KeyPath, outside: bool) -> Path | Problem:
        """The existing file or folder ``value`` names, if it is in bounds."""
        folder = self.source.path.parent.resolve()
        candidate: Path | None = Path(value)
        if "://" in value or value.startswith(("data:", "file:")):
            is_file_url = value[:5].lower() == "file:"
            candidate = _file_url_path(value) if outside and is_file_url else None
            if candidate is None:
                hint = "save the file in the brief's folder and give its name"
                if remote.is_web_url(value) and key_path[-1] not in NOT_IMAGES:
                    hint = "save the image next to the brief, or render with --allow-remote-images"
                return self.problem(
                    key_path,
                    f"{quote_value(value)} is a URL; briefgen only uses files next to the brief",
                    hint,
                )
        assert candidate is not None
        target = (candidate if candidate.is_absolute() else folder / candidate).resolve()
        if not outside and not target.is_relative_to(folder):
            hint = "copy the file into the brief's folder; briefgen does not read files elsewhere"
            if key_path[-1] != "templates":
                kind = "file" if key_path[-1] in NOT_IMAGES else "image"
                hint = (
                    f"copy the {kind} into the brief's folder, or render with --allow-outside-files"
                )
            return self.problem(
                key_path, f"{quote_value(value)} is outside the brief's folder ({folder})", hint
            )
        if not target.exists():
            return self.problem(
                key_path, f"file {quote_value(value)} does not exist", f"looked for {target}"
            )
        return target

    def image_file(self, value: str, target: Path, key_path: KeyPath) -> Image | Problem:
        """An existing local file that must be a small SVG, PNG or JPEG."""
        if not target.is_file():
            return self.problem(key_path, f"{quote_value(value)} is not a file")
        suffix = target.suffix.lower()
        if suffix not in IMAGE_SIGNATURES:
            return self.problem(
                key_path,
                f"{quote_value(value)} is not an image briefgen can place",
                "use an SVG, PNG or JPEG file",
            )
        try:
            size = target.stat().st_size
            with target.open("rb") as stream:
                head = stream.read(512)
        except OSError as error:
            return self.problem(key_path, f"{quote_value(value)} cannot be read ({error.strerror})")
        if size > MAX_IMAGE_BYTES:
            return self.problem(
                key_path,
                f"{quote_value(value)} is larger than {remote.megabytes(MAX_IMAGE_BYTES)}",
                "export a smaller image",
            )
        looks_right = head.startswith(IMAGE_SIGNATURES[suffix])
        if suffix == ".svg":
            looks_right = b"<svg" in head or b"<?xml" in head
        if not looks_right:
            return self.problem(
                key_path, f"{quote_value(value)} is not a valid {suffix[1:].upper()} file"
            )
        defect = drawing_problem(target.read_bytes(), MIME_TYPES[suffix])
        if defect:
            return self.problem(key_path, f"{quote_value(value)} {defect.reason}", defect.hint)
        return Image(value, MIME_TYPES[suffix], path=target)

    def prefetch(self, urls: Iterable[str]) -> None:
        """Download ``urls`` side by side, within one deadline, for :meth:`download`."""
        wanted = [url for url in urls if url not in self.downloads and not _malformed_address(url)]
        self.downloads |= remote.download_all(
            wanted, allow_private_addresses=self.options.allow_private_addresses
        )

    def download(self, url: str, key_path: KeyPath) -> Image | Problem:
        """Download ``url`` (once per brief) and check that it is an image."""
        if url not in self.downloads:
            try:
                self.downloads[url] = remote.download(
                    url, allow_private_addresses=self.options.allow_private_addresses
                )
            except remote.DownloadError as error:
                self.downloads[url] = error
        data = self.downloads[url]
        if isinstance(data, remote.DownloadError):
            reason = str(data)
        elif (mime := sniff(data)) is None:
            reason = "it is not a PNG, JPEG or SVG image"
        elif defect := drawing_problem(data, mime):
            reason = f"it {defect.reason}"
        else:
            return Image(url, mime, data=data)
        return self.problem(
            key_path,
            f"could not download {excerpt(url, 2 * MAX_EXCERPT_CHARS)}: {reason}",
            "check the address, or save the image next to the brief",
        )


def _check_all(
    checker: _Checker,
    figures: Iterable[tuple[KeyPath, str]],
    logo: str | None,
    templates: str | None,
    docx_reference: str | None = None,
) -> tuple[Resources, list[Problem]]:
    """Check every name; the resources that passed, and the problems of those that did not."""
    problems: list[Problem] = []
    images: dict[str, Image] = {}
    figures = list(figures)
    if checker.options.allow_remote_images:  # every download at once, in one deadline
        named = [value for _, value in figures] + ([logo] if logo else [])
        checker.prefetch(value for value in named if remote.is_web_url(value))
    for key_path, value in figures:
        image = checker.image(value, key_path)
        if isinstance(image, Problem):
            problems.append(image)
        else:
            images[value] = image
    logo_image = checker.image(logo, ("theme", "logo")) if logo else None
    if isinstance(logo_image, Problem):
        problems.append(logo_image)
        logo_image = None
    folder = checker.folder(templates, ("templates",)) if templates else None
    if isinstance(folder, Problem):
        problems.append(folder)
        folder = None
    reference_key = ("theme", "docx_reference")
    reference = checker.docx_reference(docx_reference, reference_key) if docx_reference else None
    if isinstance(reference, Problem):
        problems.append(reference)
        reference = None
    folder_path = checker.source.path.parent.resolve()
    return Resources(folder_path, images, logo_image, folder, reference), problems


def resolve_resources(
    brief: Brief,
    source: SourceDocument,
    options: LoadOptions,
    downloads: dict[str, bytes | remote.DownloadError] | None = None,
) -> Resources:
    """Check every file the brief names; raise one error listing all that are wrong.

    ``downloads`` is shared by a brief's languages, so each URL is downloaded once."""
    checker = _Checker(source, options, {} if downloads is None else downloads)
    figures = _figure_images(brief.sections)
    theme = brief.theme
    resources, problems = _check_all(
        checker, figures, theme.logo, brief.templates, theme.docx_reference
    )
    if problems:
        raise BriefError(problems)
    return resources


def _raw_images(sections: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if not isinstance(sections, list):
        return
    for index, section in enumerate(sections):
        if isinstance(section, dict):
            here = (*path, index)
            if isinstance(section.get("image"), str):
                yield (*here, "image"), section["image"]
            yield from _raw_images(section.get("sections"), (*here, "sections"))


def raw_resource_problems(
    source: SourceDocument,
    options: LoadOptions,
) -> list[Problem]:
    """Check the files named in data that failed validation, so their mistakes show too."""
    data = source.data
    if not isinstance(data, dict):
        return []

    def text_at(mapping: object, key: str) -> str | None:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        return value if isinstance(value, str) else None

    checker = _Checker(source, options)
    figures = _raw_images(data.get("sections"), ("sections",))
    theme = data.get("theme")
    _, problems = _check_all(
        checker,
        figures,
        text_at(theme, "logo"),
        text_at(data, "templates"),
        text_at(theme, "docx_reference"),
    )
    return problems
