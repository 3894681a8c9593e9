"""The test tiers: ``make test-unit`` runs each property on a fifth of its generated
examples, ``make test`` on all of them (docs/mutation.md, "Test tiers")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import settings

from tests.conftest import FAST_TIER, ROOT, examples


@contextmanager
def profile(name: str) -> Iterator[None]:
    saved = settings.get_current_profile_name()
    settings.load_profile(name)
    try:
        yield
    finally:
        settings.load_profile(saved)


def test_the_full_suite_runs_every_example() -> None:
    with profile("default"):
        assert [examples(n) for n in (10, 40, 80, 500)] == [10, 40, 80, 500]


def test_the_fast_tier_runs_a_fifth_but_never_fewer_than_twenty() -> None:
    with profile(FAST_TIER):
        assert [examples(n) for n in (10, 40, 80, 200, 500)] == [10, 20, 20, 40, 100]


def test_make_test_unit_loads_the_fast_profile_and_make_test_does_not() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = dict(re.findall(r"^([\w-]+):[^\n]*\n\t([^\n]+)", makefile, re.MULTILINE))
    assert f"--hypothesis-profile={FAST_TIER}" in recipes["test-unit"]
    assert "tests/unit" in recipes["test-unit"]
    assert "--hypothesis-profile" not in recipes["test"]
