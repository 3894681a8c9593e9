#!/bin/sh
# Render the reference brief and save its pages as the README's pictures:
# docs/brief-page-1.png and docs/brief-page-2.png, 60 dpi. Run from the repository root.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
briefgen render data/brief.yaml --format pdf --output-dir "$work" --quiet
mkdir -p docs
pdftoppm -png -r 60 "$work/brief.pdf" "$work/page"
for page in 1 2; do
    mv "$work/page-$page.png" "docs/brief-page-$page.png"
done
echo "wrote docs/brief-page-1.png, docs/brief-page-2.png"
