#!/usr/bin/env python3
"""Renders perturbed variants of the gold reports as DOCX in one Python
process (render_report.py's `render`, without its per-file start-up cost).
usage: render_variants.py OUT_DIR VARIANTS_PER_REPORT"""
import argparse, glob, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "tools"))
import render_report  # noqa: E402

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
root = os.path.join(here, "..")
for gold_path in sorted(glob.glob(os.path.join(root, "fixtures", "gold", "*.json"))):
    stem = os.path.basename(gold_path)[:-5]
    gold = json.load(open(gold_path, encoding="utf-8"))
    for i in range(n):
        args = argparse.Namespace(
            encoding="unicode", font="Liberation Serif",
            label_width=[3.5, 5.0, 7.0][i % 3], landscape=(i % 4 == 1),
            narrative=os.path.join(root, "fixtures", "seeds", stem + ".txt") if i % 2 == 0 else None,
            narrative_paragraphs=(i % 7 + 1) * 3, replace=[], stt_dots=(i % 10 == 3), seed=i,
        )
        render_report.render(gold, args).save(os.path.join(out, f"{stem}-{i}.docx"))
