#!/usr/bin/env bash
# Render briefs in CI: install briefgen and its system libraries, then render.
# The one script behind action.yml (GitHub) and the README's GitLab job; the tests run it
# end to end (tests/test_ci_render.py). Run it from the root of the repository of briefs.
#
# Settings, from the environment. A list is one entry per line; a list on one line is
# split at spaces. So a name with spaces (or a --report value with one) is written on a
# line of its own. Quote nothing: globs such as briefs/*.yaml are expanded by briefgen,
# not by the shell, and a brief whose name starts with "-" is still read as a file name.
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

# The entries of a list setting, one per line: its lines, or its words if it is one line.
entries() {
  local value=$1
  if [[ "$value" == *$'\n'* ]]; then
    printf '%s\n' "$value" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | grep -v '^$' || true
  else
    local word
    set -f # split at white space, but expand no glob here
    for word in $value; do printf '%s\n' "$word"; done
    set +f
  fi
}

# The arguments of `briefgen render`, one per line: options first, then "--", then the
# briefs, so that no brief's name is taken for an option (--report=json=brief.yaml).
render_arguments() {
  local format
  printf '%s\n' render "--output-dir=${BRIEFGEN_OUTPUT_DIR:-out}"
  while IFS= read -r format; do
    printf '%s\n' --format "$format"
  done < <(entries "${BRIEFGEN_FORMATS:-pdf html md}")
  entries "${BRIEFGEN_ARGS:-}"
  printf '%s\n' --
  entries "${BRIEFGEN_BRIEFS:-data/brief.yaml}"
}

main() {
  local here source venv python arguments
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  source=${BRIEFGEN_SOURCE:-$here}
  venv=${BRIEFGEN_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/briefgen-venv}
  python=${PYTHON:-python3}

  group group "Install briefgen"
  "$here/scripts/install-system-deps.sh"
  "$here/scripts/install-system-deps.sh" --venv "$python"
  [[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$source"
  "$venv/bin/briefgen" --version
  group endgroup

  mapfile -t arguments < <(render_arguments)
  exec "$venv/bin/briefgen" "${arguments[@]}"
}

group() { [[ "${GITHUB_ACTIONS:-}" != true ]] || echo "::$1::${2:-}"; } # fold the log

# Sourced (by the tests), it only defines the functions above.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
