#!/usr/bin/env bash
# Install the Debian packages briefgen needs; pip cannot install these.
#   scripts/install-system-deps.sh          what rendering needs
#   scripts/install-system-deps.sh --test   plus what the tests need
# Runtime: Pango (WeasyPrint's text layout) and libharfbuzz-subset0, which makes
# WeasyPrint subset fonts with HarfBuzz (about 6x faster PDF writing than fontTools).
# Tests: poppler-utils (pdftotext, pdftoppm, pdffonts), Chromium (axe-core checks and
# screenshots of the HTML) and npm (installs the pinned axe-core).
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(poppler-utils chromium)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=""
if [[ "$(id -u)" != 0 ]]; then
  sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
