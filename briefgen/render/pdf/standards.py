"""Post-processing that makes WeasyPrint's PDF objects meet the PDF standards we claim.

Runs as WeasyPrint's ``finisher``, on its pydyf objects, just before the file is written.
Each fix names the rule it serves; ``tests/pdfcheck.py`` checks the result.
"""

from __future__ import annotations

from typing import Any

from briefgen.render.pdf.boxes import walk
from briefgen.render.pdf.content_order import content_in_reading_order
from briefgen.render.pdf.structure import mend, ref_number


def _reachable_elements(pdf: Any) -> set[int]:
    """Object numbers of the structure elements reachable from the StructTreeRoot."""
    root = ref_number(pdf.catalog.get("StructTreeRoot"))
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        kids = pdf.objects[number].get("K", ())
        stack.extend(n for n in map(ref_number, kids) if n is not None)
    return seen


def _margin_boxes_as_artifacts(pdf: Any) -> None:
    """Mark running footers (@page margin boxes) as pagination artifacts.

    WeasyPrint 70 gives margin-box text an MCID but keeps its structure elements out of
    the tree, which PDF/UA forbids (every piece of content is tagged or an artifact). A
    page footer is the textbook artifact (ISO 32000-1, 14.8.2.2), so its marked content
    becomes ``/Artifact BMC`` and its ParentTree slot ``null``.
    """
    root_number = ref_number(pdf.catalog.get("StructTreeRoot"))
    if root_number is None:
        return
    reachable = _reachable_elements(pdf)
    parent_tree = pdf.objects[ref_number(pdf.objects[root_number]["ParentTree"])]
    nums = parent_tree["Nums"]
    for page_index, page_reference in enumerate(pdf.page_references):
        slot = nums[2 * page_index + 1]
        if not hasattr(slot, "__setitem__"):
            continue
        orphans = {mcid for mcid, ref in enumerate(slot) if ref_number(ref) not in reachable}
        if not orphans:
            continue
        for mcid in orphans:
            slot[mcid] = "null"
        contents = pdf.objects[ref_number(pdf.objects[ref_number(page_reference)]["Contents"])]
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
            target = ref_number(kid)
            child = pdf.objects[target] if target is not None else None
            if isinstance(child, dict) and child.get("S") == "/Figure" and "Alt" not in child:
                continue
            kept.append(kid)
        kids[:] = kept


def _header_scopes(document: Any) -> None:
    """Say of each table header cell whether it heads a row or a column (``/Scope``).

    WeasyPrint ties data cells to their headers (``/Headers``) but leaves the header
    cells without a scope, which PDF/UA checkers flag and some screen readers need
    (ISO 32000-1, 14.8.5.7). The HTML's ``scope`` says which; a header cell without one
    heads a column, as in HTML. WeasyPrint keeps each cell's structure element on its
    box (``box.mark``) while it writes the tags.
    """
    for page in document.pages:
        for box in walk(page._page_box):
            element = getattr(box, "mark", None)
            if getattr(box, "element_tag", None) != "th" or not isinstance(element, dict):
                continue
            scope = (box.element.get("scope") or "col") if box.element is not None else "col"
            element["A"]["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"


def _no_interpolation(pdf: Any) -> None:
    """PDF/A forbids ``/Interpolate true`` on images (ISO 19005-2, 6.2.8); WeasyPrint sets
    it for CSS ``image-rendering: auto``, the default."""
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Subtype") == "/Image" and "Interpolate" in extra:
            extra["Interpolate"] = "false"


def finisher(variant: str) -> Any:
    """Post-processing of the PDF objects WeasyPrint built, before the file is written."""

    def finish(document: Any, pdf: Any) -> None:
        _header_scopes(document)
        mend(pdf)
        _detach_decorative_figures(pdf)
        _margin_boxes_as_artifacts(pdf)
        content_in_reading_order(pdf)
        if variant.startswith("pdf/a-"):
            _no_interpolation(pdf)
        if variant == "pdf/a-4u":
            # PDF/A-4 has no conformance level "U" (ISO 19005-4, 6.6.4): drop the claim.
            metadata = pdf.objects[ref_number(pdf.catalog["Metadata"])]
            metadata.stream = [
                chunk.replace(b' pdfaid:conformance="U"', b"") for chunk in metadata.stream
            ]

    return finish
