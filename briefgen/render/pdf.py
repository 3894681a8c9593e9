"""The print document: HTML laid out by WeasyPrint. The only module that imports it.

WeasyPrint takes ~0.6 s to import, so it is imported here, lazily, and nowhere else:
``briefgen --help`` and ``briefgen validate`` never pay for it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from briefgen.errors import BriefError
from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import Typesetting
from briefgen.render.html import render_html

FIXED_EPOCH = "315532800"  # 1980-01-01: fontTools' subset timestamps, when it is used


@contextmanager
def _fixed_epoch() -> Iterator[None]:
    """Pin ``SOURCE_DATE_EPOCH`` while fonts are subset, then restore the caller's value.

    The brief's date is the PDF's date; the clock (or a build system's epoch) must not
    leak into font tables (fontTools stamps ``head.modified`` on save).
    """
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@dataclass(frozen=True)
class PdfLayout:
    """A laid-out PDF: the engine's document plus what we learnt while laying it out."""

    document: Any  # weasyprint.Document
    html: str
    typesetting: Typesetting
    refused_urls: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.document.pages)


def _make_fetcher(allowed_files: set[str], refused: list[str]) -> Any:
    """A URL fetcher that serves data: URLs and the exact files briefgen checked.

    Anything else (other files, any network address), whether named by the brief, a
    template or a stylesheet, is refused and recorded, so the render can fail clearly.
    """
    from weasyprint.urls import URLFetcher

    class BriefURLFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or url in allowed_files:
                return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"briefgen refused to fetch {url}")

    return BriefURLFetcher(timeout=5, allowed_protocols={"data", "file"})


def _allowed_files(loaded: LoadedBrief) -> set[str]:
    from briefgen.render import fonts

    theme = loaded.brief.theme
    allowed = {path.as_uri() for path in loaded.resources.images.values()}
    if loaded.resources.logo:
        allowed.add(loaded.resources.logo.as_uri())
    for name in {theme.font, theme.heading_font or theme.font}:
        allowed.update(path.as_uri() for _, path in fonts.font_files(name))
    return allowed


_warned_subset: list[bool] = []


def warn_without_harfbuzz_subset(library: object) -> None:
    """Say once, on stderr, when WeasyPrint found no libharfbuzz-subset.

    It then subsets fonts with fontTools instead: same PDF, but several times slower.
    """
    if library is None and not _warned_subset:
        _warned_subset.append(True)
        print(
            "briefgen: warning: libharfbuzz-subset is not installed, so PDF fonts are subset "
            "slowly (install libharfbuzz-subset0 on Debian/Ubuntu, harfbuzz elsewhere)",
            file=sys.stderr,
        )


class _Quiet(logging.Filter):
    """WeasyPrint logs refused URLs itself; we report them as one clear error instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "briefgen refused" not in record.getMessage()


def layout_pdf(loaded: LoadedBrief, typesetting: Typesetting | None = None) -> PdfLayout:
    """Lay the brief out as pages (no file written yet)."""
    from briefgen.render.libs import fast_library_lookup

    with fast_library_lookup():  # ~0.2 s less to import WeasyPrint (see libs.py)
        import weasyprint
        from weasyprint.text.ffi import harfbuzz_subset

    warn_without_harfbuzz_subset(harfbuzz_subset)
    setting = typesetting or Typesetting()
    html = render_html(loaded, for_print=True, typesetting=setting)
    refused: list[str] = []
    fetcher = _make_fetcher(_allowed_files(loaded), refused)
    logger = logging.getLogger("weasyprint")
    quiet = _Quiet()
    logger.addFilter(quiet)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=loaded.resources.folder.as_uri() + "/",
            url_fetcher=fetcher,
        ).render(pdf_tags=True)
    finally:
        logger.removeFilter(quiet)
    if refused:
        raise BriefError.single(
            "the templates or the brief asked for resources briefgen does not allow: "
            + ", ".join(sorted(set(refused))[:5]),
            loaded.path,
            hint="use files in the brief's folder, named in the YAML",
        )
    return PdfLayout(document, html, setting, refused)


def _ref_number(reference: object) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``), None for anything else."""
    if isinstance(reference, bytes | str):
        head = (reference.decode() if isinstance(reference, bytes) else reference).split()
        if len(head) == 3 and head[2] == "R" and head[0].isdigit():
            return int(head[0])
    return None


def _reachable_elements(pdf: Any) -> set[int]:
    """Object numbers of the structure elements reachable from the StructTreeRoot."""
    root = _ref_number(pdf.catalog.get("StructTreeRoot"))
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        kids = pdf.objects[number].get("K", ())
        stack.extend(n for n in map(_ref_number, kids) if n is not None)
    return seen


def _margin_boxes_as_artifacts(pdf: Any) -> None:
    """Mark running footers (@page margin boxes) as pagination artifacts.

    WeasyPrint 70 gives margin-box text an MCID but keeps its structure elements out of
    the tree, which PDF/UA forbids (every piece of content is tagged or an artifact). A
    page footer is the textbook artifact (ISO 32000-1, 14.8.2.2), so its marked content
    becomes ``/Artifact BMC`` and its ParentTree slot ``null``.
    """
    root_number = _ref_number(pdf.catalog.get("StructTreeRoot"))
    if root_number is None:
        return
    reachable = _reachable_elements(pdf)
    parent_tree = pdf.objects[_ref_number(pdf.objects[root_number]["ParentTree"])]
    nums = parent_tree["Nums"]
    for page_index, page_reference in enumerate(pdf.page_references):
        slot = nums[2 * page_index + 1]
        if not hasattr(slot, "__setitem__"):
            continue
        orphans = {mcid for mcid, ref in enumerate(slot) if _ref_number(ref) not in reachable}
        if not orphans:
            continue
        for mcid in orphans:
            slot[mcid] = "null"
        contents = pdf.objects[_ref_number(pdf.objects[_ref_number(page_reference)]["Contents"])]
        ops = contents.stream
        kept: list[Any] = []
        for op in ops:
            if op == b"BDC" and len(kept) >= 2 and kept[-1].get("MCID", -1) in orphans:
                kept[-2:] = ["/Artifact", b"BMC"]
            else:
                kept.append(op)
        contents.stream = kept


def _detach_decorative_figures(pdf: Any) -> None:
    """Take figures without alt text (``decorative: true``) out of the structure tree.

    Validation guarantees every other image has alt text, so a ``/Figure`` without
    ``/Alt`` is decorative; PDF/UA wants it as an artifact, not an unnamed figure. Once
    detached it is unreachable, and ``_margin_boxes_as_artifacts`` marks its content.
    """
    for number in _reachable_elements(pdf):
        element = pdf.objects[number]
        kids = element.get("K")
        if not isinstance(kids, list):
            continue
        kept = []
        for kid in kids:
            target = _ref_number(kid)
            child = pdf.objects[target] if target is not None else None
            if isinstance(child, dict) and child.get("S") == "/Figure" and "Alt" not in child:
                continue
            kept.append(kid)
        kids[:] = kept


def _no_interpolation(pdf: Any) -> None:
    """PDF/A forbids ``/Interpolate true`` on images (ISO 19005-2, 6.2.8); WeasyPrint sets
    it for CSS ``image-rendering: auto``, the default."""
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Subtype") == "/Image" and "Interpolate" in extra:
            extra["Interpolate"] = "false"


def _finisher(variant: str) -> Any:
    """Post-processing of the PDF objects WeasyPrint built, before the file is written."""

    def finish(document: Any, pdf: Any) -> None:
        del document
        _detach_decorative_figures(pdf)
        _margin_boxes_as_artifacts(pdf)
        if variant.startswith("pdf/a-"):
            _no_interpolation(pdf)
        if variant == "pdf/a-4u":
            # PDF/A-4 has no conformance level "U" (ISO 19005-4, 6.6.4): drop the claim.
            metadata = pdf.objects[_ref_number(pdf.catalog["Metadata"])]
            metadata.stream = [
                chunk.replace(b' pdfaid:conformance="U"', b"") for chunk in metadata.stream
            ]

    return finish


def write_pdf(layout: PdfLayout, loaded: LoadedBrief) -> bytes:
    """The PDF bytes, with metadata and the brief's PDF standard.

    The bytes depend on the brief only: dates come from the brief (``meta.date``), the
    trailer ``/ID`` is an MD5 of the file's objects, and font subsets get a fixed epoch.
    """
    variant = loaded.brief.layout.pdf_variant
    options: dict[str, Any] = {"pdf_tags": True, "pdf_identifier": True}
    if variant != "none":
        options["pdf_variant"] = variant
    with _fixed_epoch():
        pdf = layout.document.write_pdf(finisher=_finisher(variant), **options)
    assert isinstance(pdf, bytes)
    return pdf
