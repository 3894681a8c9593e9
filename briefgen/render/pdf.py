"""The print document: HTML laid out by WeasyPrint. The only module that imports it.

WeasyPrint takes ~0.6 s to import, so it is imported here, lazily, and nowhere else:
``briefgen --help`` and ``briefgen validate`` never pay for it.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefError
from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import Typesetting
from briefgen.render.html import render_html

if TYPE_CHECKING:
    from weasyprint import Document

FIXED_EPOCH = "315532800"  # 1980-01-01: fontTools' subset timestamps, when it is used


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
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
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


def write_pdf(layout: PdfLayout, loaded: LoadedBrief) -> bytes:
    """The PDF bytes, with metadata and the brief's PDF standard."""
    variant = loaded.brief.layout.pdf_variant
    options: dict[str, Any] = {"pdf_tags": True}
    if variant != "none":
        options["pdf_variant"] = variant
    options["pdf_identifier"] = None
    pdf = layout.document.write_pdf(**options)
    assert isinstance(pdf, bytes)
    return pdf
