#!/usr/bin/env python3
"""Precision and recall of baocao's document metadata against hand-read truth.

The truth (bench/headings.jsonl) was read off the documents themselves: the
heading block (issuing unit, number, place-date line) and the signature block.
A field counts as *wrong* when baocao fills it with a value the truth does not
have, including a value where the truth is null (a unit invented where no
heading is printed). Precision = right / filled, recall = right / annotated
non-null. Truth fields written "?" are ignored.

Exit code 1 when any wrong value exists, 0 otherwise.

    python3 bench/meta_precision.py [--bin target/release/baocao]
        [--real ../shared/real] [--truth bench/headings.jsonl] [--verbose] [--json]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

FIELDS = ["unit", "level", "province", "number", "date", "signer"]
FOLDED = {"unit", "province"}
# The five Vietnamese tone marks as combining characters (NFD).
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def norm(value):
    """NFC with white space collapsed; None stays None."""
    if value is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def fold_tones(value):
    """Each syllable as (letters without tone marks, set of tone marks).

    Equal for the old and new tone placement ("Hoà" / "Hòa", "Thuỷ" / "Thủy").
    """
    words = []
    for word in unicodedata.normalize("NFD", value).split(" "):
        base = "".join(c for c in word if c not in TONES)
        marks = frozenset(c for c in word if c in TONES)
        words.append((unicodedata.normalize("NFC", base), marks))
    return tuple(words)


def same(field, got, truth):
    if got == truth:
        return True
    if field in FOLDED and got is not None and truth is not None:
        return fold_tones(got) == fold_tones(truth)
    return False


def extracted(record):
    """The metadata fields of one baocao record, normalised."""
    report = record.get("report") or {}
    unit = report.get("unit") or {}
    return {
        "unit": norm(unit.get("name")),
        "level": norm(unit.get("level")),
        "province": norm(unit.get("province")),
        "number": norm(report.get("number")),
        "date": norm(report.get("date")),
        "signer": norm(report.get("signer")),
    }


def run_baocao(binary, real, truth):
    """Run the binary once over every annotated file; records keyed by path."""
    paths = [os.path.join(real, t["path"]) for t in truth]
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "files.txt")
        out = os.path.join(tmp, "out.jsonl")
        with open(lst, "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        proc = subprocess.run(
            [binary, "extract", "--files-from", lst, "--output", out],
            capture_output=True,
            text=True,
        )
        if not os.path.exists(out):
            sys.exit(f"baocao wrote no output: {proc.stderr.strip()}")
        records = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                path = os.path.relpath(rec["source"]["path"], real)
                records[path] = rec
    return records


def score(truth, records):
    stats = {k: dict(filled=0, right=0, wrong=0, missing=0, annotated=0) for k in FIELDS}
    wrongs, misses, absent = [], [], []
    warn = dict(no_heading_docs=0, warned=0, heading_docs_warned=0)
    for t in truth:
        rec = records.get(t["path"])
        if rec is None:
            absent.append(t["path"])
            continue
        got = extracted(rec)
        codes = {w.get("code") for w in rec.get("warnings") or []}
        if not t["heading"]:
            warn["no_heading_docs"] += 1
            warn["warned"] += "no_heading" in codes
        elif "no_heading" in codes:
            warn["heading_docs_warned"] += 1
        for field in FIELDS:
            want = t.get(field)
            if want == "?":
                continue
            want = norm(want)
            s = stats[field]
            s["annotated"] += want is not None
            if got[field] is not None:
                s["filled"] += 1
                if same(field, got[field], want):
                    s["right"] += 1
                else:
                    s["wrong"] += 1
                    wrongs.append((t["path"], field, got[field], want))
            elif want is not None:
                s["missing"] += 1
                misses.append((t["path"], field, want))
    for s in stats.values():
        s["precision"] = round(s["right"] / s["filled"], 4) if s["filled"] else None
        s["recall"] = round(s["right"] / s["annotated"], 4) if s["annotated"] else None
    return stats, wrongs, misses, absent, warn


def fmt(x):
    return "-" if x is None else f"{x:.3f}"


def print_table(truth, stats, wrongs, misses, absent, warn, verbose):
    with_heading = sum(1 for t in truth if t["heading"])
    print(f"documents: {len(truth)} ({with_heading} with heading, "
          f"{len(truth) - with_heading} without)")
    print(f"{'field':<9}{'annot':>6}{'filled':>7}{'right':>6}{'wrong':>6}"
          f"{'miss':>6}{'prec':>8}{'recall':>8}")
    for field in FIELDS:
        s = stats[field]
        print(f"{field:<9}{s['annotated']:>6}{s['filled']:>7}{s['right']:>6}"
              f"{s['wrong']:>6}{s['missing']:>6}{fmt(s['precision']):>8}"
              f"{fmt(s['recall']):>8}")
    print(f"no_heading warning: {warn['warned']}/{warn['no_heading_docs']} "
          f"documents without heading; {warn['heading_docs_warned']} with heading warned")
    if absent:
        print(f"\nno record for {len(absent)} file(s):")
        for p in absent:
            print(f"  {p}")
    if wrongs:
        print(f"\nwrong values ({len(wrongs)}):")
        for path, field, got, want in wrongs:
            print(f"  {path}\n    {field}: got {got!r}, truth {want!r}")
    if verbose and misses:
        print(f"\nmisses ({len(misses)}):")
        for path, field, want in misses:
            print(f"  {path}\n    {field}: truth {want!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/baocao")
    ap.add_argument("--real", default="../shared/real")
    ap.add_argument("--truth", default="bench/headings.jsonl")
    ap.add_argument("--verbose", action="store_true", help="also list the misses")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args()
    with open(args.truth, encoding="utf-8") as f:
        truth = [json.loads(line) for line in f if line.strip()]
    records = run_baocao(args.bin, args.real, truth)
    stats, wrongs, misses, absent, warn = score(truth, records)
    if args.json:
        out = {"documents": len(truth),
               "with_heading": sum(1 for t in truth if t["heading"]),
               "fields": stats, "no_heading_warning": warn,
               "wrong": [dict(path=p, field=f, got=g, truth=w) for p, f, g, w in wrongs],
               "absent": absent}
        if args.verbose:
            out["missing"] = [dict(path=p, field=f, truth=w) for p, f, w in misses]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print_table(truth, stats, wrongs, misses, absent, warn, args.verbose)
    return 1 if wrongs else 0


if __name__ == "__main__":
    sys.exit(main())
