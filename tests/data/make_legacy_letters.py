"""Writes legacy_letters.tsv: the 134 Vietnamese letters with diacritics and
their bytes in each legacy encoding.  Run once by hand; the tests read the
committed file (and re-check the iconv columns when iconv is on PATH).

Sources of the expected bytes:
  viscii, tcvn5712_1, cp1258 -- glibc iconv (the oracle);
  vni  -- the VNI-Windows glyph table written out below (base letter, then a
          mark byte), cross-checked with shared/tools/vnlegacy.py when found;
  vps  -- GNU recode's VPS charset (recode UTF-8..VPS) when installed,
          with Ỗ = 0x99, which recode lacks;
  viqr -- RFC 1456 notation (base, shape mark, tone mark), cross-checked
          with recode UTF-8..VIQR when installed.
"""
import os
import shutil
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
BASES = "a ă â e ê i o ô ơ u ư y".split()
TONES = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # sắc huyền hỏi ngã nặng
TONELESS = "ăâêôơưđ"


def letters():
    lower = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES]
    lower += list(TONELESS)
    assert len(lower) == 67 == len(set(lower))
    return lower + [c.upper() for c in lower]


def run(cmd, text):
    r = subprocess.run(cmd, input=text.encode(), capture_output=True, check=True)
    return r.stdout


def iconv(enc, ch):
    return run(["iconv", "-f", "UTF-8", "-t", enc], ch)


def parts(ch):
    """(base, shape mark, tone mark) of a letter; đ/Đ keep their base."""
    d = unicodedata.normalize("NFD", ch)
    shape = next((m for m in d[1:] if m in "\u0302\u0306\u031b"), "")
    tone = next((m for m in d[1:] if m in TONES), "")
    return d[0], shape, tone


# VNI-Windows glyph table (bytes as Windows-1252 shows them, lower case; the
# upper-case marks are the same bytes minus 0x20).
VNI_TONE = dict(zip(TONES, "ùøûõï"))
VNI_CIRC = {"": "â", **dict(zip(TONES, "áàåãä"))}
VNI_BREVE = {"": "ê", **dict(zip(TONES, "éèúüë"))}
VNI_I = dict(zip(TONES, "íìæóò"))  # i with a tone is one byte


def vni(ch):
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, shape, tone = parts(ch)
    up = base.isupper()
    cap = (lambda s: s.upper()) if up else (lambda s: s)
    b = base.lower()
    if b == "i":
        return cap(VNI_I[tone])
    if b == "y" and tone == "\u0323":
        return cap("î")
    if shape == "\u0302":
        return base + cap(VNI_CIRC[tone])
    if shape == "\u0306":
        return base + cap(VNI_BREVE[tone])
    head = cap({"o": "ô", "u": "ö"}[b]) if shape == "\u031b" else base
    return head + (cap(VNI_TONE[tone]) if tone else "")


VIQR_SHAPE = {"\u0302": "^", "\u0306": "(", "\u031b": "+", "": ""}
VIQR_TONE = dict(zip(TONES, "'`?~."))
VIQR_TONE[""] = ""


def viqr(ch):
    if ch in "đĐ":
        return "dd" if ch == "đ" else "DD"
    base, shape, tone = parts(ch)
    return base + VIQR_SHAPE[shape] + VIQR_TONE[tone]


def vps(ch):
    """GNU recode's VPS, which lacks Ỗ: VPS has it at 0x99 (the one letter
    byte recode leaves undefined; other VPS tables put Ỗ there)."""
    if ch == "Ỗ":
        return "99"
    return run(["recode", "UTF-8..VPS"], ch).hex(" ")


def cp1252_bytes(s):
    return s.encode("cp1252")


def main():
    rows = []
    have_recode = shutil.which("recode") is not None
    for ch in letters():
        row = [ch]
        row += [iconv(e, ch).hex(" ") for e in ("VISCII", "TCVN5712-1", "CP1258")]
        row.append(vps(ch) if have_recode else "")
        row.append(cp1252_bytes(vni(ch)).hex(" "))
        row.append(viqr(ch))
        if have_recode:
            r = run(["recode", "UTF-8..VIQR"], ch).decode()
            assert r == row[-1], (ch, r, row[-1])
        rows.append(row)
    tools = "/work/shared/tools"
    if os.path.exists(os.path.join(tools, "vnlegacy.py")):
        sys.path.insert(0, tools)
        import vnlegacy

        bad = [(r[0], vnlegacy.to_vni(r[0]), vni(r[0])) for r in rows if vnlegacy.to_vni(r[0]) != vni(r[0])]
        print("VNI differences from vnlegacy.py:", bad or "none")
    with open(os.path.join(HERE, "legacy_letters.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("letter\tviscii\ttcvn5712_1\tcp1258\tvps\tvni\tviqr\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(len(rows), "letters written")


HEADER = """\
# The 134 Vietnamese letters with diacritics (67 lower case, then the same
# 67 upper case) and their bytes (hex) in each legacy encoding. Made by
# make_legacy_letters.py: viscii, tcvn5712_1 and cp1258 from glibc iconv;
# vps from GNU recode (plus Ỗ = 0x99, missing there); vni from the
# VNI-Windows glyph table; viqr from the RFC 1456 notation. The tests
# check the decoders against every cell.
#
# tcvn5712_1 is glibc's TCVN 5712:1993 VN1. It agrees with the ABC/.VnTime
# (TCVN3, VN3) table on all 67 lower-case letters and the 7 toneless
# capitals (0xA1-0xA7). Its toned capitals have no ABC code: VN1 puts them
# in C0 controls (01 02 04-06 11-17), in 0x80-0x9F (ABC keeps Windows
# punctuation there) and at AF BA BF C0-C5 CD D9-DB E0 F0 FF (unassigned in
# ABC); VN1 also has combining tone marks at B0-B4. ABC documents type toned
# capitals with the lower-case codes in a capitals font (.VnTimeH), so the
# TCVN3 tests decode capitals from the lower-case codes through that path.
"""

if __name__ == "__main__":
    main()
