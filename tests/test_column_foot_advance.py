"""Which kept block column_foot moves before the running text that precedes it
(``_advance``): small trees built by hand, no PDF engine needed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from briefgen.render.pdf.column_foot import _advance

RECOMMENDATIONS = '<section class="section kind-recommendations level-2"><ol/></section>'
RESPONSE = '<section class="section kind-management_response level-2"><table/></section>'
BACKGROUND = '<section class="section kind-background level-2"><p>Text.</p></section>'
CHART = '<section class="section kind-chart level-2"><svg/></section>'


def _flow(*sections: str) -> tuple[ET.Element, dict[ET.Element, ET.Element]]:
    flow = ET.fromstring(f'<div class="flow">{"".join(sections)}</div>')
    return flow, {child: parent for parent in flow.iter() for child in parent}


def _kinds(flow: ET.Element) -> list[str]:
    return [(section.get("class") or "").split()[1] for section in flow]


@pytest.mark.parametrize(
    "text",
    [
        RECOMMENDATIONS,
        # the recommendations inside the section of running text that precedes it
        f'<section class="section kind-results level-1">{BACKGROUND}{RECOMMENDATIONS}</section>',
    ],
)
def test_a_management_response_stays_after_the_recommendations_it_answers(text: str) -> None:
    flow, parents = _flow(BACKGROUND, text, RESPONSE)
    before = _kinds(flow)
    assert _advance(flow[-1], parents) is None
    assert _kinds(flow) == before


def test_a_chart_moves_before_the_text_that_precedes_it_and_back() -> None:
    flow, parents = _flow(BACKGROUND, RECOMMENDATIONS, CHART)
    back = _advance(flow[-1], parents)
    assert back is not None
    assert _kinds(flow) == ["kind-background", "kind-chart", "kind-recommendations"]
    back()
    assert _kinds(flow) == ["kind-background", "kind-recommendations", "kind-chart"]


def test_a_management_response_moves_before_text_after_the_recommendations() -> None:
    conclusions = '<section class="section kind-conclusions level-2"><p>Hence.</p></section>'
    flow, parents = _flow(RECOMMENDATIONS, conclusions, RESPONSE)
    assert _advance(flow[-1], parents) is not None
    assert _kinds(flow) == [
        "kind-recommendations",
        "kind-management_response",
        "kind-conclusions",
    ]
