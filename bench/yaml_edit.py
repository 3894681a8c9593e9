"""How many bytes an in-place YAML edit moves, against a round-trip YAML library.

For data/brief.yaml and every data/examples/*.yaml: the lines that change when each text
is set to itself with briefgen's apply_edits (the clearance of issue 31), and when the file
is loaded and dumped again by ruamel.yaml at its most faithful settings (if installed; it
is not a briefgen dependency: ``pip install ruamel.yaml`` into another venv to compare).
Also the time of one apply_edits call (one text changed, the file read back).

    PYTHONPATH=$PWD python bench/yaml_edit.py
    PYTHONPATH=$PWD python bench/yaml_edit.py --ruamel /tmp/venv/bin/python
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import subprocess
import time
from pathlib import Path

from briefgen.clearance.yaml_edit import SetText, apply_edits
from briefgen.loading.yaml_source import parse_yaml, text_values

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = [ROOT / "data" / "brief.yaml", *sorted((ROOT / "data" / "examples").glob("*.yaml"))]

RUAMEL = """
import io, sys
from ruamel.yaml import YAML
yaml = YAML(typ="rt")
yaml.preserve_quotes = True
yaml.width = 4096
yaml.indent(mapping=2, sequence=4, offset=2)
text = open(sys.argv[1], encoding="utf-8", newline="").read()
out = io.StringIO()
yaml.dump(yaml.load(text), out)
sys.stdout.write(out.getvalue())
"""


def changed_lines(before: str, after: str) -> int:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ruamel", help="a Python with ruamel.yaml installed")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print("| file | lines | texts | apply_edits: lines changed | ruamel.yaml: lines changed |")
    print("|---|---:|---:|---:|---:|")
    for brief in BRIEFS:
        text = brief.read_bytes().decode("utf-8")
        texts = list(text_values(parse_yaml(text, brief).data))
        ours = changed_lines(text, apply_edits(text, [SetText(p, t) for p, t in texts]))
        theirs = "-"
        if args.ruamel:
            dumped = subprocess.run(
                [args.ruamel, "-c", RUAMEL, str(brief)], capture_output=True, text=True, check=True
            ).stdout
            theirs = str(changed_lines(text, dumped))
        print(f"| {brief.name} | {len(text.splitlines())} | {len(texts)} | {ours} | {theirs} |")
    text = BRIEFS[0].read_text(encoding="utf-8")
    times = []
    for number in range(args.repeat):
        start = time.perf_counter()
        apply_edits(text, [SetText(("evaluation", "type"), f"A new type {number}")])
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    print(f"\napply_edits, one text of {BRIEFS[0].name}: median {median:.0f} ms", end="")
    print(f" over {args.repeat} calls")


if __name__ == "__main__":
    main()
