#!/bin/sh
# Render the reference brief's pages as the README's pictures: docs/brief-page-1.png and
# docs/brief-page-2.png, 60 dpi, with briefgen's own page images (-f png, PDFium from
# pypdfium2: no system rasteriser). Run from the repository root.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
briefgen render data/brief.yaml --format png --dpi 60 --output-dir "$work" --quiet
mkdir -p docs
for page in 1 2; do
    mv "$work/brief-$page.png" "docs/brief-page-$page.png"
done
echo "wrote docs/brief-page-1.png, docs/brief-page-2.png"
