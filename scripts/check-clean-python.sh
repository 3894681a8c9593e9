#!/usr/bin/env bash
# Refuse a base Python that can already import briefgen's packages.
#   scripts/check-clean-python.sh PYTHON
# .ci/run proves that the README's two commands set up a newcomer's machine. If the Python
# that creates .venv already has typer, WeasyPrint, Jinja, pydantic or python-docx, a test
# that reaches outside .venv (as one did through system_site_packages) passes by luck and
# the run proves nothing: stop before running anything.
set -euo pipefail

python="${1:?usage: $0 PYTHON}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "check-clean-python: '$python' is not a Python on this machine." >&2
  exit 1
fi
found=()
for module in typer weasyprint jinja2 pydantic docx; do
  if "$python" -c "import $module" >/dev/null 2>&1; then
    found+=("$module")
  fi
done
if [[ ${#found[@]} -gt 0 ]]; then
  {
    echo "check-clean-python: $python can already import: ${found[*]}."
    echo "A run from it would not show what a newcomer's machine does. Use a Python without"
    echo "briefgen's packages, e.g. BRIEFGEN_CI_PYTHON=/usr/bin/python3 bash .ci/run"
  } >&2
  exit 1
fi
