"""The structure tree (tags) as a screen reader needs it, from WeasyPrint's.

WeasyPrint tags each page's boxes separately, so an element broken over a page or a
column becomes two elements: the recommendations list read as a list of 3 and a list of
9. It also tags a ``<dl>``'s terms and values as separate list items, with nothing tying
a label to its value. Here every element remembers the HTML element it comes from
(``install``), and after the layout (``mend``, in the finisher) the pieces of one element
become one again, and the quick facts' terms become each item's label (``Lbl``) with its
values as the item's body (``LBody``).
"""

from __future__ import annotations

from typing import Any

from briefgen.render.pdf.page_split import continues

_SOURCE = "_briefgen_source"  # the attribute holding an element's HTML element
_PIECES = "_briefgen_pieces"  # the HTML elements of the pieces joined into an element
# What may be joined: structure, lists, paragraphs, headings; and links, whose marked
# content and annotations move with their ParentTree entries (``_move_link``). Not
# tables (WeasyPrint repeats a table's header on each page, and the data cells' /Headers
# name the header cells of their own piece) nor figures (an image is never broken).
_JOINED = frozenset(
    {
        "/Div", "/Part", "/Art", "/Sect", "/NonStruct", "/BlockQuote", "/L", "/LI",
        "/LBody", "/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Caption",
    }
)  # fmt: skip
_installed: list[bool] = []


def install(tags_module: Any) -> None:
    """Wrap WeasyPrint's ``_build_box_tree`` (once per process) so that each structure
    element it makes remembers its box's HTML element."""
    if _installed:
        return
    _installed.append(True)
    original = tags_module._build_box_tree
    placeholder = tags_module.AbsolutePlaceholder

    def build_box_tree(box: Any, *args: Any) -> Any:
        source = box._box if isinstance(box, placeholder) else box
        for element in original(box, *args):
            if not hasattr(element, _SOURCE):
                setattr(element, _SOURCE, source.element)
            yield element

    tags_module._build_box_tree = build_box_tree


def ref_number(reference: object) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``), None for anything else."""
    if isinstance(reference, bytes | str):
        head = (reference.decode() if isinstance(reference, bytes) else reference).split()
        if len(head) == 3 and head[2] == "R" and head[0].isdigit():
            return int(head[0])
    return None


def _element(pdf: Any, kid: object) -> Any:
    """The structure element a kid refers to, or None (an MCID, an annotation)."""
    number = ref_number(kid)
    if number is None:
        return None
    element = pdf.objects[number]
    return element if isinstance(element, dict) and element.get("Type") == "/StructElem" else None


def _joinable(pdf: Any, first: Any, second: Any) -> bool:
    """Two pieces of one HTML element (or of an element and the copy that continues it
    after the page split), each holding only structure elements; or two pieces of one
    link (their content and annotations move, see ``_move_link``)."""
    source, other = getattr(first, _SOURCE, None), getattr(second, _SOURCE, None)
    carried = (
        other is not None
        and source is not None
        and continues(other)
        and getattr(other, "tag", None) == getattr(source, "tag", None)
    )
    same = (
        source is not None
        and (any(other is piece for piece in _pieces(first)) or carried)
        and first.get("S") == second.get("S")
    )
    if same and first.get("S") == "/Link":
        return True
    return (
        same
        and first.get("S") in _JOINED
        and _only_elements(pdf, first)
        and _only_elements(pdf, second)
    )


def _move_link(pdf: Any, target: Any, reference: object, piece: Any) -> None:
    """Move a link piece's kids into ``target`` (at ``reference``), and point the
    ParentTree entries of its marked content and annotations at ``target``: a link
    broken over two lines (or columns, or pages) is one link, whose every piece leads a
    screen reader back to it."""
    parent_tree = pdf.objects[
        ref_number(pdf.objects[ref_number(pdf.catalog["StructTreeRoot"])]["ParentTree"])
    ]
    nums = parent_tree["Nums"]
    page_numbers = [ref_number(page) for page in pdf.page_references]
    for kid in piece["K"]:
        if isinstance(kid, int):
            page_index = page_numbers.index(ref_number(piece["Pg"]))
            nums[2 * page_index + 1][kid] = reference
            if ref_number(piece["Pg"]) != ref_number(target.get("Pg")):
                kid = type(target)({"Type": "/MCR", "Pg": piece["Pg"], "MCID": kid})
        else:
            number = ref_number(kid)
            obj = pdf.objects[number] if number is not None else None
            if isinstance(obj, dict) and obj.get("Type") == "/OBJR":
                key = pdf.objects[ref_number(obj["Obj"])].get("StructParent")
                for index in range(0, len(nums) - 1, 2):
                    if nums[index] == key and not isinstance(nums[index + 1], list):
                        nums[index + 1] = reference
            elif isinstance(obj, dict) and obj.get("Type") == "/StructElem":
                obj["P"] = reference
        target["K"].append(kid)


def _pieces(element: Any) -> list[Any]:
    """The HTML elements an element stands for: its own, and those joined into it."""
    pieces: list[Any] = element.__dict__.setdefault(_PIECES, [])
    source = getattr(element, _SOURCE, None)
    if not pieces and source is not None:
        pieces.append(source)
    return pieces


def _only_elements(pdf: Any, element: Any) -> bool:
    kids = element.get("K")
    return isinstance(kids, list) and all(_element(pdf, kid) is not None for kid in kids)


def _unwrap_columns(pdf: Any, element: Any) -> list[Any]:
    """The element's kids, a kid that is a piece of the element itself (a column of a
    multi-column box) replaced by its own kids."""
    pieces = _pieces(element)
    kids: list[Any] = []
    pending = list(element["K"])
    while pending:
        kid = pending.pop(0)
        child = _element(pdf, kid)
        if (
            child is not None
            and any(getattr(child, _SOURCE, None) is piece for piece in pieces)
            and child.get("S") == element.get("S")
            and _only_elements(pdf, child)
        ):
            for grandchild in child["K"]:
                _element(pdf, grandchild)["P"] = child["P"]
            pending[:0] = list(child["K"])
            child["K"] = type(child["K"])()
        else:
            kids.append(kid)
    return kids


def _join_pieces(pdf: Any, element: Any) -> None:
    """Join neighbouring kids that are pieces of one element, then the same below."""
    stack = [element]
    while stack:
        element = stack.pop()
        kids = element.get("K")
        if not isinstance(kids, list):
            continue
        joined: list[Any] = []
        for kid in _unwrap_columns(pdf, element):
            child = _element(pdf, kid)
            previous = _element(pdf, joined[-1]) if joined else None
            if child is not None and previous is not None and _joinable(pdf, previous, child):
                if child.get("S") == "/Link":
                    _move_link(pdf, previous, joined[-1], child)
                    _pieces(previous).extend(_pieces(child))
                    child["K"] = type(child["K"])()
                    continue
                for grandchild in child["K"]:
                    _element(pdf, grandchild)["P"] = joined[-1]
                previous["K"].extend(child["K"])
                _pieces(previous).extend(_pieces(child))
                child["K"] = type(child["K"])()  # an orphan: no longer reachable
            else:
                joined.append(kid)
        kids[:] = joined
        stack.extend(child for kid in kids if (child := _element(pdf, kid)) is not None)


def _label_value_pairs(pdf: Any, element: Any) -> None:
    """In a list made from a ``<dl>``, each term and its values as one item: the term
    as the label (``Lbl``), the values as the body (``LBody``, one ``P`` per value)."""
    kids = element["K"]
    items = [_element(pdf, kid) for kid in kids]
    bodies = [item["K"][0] if item and len(item["K"]) == 1 else None for item in items]
    sources = [getattr(_element(pdf, body), _SOURCE, None) for body in bodies]
    tags = [getattr(source, "tag", None) for source in sources]
    if not tags or tags[0] != "dt" or any(tag not in ("dt", "dd") for tag in tags):
        return
    kept: list[Any] = []
    for kid, item, body, tag in zip(kids, items, bodies, tags, strict=True):
        body_element = _element(pdf, body)
        if tag == "dt":
            body_element["S"] = "/Lbl"
            values = type(kids)()
            values_element = type(element)(
                {"Type": "/StructElem", "S": "/LBody", "K": values, "P": kid}
            )
            if "Pg" in item:
                values_element["Pg"] = item["Pg"]
            pdf.add_object(values_element)
            item["K"].append(values_element.reference)
            kept.append(kid)
        else:
            body_element["S"] = "/P"
            body_element["P"] = values_element.reference
            values.append(body)
            item["K"] = type(kids)()  # the dd's own item: no longer reachable
    kids[:] = kept


def mend(pdf: Any) -> None:
    """Join elements broken by a page or column; terms and values as labelled items."""
    root_number = ref_number(pdf.catalog.get("StructTreeRoot"))
    if root_number is None:
        return
    root = pdf.objects[root_number]
    _join_pieces(pdf, root)
    stack = [root]
    while stack:
        element = stack.pop()
        source = getattr(element, _SOURCE, None)
        if element.get("S") == "/L" and getattr(source, "tag", None) == "dl":
            _label_value_pairs(pdf, element)
        kids = element.get("K")
        if isinstance(kids, list):
            stack.extend(child for kid in kids if (child := _element(pdf, kid)) is not None)
