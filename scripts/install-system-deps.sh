#!/usr/bin/env bash
# Install the Debian packages briefgen needs; pip cannot install these.
#   scripts/install-system-deps.sh                 what rendering needs
#   scripts/install-system-deps.sh --test          plus what the tests need
#   scripts/install-system-deps.sh --venv PYTHON   what PYTHON needs to create .venv
# Runtime: Pango (WeasyPrint's text layout) and libharfbuzz-subset0, which makes
# WeasyPrint subset fonts with HarfBuzz (about 6x faster PDF writing than fontTools);
# libcairo2, with which cairosvg draws SVG figures as PNG pictures for the DOCX.
# fonts-noto-cjk, the Chinese (Han) font, loaded by file path (no PyPI package has one).
# Hunspell and its dictionaries (LibreOffice's) for the spelling check of `briefgen validate`.
# Tests: poppler-utils (pdftotext, pdftoppm, pdffonts), git (pre-commit), Chromium (axe-core checks and
# screenshots of the HTML), npm (installs the pinned axe-core) and LibreOffice Writer
# (opens the DOCX and converts it to PDF, as a real office suite); a headless Java runtime
# for the W3C Nu HTML checker (npm vnu-jar, pinned in tools/vnu).
# Not on Debian (macOS, other Linux): the script says what it cannot do and stops; see
# the README's "Set-up" for the equivalent packages.
set -euo pipefail

packages=()
case "${1:-}" in
  --venv)
    python="${2:?usage: $0 --venv PYTHON}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "briefgen needs Python 3.11 or newer; '$python' is not. Run: make PYTHON=python3.12 ..." >&2
      exit 1
    fi
    # Debian splits venv's pip bootstrap into python3.X-venv.
    if "$python" -c 'import ensurepip' 2>/dev/null; then
      exit 0
    fi
    packages+=("python3-venv" "$("$python" -c 'import sys; print(f"python3.{sys.version_info[1]}-venv")')")
    ;;
  --test)
    packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-dejavu-core fonts-noto-cjk)
    packages+=(libhunspell-1.7-0 hunspell-en-gb hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar)
    packages+=(poppler-utils chromium libreoffice-writer-nogui git default-jre-headless)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    ;;
  "")
    packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-dejavu-core fonts-noto-cjk)
    packages+=(libhunspell-1.7-0 hunspell-en-gb hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar)
    ;;
  *)
    echo "usage: $0 [--test | --venv PYTHON]" >&2
    exit 2
    ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: install these (or your system's equivalents) yourself: ${packages[*]}" >&2
  exit 0
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
# Wait for another apt or unattended-upgrades run instead of failing at once.
apt=(apt-get -o DPkg::Lock::Timeout=600 -qq)
echo "Installing Debian packages: ${missing[*]}"
$sudo "${apt[@]}" update
DEBIAN_FRONTEND=noninteractive $sudo "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
