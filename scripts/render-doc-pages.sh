#!/bin/sh
# Render the reference brief and save the README's pictures, run from the repository root:
# docs/brief-page-1.png and docs/brief-page-2.png (the PDF's pages at 60 dpi, from
# briefgen's own page images: -f png, PDFium from pypdfium2, no system rasteriser), and
# docs/web-1280.png and docs/web-390.png (the web page in headless Chromium, the top
# 1400 px at a desktop and a phone width).
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
briefgen render data/brief.yaml --format png --format html --dpi 60 --output-dir "$work" --quiet
mkdir -p docs
for page in 1 2; do
    mv "$work/brief-$page.png" "docs/brief-page-$page.png"
done
python3 - "$work/brief.html" <<'PY'
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, "tests")
from browser import screenshot  # noqa: E402

for width in (1280, 390):
    target = Path(f"docs/web-{width}.png")
    screenshot(Path(sys.argv[1]), target, width, 1400)
    with Image.open(target) as shot:  # 256 colours: a third of the size, same look
        shot.convert("RGB").quantize(256).save(target, optimize=True)
PY
echo "wrote docs/brief-page-1.png, docs/brief-page-2.png, docs/web-1280.png, docs/web-390.png"
