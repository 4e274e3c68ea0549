#!/usr/bin/env bash
# OCR throughput: baocao on scanned PDFs with --jobs 2 (no OCR cache),
# beside the `tesseract` binary alone on the same page images (the prepared
# 300-dpi pages baocao hands it, dumped with BAOCAO_OCR_DUMP): one run per
# image, 2 at a time; and two runs each reading half of the images from a
# list (the models loaded once per run, as baocao's workers load them).
# usage: bench/ocr_throughput.sh BAOCAO_BIN PDF...
set -euo pipefail
bin=$1; shift
dump=$(mktemp -d); out=$(mktemp -d)
trap 'rm -rf "$dump" "$out"' EXIT
pages=$(for f in "$@"; do pdfinfo "$f" | awk '/^Pages:/{print $2}'; done | paste -sd+ | bc)
# The page images, once (untimed: writing them costs time of its own).
BAOCAO_OCR_DUMP="$dump" "$bin" extract --no-progress --jobs 2 --no-ocr-cache \
    --output-dir "$out" "$@" 2>/dev/null
start=$(date +%s.%N)
"$bin" extract --no-progress --jobs 2 --no-ocr-cache --output-dir "$out" "$@" 2>/dev/null
ours=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
ls "$dump"/*.tif | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} \
    tesseract {} stdout -l vie+eng --dpi 300 --psm 11 tsv >/dev/null 2>&1
engine=$(echo "$(date +%s.%N) - $start" | bc)
ls "$dump"/*.tif | awk -v d="$dump" '{print > (d "/list" (NR % 2))}'
start=$(date +%s.%N)
printf '%s\n' "$dump"/list0 "$dump"/list1 | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} \
    tesseract {} stdout -l vie+eng --dpi 300 --psm 11 tsv >/dev/null 2>&1
listed=$(echo "$(date +%s.%N) - $start" | bc)
printf 'pages %s\nbaocao --jobs 2: %.1f s, %.2f pages/s\n' "$pages" "$ours" "$(echo "$pages / $ours" | bc -l)"
printf 'tesseract alone (page pass, 2 parallel): %.1f s, %.2f pages/s\n' "$engine" "$(echo "$pages / $engine" | bc -l)"
printf 'tesseract alone (page pass, 2 runs on lists): %.1f s, %.2f pages/s\n' "$listed" "$(echo "$pages / $listed" | bc -l)"
printf 'overhead over the engine: %.0f %% (over the runs on lists: %.0f %%)\n' \
    "$(echo "($ours / $engine - 1) * 100" | bc -l)" "$(echo "($ours / $listed - 1) * 100" | bc -l)"
