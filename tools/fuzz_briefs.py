"""A structure-aware fuzzer: valid briefs mutated as YAML trees, loaded and rendered in
this process; every exception that is not a :class:`BriefError` is a bug, counted and
kept (the mutated brief and its traceback) for a test.

    PYTHONPATH=. python tools/fuzz_briefs.py --minutes 10 --seed 1 --out /tmp/fuzz

Mutations act on the parsed data, not on bytes, so most mutants stay YAML that reaches the
model and the renderers: a key deleted, renamed or added; a value swapped with another
node's, replaced by a hostile one (NaN, 10^25, 300 characters, control characters, table
syntax, cross-references, right-to-left text...), wrapped in a list or a mapping; a
section's kind changed, a list entry duplicated or dropped, a subtree moved. HTML, Markdown
and DOCX are rendered for every accepted mutant, the PDF for one in ``--pdf-every``.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "data" / "brief.yaml",
    *sorted((ROOT / "data" / "examples").glob("*.yaml")),
    *sorted((ROOT / "tests" / "briefs").glob("*.yaml")),
]
SECTION_KINDS = [
    "custom", "background", "findings", "conclusions", "recommendations", "lessons",
    "figure", "table", "ratings", "key_figures", "management_response", "chart", "map",
]  # fmt: skip
HOSTILE_VALUES: list[Any] = [
    float("nan"), float("inf"), -float("inf"), 10**25, -(10**16), 1e-300, 0, -1, 2**63,
    1.5, True, None, "", " ", "x" * 300, "word " * 60, "a\x07b", "\u202eabc", "🙂" * 20,
    "a \\| b  \n:---", "| a | b |\n|---|---|", "[](#nowhere)", "[](#findings)", "**",
    "<script>alert(1)</script>", "javascript:alert(1)", "&amp; &#0; &lt;", "# heading",
    "1. item", "- item", "```", "~~~", "\\", "x\ny\n\nz", "مرحبا بالعالم", "中文文本",
    "https://example.org/" + "a" * 200, "@user", "{{ 7*7 }}", "{% raw %}", "$x$",
    [], {}, ["a", "b"], {"en": "x"}, {"en": "x", "fr": "y"}, [1, 2, 3], [[1, 2], [3, 4]],
    "KE", "KEN", "XX", "2017-10", "2017-02-30", "../etc/passwd", "image.png",
]  # fmt: skip
KEYS = ["kind", "text", "items", "heading", "id", "rows", "header", "value", "label", "x"]


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every node of the tree with its path (iteratively: mutants may nest deep)."""
    found = []
    stack = [(path, data)]
    while stack:
        here, node = stack.pop()
        found.append((here, node))
        if isinstance(node, dict):
            stack += [((*here, key), value) for key, value in node.items()]
        elif isinstance(node, list):
            stack += [((*here, index), value) for index, value in enumerate(node)]
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _parent(data, path)[path[-1]] = value
    return data


def mutate(data: Any, rng: random.Random) -> Any:
    """One structural mutation of ``data`` (a deep copy is changed and returned)."""
    data = copy.deepcopy(data)
    nodes = _nodes(data)
    path, node = rng.choice(nodes)
    choice = rng.randrange(11)
    if choice == 0 and path:  # delete
        parent = _parent(data, path)
        del parent[path[-1]]
    elif choice == 1:  # hostile value
        data = _set(data, path, copy.deepcopy(rng.choice(HOSTILE_VALUES)))
    elif choice == 2:  # swap with another node's value
        other_path, other = rng.choice(nodes)
        if not (other_path[: len(path)] == path or path[: len(other_path)] == other_path):
            data = _set(data, path, copy.deepcopy(other))
            data = _set(data, other_path, copy.deepcopy(node))
    elif choice == 3 and isinstance(node, dict):  # add or rename a key
        key = rng.choice(KEYS + list(node))
        if node and rng.random() < 0.5:
            old = rng.choice(list(node))
            node[key] = node.pop(old)
        else:
            node[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    elif choice == 4 and isinstance(node, list) and node:  # duplicate or drop an entry
        index = rng.randrange(len(node))
        if rng.random() < 0.6:
            node.insert(index, copy.deepcopy(node[index]))
        else:
            del node[index]
    elif choice == 5 and isinstance(node, dict) and "kind" in node:
        node["kind"] = rng.choice(SECTION_KINDS)
    elif choice == 6:  # wrap
        data = _set(data, path, [node] if rng.random() < 0.5 else {"en": node})
    elif choice == 7 and isinstance(node, str):  # edit text
        cut = rng.randrange(len(node) + 1)
        data = _set(data, path, node[:cut] + str(rng.choice(HOSTILE_VALUES)) + node[cut:])
    elif choice == 8 and isinstance(node, int | float) and not isinstance(node, bool):
        data = _set(data, path, rng.choice([node * 10 ** rng.randrange(30), -node, node / 7]))
    elif choice == 9 and isinstance(node, dict):  # a section from another place
        sections = [n for p, n in nodes if isinstance(n, dict) and "kind" in n]
        if sections:
            node.setdefault("sections", []).append(copy.deepcopy(rng.choice(sections)))
    elif choice == 10 and isinstance(data, dict):  # a new section of a random kind
        section = {"kind": rng.choice(SECTION_KINDS), "heading": "H"}
        for key in rng.sample(["rows", "header", "figures", "series", "countries", "items"], 2):
            section[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
        sections = data.setdefault("sections", [])
        if isinstance(sections, list):
            sections.append(section)
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def run(minutes: float, seed: int, out: Path, pdf_every: int, formats: list[str]) -> int:
    from briefgen.api import load_brief, render_bytes
    from briefgen.errors import BriefError

    rng = random.Random(seed)
    seeds = [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in SEEDS]
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    bugs: Counter[str] = Counter()
    deadline = time.monotonic() + minutes * 60
    with tempfile.TemporaryDirectory(prefix="briefgen-fuzz-") as folder:
        work = Path(folder)
        for path, _ in seeds:  # the seeds' images, next to the mutants
            for sibling in path.parent.iterdir():
                if sibling.is_file() and sibling.suffix not in {".yaml", ".yml"}:
                    shutil.copy(sibling, work / sibling.name)
        iteration = 0
        while time.monotonic() < deadline:
            iteration += 1
            origin, data = rng.choice(seeds)
            for _ in range(rng.choice([1, 1, 2, 3, 5])):
                data = mutate(data, rng)
            brief = work / "brief.yaml"
            try:
                text = _dump(data)
            except Exception:  # a mutant YAML cannot write is skipped
                counts["unwritable"] += 1
                continue
            brief.write_text(text, encoding="utf-8", errors="surrogatepass")
            stage = "load"
            try:
                loaded = load_brief(brief)
                counts["accepted"] += 1
                chosen = list(formats)
                if pdf_every and iteration % pdf_every == 0:
                    chosen.append("pdf")
                    counts["pdf"] += 1
                for fmt in chosen:
                    stage = fmt
                    render_bytes(loaded, fmt)  # type: ignore[arg-type]
            except BriefError:
                counts["refused" if stage == "load" else f"refused at {stage}"] += 1
            except RecursionError:
                counts["recursion"] += 1
                bugs[f"{stage}: RecursionError"] += 1
            except Exception as error:  # a bug: keep it
                frame = traceback.extract_tb(error.__traceback__)[-1]
                where = f"{Path(frame.filename).name}:{frame.lineno}"
                key = f"{stage}: {type(error).__name__} at {where}"
                if key not in bugs:
                    name = f"bug-{len(bugs) + 1}"
                    (out / f"{name}.yaml").write_text(text, encoding="utf-8", errors="replace")
                    (out / f"{name}.txt").write_text(
                        f"seed brief: {origin.name}\n{traceback.format_exc()}", encoding="utf-8"
                    )
                bugs[key] += 1
            if iteration % 200 == 0:
                print(f"{iteration} mutants, {dict(counts)}, bugs: {sum(bugs.values())}")
                sys.stdout.flush()
    print(f"\n{iteration} mutants in {minutes:g} min (seed {seed}): {dict(counts)}")
    print(f"tracebacks: {sum(bugs.values())}")
    for key, count in bugs.most_common():
        print(f"  {count:5d}  {key}")
    return 1 if bugs else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "fuzz")
    parser.add_argument("--pdf-every", type=int, default=25, help="0: never")
    parser.add_argument("--formats", default="html,md,docx", help="rendered for every mutant")
    arguments = parser.parse_args()
    formats = [name for name in arguments.formats.split(",") if name]
    sys.exit(run(arguments.minutes, arguments.seed, arguments.out, arguments.pdf_every, formats))


if __name__ == "__main__":
    main()
