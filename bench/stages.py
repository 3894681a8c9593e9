"""Where a cold ``render -f pdf`` goes, stage by stage, in one process (the worker's work).

Prints each stage's wall and CPU seconds (CPU: this process's user + system time, which
other jobs on a shared machine disturb far less than wall time), and how many layouts
(``weasyprint.HTML.render`` calls) the render took. For the calls inside a stage, run
``python -m cProfile -s cumulative bench/stages.py``.

    python bench/stages.py [data/brief.yaml]   # any page count is allowed
    python bench/stages.py data/brief.yaml final.html  # also write the HTML the PDF is
                                                       # laid out from (after the cut)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

marks: list[tuple[str, float, float]] = []
_last = [time.perf_counter(), time.process_time()]


def mark(name: str) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    marks.append((name, wall - _last[0], cpu - _last[1]))
    _last[:] = [wall, cpu]


def main() -> None:
    brief = Path(sys.argv[1] if len(sys.argv) > 1 else "data/brief.yaml")
    from briefgen.api import RenderOptions, _with_options, load_brief

    mark("import briefgen (YAML, pydantic models, Jinja)")
    from briefgen.render.pdf.budget import lay_out_within_budget
    from briefgen.render.pdf.engine import PdfEngine
    from briefgen.render.pdf.print_job import print_job

    mark("import briefgen's renderers")
    engine = PdfEngine()
    mark("import WeasyPrint")
    loaded = _with_options(load_brief(brief), RenderOptions(max_pages=10000))
    mark("load and validate the brief")
    print_job(loaded)
    mark("print HTML (template, typography, font subsets)")

    import weasyprint

    layouts: list[float] = []
    render = weasyprint.HTML.render

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return render(self, *args, **kwargs)
        finally:
            layouts.append(time.process_time() - started)

    weasyprint.HTML.render = timed  # type: ignore[method-assign]
    mark("(set-up)")
    report, _ = lay_out_within_budget(loaded, engine, fit=False)
    mark("layouts, cut, hyphenation checks (print HTML again)")
    engine.write()
    mark("PDF/UA tags, font subsets, PDF written (in memory)")
    if len(sys.argv) > 2:  # the two-column document, for bench/run.py's bare script
        from briefgen.render.pdf.page_split import serialise

        final = serialise(engine.document._html.etree_element)
        Path(sys.argv[2]).write_text(final, encoding="utf-8")
    for name, wall, cpu in marks:
        if name != "(set-up)":
            print(f"{name:55s} wall {wall:6.3f} s  CPU {cpu:6.3f} s")
    each = ", ".join(f"{seconds:.3f}" for seconds in layouts)
    print(f"{len(layouts)} layouts (CPU s each: {each}); {report.pages} pages")
    print(f"total: wall {sum(m[1] for m in marks):.3f} s, CPU {sum(m[2] for m in marks):.3f} s")


if __name__ == "__main__":
    main()
