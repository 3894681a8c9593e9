"""Print what the editor's read (briefgen.loading.editorial) adds to validating a brief.

Run: PYTHONPATH=. python bench/editorial.py
"""

from __future__ import annotations

import time
from pathlib import Path

from briefgen.loading.editorial import editorial_warnings
from briefgen.loading.validate import load_brief

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


def main() -> None:
    print(f"{'brief':28} {'validate':>10} {'editorial':>10} {'share':>6}")
    for path in BRIEFS:
        loaded = load_brief(path)
        whole = _best(lambda path=path: load_brief(path))
        checks = _best(lambda loaded=loaded: editorial_warnings(loaded.brief, loaded.source))
        print(
            f"{path.name:28} {whole * 1000:8.1f} ms {checks * 1000:8.2f} ms {checks / whole:6.1%}"
        )


if __name__ == "__main__":
    main()
