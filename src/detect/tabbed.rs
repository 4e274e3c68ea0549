//! Rows of tables rendered as tab-separated cells (DOCX → text dumps).

use super::lines::{is_header_line, is_header_start};
use super::patterns::PATTERNS;
use super::raw::{append, clean_cell, RawRow};
use super::region::Region;
use super::{codes, stt};
use crate::ingest::Line;
use crate::normalize::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Stt,
    Label,
    Unit,
    Value,
    Note,
}

/// Most lines a table header takes (a title row over two rows of
/// sub-headers).
const MAX_HEADER_LINES: usize = 4;
/// Most words of a sub-header cell ("BNV đánh giá", "Điểm đạt được").
const MAX_SUB_HEADER_WORDS: usize = 6;

/// The folded header text of each column, the header rows starting at line
/// `h` merged (a lower row's cell names its column), and how many lines the
/// header takes: the whole band of header rows before the first body row.
fn header_band(lines: &[Line], h: usize) -> (Vec<String>, usize) {
    let fold_cells = |cells: &[String]| -> Vec<String> {
        cells.iter().map(|c| fold(&clean_cell(c).0)).collect()
    };
    let first = fold_cells(lines[h].cells.as_deref().unwrap_or_default());
    let mut merged = first.clone();
    let mut used = 1;
    while used < MAX_HEADER_LINES {
        let Some(cells) = lines.get(h + used).and_then(|l| l.cells.as_ref()) else {
            break;
        };
        let folded = fold_cells(cells);
        let above = fold_cells(lines[h + used - 1].cells.as_deref().unwrap_or_default());
        if !is_header_continuation(&folded) && !is_sub_header(&folded, &above, &first) {
            break;
        }
        used += 1;
        for (i, c) in folded.into_iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            match merged.get_mut(i) {
                Some(slot) => *slot = c,
                None => merged.push(c),
            }
        }
    }
    (merged, used)
}

/// A row of sub-headers under a spanning cell of the header row `above`
/// ("Tự đánh giá | BNV đánh giá" under "Điểm đánh giá thực tế"): every
/// text sits under a span of `above`, none under the STT, label, unit or
/// note columns of the `first` header row, and each is short and without
/// digits (a body row's text or a value cut by a page break has them).
fn is_sub_header(folded: &[String], above: &[String], first: &[String]) -> bool {
    // A column under an empty first-row cell belongs to the spanning cell
    // on its left.
    let keyed = |i: usize| {
        let owner = first.iter().take(i + 1).rev().find(|c| !c.is_empty());
        owner
            .and_then(|c| named_role(c))
            .is_some_and(|r| r != Role::Value)
    };
    let blank = |i: usize| above.get(i).is_some_and(String::is_empty);
    let under_span = |i: usize| {
        let spanned = blank(i) && above.iter().take(i).any(|c| !c.is_empty());
        spanned || (!blank(i) && blank(i + 1))
    };
    let mut any = false;
    for (i, c) in folded.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        let short = c.split(' ').count() <= MAX_SUB_HEADER_WORDS;
        if keyed(i) || !under_span(i) || !short || c.chars().any(|ch| ch.is_ascii_digit()) {
            return false;
        }
        any = true;
    }
    any
}

/// Column roles from the header rows starting at line `h`; also returns how
/// many lines the header takes.
fn column_roles(lines: &[Line], h: usize) -> (Vec<Role>, usize) {
    let (merged, used) = header_band(lines, h);
    let mut roles: Vec<Role> = Vec::with_capacity(merged.len());
    for (i, c) in merged.iter().enumerate() {
        let role = named_role(c).unwrap_or_else(|| {
            // A first column without a header before the label column holds
            // the STT; any other unnamed column continues the one before it
            // (merged header cell), and before any label it is a label column.
            let next = merged.get(i + 1).and_then(|n| named_role(n));
            match roles.last() {
                None if next == Some(Role::Label) && c.is_empty() => Role::Stt,
                Some(Role::Stt) | None => Role::Label,
                Some(r) => *r,
            }
        });
        roles.push(role);
    }
    (roles, used)
}

/// The role a folded header text names, if it names one.
fn named_role(c: &str) -> Option<Role> {
    let cols = &PATTERNS.columns;
    let has = |list: &[String]| list.iter().any(|w| c.contains(w.as_str()));
    if cols.stt.iter().any(|w| w == c) {
        Some(Role::Stt)
    } else if has(&cols.unit) {
        Some(Role::Unit)
    } else if has(&cols.note) {
        Some(Role::Note)
    } else if has(&cols.label) {
        Some(Role::Label)
    } else if has(&cols.value) {
        Some(Role::Value)
    } else {
        None
    }
}

/// A second header row: no STT, only header words or empty cells.
fn is_header_continuation(folded: &[String]) -> bool {
    let words = &PATTERNS.header_words;
    let mut any = false;
    for c in folded {
        if c.is_empty() {
            continue;
        }
        if !words.iter().any(|w| c.starts_with(w.as_str())) {
            return false;
        }
        any = true;
    }
    any
}

/// Cells of one body row, sorted by role.
#[derive(Default)]
struct Cells {
    stt: String,
    labels: Vec<(String, Vec<u32>)>,
    unit: String,
    value: String,
    note: String,
}

fn split_cells(cells: &[String], roles: &[Role]) -> Cells {
    let mut out = Cells::default();
    for (i, cell) in cells.iter().enumerate() {
        let role = roles.get(i).copied().unwrap_or(Role::Note);
        let (text, notes) = clean_cell(cell);
        match role {
            Role::Stt => append(&mut out.stt, &text),
            Role::Label => out.labels.push((text, notes)),
            Role::Unit => append(&mut out.unit, &text),
            Role::Value => append(&mut out.value, &text),
            Role::Note => append(&mut out.note, &text),
        }
    }
    out
}

/// Reads the rows of a tab-separated table region.
pub fn rows(lines: &[Line], region: &Region) -> Vec<RawRow> {
    let (roles, _) = column_roles(lines, region.headers[0]);
    let mut rows: Vec<RawRow> = Vec::new();
    let mut carry_group: Option<String> = None;
    let mut orphan: Vec<String> = Vec::new();
    // Just past a header repeated on a new page: the first row may be the
    // rest of the row the page break cut.
    let mut after_repeat = false;
    let mut i = region.span.start;
    while i < region.span.end {
        let line = &lines[i];
        if region.headers.contains(&i) || is_header_start(lines, i) {
            let (_, used) = column_roles(lines, i);
            flush_orphans(&mut rows, &mut orphan);
            after_repeat = !rows.is_empty();
            i += used;
            continue;
        }
        i += 1;
        let Some(cells) = &line.cells else {
            let (text, _) = clean_cell(&line.text);
            if !text.is_empty() && !is_header_line(line) && !is_footnote_text(&line.text) {
                orphan.push(text);
            }
            continue;
        };
        // Text between rows that is not followed by a header is no cell.
        orphan.clear();
        let c = split_cells(cells, &roles);
        let (label, group, footnotes) = label_and_group(&c.labels, &mut carry_group);
        let parsed = stt::parse(&c.stt);
        let stt_cell_is_number = c.stt.is_empty() || parsed.is_some();
        if parsed.is_none()
            && [&label, &c.unit, &c.value, &c.note]
                .iter()
                .all(|s| s.is_empty())
        {
            continue;
        }
        let row = RawRow {
            stt: parsed.map(|(p, _)| p).unwrap_or_default(),
            label: if stt_cell_is_number {
                label
            } else {
                format!("{} {label}", c.stt).trim().to_string()
            },
            group,
            unit: c.unit,
            value: c.value,
            note: c.note,
            footnotes,
            line: line.no,
        };
        let after_break = std::mem::take(&mut after_repeat);
        if let Some(prev) = rows.last_mut() {
            if after_break && is_cut_rest(prev, &row) {
                merge_cut_rest(&mut rows, row);
                continue;
            }
            if row.stt.is_empty() && continues(prev, &row) {
                merge(prev, &row);
                continue;
            }
        }
        if !row.stt.is_empty() {
            carry_group = None;
        }
        rows.push(row);
    }
    rows
}

/// Label and group from the label cells, carrying a vertically merged group.
fn label_and_group(
    labels: &[(String, Vec<u32>)],
    carry: &mut Option<String>,
) -> (String, String, Vec<u32>) {
    let notes: Vec<u32> = labels.iter().flat_map(|(_, n)| n.iter().copied()).collect();
    let texts: Vec<&str> = labels.iter().map(|(t, _)| t.as_str()).collect();
    match texts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => {
            *carry = Some(a.to_string());
            (b.to_string(), a.to_string(), notes)
        }
        [a, b] if a.is_empty() && !b.is_empty() => {
            (b.to_string(), carry.clone().unwrap_or_default(), notes)
        }
        _ => {
            if texts.first().is_some_and(|a| !a.is_empty()) {
                *carry = None;
            }
            let mut joined = String::new();
            for t in texts {
                append(&mut joined, t);
            }
            (joined, String::new(), notes)
        }
    }
}

/// True when a row without STT continues the row before it: a note cell
/// carried over a page, a label wrapped into the next row, or a coded unit
/// spread over rows.
fn continues(prev: &RawRow, row: &RawRow) -> bool {
    let only_note = is_note_only(row);
    let wrapped_label = !row.label.is_empty()
        && row.unit.is_empty()
        && row.value.is_empty()
        && row.note.is_empty()
        && row.group.is_empty()
        && (prev.label.ends_with([',', ';', '-'])
            || row.label.starts_with(|c: char| c.is_lowercase()));
    let spread_code =
        !prev.stt.is_empty() && codes::is_code_list(&prev.unit) && codes::is_code_list(&row.unit);
    only_note || wrapped_label || spread_code
}

/// True when `row`, the first after a header repeated on a new page, can
/// be the rest of `prev` cut by the page break: no label of its own or one
/// that goes on (in lower case, or after a dangling word), and no STT, or only the tail of a wrapped
/// STT cell ("3.3." over "3") that cannot follow `prev`'s number.
fn is_cut_rest(prev: &RawRow, row: &RawRow) -> bool {
    let lower = row
        .label
        .starts_with(|c: char| c.is_lowercase() || c == '(')
        || ends_dangling(&prev.label);
    let stt_tail = lower
        && row.stt.chars().all(|c| c.is_ascii_digit())
        && match (stt::parse(&prev.stt), stt::parse(&row.stt)) {
            (Some((_, stt::Stt::Numeric(l))), Some((_, stt::Stt::Numeric(p)))) => {
                !stt::is_successor(&p, &l)
            }
            _ => false,
        };
    (row.stt.is_empty() || stt_tail)
        && (row.group.is_empty() || row.group == prev.group)
        && (row.label.is_empty() || lower)
}

/// True when a label ends with a word it cannot end with ("… nhận qua").
fn ends_dangling(label: &str) -> bool {
    let last = label.rsplit(' ').next().map(fold).unwrap_or_default();
    PATTERNS.dangling_words.contains(&last)
}

/// Merges the rest of a row cut by a page break into its row: a note
/// alone goes to the row its merged note cell starts at (the last row
/// with a note), an STT tail completes the STT.
fn merge_cut_rest(rows: &mut [RawRow], row: RawRow) {
    let last = rows.len() - 1;
    let at = if is_note_only(&row) {
        rows.iter()
            .rposition(|r| !r.note.is_empty())
            .unwrap_or(last)
    } else {
        last
    };
    if !row.stt.is_empty() {
        rows[at].stt = format!("{}.{}", rows[at].stt, row.stt);
    }
    merge(&mut rows[at], &row);
}

/// True when a row holds only a note.
fn is_note_only(row: &RawRow) -> bool {
    row.label.is_empty() && row.unit.is_empty() && row.value.is_empty() && !row.note.is_empty()
}

fn merge(prev: &mut RawRow, row: &RawRow) {
    append(&mut prev.label, &row.label);
    append(&mut prev.unit, &row.unit);
    append(&mut prev.value, &row.value);
    append(&mut prev.note, &row.note);
    prev.footnotes.extend(&row.footnotes);
}

/// Text lines between a table fragment and its continuation: a cell carried
/// over the page break, kept as the last row's note.
fn flush_orphans(rows: &mut [RawRow], orphan: &mut Vec<String>) {
    if orphan.is_empty() {
        return;
    }
    if let Some(last) = rows.last_mut() {
        for t in orphan.iter() {
            append(&mut last.note, t);
        }
    }
    orphan.clear();
}

/// A footnote's text at the page foot: "<sup>1</sup> …" or "1 …".
fn is_footnote_text(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("<sup>")
        || t.split_once(' ')
            .is_some_and(|(n, _)| n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::split_lines;

    #[test]
    fn the_header_band_takes_every_sub_header_row() {
        let lines = split_lines(
            "STT\tLĩnh vực/Tiêu chí\tĐiểm tối đa\tĐiểm đánh giá thực tế\t\t\tGhi chú\n\
             \t\t\tTự đánh giá\tBNV đánh giá\tĐiểm đạt được\t\n\
             1.\tCÔNG TÁC CHỈ ĐẠO\t9.50\t\t\t\t",
        );
        let (merged, used) = header_band(&lines, 0);
        assert_eq!(used, 2);
        assert_eq!(merged[3], "tu danh gia");
        // The rest of a row cut by a page break is no sub-header: its text
        // sits under the label, unit or note column, or holds digits.
        let cut = split_lines(
            "STT\tChỉ tiêu thống kê\t\tKết quả thống kê\t\tGhi chú\n\
             \t\t\tĐơn vị tính\tSố liệu\t\n\
             \t\tbàn tỉnh\tđơn vị\t\t\n\
             \t\t\t\t\t27/6/2022 về khắc phục",
        );
        assert_eq!(header_band(&cut, 0).1, 2);
        assert_eq!(
            header_band(
                &cut[..2]
                    .iter()
                    .chain(&cut[3..])
                    .cloned()
                    .collect::<Vec<_>>(),
                0
            )
            .1,
            2
        );
    }

    #[test]
    fn a_blank_stt_header_under_a_caption_starts_a_table() {
        let lines =
            split_lines("Biểu mẫu 2\n\tNội dung\tĐơn vị tính\tSố liệu\n1\tSố văn bản\tVăn bản\t3");
        assert!(is_header_start(&lines, 1));
        let (roles, used) = column_roles(&lines, 1);
        assert_eq!(used, 1);
        assert_eq!(roles, [Role::Stt, Role::Label, Role::Unit, Role::Value]);
        // Without the caption, a blank first cell starts nothing.
        assert!(!is_header_start(&lines[1..], 0));
    }
}
