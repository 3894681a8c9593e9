#!/bin/sh
# Render the reference brief and save the README's pictures, run from the repository root:
# docs/brief-page-1.png and docs/brief-page-2.png (the PDF's pages at 60 dpi, from
# briefgen's own page images: -f png, PDFium from pypdfium2, no system rasteriser),
# docs/web-1280.png and docs/web-390.png (the web page in headless Chromium, the top
# 1400 px at a desktop and a phone width), and docs/brief-docx-page-1.png (the DOCX's first
# page as LibreOffice lays it out on a machine without the brief's fonts, which it takes
# from the DOCX itself, drawn at 60 dpi by PDFium); and docs/evidence-page-1.png and
# docs/evidence-page-2.png (data/examples/evidence.yaml, every evidence block, as PDF pages);
# docs/key-figures-page-1.png, docs/brief-zh-page-*.png and docs/brief-ar-page-*.png.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
briefgen render data/brief.yaml --format png --format html --format docx --dpi 60 \
    --output-dir "$work" --quiet
briefgen render data/examples/evidence.yaml --format png --dpi 60 --output-dir "$work" --quiet
mkdir -p docs
for name in brief evidence; do
    for page in 1 2; do
        mv "$work/$name-$page.png" "docs/$name-page-$page.png"
    done
done
# The layout inspector's pictures (README, "What it makes"): a brief with key figures
# beside the quick facts, and the Chinese and Arabic examples.
briefgen render tests/briefs/layout/key-figures.yaml data/examples/brief-zh.yaml \
    data/examples/brief-ar.yaml --format png --dpi 60 --output-dir "$work" --quiet
mv "$work/key-figures-1.png" docs/key-figures-page-1.png
for name in brief-zh brief-ar; do
    for page in 1 2; do
        mv "$work/$name-$page.png" "docs/$name-page-$page.png"
    done
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

# Only DejaVu is visible to LibreOffice: Source Sans 3 comes from the DOCX's embedded fonts.
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>
<cachedir>$work/fontcache</cachedir></fontconfig>
CONF
FONTCONFIG_FILE="$work/fonts.conf" soffice "-env:UserInstallation=file://$work/profile" \
    --headless --convert-to pdf --outdir "$work/docx" "$work/brief.docx" >/dev/null 2>&1
python3 -c "
import sys
from pathlib import Path
from briefgen.render.pdf.png import page_images
Path(sys.argv[2]).write_bytes(page_images(Path(sys.argv[1]).read_bytes(), 60)[0])
" "$work/docx/brief.pdf" docs/brief-docx-page-1.png
echo "wrote docs/brief-page-1.png, docs/brief-page-2.png, docs/web-1280.png, docs/web-390.png,"
echo "      docs/brief-docx-page-1.png, docs/evidence-page-1.png, docs/evidence-page-2.png"
