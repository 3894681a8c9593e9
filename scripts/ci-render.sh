#!/usr/bin/env bash
# Render briefs in CI: install briefgen and its system libraries, then render.
# The one script behind action.yml (GitHub) and the README's GitLab job; the tests run it
# end to end (tests/test_ci_render.py). Run it from the root of the repository of briefs.
#
# Settings, from the environment (lists are separated by spaces or newlines; quote
# nothing: globs such as briefs/*.yaml are expanded by briefgen, not by the shell):
#   BRIEFGEN_BRIEFS      files, folders or globs to render   [data/brief.yaml]
#   BRIEFGEN_FORMATS     formats: pdf html md png             [pdf html md]
#   BRIEFGEN_OUTPUT_DIR  where the outputs go                 [out]
#   BRIEFGEN_ARGS        more render options, e.g. --thumbnail --fit --dpi 100
#                        --report gitlab-codequality=gl-code-quality.json
#   BRIEFGEN_SOURCE      what pip installs briefgen from      [this script's repository]
#   BRIEFGEN_VENV        the virtualenv briefgen goes into    [$RUNNER_TEMP/briefgen-venv]
# On GitHub Actions briefgen itself adds the annotations and the step summary.
# Exit status: briefgen's (0 all rendered, 1 a brief failed, 2 a usage error).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source=${BRIEFGEN_SOURCE:-$here}
venv=${BRIEFGEN_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/briefgen-venv}
python=${PYTHON:-python3}

group() { [[ "${GITHUB_ACTIONS:-}" != true ]] || echo "::$1::${2:-}"; } # fold the log
group group "Install briefgen"
"$here/scripts/install-system-deps.sh"
"$here/scripts/install-system-deps.sh" --venv "$python"
[[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$source"
"$venv/bin/briefgen" --version
group endgroup

set -f # split the lists on white space, but expand no glob here
# shellcheck disable=SC2206
briefs=(${BRIEFGEN_BRIEFS:-data/brief.yaml})
formats=()
for format in ${BRIEFGEN_FORMATS:-pdf html md}; do
  formats+=(--format "$format")
done
# shellcheck disable=SC2206
extra=(${BRIEFGEN_ARGS:-})
set +f

exec "$venv/bin/briefgen" render "${briefs[@]}" "${formats[@]}" \
  --output-dir "${BRIEFGEN_OUTPUT_DIR:-out}" "${extra[@]}"
