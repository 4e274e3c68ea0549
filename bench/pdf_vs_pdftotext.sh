#!/usr/bin/env bash
# Speed of the PDF front end against poppler's `pdftotext -layout` on the same
# files, one process at a time, in one run. Needs poppler-utils.
# usage: bench/pdf_vs_pdftotext.sh [ROUNDS] [PDF...]   (default: 20 rounds over the PDF fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(ls fixtures/rendered/*.pdf fixtures/pdf/*.pdf)
fi
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 2; }
cargo build --release -q
bin=target/release/baocao
pages=0
for f in "${files[@]}"; do
    pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
t0=$(now)
for _ in $(seq "$rounds"); do
    "$bin" extract "${files[@]}" --jobs 1 --no-progress --output "$tmp/out.jsonl" 2>/dev/null || true
done
t1=$(now)
for _ in $(seq "$rounds"); do
    for f in "${files[@]}"; do pdftotext -layout "$f" "$tmp/out.txt"; done
done
t2=$(now)
awk -v b="$(echo "$t1 - $t0" | bc)" -v p="$(echo "$t2 - $t1" | bc)" -v n=${#files[@]} -v pg="$pages" -v r="$rounds" 'BEGIN {
    printf "%d PDFs, %d pages, %d rounds\n", n, pg, r
    printf "baocao extract --jobs 1 : %.3f s  (%.1f pages/s, %.1f ms/PDF)\n", b, pg*r/b, 1000*b/(n*r)
    printf "pdftotext -layout       : %.3f s  (%.1f pages/s, %.1f ms/PDF)\n", p, pg*r/p, 1000*p/(n*r)
    printf "ratio baocao/pdftotext  : %.2f\n", b/p
}'
