"""On the web page a chart's labels are drawn in the brief's font (issue 30: they were in
the browser's fallback, an ``<img>`` cannot use the page's fonts); the PDF draws its SVG
with the document's fonts already."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.api import load_brief
from briefgen.render.html import render_html
from tests.conftest import SMALL_BRIEF

CHART = """\
  - kind: chart
    chart: bar
    caption: Trainees employed after a year
    unit: "%"
    categories: [Amman, Irbid, Zarqa]
    series:
      - {name: Women, values: [44, 52, 63]}
"""


def test_the_web_page_draws_the_chart_inline_in_the_body_font(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(SMALL_BRIEF.replace("sections:\n", "sections:\n" + CHART, 1), "utf-8")
    loaded = load_brief(path)
    page = render_html(loaded)
    figure = page[page.index('<figure class="evidence evidence-chart">') :]
    figure = figure[: figure.index("</figure>")]
    assert "<img" not in figure
    match = re.search(r'<svg role="img" aria-label="([^"]+)"', figure)
    assert match and match.group(1).startswith("Bar chart: Trainees employed after a year.")
    family = re.search(r"<g font-family='([^']+)'", figure)
    body = re.search(r"--body-font: ([^;]+);", page)
    assert family and body and family.group(1) == body.group(1)
    assert family.group(1).startswith('"briefgen Source Sans"')  # embedded in the page
    assert "@font-face" in page and 'font-family: "briefgen Source Sans"' in page
    assert ">63%</text>" in figure
    # The PDF's HTML keeps the picture: WeasyPrint draws it with the document's fonts.
    printed = render_html(loaded, for_print=True)
    assert '<img src="data:image/svg+xml;base64,' in printed
