"""A map's legend says its unit once per range: "140–150 thousand", not "140 thousand–150
thousand" (issue 29)."""

from __future__ import annotations

from pathlib import Path

from briefgen.loading.validate import load_brief
from briefgen.model.labels import labels_for
from briefgen.render.view.evidence import map_view
from tests.conftest import SMALL_BRIEF

MAP = SMALL_BRIEF + (
    "  - kind: map\n"
    "    unit: thousand\n"
    "    countries:\n"
    + "".join(
        f"      - {{code: {code}, value: {value}}}\n"
        for code, value in zip(
            ["KE", "UG", "TZ", "RW", "BI", "ET", "SO", "SS"],
            [140, 150, 200, 220, 250, 270, 300, 310],
            strict=True,
        )
    )
)


def test_the_unit_is_said_once_after_each_range(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    brief = load_brief(path).brief
    view = map_view(brief.sections[-1], brief, labels_for("en"))
    assert [entry.text.split(":")[0] for entry in view.legend] == [
        "140\u2013150\u00a0thousand",
        "200\u2013220\u00a0thousand",
        "250\u2013270\u00a0thousand",
        "300\u2013310\u00a0thousand",
    ]
