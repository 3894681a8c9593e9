"""Print what the editor's read (briefgen.loading.editorial) adds to validating a brief.

``editorial``: the checks with the language's dictionary already in memory (a preview, the
second brief of a folder); ``+ dictionary``: what loading it adds the first time, once per
language and process (``briefgen validate`` of one brief pays it once).

Run: PYTHONPATH=. python bench/editorial.py
"""

from __future__ import annotations

import time
from pathlib import Path

from briefgen.loading import spelling
from briefgen.loading.editorial import editorial_warnings
from briefgen.loading.validate import load_brief
from briefgen.model.loaded import LoadedBrief

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = [ROOT / "data" / "brief.yaml", *sorted((ROOT / "data" / "examples").glob("*.yaml"))]
ROUNDS = 20


def _best(action: object, rounds: int = ROUNDS) -> float:
    assert callable(action)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def _fresh_checks(loaded: LoadedBrief) -> None:
    """The checks of a brief not read before: no words kept from the round before."""
    spelling.words_of.cache_clear()
    editorial_warnings(loaded.brief, loaded.source)


def _first_load(language: str) -> float:
    key = spelling.language_key(language)
    if key is None:
        return 0.0

    def load() -> None:
        spelling.dictionary.cache_clear()
        dictionary = spelling.dictionary(key)
        assert dictionary is not None, f"no dictionary for {key}"
        dictionary.knows("the")

    return _best(load, rounds=3)


def main() -> None:
    print(f"{'brief':22} {'validate':>10} {'editorial':>10} {'share':>6} {'+ dictionary':>13}")
    for path in BRIEFS:
        loaded = load_brief(path)
        whole = _best(lambda path=path: load_brief(path))
        checks = _best(lambda loaded=loaded: _fresh_checks(loaded))
        first = _first_load(loaded.brief.language)
        print(
            f"{path.name:22} {whole * 1000:7.1f} ms {checks * 1000:7.2f} ms {checks / whole:6.1%}"
            f" {first * 1000:10.0f} ms"
        )


if __name__ == "__main__":
    main()
