#!/usr/bin/env python3
"""Builds patterns/ocr_vocabulary.tsv: syllable and syllable-pair counts of
the digital (not scanned) Vietnamese government documents of the shared
real corpus, the word context the OCR post-processing restores lost tone
marks and đ from. The seed reports are not among its sources.
usage: ocr_vocabulary.py BAOCAO_BIN REAL_DIR OUT_TSV"""
import collections, os, re, subprocess, sys, unicodedata

binary, real, out_path = sys.argv[1:4]
FOLDERS = ["vbai", "baocaotudanhgia", "solieubaocao", "das", "hwolp", "viparse"]
EXTS = (".docx", ".doc", ".pdf", ".rtf", ".odt")
VIET = re.compile(r"[a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]+")
env = dict(os.environ, BAOCAO_TESSERACT="/nonexistent/tesseract")  # no OCR: digital text only
uni, bi = collections.Counter(), collections.Counter()
sources = 0
for folder in FOLDERS:
    base = os.path.join(real, folder)
    for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        if not name.lower().endswith(EXTS):
            continue
        try:
            text = subprocess.run([binary, "text", os.path.join(base, name)], env=env,
                                  capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            continue
        if not text.strip():
            continue
        sources += 1
        for line in text.splitlines():
            for chunk in re.split(r"[^\w ]+", line):
                words = [unicodedata.normalize("NFC", w.lower()) for w in chunk.split()]
                prev = None
                for w in words:
                    if not VIET.fullmatch(w) or len(w) > 7:
                        prev = None
                        continue
                    uni[w] += 1
                    if prev:
                        bi[(prev, w)] += 1
                    prev = w
with open(out_path, "w", encoding="utf-8") as f:
    f.write(f"# Syllable counts of {sources} digital documents of the shared real corpus\n")
    f.write("# (bench/ocr_vocabulary.py; no seed report among them).\n")
    f.write("# 1<TAB>syllable<TAB>count, 2<TAB>syllable syllable<TAB>count\n")
    for w, n in sorted(uni.items()):
        if n >= 2:
            f.write(f"1\t{w}\t{n}\n")
    for (a, b), n in sorted(bi.items()):
        if n >= 3 and uni[a] >= 2 and uni[b] >= 2:
            f.write(f"2\t{a} {b}\t{n}\n")
print(sources, "sources", len(uni), "syllables", len(bi), "pairs", file=sys.stderr)
