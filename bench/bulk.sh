#!/usr/bin/env bash
# Whole-run benchmark over a generated corpus (bench/make_corpus.sh): per
# format, documents/s and pages/s with 1 and 2 jobs and peak memory, with
# `pdftotext -layout` run as parallel on the same PDFs as the yardstick and
# pdfplumber table extraction on the same PDFs (all of them, or the first
# PDFPLUMBER_SAMPLE), 1-way and 2-way like baocao. Prints a Markdown table,
# then the ratios issue 7 asks for. Each baocao and pdftotext row is the
# median of BULK_ROUNDS runs (default 3).
# Needs poppler-utils, GNU time, bc; pdfplumber (pip) for its rows.
# usage: bench/bulk.sh CORPUS_DIR [PDFPLUMBER_SAMPLE|all]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: bench/bulk.sh CORPUS_DIR [PDFPLUMBER_SAMPLE|all]}
sample=${2:-all}
cargo build --release -q --bin baocao
bin=$PWD/target/release/baocao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages_of() { for f in "$@"; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc; }
declare -A secs
# Times each run is repeated; the median time and the largest peak memory
# are reported (a shared virtual machine's speed drifts between runs).
rounds=${BULK_ROUNDS:-3}
# run KEY LABEL DOCS PAGES CMD...: timed runs, a Markdown row; the median
# seconds are kept under KEY. pdfplumber is run once (ROUNDS=1).
run() {
    local key=$1 label=$2 docs=$3 pages=$4; shift 4
    local n=${ROUNDS:-$rounds} s kb all=() peak=0
    for _ in $(seq "$n"); do
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2>&1 || true
        read -r s kb < "$tmp/time"
        all+=("$s")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    s=$(printf '%s\n' "${all[@]}" | sort -g | sed -n "$(( (n + 1) / 2 ))p")
    kb=$peak
    secs[$key]=$s
    local pps="—"
    [ "$pages" != "-" ] && pps=$(echo "scale=1; $pages / $s" | bc)
    printf '| %s | %s | %s | %.2f | %.1f | %s | %d |\n' "$label" "$docs" "$pages" "$s" \
        "$(echo "$docs / $s" | bc -l)" "$pps" "$((kb / 1024))"
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
cat > "$tmp/plumber.py" <<'PY'
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
PY
baocao_run() { # KEY LABEL DOCS PAGES LIST JOBS
    run "$1" "$2" "$3" "$4" "$bin" extract --files-from "$5" --jobs "$6" --no-progress \
        --format jsonl --output "$tmp/out.jsonl"
}
echo "| run | docs | pages | seconds | docs/s | pages/s | peak MB |"
echo "|---|---|---|---|---|---|---|"
for fmt in pdf docx txt; do
    mapfile -t files < <(ls "$corpus/$fmt"/*)
    printf '%s\n' "${files[@]}" > "$tmp/$fmt.list"
    pages=-
    [ "$fmt" = pdf ] && pages=$(pages_of "${files[@]}")
    for jobs in 1 2; do
        baocao_run "$fmt$jobs" "baocao $fmt, --jobs $jobs" "${#files[@]}" "$pages" "$tmp/$fmt.list" "$jobs"
    done
    [ "$fmt" = pdf ] || continue
    for jobs in 1 2; do
        run "pdftotext$jobs" "pdftotext -layout, $jobs-way" "${#files[@]}" "$pages" \
            sh -c "xargs -P $jobs -I{} pdftotext -layout {} - < '$tmp/pdf.list'"
    done
    python3 -c "import pdfplumber" 2>/dev/null || continue
    if [ "$sample" = all ]; then cp "$tmp/pdf.list" "$tmp/some.list"; else head -n "$sample" "$tmp/pdf.list" > "$tmp/some.list"; fi
    mapfile -t some < "$tmp/some.list"
    some_pages=$(pages_of "${some[@]}")
    for jobs in 1 2; do
        ROUNDS=1 run "plumber$jobs" "pdfplumber extract_tables, $jobs-way" "${#some[@]}" "$some_pages" \
            sh -c "xargs -P $jobs -n 20 python3 '$tmp/plumber.py' < '$tmp/some.list'"
        baocao_run "some$jobs" "baocao pdf, --jobs $jobs (pdfplumber's PDFs)" "${#some[@]}" "$some_pages" "$tmp/some.list" "$jobs"
    done
done
echo
echo "- PDF, 2 jobs: baocao takes $(ratio "${secs[pdf2]}" "${secs[pdftotext2]}")× the time of pdftotext -layout 2-way (target ≤ 2)."
for fmt in pdf docx txt; do
    echo "- Scaling 1 → 2 jobs, $fmt: $(ratio "${secs[${fmt}1]}" "${secs[${fmt}2]}")×."
done
if [ -n "${secs[plumber1]:-}" ]; then
    for jobs in 1 2; do
        echo "- pdfplumber $jobs-way takes $(ratio "${secs[plumber$jobs]}" "${secs[some$jobs]}")× the time of baocao --jobs $jobs on the same PDFs (target ≥ 30)."
    done
fi
