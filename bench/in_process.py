"""A brief rendered in this process, without a worker: what ``briefgen render`` would
cost with no time limit and no way to stop a layout. The baseline for the worker's price.

    python bench/in_process.py data/brief.yaml /tmp/out [pdf md ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen.api import RenderOptions, load_brief, render_files, write_files


def main() -> None:
    brief, folder, *formats = sys.argv[1:]
    loaded = load_brief(Path(brief))
    files, companions = render_files(loaded, tuple(formats or ["pdf"]), RenderOptions())  # type: ignore[arg-type]
    write_files(Path(brief), files, folder, companions)


if __name__ == "__main__":
    main()
