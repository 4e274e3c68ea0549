"""Writes fixtures/legacy/8bit/: seed 000 as a document typed in VISCII, VPS,
Windows-1258 and VIQR would hold it (the raw bytes). Letters come from
legacy_letters.tsv; other characters as ASCII (“ ” … have no VISCII/VPS
code), or their Windows-1258 byte. VIQR escapes a literal mark that follows
a letter with a backslash (RFC 1456), so "đi." is written "ddi\\.".
Run once by hand."""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEED = "000_ba21f554f00fdddf"
ASCII = {"“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "–": "-", "—": "-", "\u00a0": " "}
MARKS = "'`?~.(^+\\"


def table():
    rows = {}
    for line in open(os.path.join(HERE, "legacy_letters.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or f[0] == "letter":
            continue
        rows[f[0]] = dict(zip(["viscii", "tcvn5712_1", "cp1258", "vps", "vni", "viqr"], f[1:]))
    return rows


def encode(text, enc, rows):
    out = bytearray()
    for ch in text:
        if ch in rows:
            cell = rows[ch][enc]
            out += cell.encode("ascii") if enc == "viqr" else bytes.fromhex(cell)
        elif ord(ch) < 128:
            if enc == "viqr" and ch in MARKS and out and (chr(out[-1]).isalpha() or chr(out[-1]) in MARKS):
                out += b"\\"
            out += ch.encode("ascii")
        elif enc == "cp1258":
            out += ch.encode("cp1258")
        else:
            out += ASCII.get(ch, "?").encode("ascii")
    return bytes(out)


def main():
    rows = table()
    seed = open(os.path.join(ROOT, "fixtures/seeds", SEED + ".txt"), encoding="utf-8").read()
    text = unicodedata.normalize("NFC", seed)
    for enc in ["viscii", "vps", "cp1258", "viqr"]:
        path = os.path.join(ROOT, "fixtures/legacy/8bit", f"{SEED}.{enc}.txt")
        with open(path, "wb") as f:
            f.write(encode(text, enc, rows))
        print(path)


if __name__ == "__main__":
    main()
