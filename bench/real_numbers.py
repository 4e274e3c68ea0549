#!/usr/bin/env python3
"""Document number and date of real government PDFs against poppler.

For every PDF of the government folders of ../shared/real/ whose poppler
text (`pdftotext -l 1 FILE -`, first 60 lines, NFC) shows "Số: N", runs
`target/release/baocao extract` and counts the records whose
`report.number` contains N (right), holds another number (wrong) or is
empty (missing). Where poppler's header shows "ngày D tháng M năm Y", the
same for `report.date`. Last, over every PDF whose poppler header shows a
place-date (", ngày D tháng M năm Y"), how many dates come out right.

usage: bench/real_numbers.py [REAL_DIR] [-v]   (needs poppler-utils)
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

FOLDERS = ["vbai", "das", "hwolp", "solieubaocao", "baocaotudanhgia", "viparse"]
NUMBER = re.compile(r"Số\s*:\s*(\d+)")
DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
PLACE_DATE = re.compile(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def poppler_header(path):
    """First 60 lines of poppler's text of page 1."""
    out = subprocess.run(
        ["pdftotext", "-l", "1", path, "-"], capture_output=True, text=True, errors="replace"
    ).stdout
    return unicodedata.normalize("NFC", out).splitlines()[:60]


def iso(m):
    """The ISO date of a day-month-year match, when valid."""
    if not m:
        return None
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= d <= 31 and 1 <= mo <= 12 else None


def expected(lines):
    """(N, ISO date or None) from poppler's header, or None without "Số: N"."""
    number = next((m.group(1) for l in lines if (m := NUMBER.search(l))), None)
    if number is None:
        return None
    return number, iso(DATE.search(" ".join(lines)))


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    real = args[0] if args else os.path.join(root, "..", "shared", "real")
    binary = os.path.join(root, "target", "release", "baocao")
    files = []
    for folder in FOLDERS:
        d = os.path.join(real, folder)
        if os.path.isdir(d):
            files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.lower().endswith(".pdf")]
    headers = {f: poppler_header(f) for f in files}
    wanted = {f: e for f in files if (e := expected(headers[f]))}
    out = subprocess.run(
        [binary, "extract", "--no-progress", "--jobs", "1", *files],
        capture_output=True, text=True,
    ).stdout
    records = {}
    for line in out.splitlines():
        r = json.loads(line)
        records[r["source"]["path"]] = r.get("report") or {}
    counts = dict(right=0, wrong=0, missing=0, dates=0, date_right=0, date_wrong=0)
    for f, (n, date) in wanted.items():
        rep = records.get(f, {})
        got = rep.get("number")
        digits = re.match(r"\d+", got or "")
        if got and digits and digits.group(0) == n:
            verdict = "right"
        elif got:
            verdict = "wrong"
        else:
            verdict = "missing"
        counts[verdict] += 1
        dv = ""
        if date:
            counts["dates"] += 1
            if rep.get("date") == date:
                counts["date_right"] += 1
                dv = "date ok"
            elif rep.get("date"):
                counts["date_wrong"] += 1
                dv = f"date WRONG {rep.get('date')} (poppler {date})"
            else:
                dv = f"date missing (poppler {date})"
        if verbose and (verdict != "right" or (date and dv != "date ok")):
            print(f"{verdict:7} {n:>6} got {got!s:20} {dv:40} {os.path.relpath(f, real)}")
    print(
        f"{len(wanted)} PDFs show 'Số: N': {counts['right']} right, {counts['wrong']} wrong, "
        f"{counts['missing']} missing; {counts['dates']} show a date: "
        f"{counts['date_right']} right, {counts['date_wrong']} wrong"
    )
    place = dict(all=0, right=0, wrong=0)
    for f, lines in headers.items():
        date = iso(PLACE_DATE.search(" ".join(lines)))
        if not date:
            continue
        got = records.get(f, {}).get("date")
        place["all"] += 1
        place["right"] += got == date
        place["wrong"] += bool(got) and got != date
        if verbose and got != date:
            print(f"date    {date} got {got!s:20} {os.path.relpath(f, real)}")
    print(
        f"{place['all']} PDFs show a place-date: {place['right']} right, "
        f"{place['wrong']} wrong, {place['all'] - place['right'] - place['wrong']} missing"
    )


if __name__ == "__main__":
    main()
