#!/usr/bin/env bash
# The issue-8 bar: the malformed corpus at full scale (a 30 MB line, a 1 GiB
# zip bomb, …; written by examples/malformed_corpus.rs) plus one good
# report, through `baocao extract` with its worker processes. Prints the
# wall time, peak memory (of baocao and its workers), exit code, records
# written and any panic message. Needs GNU time (/usr/bin/time).
# usage: bench/malformed.sh [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
cargo build --release -q --bin baocao --example malformed_corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/examples/malformed_corpus "$tmp/corpus" > "$tmp/cases.tsv"
cut -f1 "$tmp/cases.tsv" > "$tmp/inputs"
echo fixtures/seeds/000_ba21f554f00fdddf.txt >> "$tmp/inputs"
echo "$(wc -l < "$tmp/inputs") inputs, $(du -sh "$tmp/corpus" | cut -f1) on disk"
set +e
mapfile -t inputs < "$tmp/inputs"
/usr/bin/time -f "%e s wall, %M KB peak RSS (largest process)" \
    target/release/baocao extract "${inputs[@]}" --jobs "$jobs" --no-progress \
    --format jsonl --output "$tmp/out.jsonl" 2> "$tmp/stderr"
code=$?
set -e
tail -n 2 "$tmp/stderr"
echo "exit code $code; $(wc -l < "$tmp/out.jsonl") records"
if grep -qi "panick" "$tmp/stderr"; then echo "PANIC printed"; else echo "no panic printed"; fi
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows = sum(len(t["rows"]) for t in r["tables"])
    err = (r["error"] or {}).get("code", "-")
    print(f'{r["source"]["path"].split("/")[-1]:38s} error={err:16s} rows={rows}')
PY
