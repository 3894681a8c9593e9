"""Cold-start benchmark of the briefgen CLI against its floors; writes docs/benchmark.md.

Every figure is the median of repeated *cold* runs: a fresh process each time, as a user
or a CI job runs briefgen. Floors: ``python -c "import typer"`` for ``--help``, and for a
PDF the same print HTML rendered by bare WeasyPrint in one cold process. Peak memory is
the largest process's ru_maxrss (os.wait4), so for a worker pool it is one worker's peak.

    python bench/run.py            # ~4 minutes on 2 cores
    python bench/run.py --quick    # ~1 minute: fewer repeats, smaller batches
    python bench/run.py --languages  # only English, Arabic and Chinese cold renders
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "data" / "brief.yaml"
EXAMPLES = ROOT / "data" / "examples"
# The same brief in scripts that need other fonts: Arabic (Amiri), Chinese (Noto CJK).
LANGUAGE_BRIEFS = {
    "English (reference)": BRIEF,
    "Arabic": EXAMPLES / "brief-ar.yaml",
    "Chinese": EXAMPLES / "brief-zh.yaml",
}
_SCRIPT = shutil.which("briefgen")
BRIEFGEN = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "briefgen"]

FLOOR_SCRIPT = """\
import os, sys
os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")
html, base_url, variant, out = sys.argv[1:5]
import weasyprint
options = {"pdf_tags": True, "pdf_identifier": None}
if variant != "none":
    options["pdf_variant"] = variant
document = weasyprint.HTML(string=open(html, encoding="utf-8").read(), base_url=base_url)
document.render(pdf_tags=True).write_pdf(out, **options)
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


def run_once(command: Sequence[str], cwd: Path) -> Measure:
    """One cold run: wall time and the peak RSS of the largest process in its tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode()}")
    return Measure(seconds, usage.ru_maxrss / 1024)


def median(command: Sequence[str], cwd: Path, repeats: int) -> Measure:
    return interleaved([command], cwd, repeats)[0]


def interleaved(commands: Sequence[Sequence[str]], cwd: Path, repeats: int) -> list[Measure]:
    """Medians of commands run in turn (A B C A B C ...), so load changes hit all alike."""
    runs: list[list[Measure]] = [[] for _ in commands]
    for _ in range(repeats):
        for index, command in enumerate(commands):
            runs[index].append(run_once(command, cwd))
    return [
        Measure(
            statistics.median(r.seconds for r in each), statistics.median(r.peak_mb for r in each)
        )
        for each in runs
    ]


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def scaled_brief(folder: Path, factor: int) -> Path:
    """The reference brief with its sections repeated ``factor`` times."""
    data = yaml.safe_load(BRIEF.read_text(encoding="utf-8"))
    data["sections"] = data["sections"] * factor
    path = folder / f"brief_x{factor}.yaml"
    text = yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


class _NoAliases(yaml.SafeDumper):
    """Repeated sections written out in full: a real long brief, not a few aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def batch_folder(folder: Path, count: int) -> Path:
    """``count`` copies of the reference brief in a folder of their own."""
    target = folder / f"batch{count}"
    target.mkdir()
    for index in range(count):
        shutil.copyfile(BRIEF, target / f"brief{index:03}.yaml")
    return target


def print_html(folder: Path, brief: Path = BRIEF) -> tuple[Path, str, str]:
    """A brief's print HTML (the reference's by default), written once, as briefgen hands
    it to WeasyPrint."""
    from briefgen.api import load_brief
    from briefgen.render.html import render_html

    loaded = load_brief(brief)
    target = folder / f"print-{brief.stem}.html"
    target.write_text(render_html(loaded, for_print=True), encoding="utf-8")
    base_url = loaded.resources.folder.as_uri() + "/"
    return target, base_url, loaded.brief.layout.pdf_variant


class Table:
    def __init__(self) -> None:
        self.rows: list[str] = [
            "| case | median s | peak MB | ratio | note |",
            "|---|---:|---:|---:|---|",
        ]

    def add(self, case: str, measure: Measure, ratio: str = "", note: str = "") -> None:
        row = f"| {case} | {measure.seconds:.3f} | {measure.peak_mb:.0f} | {ratio} | {note} |"
        self.rows.append(row)
        print(row, flush=True)


def language_rows(table: Table, work: Path, repeats: int) -> None:
    """Cold ``render -f pdf`` of the reference brief in Arabic and Chinese, as ratios to
    the English one: what another script's font costs in time and in PDF size."""
    commands, outputs = [], []
    for number, path in enumerate(LANGUAGE_BRIEFS.values()):
        folder = work / f"language-{number}"
        commands.append([*BRIEFGEN, "render", str(path), "-f", "pdf", "-o", str(folder)])
        outputs.append(folder / f"{path.stem}.pdf")
    measures = interleaved(commands, work, repeats)
    english, english_size = measures[0], outputs[0].stat().st_size
    for name, measure, output in zip(LANGUAGE_BRIEFS, measures, outputs, strict=True):
        size = output.stat().st_size
        table.add(
            f"`render -f pdf`, {name}",
            measure,
            f"{measure.seconds / english.seconds:.2f}",
            f"PDF {size / 1024:.0f} KB ({size / english_size:.1f}x); time vs English",
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller batches")
    parser.add_argument("--repeats", type=int, help="cold runs per case [5; --quick 3]")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "benchmark.md", help="where to write"
    )
    parser.add_argument(
        "--languages", action="store_true", help="only the cold renders by language, printed"
    )
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 5)
    batch_size = 20 if args.quick else 50
    scales = (1, 10) if args.quick else (1, 10, 100)
    batches = (1, 10) if args.quick else (1, 10, 100)
    started = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as temporary:
        work = Path(temporary)
        out = str(work / "out")
        table = Table()
        print("\n".join(table.rows), flush=True)

        language_rows(table, work, repeats)
        if args.languages:
            return

        typer_floor, help_run = interleaved(
            [[sys.executable, "-c", "import typer"], [*BRIEFGEN, "--help"]], work, repeats
        )
        table.add('`python -c "import typer"` (floor)', typer_floor, "1.00")
        table.add("`briefgen --help`", help_run, f"{help_run.seconds / typer_floor.seconds:.2f}")
        table.add("`briefgen validate`", median([*BRIEFGEN, "validate", str(BRIEF)], work, repeats))
        render = [*BRIEFGEN, "render", str(BRIEF), "-o", out]
        for fmt in ("md", "html"):
            table.add(f"`render -f {fmt}`", median([*render, "-f", fmt], work, repeats))

        html, base_url, variant = print_html(work)
        floor_script = work / "floor.py"
        floor_script.write_text(FLOOR_SCRIPT, encoding="utf-8")
        floor_command = [sys.executable, str(floor_script), str(html), base_url, variant]
        pdf_floor, pdf = interleaved(
            [[*floor_command, str(work / "floor.pdf")], [*render, "-f", "pdf"]], work, repeats
        )
        table.add("bare WeasyPrint, same print HTML (floor)", pdf_floor, "1.00")
        table.add("`render -f pdf`", pdf, f"{pdf.seconds / pdf_floor.seconds:.2f}")
        every = median(render, work, repeats)
        table.add("`render` (pdf+html+md)", every, f"{every.seconds / pdf_floor.seconds:.2f}")

        folder = batch_folder(work, batch_size)
        batch = [*BRIEFGEN, "render", str(folder), "-f", "pdf", "-o", out]
        serial = run_once([*batch, "-j", "1"], work)
        per_brief = serial.seconds / batch_size
        table.add(
            f"batch of {batch_size} PDFs, `-j 1`",
            serial,
            f"{per_brief / pdf.seconds:.2f}",
            f"{per_brief:.3f} s/brief vs a cold render",
        )
        parallel = run_once([*batch, "-j", "2"], work)
        table.add(
            f"batch of {batch_size} PDFs, `-j 2`",
            parallel,
            f"{parallel.seconds / serial.seconds:.2f}",
            f"{parallel.seconds / batch_size:.3f} s/brief; ratio vs -j 1",
        )

        base: Measure | None = None
        for factor in scales:
            brief = scaled_brief(work, factor)
            command = [*BRIEFGEN, "render", str(brief), "-f", "pdf", "-o", out]
            command += ["--max-pages", "10000", "--timeout", "3600"]
            scaled_html, scaled_base, _ = print_html(work, brief)
            floor = [*floor_command[:2], str(scaled_html), scaled_base, variant]
            bare, measure = interleaved([[*floor, str(work / "floor.pdf")], command], work, 1)
            base = base or measure
            table.add(f"bare WeasyPrint, x{factor} print HTML (floor)", bare, "1.00")
            table.add(
                f"content x{factor} (PDF)",
                measure,
                f"{measure.seconds / bare.seconds:.2f}",
                f"{measure.seconds / base.seconds:.1f}x the x1 time; peak "
                f"{measure.peak_mb / bare.peak_mb:.2f}x the floor's",
            )
        first: Measure | None = None
        for count in batches:
            folder = batch_folder(work, count) if count != batch_size else folder
            measure = run_once([*BRIEFGEN, "render", str(folder), "-f", "pdf", "-o", out], work)
            first = first or measure
            table.add(
                f"batch of {count} PDFs, default -j",
                measure,
                f"{measure.seconds / first.seconds:.1f}",
                f"{measure.seconds / count:.3f} s/brief; time vs 1",
            )

    elapsed = time.perf_counter() - started
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    report = _report(command, repeats, table.rows, elapsed) + _written_by_hand(args.output)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"\nwrote {args.output} ({elapsed:.0f} s)")


HAND_WRITTEN = "<!-- Written by hand from here on: bench/run.py keeps what follows. -->"


def _written_by_hand(path: Path) -> str:
    """The decisions and notes after the figures, which a new run must not erase."""
    if not path.is_file():
        return ""
    _, marker, kept = path.read_text(encoding="utf-8").partition(HAND_WRITTEN)
    return f"\n{marker}{kept}" if marker else ""


def _report(command: str, repeats: int, rows: list[str], elapsed: float) -> str:
    import weasyprint
    from weasyprint.text.ffi import harfbuzz_subset

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"""# Benchmark

Produced by `{command}` in {elapsed:.0f} s: medians of {repeats} cold runs (fresh process
each) for the single commands, one run for batches and scaling. Peak MB is the largest
single process's ru_maxrss (for a worker pool: one worker). Ratios are to the floor above
them: `python -c "import typer"` for `--help`, bare WeasyPrint rendering the same print
HTML in one cold process for PDFs; batch `-j 1` per-brief time is compared with a cold
single `render -f pdf`.

Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()},
WeasyPrint {weasyprint.__version__}, libharfbuzz-subset {"found" if harfbuzz_subset else "MISSING"};
load average at the end: {load} (other jobs share the machine, so expect noise).

{chr(10).join(rows)}
"""


if __name__ == "__main__":
    main()
