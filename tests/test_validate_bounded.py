"""``validate`` does bounded work and has a time limit: issue 23, point 4.

Each dangling cross-reference looked for a close id among all ids, so thousands of them
took minutes to hours, inside ``git commit``. Now the "did you mean" search compares a
bounded number of ids, the problems reported are capped, and ``validate`` takes the same
``--timeout`` as ``render``. The tests count the work done and the messages; no timing.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from briefgen.api import load_brief as real_load
from briefgen.loading import evidence_checks
from tests.cli_runner import invoke
from tests.conftest import BRIEF_HEAD, SMALL_BRIEF

IDS = 2000
WORK_BOUND = 50 * 200
"""Ids compared in all, at most: MAX_REFERENCE_PROBLEMS x MAX_SUGGESTION_CANDIDATES. The
old code compared every dangling reference with every id: IDS x IDS = 4,000,000."""


def _dangling_brief(count: int) -> str:
    lines = [
        BRIEF_HEAD,
        "sections:\n  - kind: recommendations\n    items:\n",
    ]
    lines += [f"      - {{id: rec-{i}, text: Recommendation {i}.}}\n" for i in range(count)]
    lines.append("  - kind: findings\n    items:\n")
    lines += [f"      - See [](#rex-{i}) here.\n" for i in range(count)]
    return "".join(lines)


def _run(*args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


def test_thousands_of_dangling_references_do_bounded_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared = 0
    original: Callable[..., list[str]] = difflib.get_close_matches

    def counting(word: str, possibilities: Sequence[str], *args: Any, **kwargs: Any) -> list[str]:
        nonlocal compared
        compared += len(possibilities)
        assert compared <= WORK_BOUND, "the suggestions compare ever more ids"
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    brief = tmp_path / "b.yaml"
    brief.write_text(_dangling_brief(IDS), encoding="utf-8")
    code, output = _run("validate", str(brief))
    assert code == 1
    errors = [line for line in output.splitlines() if "b.yaml:" in line]
    assert len(errors) == evidence_checks.MAX_REFERENCE_PROBLEMS + 1
    assert "the cross-reference '#rex-0' names no item or section (did you mean 'rec-0'?" in output
    assert f"... and {IDS - 50} more cross-references naming no item or section" in output
    assert 0 < compared <= WORK_BOUND


def test_validate_stops_a_brief_at_its_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow, quick = tmp_path / "slow.yaml", tmp_path / "quick.yaml"
    slow.write_text(SMALL_BRIEF, encoding="utf-8")
    quick.write_text(SMALL_BRIEF, encoding="utf-8")

    def load(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "slow.yaml":
            time.sleep(600)  # a hostile brief that never finishes its checks
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr("briefgen.batch.load_brief", load)
    code, output = _run("validate", str(slow), str(quick), "--timeout", "5")
    assert code == 1
    assert "slow.yaml: checking took longer than 5 s (--timeout); it was stopped" in output
    assert "quick.yaml: ok" in output  # the other briefs go on


class _CountingText(str):
    """A brief's text that counts how often it is split into lines."""

    splits = 0

    def splitlines(self, keepends: bool = False) -> list[str]:
        _CountingText.splits += 1
        return super().splitlines(keepends)


def test_reading_a_brief_splits_its_text_into_lines_a_bounded_number_of_times() -> None:
    """Each text value split the whole file into lines, two or three times, to look for a
    comment YAML had dropped: thousands of keywords (a 500 KB file) took minutes."""
    from briefgen.loading.yaml_source import parse_yaml

    keywords = "".join(f"  - keyword {i}\n" for i in range(2000))
    text = _CountingText(SMALL_BRIEF + "keywords:\n" + keywords)
    _CountingText.splits = 0
    document = parse_yaml(text, Path("b.yaml"), strict=False)
    assert len(document.data["keywords"]) == 2000
    assert _CountingText.splits <= 2
