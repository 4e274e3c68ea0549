//! Rows of tables in layout-preserving text dumps (`pdftotext -layout`):
//! cells line up in columns, found from the header words' positions.

use super::lines::{
    is_footnote_rule, is_header_fragment, is_header_line, is_header_start, is_page_number,
    is_url_line, next_is_header,
};
use super::patterns::PATTERNS;
use super::raw::{append, RawRow};
use super::region::Region;
use super::{codes, split, stt};
use crate::ingest::Line;
use unicode_normalization::UnicodeNormalization;

/// Spaces that separate two cells on a line.
const CELL_GAP: usize = 2;
/// Spaces inside a header line that show the table is laid out by position.
const LAYOUT_GAP: usize = 3;
/// Columns may start this many characters left of their header word.
const SLACK: usize = 2;
/// Unit cells may start this far left of their header word: the unit
/// column's text often begins before its centred header.
const UNIT_SLACK: usize = 4;
/// A label line this full (share of the column) may wrap onto the next line.
const FULL_LINE: f64 = 0.8;

/// Where each column starts, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    label: usize,
    unit: usize,
    value: usize,
    note: Option<usize>,
}

/// One run of text on a line and the column it starts in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    x: usize,
    /// Column just past the last character.
    end: usize,
    /// Spaces before the word in the line's text (cell gaps are wide).
    gap: usize,
    text: String,
}

/// True when the region's header is laid out by position (wide gaps).
pub fn is_layout(lines: &[Line], region: &Region) -> bool {
    let h = &lines[region.headers[0]];
    let gap = " ".repeat(LAYOUT_GAP);
    h.text.trim().contains(&gap) && columns_at(lines, region.headers[0]).is_some()
}

/// Folds a line char by char (same length): lower case, no diacritics, đ → d.
fn fold_chars(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| {
            let base = c.to_string().nfd().next().unwrap_or(c);
            match base {
                'đ' | 'Đ' => 'd',
                b => b.to_lowercase().next().unwrap_or(b),
            }
        })
        .collect()
}

fn find_word(hay: &[char], needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    (0..hay.len().saturating_sub(n.len() - 1)).find(|&i| hay[i..].starts_with(&n))
}

/// Where a header of two or more words wrapped in its cell starts: its first
/// word on one line and the rest under it on the next ("Số" / "liệu").
fn find_wrapped(block: &[(Vec<char>, Vec<usize>)], needle: &str) -> Option<usize> {
    let (head, tail) = needle.split_once(' ')?;
    let whole_words = |l: &[char], w: &str| -> Vec<usize> {
        let n = w.chars().count();
        (0..l.len())
            .filter(|&i| l[i..].starts_with(&w.chars().collect::<Vec<_>>()))
            .filter(|&i| i == 0 || l[i - 1] == ' ')
            .filter(|&i| l.get(i + n).is_none_or(|c| *c == ' '))
            .collect()
    };
    block.windows(2).find_map(|pair| {
        let [(l1, c1), (l2, c2)] = pair else {
            return None;
        };
        whole_words(l1, head).into_iter().find_map(|i| {
            let x = *c1.get(i)?;
            whole_words(l2, tail)
                .into_iter()
                .filter_map(|j| c2.get(j).copied())
                .any(|y| y.abs_diff(x) <= WRAP_SLACK)
                .then_some(x)
        })
    })
}

/// How far (columns) a wrapped header's second line may sit from its first.
const WRAP_SLACK: usize = 2;

/// Column starts from the header lines beginning at `h`.
fn columns_at(lines: &[Line], h: usize) -> Option<Columns> {
    let block: Vec<(Vec<char>, Vec<usize>)> = lines[h..]
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(4)
        .map(|l| (fold_chars(&l.text), l.char_columns()))
        .collect();
    // Words in list order: "số liệu" wins over a "kết quả" spanning cell.
    let find = |words: &[String]| {
        words.iter().find_map(|w| {
            block
                .iter()
                .find_map(|(l, cols)| find_word(l, w).and_then(|i| cols.get(i).copied()))
                .or_else(|| find_wrapped(&block, w))
        })
    };
    let cols = &PATTERNS.columns;
    let label = find(&cols.label)?;
    let unit = find(&cols.unit)?;
    let value = find(&cols.value)?;
    let note = find(&cols.note);
    (label < unit && unit < value).then_some(Columns {
        label,
        unit,
        value,
        note,
    })
}

/// The cells of one line.
#[derive(Debug, Default)]
struct LineCells {
    stt: Option<String>,
    labels: Vec<Segment>,
    unit: String,
    value: String,
    note: String,
}

/// Words of a line with their page columns.
fn words(line: &Line) -> Vec<Segment> {
    let columns = line.char_columns();
    let mut out = Vec::new();
    let mut current: Option<Segment> = None;
    let mut spaces = 0usize;
    for (i, c) in line.text.chars().enumerate() {
        let x = columns.get(i).copied().unwrap_or(i);
        if c.is_whitespace() {
            if let Some(w) = current.take() {
                out.push(w);
                spaces = 0;
            }
            spaces += 1;
        } else {
            let seg = current.get_or_insert(Segment {
                x,
                end: x,
                gap: spaces,
                text: String::new(),
            });
            seg.text.push(c);
            seg.end = x + 1;
        }
    }
    out.extend(current);
    out
}

/// Assigns every word of a line to a column by where it starts; label-area words are
/// grouped into runs split at wide gaps (a grouping cell, then the label).
fn classify(all: Vec<Segment>, cols: &Columns) -> LineCells {
    let mut c = LineCells::default();
    // A code label ("Chưa = 0", "Đang làm =") opens a unit cell.
    let opens_code = |k: usize| all[k..].iter().take(3).any(|w| w.text.starts_with('='));
    for (k, w) in all.iter().cloned().enumerate() {
        let at = |col: usize, slack: usize| w.x + slack >= col;
        if k == 0 && w.x + SLACK < cols.label {
            if let Some((printed, _)) = stt::parse(&w.text) {
                c.stt = Some(printed);
                continue;
            }
        }
        if cols.note.is_some_and(|n| at(n, SLACK)) {
            append(&mut c.note, &w.text);
        } else if at(cols.value, SLACK) {
            append(&mut c.value, &w.text);
        } else if at(cols.unit, 0)
            || (at(cols.unit, UNIT_SLACK) && (starts_unit(&w.text) || opens_code(k)))
        {
            append(&mut c.unit, &w.text);
        } else {
            match c.labels.last_mut() {
                Some(seg) if w.gap <= CELL_GAP => {
                    seg.text.push(' ');
                    seg.text.push_str(&w.text);
                    seg.end = w.end;
                }
                _ => c.labels.push(w),
            }
        }
    }
    c
}

/// True when a word can open a unit cell: a unit's first word, "%", a code.
fn starts_unit(word: &str) -> bool {
    word == "%"
        || word.contains('=')
        || PATTERNS
            .units
            .iter()
            .any(|u| u.split_whitespace().next() == Some(word))
}

/// Reads the rows of a layout-preserving table region.
pub fn rows(lines: &[Line], region: &Region) -> Vec<RawRow> {
    let Some(mut cols) = columns_at(lines, region.headers[0]) else {
        return Vec::new();
    };
    let mut rows: Vec<RawRow> = Vec::new();
    let mut group = String::new();
    let mut inner_label: Option<usize> = None;
    // Where the previous label line ended, as columns from the label's start
    // (0: no label line to continue).
    let mut last_label_end = 0usize;
    let mut in_footnotes = false;
    let mut after_break = false;
    let mut last_page = lines.get(region.span.start).and_then(|l| l.page);
    // Where labels really start (the STT column may be wider than its header).
    let mut label_x = cols.label;
    // Within the lines of a header (cells wrapped over several lines).
    let mut in_header = false;
    // The line of the last row, when its STT ended in a dot ("3.3.") and
    // it was the last line read.
    let mut stt_open: Option<usize> = None;
    for i in region.span.clone() {
        let line = &lines[i];
        if is_header_start(lines, i) {
            if let Some(c) = columns_at(lines, i) {
                cols = c;
            }
            in_footnotes = false;
            after_break = true;
            in_header = true;
            continue;
        }
        if is_header_line(line) || (in_header && is_header_fragment(line)) {
            after_break = true;
            continue;
        }
        if !line.text.trim().is_empty() {
            in_header = false;
        }
        if is_footnote_rule(line) {
            in_footnotes = true;
        }
        // A URL or a number at the page margin is page furniture; one in
        // the label column is label text ("mức độ" / "4").
        let line_words = words(line);
        let indent = line_words.first().map_or(0, |w| w.x);
        let in_label_column = indent + SLACK >= label_x && indent <= label_x + SLACK;
        let page_number = is_page_number(line)
            && !in_label_column
            && next_is_header(lines, i + 1, region.span.end);
        let footer_url = is_url_line(line) && indent + SLACK < label_x;
        if in_footnotes || line.text.trim().is_empty() || footer_url || page_number {
            continue;
        }
        // Rules only tell rows apart within a page: the first line after a
        // page break sits under the repeated header's rule whatever it is.
        let new_page = line.page != last_page;
        let rule_above = if after_break || new_page {
            None
        } else {
            line.rule_above
        };
        after_break = false;
        last_page = line.page;
        let stt_word = line_words
            .first()
            .map(|w| w.text.clone())
            .unwrap_or_default();
        let mut c = classify(line_words, &cols);
        // An STT wrapped in a narrow column ("3.3." / "1"): the digits
        // under an STT that ended in a dot finish it; the line continues the row.
        if let (Some(s), Some(prev)) = (&c.stt, rows.last_mut()) {
            // Only skipped lines (blank, a repeated header) came between.
            if stt_open.is_some() && s.chars().all(|ch| ch.is_ascii_digit()) {
                prev.stt = format!("{}.{s}", prev.stt);
                c.stt = None;
            }
        }
        stt_open = None;
        if c.stt.is_some() && stt_word.ends_with('.') {
            stt_open = Some(i);
        }
        if let (Some(_), Some(first)) = (&c.stt, c.labels.first()) {
            label_x = first.x;
        }
        let label_width = cols.unit.saturating_sub(label_x).max(1);
        if let Some(s) = c.stt {
            group.clear();
            let label = c
                .labels
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            last_label_end = c.labels.last().map_or(0, |l| l.end.saturating_sub(label_x));
            // An STT centred in a ruled row: the lines above it, in the same
            // band between two rules, are already that row.
            if let (Some(false), Some(prev)) = (rule_above, rows.last_mut()) {
                if prev.stt.is_empty() {
                    prev.stt = s;
                    append(&mut prev.label, &label);
                    append(&mut prev.unit, &c.unit);
                    append(&mut prev.value, &c.value);
                    append(&mut prev.note, &c.note);
                    continue;
                }
            }
            rows.push(RawRow {
                stt: s,
                label,
                unit: c.unit,
                value: c.value,
                note: c.note,
                line: line.no,
                ..RawRow::default()
            });
            continue;
        }
        let (group_seg, label_seg) = match c.labels.as_slice() {
            [g, l, ..] => (Some(g.clone()), Some(l.clone())),
            [l] if inner_label.is_some_and(|x| l.x + SLACK >= x) => (None, Some(l.clone())),
            [l] => (None, Some(l.clone())),
            [] => (None, None),
        };
        if let (Some(g), Some(l)) = (&group_seg, &label_seg) {
            inner_label = Some(l.x);
            // A group cell wrapping beside a new sub-row ("loại VBQPPL").
            let starts_group = rows.last().is_none_or(|r| r.group.is_empty())
                || !group.is_empty()
                    && l.text.starts_with(char::is_uppercase)
                    && g.text.starts_with(char::is_uppercase);
            if starts_group && g.text.starts_with(char::is_uppercase) {
                group = g.text.clone();
            } else {
                append(&mut group, &g.text);
                if let Some(r) = rows.last_mut() {
                    if !r.group.is_empty() {
                        r.group = group.clone();
                    }
                }
            }
        }
        match (label_seg, rows.last_mut()) {
            (Some(l), Some(prev))
                if group_seg.is_none()
                    && match rule_above {
                        // Drawn rules decide: no rule above, the same cell.
                        Some(rule) => !rule,
                        None => {
                            l.text.starts_with(char::is_lowercase)
                                || (is_wrap(last_label_end, &l.text, label_width)
                                    && !opens_new_cells(prev, &c))
                        }
                    } =>
            {
                append(&mut prev.label, &l.text);
                append(&mut prev.unit, &c.unit);
                append(&mut prev.value, &c.value);
                append(&mut prev.note, &c.note);
                last_label_end = l.end.saturating_sub(label_x);
            }
            (Some(l), _) => {
                last_label_end = l.end.saturating_sub(label_x);
                rows.push(RawRow {
                    label: l.text,
                    group: if group_seg.is_some() || inner_label.is_some_and(|x| l.x + SLACK >= x) {
                        group.clone()
                    } else {
                        String::new()
                    },
                    unit: c.unit,
                    value: c.value,
                    note: c.note,
                    line: line.no,
                    ..RawRow::default()
                });
            }
            (None, Some(prev)) => {
                append(&mut prev.unit, &c.unit);
                append(&mut prev.value, &c.value);
                append(&mut prev.note, &c.note);
            }
            (None, None) => {}
        }
    }
    for r in &mut rows {
        let (label, notes) = split::take_glued_footnotes(&r.label);
        r.label = label;
        r.footnotes = notes;
    }
    rows
}

/// True when a line's cells cannot continue the previous row's: a second
/// value, or a new capitalised unit after a complete one.
fn opens_new_cells(prev: &RawRow, c: &LineCells) -> bool {
    let open_value = prev.value.ends_with(',')
        || prev.value.matches('(').count() > prev.value.matches(')').count();
    let second_value = !c.value.is_empty()
        && !prev.value.is_empty()
        && !open_value
        && c.value
            .starts_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase());
    let unit_done =
        !prev.unit.is_empty() && !codes::ends_with_code(&prev.unit) && !prev.unit.ends_with(',');
    // A capitalised unit or a symbol unit ("%"), not a code's "= 1".
    let new_unit = c.unit.starts_with(|ch: char| {
        ch.is_uppercase() || (!ch.is_alphanumeric() && !matches!(ch, '=' | '(' | ','))
    });
    second_value || (unit_done && new_unit && !codes::is_code_list(&c.unit))
}

/// True when `next` continues a label line that ended `prev_end` columns
/// from the label's start: `next` starts in lower case, or the previous line
/// was full enough that its next word had to wrap.
fn is_wrap(prev_end: usize, next: &str, width: usize) -> bool {
    if prev_end == 0 {
        return false;
    }
    if next.starts_with(char::is_lowercase) {
        return true;
    }
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let needed = prev_end + 1 + first_word;
    needed as f64 >= FULL_LINE * width as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_to_their_columns() {
        let cols = Columns {
            label: 8,
            unit: 52,
            value: 66,
            note: Some(76),
        };
        let line = |t: &str| words(&crate::ingest::text::split_lines(t).remove(0));
        let c = classify(line("1.3     Số lượng các ban quản lý trực thuộc UBND Ban                         Không báo"), &cols);
        assert_eq!(c.stt.as_deref(), Some("1.3"));
        assert_eq!(c.labels[0].text, "Số lượng các ban quản lý trực thuộc UBND");
        assert_eq!((c.unit.as_str(), c.note.as_str()), ("Ban", "Không báo"));
        let c = classify(
            line("        Trong đó        Số TTHC cấp huyện:           Thủ tục       289"),
            &cols,
        );
        assert_eq!(c.labels.len(), 2);
        assert_eq!(c.value, "289");
    }

    #[test]
    fn wrapped_number_stays_in_label() {
        let text = "STT     Chỉ tiêu thống kê                              Kết quả thống kê        Ghi chú\n\
                    \n                                                     Đơn vị tính   Số liệu\n\
                    1.5.4   Tỷ lệ ĐVSNCL đã cắt giảm so với năm          %\n        2015\n\
                    2.5     Tỷ lệ phần trăm biên chế đã tinh giản so với %\n        năm 2015\n";
        let lines = crate::ingest::text::split_lines(text);
        let region = Region {
            title: String::new(),
            headers: vec![0],
            span: 0..lines.len(),
            tabbed: false,
        };
        assert!(is_layout(&lines, &region));
        let rows = rows(&lines, &region);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].label, "Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015");
        assert_eq!(
            rows[1].label,
            "Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015"
        );
        assert_eq!(rows[1].unit, "%");
    }

    #[test]
    fn wraps() {
        assert!(is_wrap(
            "Thực hiện nhiệm vụ Chính phủ, Thủ tướng".chars().count(),
            "Chính phủ, UBND",
            47
        ));
        assert!(!is_wrap(4, "Thực hiện nhiệm vụ", 47));
        assert!(is_wrap(11, "thành", 47));
    }
}
