"""Rewrite the command reference (docs/commands.md, linked from the README) from the real
``--help`` of every command.

Run it after changing an option or a docstring: ``python scripts/update-readme-help.py``.
tests/test_readme_help.py fails until the README matches.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_readme_help import COMMANDS, help_text  # noqa: E402

START = "<!-- command-reference:start -->"
END = "<!-- command-reference:end -->"


def reference() -> str:
    blocks = []
    for command in COMMANDS:
        prompt = f"$ briefgen {command} --help".replace("  ", " ")
        blocks.append(f"```text\n{prompt}\n{help_text(command)}```")
    return "\n\n".join(blocks)


def main() -> None:
    readme = ROOT / "docs" / "commands.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), flags=re.DOTALL)
    if not pattern.search(text):
        sys.exit(f"{readme}: no {START} ... {END} markers")
    readme.write_text(pattern.sub(f"{START}\n{reference()}\n{END}", text), encoding="utf-8")


if __name__ == "__main__":
    main()
