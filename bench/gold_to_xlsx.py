#!/usr/bin/env python3
"""Writes each gold report (fixtures/gold/*.json) as an XLSX workbook, the
way offices keep statistics templates in Excel: one sheet per table, the
report's heading lines (unit, motto, number, date, title) above the first
table, a two-row header with merged cells ("Kết quả thống kê" over "Đơn vị
tính | Số liệu"; STT, label and note merged down), values typed as Excel
users type them (whole numbers as numbers, "97,57" as 97.57 under 0.00,
"99,62%" as 0.9962 under 0.00%, "8.582" as 8582 under #,##0, "08" as 8
under 00, anything else as text), and the signer's block under the title, where the renderings of
render_report.py put it (before the appendix tables).
Needs openpyxl (pip install openpyxl).
usage: gold_to_xlsx.py OUT_DIR [GOLD_DIR]"""
import glob, json, os, re, sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

FONT = "Times New Roman"
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def typed(text):
    """A cell value and number format for `text` as an Excel user types it."""
    t = text.strip()
    m = re.fullmatch(r"(\d+)(?:,(\d+))?(%?)", t)
    if m and not (m.group(1).startswith("0") and len(m.group(1)) > 1 and not m.group(2)):
        whole, frac, pct = m.groups()
        value = float(f"{whole}.{frac}") if frac else int(whole)
        places = len(frac) if frac else 0
        fmt = "0" + ("." + "0" * places if places else "")
        if pct:
            return value / 100, fmt + "%"
        return value, (fmt if frac else "General")
    if re.fullmatch(r"0\d+", t):
        return int(t), "0" * len(t)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        return int(t.replace(".", "")), "#,##0"
    return text, "@"


def unit_lines(meta):
    unit, prov = meta.get("unit") or "", meta.get("province")
    if meta.get("unit_level") == "so":
        return ([f"UBND TỈNH {prov.upper()}"] if prov else []) + [unit.upper()]
    name = re.sub(r"^(UBND|Ủy ban nhân dân)\s+", "", unit, flags=re.I)
    return ["ỦY BAN NHÂN DÂN", name.upper()] if name else []


def heading_lines(meta):
    lines = unit_lines(meta) + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if meta.get("number"):
        lines.append("Số: " + meta["number"])
    if meta.get("date"):
        y, m, d = meta["date"].split("-")
        lines.append(f"{meta.get('province') or ''}, ngày {int(d)} tháng {int(m)} năm {y}")
    lines.append("BÁO CÁO")
    if meta.get("title"):
        lines.append(meta["title"])
    return lines


def put(ws, row, col, value, fmt="General", bold=False, italic=False):
    cell = ws.cell(row=row, column=col, value=value)
    cell.number_format = fmt
    cell.font = Font(name=FONT, bold=bold, italic=italic)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def write_table(ws, row, table):
    """Caption, two-row header and body from `row`; returns the next free row."""
    group = any(r.get("group") for r in table["rows"])
    ncols = 6 if group else 5
    for part in table["title"].split(" - ", 1):
        put(ws, row, 1, part, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        row += 1
    off = 2 if group else 1
    heads = ["STT", "Chỉ tiêu thống kê"] + ([""] if group else []) + ["Kết quả thống kê", "", "Ghi chú"]
    for c, h in enumerate(heads, 1):
        if h:
            put(ws, row, c, h, bold=True)
    put(ws, row + 1, off + 2, "Đơn vị tính", bold=True)
    put(ws, row + 1, off + 3, "Số liệu", bold=True)
    ws.merge_cells(start_row=row, start_column=off + 2, end_row=row, end_column=off + 3)
    for c in list(range(1, off + 2)) + [off + 4]:
        if not (group and c == 2):
            ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
    if group:
        ws.merge_cells(start_row=row, start_column=2, end_row=row + 1, end_column=3)
    row += 2
    group_start, prev = None, None
    for r in table["rows"]:
        stt = r["stt"]
        if re.fullmatch(r"[1-9]\d*", stt):
            put(ws, row, 1, int(stt), bold=True)
        else:
            put(ws, row, 1, stt, "@", bold=bool(re.fullmatch(r"[IVX]+", stt)))
        if group:
            g = r.get("group") or ""
            if g and g == prev:
                ws.merge_cells(start_row=group_start, start_column=2, end_row=row, end_column=2)
            else:
                put(ws, row, 2, g or None, "@", italic=True)
                group_start = row
            prev = g
        put(ws, row, off + 1, r["label"], "@")
        put(ws, row, off + 2, r["unit"] or None, "@")
        value, fmt = typed(r["value"]) if r["value"] else (None, "General")
        put(ws, row, off + 3, value, fmt)
        put(ws, row, off + 4, r["note"] or None, "@")
        row += 1
    return row


def sheet_name(title, index, taken):
    name = BAD_SHEET_CHARS.sub(" ", title.split(" - ", 1)[0]).strip()[:31] or f"Biểu {index}"
    while name in taken:
        name = (name[:28] + f" {index}")[:31]
    taken.add(name)
    return name


def workbook(gold):
    wb = Workbook()
    taken, meta = set(), gold["meta"]
    for i, table in enumerate(gold["tables"]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = sheet_name(table["title"], i + 1, taken)
        row = 1
        if i == 0:
            for line in heading_lines(meta):
                put(ws, row, 1, line, bold=True)
                row += 1
            if meta.get("signer"):
                put(ws, row, 4, "TM. ỦY BAN NHÂN DÂN", bold=True)
                put(ws, row + 1, 4, meta["signer"], bold=True)
                row += 2
            row += 1
        write_table(ws, row, table)
    return wb


def main():
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    golds = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "fixtures", "gold")
    os.makedirs(out, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(golds, "*.json"))):
        gold = json.load(open(path, encoding="utf-8"))
        stem = os.path.basename(path)[:-5]
        workbook(gold).save(os.path.join(out, f"{stem}.sheets.xlsx"))


if __name__ == "__main__":
    main()
