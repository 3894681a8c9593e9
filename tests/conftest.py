"""Shared fixtures: the reference brief rendered once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import Rendered, render_brief

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_BRIEF = ROOT / "data" / "brief.yaml"

SMALL_BRIEF = """\
language: en
organisation:
  name: Evaluation Office
date: 2024-03
evaluation:
  type: Final evaluation
  title: Clean Water Programme
sections:
  - kind: findings
    text: The programme reached most villages.
  - kind: recommendations
    items:
      - Keep going.
      - Measure more.
"""
"""A valid brief of the smallest useful shape; tests edit it (line numbers matter)."""


@pytest.fixture(scope="session")
def reference_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reference brief in all three formats, by format name."""
    folder = tmp_path_factory.mktemp("reference")
    results: list[Rendered] = render_brief(REFERENCE_BRIEF, output_dir=folder)
    return {result.format: result.path for result in results}
