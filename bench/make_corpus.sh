#!/usr/bin/env bash
# Generates the bulk benchmark corpus (not committed): perturbed renderings
# of the five gold reports as DOCX and PDF, and text dumps of the PDFs.
# 300 DOCX + 300 PDF + 400 text = 1000 documents by default.
# Needs python-docx, LibreOffice (soffice) and poppler-utils.
# usage: bench/make_corpus.sh OUT_DIR [VARIANTS_PER_REPORT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: bench/make_corpus.sh OUT_DIR [VARIANTS]}
n=${2:-60}
mkdir -p "$out/docx" "$out/pdf" "$out/txt"
python3 bench/render_variants.py "$out/docx" "$n"
# One LibreOffice start converts every DOCX; a second pass retries any it
# left out (a long batch sometimes stops early).
soffice --headless --convert-to pdf --outdir "$out/pdf" "$out"/docx/*.docx >/dev/null 2>&1 || true
missing=()
for d in "$out"/docx/*.docx; do
    [ -f "$out/pdf/$(basename "$d" .docx).pdf" ] || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
    soffice --headless --convert-to pdf --outdir "$out/pdf" "${missing[@]}" >/dev/null 2>&1
fi
k=0
for pdf in "$out"/pdf/*.pdf; do
    base=$(basename "$pdf" .pdf)
    pdftotext -layout "$pdf" "$out/txt/$base.layout.txt"
    if [ $((k % 3)) -eq 0 ]; then pdftotext "$pdf" "$out/txt/$base.raw.txt"; fi
    k=$((k + 1))
done
echo "$(ls "$out"/docx | wc -l) DOCX, $(ls "$out"/pdf | wc -l) PDF, $(ls "$out"/txt | wc -l) text files in $out"
