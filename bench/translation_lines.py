"""Lines an author writes to give a brief a French version, two ways (issue 30, item 3).

Inline, every text of the brief becomes ``{en: ..., fr: ...}``: a one-line text is edited
in place (``title: {en: ..., fr: ...}``), a paragraph is re-nested (``en: >-`` and
``fr: >-`` lines, the English re-indented under the first, the French under the second).
In a translation file (``briefgen translate brief.yaml --to fr``), the paths and the
English are written by briefgen; the author writes the French after each path (``>-``
on the path's line for a paragraph). Both count the ``languages:`` line. The French is
taken to need as many lines as the English.

    PYTHONPATH=$PWD .venv/bin/python bench/translation_lines.py [data/brief.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen.loading.translations import translatable_texts
from briefgen.loading.yaml_source import load_yaml


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "data/brief.yaml")
    source = load_yaml(path)
    texts = translatable_texts(source)
    inline_flow = inline_block = in_file = 1  # the languages: line
    one_line = 0
    for key_path, _text in texts:
        start = source.value_positions[key_path]
        end = source.value_ends.get(key_path, start)
        last = end.line - 1 if end.column == 1 and end.line > start.line else end.line
        block = source.text.splitlines()[start.line - 1][start.column - 1 :].startswith((">", "|"))
        content = last - start.line if block else last - start.line + 1  # the text's lines
        if content <= 1 and not block:
            one_line += 1
            inline_flow += 1  # title: {en: ..., fr: ...}
            inline_block += 3  # title:, en: ..., fr: ...
            in_file += 1  # evaluation.title: ...
        else:
            # key:, en: >-, the English re-indented, fr: >-, the French
            inline_flow += 3 + 2 * content
            inline_block += 3 + 2 * content
            in_file += 1 + content  # path: >-, the French
    lines = len(source.text.splitlines())
    print(f"{path}: {lines} lines, {len(texts)} texts to translate ({one_line} on one line)")
    print(f"inline, one-line texts as {{en: ..., fr: ...}}: {inline_flow} lines written or moved")
    print(f"inline, every text re-nested under en:/fr:   {inline_block} lines written or moved")
    print(f"translation file (briefgen translate):      {in_file} lines written")


if __name__ == "__main__":
    main()
