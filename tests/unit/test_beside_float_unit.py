"""The page-1 passes' choice between layouts (render/pdf/beside_float.py), laid out by stubs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from briefgen.render.pdf import beside_float


def test_a_best_layout_found_once_is_deferred_from_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pass that beat every earlier layout is both the first and the last of equals:
    the deferral was tried from it twice, the same layouts made again for nothing."""
    first = SimpleNamespace(pages=[SimpleNamespace(_page_box="first", faults=10.0)])
    better = SimpleNamespace(pages=[SimpleNamespace(_page_box="better", faults=5.0)])
    restyles = iter([{"block": "width: 50%"}])
    deferred_from: list[Any] = []

    def deferred_if_better(parse: Any, render: Any, html: Any, document: Any) -> Any:
        deferred_from.append(html)
        return document.pages[0].faults, html, document  # nothing to defer

    monkeypatch.setattr(beside_float, "page_flow", lambda html: "flow")
    monkeypatch.setattr(beside_float, "weight", lambda pages, flow: pages[0].faults)
    monkeypatch.setattr(beside_float, "pictures_to_float", lambda box, flow: next(restyles, {}))
    monkeypatch.setattr(beside_float, "narrowed", lambda box, flow, guessing=True: {})
    monkeypatch.setattr(beside_float, "pushed_to_next_page", lambda pages, flow: {})
    monkeypatch.setattr(
        beside_float, "_laid_out_again", lambda parse, render, html, restyled: ("html 2", better)
    )
    monkeypatch.setattr(beside_float, "_deferred_if_better", deferred_if_better)

    kept = beside_float.fit_beside_float(str, str, "html 1", first)
    assert (kept, deferred_from) == (("html 2", better), ["html 2"])
