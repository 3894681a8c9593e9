#!/usr/bin/env bash
# Write a website of briefs in CI, with the briefgen that scripts/ci-render.sh installed.
# The Action's `site-dir` input runs it after rendering; publish the folder as it is
# (GitHub Pages: actions/upload-pages-artifact, then actions/deploy-pages).
#   BRIEFGEN_BRIEFS    files, folders or globs, separated by spaces or newlines [data/brief.yaml]
#   BRIEFGEN_SITE_DIR  the folder to write the site to                          [public]
#   BRIEFGEN_VENV      the virtualenv briefgen is in   [$RUNNER_TEMP/briefgen-venv]
# Exit status: briefgen's (0 every brief in the site, 1 a brief left out, 2 a usage error).
set -euo pipefail

venv=${BRIEFGEN_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/briefgen-venv}
set -f # split the list on white space, but expand no glob here (briefgen does)
# shellcheck disable=SC2206
briefs=(${BRIEFGEN_BRIEFS:-data/brief.yaml})
set +f
exec "$venv/bin/briefgen" site --output-dir "${BRIEFGEN_SITE_DIR:-public}" -- "${briefs[@]}"
