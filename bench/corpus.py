"""A corpus of briefs of every shape, and what the layout inspector finds in them.

Briefs are made from the project's own examples (six languages) and the evidence example:
each section and evidence block present or absent and in random order, 0 to 15 items,
texts from one sentence to three times their length, long titles, names and addresses,
with or without a figure. Each is laid out as ``briefgen render`` would (page budget
included) and inspected; the findings are counted by kind and printed as a Markdown table.

    nice -n 10 python bench/corpus.py --count 300 --out /tmp/corpus --jobs 2  # generate + count
    python bench/corpus.py --count 12 --out DIR --generate-only               # briefs only
    python bench/corpus.py --first 300 --count 300 --out DIR                  # 300 others

The briefs are rendered by ``briefgen render``'s own worker processes (``--jobs``, each
importing WeasyPrint once), as the command line renders them: its page budget, ``--fit``
and layout inspector, whose warnings are the findings. Results go to
``DIR/results.jsonl`` as each brief ends, so an interrupted run keeps what it measured
(run again to go on where it stopped).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
BASES = {
    "en": ROOT / "data" / "brief.yaml",
    "fr": ROOT / "data" / "examples" / "brief-fr-es.yaml",
    "es": ROOT / "data" / "examples" / "brief-fr-es.yaml",
    "ru": ROOT / "data" / "examples" / "brief-ru.yaml",
    "ar": ROOT / "data" / "examples" / "brief-ar.yaml",
    "zh": ROOT / "data" / "examples" / "brief-zh.yaml",
}
EVIDENCE = ROOT / "data" / "examples" / "evidence.yaml"
FIGURE = ROOT / "briefgen" / "starter-figure.svg"
EVIDENCE_KINDS = ("key_figures", "map", "ratings", "chart", "table", "management_response")
LONG_URL = (
    "https://www.example.org/evaluation-office/independent-evaluations/reports/2024/"
    "final-independent-cluster-evaluation-of-the-regional-programme-on-migrant-protection-"
    "and-assistance-full-report-with-annexes.pdf"
)
LONG_NAMES = {
    "en": "Ministry of Labour, Social Protection and Migration of the Federal Republic",
    "fr": "Ministère du Travail, de la Protection sociale et des Migrations de la République",
    "es": "Ministerio de Trabajo, Protección Social y Migraciones de la República Federal",
    "ru": "Министерство труда, социальной защиты и миграции Российской Федерации",
    "ar": "وزارة العمل والحماية الاجتماعية والهجرة في الجمهورية الاتحادية",
    "zh": "联合国毒品和犯罪问题办公室独立评价股与人口贩运和偷运移民科",
}
COUNTRIES = {
    "en": "Kenya, Ethiopia, South Sudan, Somalia, Djibouti, United Republic of Tanzania",
    "fr": "Kenya, Éthiopie, Soudan du Sud, Somalie, Djibouti, République-Unie de Tanzanie",
    "es": "Kenya, Etiopía, Sudán del Sur, Somalia, Djibouti, República Unida de Tanzanía",
    "ru": "Кения, Эфиопия, Южный Судан, Сомали, Джибути, Объединенная Республика Танзания",
    "ar": "كينيا، إثيوبيا، جنوب السودان، الصومال، جيبوتي، جمهورية تنزانيا المتحدة",
    "zh": "日本、荷兰、南苏丹、索马里、吉布提、坦桑尼亚联合共和国、大韩民国、新西兰",
}


def _resolve(value: Any, language: str) -> Any:
    """A multilingual value (``{fr: ..., es: ...}``) in one language."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES):
            return value.get(language, next(iter(value.values())))
        return {key: _resolve(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, language) for item in value]
    return value


def _base(language: str) -> dict[str, Any]:
    data = yaml.safe_load(BASES[language].read_text(encoding="utf-8"))
    data = _resolve(data, language)
    data.pop("languages", None)
    data["language"] = language
    return data


def _sentences(text: str) -> str:
    """The first sentence of a text, whatever the language's full stop."""
    for stop in (". ", "。", "؛ ", "، "):
        if stop in text:
            return text.split(stop)[0] + stop.strip()
    return text


def _scaled(text: str, factor: float) -> str:
    if factor < 1:
        return _sentences(text)
    return " ".join([text] * int(factor))


def _texts(section: dict[str, Any], factor: float) -> None:
    text = section.get("text")
    if isinstance(text, str):
        section["text"] = _scaled(text, factor)
    elif isinstance(text, list):
        section["text"] = [_scaled(t, factor) for t in text if isinstance(t, str)]


def _items(section: dict[str, Any], rng: random.Random, factor: float) -> None:
    items = section.get("items")
    if not isinstance(items, list) or not items:
        return
    count = rng.randint(0, 15)
    pool = [item for item in items if isinstance(item, (str, dict))]
    chosen = [copy.deepcopy(rng.choice(pool)) for _ in range(count)]
    for item in chosen:
        if isinstance(item, dict):
            item.pop("id", None)
    chosen = [
        _scaled(item, factor)
        if isinstance(item, str)
        else {**item, "text": _scaled(str(item.get("text", "")), factor)}
        for item in chosen
    ]
    if chosen:
        section["items"] = chosen
    else:
        section.pop("items")
        if not section.get("text"):
            section["text"] = _sentences(str(_first_text(items)))


def _first_paragraph(sections: list[dict[str, Any]]) -> str:
    for section in sections:
        text = section.get("text")
        if isinstance(text, list) and text:
            text = text[0]
        if isinstance(text, str) and text.strip():
            return text
    return "—"


def _first_text(items: list[Any]) -> str:
    first = items[0]
    return str(first.get("text", "")) if isinstance(first, dict) else str(first)


def _sections(
    sections: list[dict[str, Any]], rng: random.Random, factor: float, filler: str
) -> list[dict[str, Any]]:
    kept = []
    for section in sections:
        if rng.random() < 0.25:
            continue
        section = copy.deepcopy(section)
        if section.get("kind") == "figure":
            continue  # a figure without an image: added (or not) below
        _texts(section, factor)
        _items(section, rng, factor)
        if "sections" in section:
            section["sections"] = _sections(section["sections"], rng, factor, filler)
            if not section["sections"]:
                section.pop("sections")
        if not any(section.get(key) for key in ("text", "items", "sections")):
            section["text"] = filler
        kept.append(section)
    return kept


def generate(number: int, folder: Path) -> Path:
    """Write brief number ``number`` into ``folder``; the same number, the same brief."""
    rng = random.Random(number)
    language = LANGUAGES[number % len(LANGUAGES)]
    data = _base(language)
    factor = rng.choice((0.5, 1, 1, 2, 3))
    filler = _sentences(_first_paragraph(data["sections"]))
    data["sections"] = _sections(data.get("sections", []), rng, factor, filler)
    evidence = yaml.safe_load(EVIDENCE.read_text(encoding="utf-8"))["sections"]
    blocks = {section["kind"]: section for section in evidence}
    for kind in EVIDENCE_KINDS:
        if rng.random() < (0.25 if kind == "map" else 0.45):
            block = copy.deepcopy(blocks[kind])
            if kind == "management_response":
                recommendations = copy.deepcopy(blocks["recommendations"])
                for item in recommendations["items"]:
                    item["text"] = item["text"].replace(" ([](#f-gender))", "")
                data["sections"] = [
                    s for s in data["sections"] if s.get("kind") != "recommendations"
                ]
                data["sections"].append(recommendations)
                data["sections"].append(block)
                continue
            block["show_heading"] = rng.random() < 0.7
            data["sections"].insert(rng.randint(0, len(data["sections"])), block)
    if rng.random() < 0.5:
        figure = {
            "kind": "figure",
            "image": "figure.svg",
            "alt": "A column chart",
            "caption": "Schools with safe water, 2021-2024",
            "credit": "Illustrative data",
        }
        data["sections"].insert(rng.randint(0, len(data["sections"])), figure)
    if not data["sections"]:
        data["sections"] = [{"kind": "background", "text": "—"}]
    facts = data.get("quick_facts", [])
    rng.shuffle(facts)
    facts = facts[: rng.randint(0, len(facts))]
    if rng.random() < 0.3:
        facts.append({"label": "Partners", "value": LONG_NAMES[language]})
    if rng.random() < 0.3:
        facts.append({"label": "Countries", "value": COUNTRIES[language]})
    data["quick_facts"] = facts
    if not facts:
        data.pop("quick_facts")
    evaluation = data["evaluation"]
    if rng.random() < 0.3:
        evaluation["title"] = f"{evaluation['title']} {evaluation['title']}"
    if rng.random() < 0.3:
        evaluation["report"] = {"url": LONG_URL}
    data["layout"] = {"max_pages": 8}
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "figure.svg").exists():
        shutil.copy(FIGURE, folder / "figure.svg")
    path = folder / f"corpus-{number:04d}-{language}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


LAYOUT_WARNING = re.compile(r"^layout \(([a-z-]+)\): page (\d+), (\d+) mm from the top: (.*)$")


def record(outcome: Any) -> dict[str, Any]:
    """What the render of one brief found: its layout warnings, or why it was refused."""
    if not outcome.ok:
        return {"brief": outcome.path.name, "error": str(outcome.problems[0])[:300]}
    findings = []
    for warning in outcome.warnings:
        match = LAYOUT_WARNING.match(warning.message)
        if match:
            kind, page, top, message = match.groups()
            findings.append(
                {"kind": kind, "page": int(page), "top_mm": int(top), "message": message}
            )
    return {
        "brief": outcome.path.name,
        "pages": outcome.results[0].pages if outcome.results else 0,
        "seconds": round(outcome.seconds, 1),
        "findings": findings,
    }


def run(paths: list[Path], out: Path, jobs: int) -> dict[str, dict[str, Any]]:
    """Render the briefs not yet in ``out/results.jsonl`` as ``briefgen render`` does (its
    worker processes, page budget, ``layout.fit`` and inspector), appending as each ends."""
    from briefgen.batch import RenderRequest, render_many

    results_file = out / "results.jsonl"
    done: dict[str, dict[str, Any]] = {}
    if results_file.exists():
        for line in results_file.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            done[result["brief"]] = result
    pending = [path for path in paths if path.name not in done]
    if not pending:
        return done
    with results_file.open("a", encoding="utf-8") as sink:

        def finished(outcome: Any) -> None:
            result = record(outcome)
            done[result["brief"]] = result
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            sink.flush()
            kinds = Counter(f["kind"] for f in result.get("findings", []))
            print(result["brief"], result.get("error", "") or dict(kinds), flush=True)

        request = RenderRequest(["pdf"], out / "pdf", jobs=jobs, timeout=900)
        render_many(pending, request, on_done=finished)
    return done


def table(results: list[dict[str, Any]]) -> str:
    """Findings by kind: how many, and in how many briefs."""
    from briefgen.render.pdf.inspector import KINDS

    laid_out = [r for r in results if "error" not in r]
    counts: Counter[str] = Counter()
    briefs: Counter[str] = Counter()
    for result in laid_out:
        kinds = [f["kind"] for f in result["findings"]]
        counts.update(kinds)
        briefs.update(set(kinds))
    rows = ["| finding | count | briefs with it |", "|---|---:|---:|"]
    rows += [f"| {kind} | {counts[kind]} | {briefs[kind]} |" for kind in KINDS]
    clean = sum(not r["findings"] for r in laid_out)
    rows.append(f"| **briefs with none** | | {clean} of {len(laid_out)} |")
    failed = len(results) - len(laid_out)
    if failed:
        rows.append(f"| (briefs refused: too long for 8 pages or the sidebar) | | {failed} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="how many briefs [300]")
    parser.add_argument(
        "--first", type=int, default=0, help="the first brief's number, its random seed [0]"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes [2]")
    parser.add_argument("--generate-only", action="store_true")
    arguments = parser.parse_args()
    paths = [
        generate(n, arguments.out)
        for n in range(arguments.first, arguments.first + arguments.count)
    ]
    if arguments.generate_only:
        print(f"{len(paths)} briefs in {arguments.out}")
        return
    done = run(paths, arguments.out, arguments.jobs)
    print(table([done[p.name] for p in paths if p.name in done]))


if __name__ == "__main__":
    main()
