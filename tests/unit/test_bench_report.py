"""bench/run.py rewrites the figures of docs/benchmark.md, never the decisions below them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_hand_written_part_survives_a_new_run(tmp_path: Path) -> None:
    bench = _bench()
    report = tmp_path / "benchmark.md"
    report.write_text(f"# old figures\n\n{bench.HAND_WRITTEN}\n\n## Decision\nkept\n")
    kept = bench._written_by_hand(report)
    assert kept == f"\n{bench.HAND_WRITTEN}\n\n## Decision\nkept\n"


def test_a_report_without_the_marker_or_file_keeps_nothing(tmp_path: Path) -> None:
    bench = _bench()
    assert bench._written_by_hand(tmp_path / "missing.md") == ""
    (tmp_path / "plain.md").write_text("# figures only\n")
    assert bench._written_by_hand(tmp_path / "plain.md") == ""


def test_the_committed_report_has_its_decisions_after_the_marker() -> None:
    text = (ROOT / "docs" / "benchmark.md").read_text(encoding="utf-8")
    figures, marker, decisions = text.partition(_bench().HAND_WRITTEN)
    assert marker and "| case |" in figures
    assert "## Decision: no warm-up engine" in decisions
