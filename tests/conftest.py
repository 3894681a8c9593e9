"""Shared fixtures: each example brief rendered once per test session.

Rendering is most of the suite's time, and many modules look at the same briefs (the
reference, the examples in every language); :class:`Renders` makes each file once, in
every format asked of it so far, and hands out the paths. Tests must only read them.
"""

from __future__ import annotations

import importlib.util
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from briefgen.api import FORMATS, Format, Rendered, render_brief

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_BRIEF = ROOT / "data" / "brief.yaml"
EXAMPLES = ROOT / "data" / "examples"
EVIDENCE_BRIEF = EXAMPLES / "evidence.yaml"
EXAMPLE_BRIEFS = sorted(EXAMPLES.glob("*.yaml"))
"""The examples in data/examples (a new one joins by existing)."""
SHIPPED_BRIEFS = [REFERENCE_BRIEF, *EXAMPLE_BRIEFS]
"""Every brief the project ships: the reference and the examples."""
ALL_BRIEFS = [*SHIPPED_BRIEFS, *sorted((ROOT / "tests" / "briefs").glob("*.yaml"))]
"""Every brief the project ships or tests with: the reference, the examples, the test briefs."""
LAYOUT_BRIEFS = {
    "single-project": EXAMPLES / "single-project.yaml",
    "starter": ROOT / "briefgen" / "starter.yaml",
    "team-of-five": ROOT / "tests" / "briefs" / "team-of-five.yaml",
    "short-two-pages": ROOT / "tests" / "briefs" / "short-two-pages.yaml",
}
"""Briefs of the common shapes, by name: one project, the starter, a team, two short pages."""

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
SMALL_HEAD = SMALL_BRIEF.split("sections:\n")[0]
"""SMALL_BRIEF without its sections: a test writes its own ``sections:`` after it."""

BRIEF_HEAD = (
    "organisation:\n  name: Office\ndate: 2017-10\n"
    "evaluation:\n  type: Evaluation\n  title: A title\n"
)
"""The six lines a made-up brief starts with, all a brief needs but its sections: a test
adds its own ``sections:`` from line 7."""
BASE_BRIEF = BRIEF_HEAD + "sections:\n  - kind: background\n    text: Some text.\n"
"""The head with one section: nine lines, so that a test's own keys start at line 10."""


def brief_head() -> dict[str, Any]:
    """:data:`BRIEF_HEAD` as data: a fresh mapping for a test to add its sections to."""
    head: dict[str, Any] = yaml.safe_load(BRIEF_HEAD)
    return head


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A PNG of one transparent pixel: the smallest picture a brief can show."""


class Renders:
    """Brief files rendered once per session (per worker), each into a folder of its own."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._done: dict[Path, dict[str, dict[str, Path]]] = {}
        self._folders: dict[Path, Path] = {}

    def outputs(
        self, brief: Path, formats: Sequence[Format] = FORMATS
    ) -> dict[str, dict[str, Path]]:
        """The files made from ``brief``: by output stem (``brief``, or ``brief-fr-es.fr``
        for each language of a brief in several), then by format."""
        brief = brief.resolve()
        folder = self._folders.setdefault(
            brief, self._folder / f"{len(self._folders)}-{brief.stem}"
        )
        done = self._done.setdefault(brief, {})
        made = {fmt for by_format in done.values() for fmt in by_format}
        missing = [fmt for fmt in formats if fmt not in made]
        if missing:
            results: list[Rendered] = render_brief(brief, missing, folder)
            for result in results:
                done.setdefault(result.path.name.removesuffix(f".{result.format}"), {})[
                    result.format
                ] = result.path
        return done

    def only(self, brief: Path, fmt: Format) -> Path:
        """The one ``fmt`` file of a brief in one language."""
        (by_format,) = self.outputs(brief, [fmt]).values()
        return by_format[fmt]


@pytest.fixture(autouse=True)
def _ctrl_c_left_as_found() -> Iterator[None]:
    """A test of Ctrl+C in this process (``user_errors`` ignores a second Ctrl+C) must not
    leave SIGINT ignored: every process a later test starts would inherit it, and a
    ``briefgen preview`` or ``watch`` sent Ctrl+C would never stop."""
    before = signal.getsignal(signal.SIGINT)
    yield
    if before is not None and signal.getsignal(signal.SIGINT) != before:
        signal.signal(signal.SIGINT, before)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test runs in its own empty folder (the command line's relative paths land there),
    its output without colours."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def render_text(text: str, folder: Path, name: str) -> dict[str, Path]:
    """``text`` written to ``folder/name.yaml`` and rendered in every format into
    ``folder/out``: the files, by format."""
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return {r.format: r.path for r in render_brief(path, output_dir=folder / "out")}


def generated_brief(number: int, folder: Path) -> Path:
    """Brief ``number`` of the generated corpus (bench/corpus.py) written into ``folder``."""
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    path: Path = corpus.generate(number, folder)
    return path


@pytest.fixture(scope="session")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Renders:
    return Renders(tmp_path_factory.mktemp("renders"))


@pytest.fixture(scope="session")
def reference_outputs(renders: Renders) -> dict[str, Path]:
    """The reference brief in all formats, by format name."""
    return renders.outputs(REFERENCE_BRIEF)["brief"]


SLOW_FILES = frozenset(
    {
        "test_hostile_corpus.py",  # every hostile file in every format, in a process pool
        "test_fuzz_cli.py",  # Hypothesis over the command line
        "test_install.py",  # venvs, pip and make in a clone
        "test_ci_render.py",  # the CI recipe: a fresh venv and offline pip
        "test_process.py",  # real worker processes, signals and timeouts
        "test_visual.py",  # renders, rasterises and compares pixels
    }
)
"""The files marked ``slow``: ``pytest -m "not slow"`` is the middle tier, between
``make test-unit`` and ``make test``."""

FAST_TIER = "unit"
"""The Hypothesis profile of ``make test-unit`` (``--hypothesis-profile=unit``)."""
FAST_TIER_EXAMPLES = 20
settings.register_profile(FAST_TIER, max_examples=FAST_TIER_EXAMPLES)


def examples(full: int) -> int:
    """The generated examples a property test runs: ``full`` in ``make test``, a fifth of
    them (never fewer than 20) in the fast tier, whose edit-test loop must stay under 30 s
    (the properties that re-read whole briefs were two thirds of it). Every ``@example``
    a test names still runs in both."""
    if settings.get_current_profile_name() == FAST_TIER:
        return min(full, max(FAST_TIER_EXAMPLES, full // 5))
    return full


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
