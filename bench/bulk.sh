#!/usr/bin/env bash
# Whole-run benchmark over a generated corpus (bench/make_corpus.sh): per
# format, documents/s and pages/s with 1 and 2 jobs and peak memory, with
# `pdftotext -layout` run as parallel on the same PDFs as the yardstick and
# pdfplumber table extraction on a sample of them. Prints a Markdown table.
# Needs poppler-utils, GNU time; pdfplumber (pip) for its row.
# usage: bench/bulk.sh CORPUS_DIR [PDFPLUMBER_SAMPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: bench/bulk.sh CORPUS_DIR}
sample=${2:-15}
cargo build --release -q --bin baocao
bin=$PWD/target/release/baocao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages_of() { for f in "$@"; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc; }
# run LABEL DOCS PAGES CMD...: one timed run, a Markdown row.
run() {
    local label=$1 docs=$2 pages=$3; shift 3
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2>&1 || true
    read -r secs kb < "$tmp/time"
    local pps="—"
    [ "$pages" != "-" ] && pps=$(echo "scale=1; $pages / $secs" | bc)
    printf '| %s | %s | %s | %.2f | %.1f | %s | %d |\n' "$label" "$docs" "$pages" "$secs" \
        "$(echo "$docs / $secs" | bc -l)" "$pps" "$((kb / 1024))"
}
echo "| run | docs | pages | seconds | docs/s | pages/s | peak MB |"
echo "|---|---|---|---|---|---|---|"
for fmt in pdf docx txt; do
    mapfile -t files < <(ls "$corpus/$fmt"/*)
    printf '%s\n' "${files[@]}" > "$tmp/$fmt.list"
    pages=-
    [ "$fmt" = pdf ] && pages=$(pages_of "${files[@]}")
    for jobs in 1 2; do
        run "baocao $fmt, --jobs $jobs" "${#files[@]}" "$pages" \
            "$bin" extract --files-from "$tmp/$fmt.list" --jobs "$jobs" --no-progress \
            --format jsonl --output "$tmp/out.jsonl"
    done
    if [ "$fmt" = pdf ]; then
        for jobs in 1 2; do
            run "pdftotext -layout, $jobs-way" "${#files[@]}" "$pages" \
                sh -c "xargs -P $jobs -I{} pdftotext -layout {} - < '$tmp/pdf.list'"
        done
        if python3 -c "import pdfplumber" 2>/dev/null; then
            head -n "$sample" "$tmp/pdf.list" > "$tmp/sample.list"
            mapfile -t some < "$tmp/sample.list"
            run "pdfplumber extract_tables, 1-way (sample)" "${#some[@]}" "$(pages_of "${some[@]}")" \
                python3 -c "
import sys, pdfplumber
for path in open('$tmp/sample.list').read().split():
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"
            run "baocao pdf, --jobs 1 (same sample)" "${#some[@]}" "$(pages_of "${some[@]}")" \
                "$bin" extract --files-from "$tmp/sample.list" --jobs 1 --no-progress \
                --format jsonl --output "$tmp/out.jsonl"
        fi
    fi
done
