"""Paired measurement of briefgen's old library lookup (briefgen/render/libs.py, removed
after this measurement: see docs/benchmark.md): did it pay for itself?

Two cold commands, each with and without the lookup, alternating (with, without, then
without, with, ...) in fresh processes so that the machine's load hits both alike:

- ``python -m briefgen render data/brief.yaml -f pdf -o DIR``: what a user waits for;
- ``python -c "import weasyprint"``: the part the lookup can change.

"with" runs a checkout that has ``briefgen/render/libs.py`` (this one, or ``--with-lookup
ROOT``, e.g. ``git worktree add /tmp/with-lookup ce4c543``); "without" runs this checkout,
or a scratch copy of it whose lookup is a no-op when this one still has it. Prints each
variant's median wall and CPU time and the median of the per-pair differences.

    python bench/libs_lookup.py --pairs 12 --with-lookup /tmp/with-lookup
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "data" / "brief.yaml"
NO_OP_LOOKUP = """
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fast_library_lookup() -> Iterator[None]:
    yield
"""
IMPORT_WITH = (
    "from briefgen.render.libs import fast_library_lookup\n"
    "with fast_library_lookup():\n    import weasyprint"
)


def has_lookup(root: Path) -> bool:
    return (root / "briefgen" / "render" / "libs.py").is_file()


def scratch_without_lookup(folder: Path) -> Path:
    """A copy of the package whose ``fast_library_lookup`` does nothing."""
    shutil.copytree(ROOT / "briefgen", folder / "briefgen")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "briefgen" / "render" / "libs.py").write_text(NO_OP_LOOKUP, encoding="utf-8")
    return folder


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, with the workers it waited for) of one run."""
    environment = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        command,
        cwd=root,  # the current folder comes first on sys.path, before PYTHONPATH
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def check_roots(commands: dict[str, tuple[list[str], Path]]) -> None:
    """Each variant must run its own copy of briefgen (PYTHONPATH wins over the venv)."""
    for _, root in commands.values():
        environment = {**os.environ, "PYTHONPATH": str(root)}
        where = subprocess.run(
            [sys.executable, "-c", "import briefgen; print(briefgen.__file__)"],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert Path(where).is_relative_to(root), (where, root)


def paired(name: str, commands: dict[str, tuple[list[str], Path]], pairs: int) -> None:
    """Run the two variants ``pairs`` times in alternating order; print the figures."""
    check_roots(commands)
    times: dict[str, list[float]] = {variant: [] for variant in commands}
    cpu: dict[str, list[float]] = {variant: [] for variant in commands}
    for command, root in commands.values():  # compile bytecode, warm the disk cache
        timed(command, root)
    load = os.getloadavg()
    for index in range(pairs):
        order = list(commands) if index % 2 == 0 else list(reversed(commands))
        for variant in order:
            command, root = commands[variant]
            wall, seconds = timed(command, root)
            times[variant].append(wall)
            cpu[variant].append(seconds)
    with_lookup, without = times["with"], times["without"]
    saved = [b - a for a, b in zip(with_lookup, without, strict=True)]
    load_after = os.getloadavg()
    print(f"{name}: {pairs} pairs; load average {load[0]:.2f} -> {load_after[0]:.2f}")
    for variant, values in times.items():
        print(
            f"  {variant:8} median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}), "
            f"CPU median {statistics.median(cpu[variant]):.3f} s"
        )
    median_saved = statistics.median(saved)
    share = median_saved / statistics.median(without)
    print(
        f"  saved per pair: median {median_saved:+.3f} s ({share:+.1%} of 'without'), "
        f"min {min(saved):+.3f}, max {max(saved):+.3f}; "
        f"faster with the lookup in {sum(s > 0 for s in saved)} of {pairs} pairs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=12, help="pairs of each command [12]")
    parser.add_argument(
        "--with-lookup", type=Path, help="a checkout with briefgen/render/libs.py [this one]"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-libs-") as work:
        if has_lookup(ROOT):
            with_root, without_root = ROOT, scratch_without_lookup(Path(work) / "without")
        elif args.with_lookup and has_lookup(args.with_lookup.resolve()):
            with_root, without_root = args.with_lookup.resolve(), ROOT
        else:
            raise SystemExit("this checkout has no library lookup: give --with-lookup ROOT")
        out = Path(work) / "out"
        render = [sys.executable, "-m", "briefgen", "render", str(BRIEF), "-f", "pdf"]
        paired(
            "cold render -f pdf",
            {
                "with": ([*render, "-o", str(out / "a")], with_root),
                "without": ([*render, "-o", str(out / "b")], without_root),
            },
            args.pairs,
        )
        paired(
            "import weasyprint",
            {
                "with": ([sys.executable, "-c", IMPORT_WITH], with_root),
                "without": ([sys.executable, "-c", "import weasyprint"], without_root),
            },
            args.pairs,
        )


if __name__ == "__main__":
    main()
