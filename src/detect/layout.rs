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
use crate::normalize::fold_char;
use crate::value::{is_assign_sign, is_percent_sign};

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
        .map(|l| (l.text.chars().map(fold_char).collect(), l.char_columns()))
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
    let opens_code = |k: usize| {
        all[k..]
            .iter()
            .take(3)
            .any(|w| w.text.starts_with(is_assign_sign))
    };
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
    is_percent_sign(word)
        || word.contains(is_assign_sign)
        || PATTERNS
            .units
            .iter()
            .any(|u| u.split_whitespace().next() == Some(word))
}

/// Reads the rows of a layout-preserving table region.
pub fn rows(lines: &[Line], region: &Region) -> Vec<RawRow> {
    let Some(mut reader) = Reader::new(lines, region) else {
        return Vec::new();
    };
    for i in region.span.clone() {
        reader.line(i);
    }
    reader.finish()
}

/// The layout reader's state between lines: one method per kind of line
/// (a header, page furniture, an STT row start, a label line that opens a
/// row or continues one, a grouping cell, cells only).
struct Reader<'a> {
    lines: &'a [Line],
    /// End of the region (exclusive), for the page-number look-ahead.
    end: usize,
    cols: Columns,
    rows: Vec<RawRow>,
    /// Text of the grouping cell the current rows sit in.
    group: String,
    /// Where labels beside a grouping cell start.
    inner_label: Option<usize>,
    /// Where the previous label line ended, as columns from the label's
    /// start (0: no label line to continue).
    last_label_end: usize,
    in_footnotes: bool,
    /// A header (or its repetition) came since the last body line.
    after_break: bool,
    last_page: Option<u32>,
    /// Where labels really start (the STT column may be wider than its header).
    label_x: usize,
    /// Within the lines of a header (cells wrapped over several lines).
    in_header: bool,
    /// The last row's STT ended in a dot ("3.3.") on the last line read.
    stt_open: bool,
}

impl<'a> Reader<'a> {
    fn new(lines: &'a [Line], region: &Region) -> Option<Self> {
        let cols = columns_at(lines, region.headers[0])?;
        Some(Reader {
            lines,
            end: region.span.end,
            cols,
            rows: Vec::new(),
            group: String::new(),
            inner_label: None,
            last_label_end: 0,
            in_footnotes: false,
            after_break: false,
            last_page: lines.get(region.span.start).and_then(|l| l.page),
            label_x: cols.label,
            in_header: false,
            stt_open: false,
        })
    }

    /// Reads line `i`: sends it to the method for its kind.
    fn line(&mut self, i: usize) {
        let line = &self.lines[i];
        if is_header_start(self.lines, i) {
            return self.header_start(i);
        }
        if is_header_line(line) || (self.in_header && is_header_fragment(line)) {
            self.after_break = true;
            return;
        }
        if !line.text.trim().is_empty() {
            self.in_header = false;
        }
        if is_footnote_rule(line) {
            self.in_footnotes = true;
        }
        let line_words = words(line);
        if self.in_footnotes || self.is_furniture(i, &line_words) {
            return;
        }
        let rule_above = self.rule_above(line);
        let stt_dot = line_words.first().is_some_and(|w| w.text.ends_with('.'));
        let mut c = classify(line_words, &self.cols);
        self.finish_wrapped_stt(&mut c, stt_dot);
        match c.stt.take() {
            Some(stt) => self.stt_row(stt, c, rule_above, line.no),
            None => self.label_line(c, rule_above, line.no),
        }
    }

    /// A header starts (first or repeated on a new page): its columns.
    fn header_start(&mut self, i: usize) {
        if let Some(c) = columns_at(self.lines, i) {
            self.cols = c;
        }
        self.in_footnotes = false;
        self.after_break = true;
        self.in_header = true;
    }

    /// A blank line, or page furniture: a URL or a number at the page
    /// margin (one in the label column is label text, "mức độ" / "4").
    fn is_furniture(&self, i: usize, line_words: &[Segment]) -> bool {
        let line = &self.lines[i];
        let indent = line_words.first().map_or(0, |w| w.x);
        let in_label_column = indent + SLACK >= self.label_x && indent <= self.label_x + SLACK;
        let page_number =
            is_page_number(line) && !in_label_column && next_is_header(self.lines, i + 1, self.end);
        let footer_url = is_url_line(line) && indent + SLACK < self.label_x;
        line.text.trim().is_empty() || footer_url || page_number
    }

    /// Whether a rule is drawn above a body line. Rules only tell rows apart
    /// within a page: the first line after a page break sits under the
    /// repeated header's rule whatever it is.
    fn rule_above(&mut self, line: &Line) -> Option<bool> {
        let new_page = line.page != self.last_page;
        let rule = if self.after_break || new_page {
            None
        } else {
            line.rule_above
        };
        self.after_break = false;
        self.last_page = line.page;
        rule
    }

    /// An STT wrapped in a narrow column ("3.3." / "1"): the digits under an
    /// STT that ended in a dot finish it; the line continues the row.
    fn finish_wrapped_stt(&mut self, c: &mut LineCells, stt_dot: bool) {
        if let (true, Some(s), Some(prev)) = (self.stt_open, &c.stt, self.rows.last_mut()) {
            // Only skipped lines (blank, a repeated header) came between.
            if s.chars().all(|ch| ch.is_ascii_digit()) {
                prev.stt = format!("{}.{s}", prev.stt);
                c.stt = None;
            }
        }
        self.stt_open = c.stt.is_some() && stt_dot;
    }

    /// A line opening with an STT: a new row, or the STT of a ruled row
    /// whose text, centred above it, was already read.
    fn stt_row(&mut self, stt: String, c: LineCells, rule_above: Option<bool>, no: usize) {
        if let Some(first) = c.labels.first() {
            self.label_x = first.x;
        }
        self.group.clear();
        let label = c
            .labels
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.last_label_end = c
            .labels
            .last()
            .map_or(0, |l| l.end.saturating_sub(self.label_x));
        if let (Some(false), Some(prev)) = (rule_above, self.rows.last_mut()) {
            if prev.stt.is_empty() {
                prev.stt = stt;
                append(&mut prev.label, &label);
                append_cells(prev, &c);
                return;
            }
        }
        self.rows.push(RawRow {
            stt,
            label,
            unit: c.unit,
            value: c.value,
            note: c.note,
            line: no,
            ..RawRow::default()
        });
    }

    /// A line without STT: label text (beside a grouping cell or not) that
    /// continues the last row or opens an unnumbered one, or cells only.
    fn label_line(&mut self, c: LineCells, rule_above: Option<bool>, no: usize) {
        let (group_seg, label_seg) = match c.labels.as_slice() {
            [g, l, ..] => (Some(g.clone()), Some(l.clone())),
            [l] => (None, Some(l.clone())),
            [] => (None, None),
        };
        if let (Some(g), Some(l)) = (&group_seg, &label_seg) {
            self.group_cell(g, l);
        }
        let joins = match (&label_seg, self.rows.last()) {
            (Some(l), Some(prev)) => group_seg.is_none() && self.continues(l, prev, &c, rule_above),
            _ => false,
        };
        match (label_seg, self.rows.last_mut()) {
            (Some(l), Some(prev)) if joins => {
                append(&mut prev.label, &l.text);
                append_cells(prev, &c);
                self.last_label_end = l.end.saturating_sub(self.label_x);
            }
            (Some(l), _) => {
                self.last_label_end = l.end.saturating_sub(self.label_x);
                let grouped =
                    group_seg.is_some() || self.inner_label.is_some_and(|x| l.x + SLACK >= x);
                self.rows.push(RawRow {
                    label: l.text,
                    group: if grouped {
                        self.group.clone()
                    } else {
                        String::new()
                    },
                    unit: c.unit,
                    value: c.value,
                    note: c.note,
                    line: no,
                    ..RawRow::default()
                });
            }
            (None, Some(prev)) => append_cells(prev, &c),
            (None, None) => {}
        }
    }

    /// Whether label text `l` continues the previous row's label: drawn rules
    /// decide (no rule above, the same cell); without rules, a lower-case
    /// start or a wrap from a full line that opens no new cells.
    fn continues(&self, l: &Segment, prev: &RawRow, c: &LineCells, rule: Option<bool>) -> bool {
        let label_width = self.cols.unit.saturating_sub(self.label_x).max(1);
        match rule {
            Some(rule) => !rule,
            None => {
                l.text.starts_with(char::is_lowercase)
                    || (is_wrap(self.last_label_end, &l.text, label_width)
                        && !opens_new_cells(prev, c))
            }
        }
    }

    /// A grouping cell `g` beside label `l`: it starts a new group, or
    /// continues the current one wrapping beside a new sub-row ("loại VBQPPL").
    fn group_cell(&mut self, g: &Segment, l: &Segment) {
        self.inner_label = Some(l.x);
        let starts_group = self.rows.last().is_none_or(|r| r.group.is_empty())
            || !self.group.is_empty()
                && l.text.starts_with(char::is_uppercase)
                && g.text.starts_with(char::is_uppercase);
        if starts_group && g.text.starts_with(char::is_uppercase) {
            self.group = g.text.clone();
        } else {
            append(&mut self.group, &g.text);
            if let Some(r) = self.rows.last_mut() {
                if !r.group.is_empty() {
                    r.group = self.group.clone();
                }
            }
        }
    }

    /// The rows read, their labels' glued footnote numbers taken off.
    fn finish(mut self) -> Vec<RawRow> {
        for r in &mut self.rows {
            let (label, notes) = split::take_glued_footnotes(&r.label);
            r.label = label;
            r.footnotes = notes;
        }
        self.rows
    }
}

/// Appends a line's unit, value and note cells to a row's.
fn append_cells(row: &mut RawRow, c: &LineCells) {
    append(&mut row.unit, &c.unit);
    append(&mut row.value, &c.value);
    append(&mut row.note, &c.note);
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
        ch.is_uppercase()
            || (!ch.is_alphanumeric() && !matches!(ch, '(' | ',') && !is_assign_sign(ch))
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
