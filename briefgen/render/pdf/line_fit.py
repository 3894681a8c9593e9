"""A line beside a float that is a hair wider than its room stays beside the float.

WeasyPrint 70 (``layout/inline.py``, ``get_next_linebox``) lays a line out within the
room beside the floats, then asks ``avoid_collisions`` where a box of the line's width
fits, and justifies the line to the width it is told. A line can come out of the split
a little wider than its room: 0.05 px in a Russian paragraph where a hyphenated word
ends before a name kept whole (rounding), 2.3 px in a Spanish one whose last word is
followed by a name kept whole that went to the next line (the space before the name
stays at the line's end, where the engine does not remove it). ``avoid_collisions``
then finds no room at the line's height, answers with the width below the float (the
whole column) while the line stays where it is, and the line is justified across the
quick facts box or a floated chart.

The wrapper measures a line box as half an em narrower when it asks, so a line that
fills its room to a space is taken as fitting there. Nothing else changes: blocks,
floats and tables go through WeasyPrint's own function as they did.
"""

from __future__ import annotations

from typing import Any

# More than a space (about a quarter of an em), less than the gap beside the quick facts
# box or a floated picture (about 5 mm, over a line's 3.4 mm em).
LINE_OVERSHOOT_EMS = 0.5

_installed: list[bool] = []


def install(inline_module: Any) -> None:
    """Wrap ``avoid_collisions`` as the inline layout module calls it (once per process)."""
    if _installed:
        return
    _installed.append(True)
    original = inline_module.avoid_collisions

    def avoid_collisions(
        context: Any, box: Any, containing_block: Any, outer: bool = True
    ) -> Any:
        if outer:
            return original(context, box, containing_block, outer)
        width = box.width
        box.width = max(width - LINE_OVERSHOOT_EMS * box.style["font_size"], 0)
        try:
            return original(context, box, containing_block, outer)
        finally:
            box.width = width

    inline_module.avoid_collisions = avoid_collisions
