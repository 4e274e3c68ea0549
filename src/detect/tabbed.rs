//! Rows of tables rendered as tab-separated cells (DOCX → text dumps).

use super::columns::{is_numbered_columns, Header};
use super::lines::{caption_keyword, is_header_line, is_header_start};
use super::patterns::PATTERNS;
use super::raw::{append, clean_cell, RawRow};
use super::region::Region;
use super::{codes, stt};
use crate::ingest::Line;
use crate::model::{Column, Role};
use crate::normalize::fold;

/// Cells of one body row, sorted by role.
#[derive(Default)]
struct Cells {
    stt: String,
    labels: Vec<(String, Vec<u32>)>,
    unit: String,
    value: String,
    note: String,
    /// Text of every column with cells (value, other), in column order.
    cells: Vec<String>,
}

/// Sorts a row's cells by the roles of the header's slots; the table's
/// `value` is its first value column, every value and other column a cell.
fn split_cells(cells: &[String], header: &Header, table: &[Column]) -> Cells {
    let mut out = Cells::default();
    let celled: Vec<Option<usize>> = cell_indices(table);
    out.cells = vec![String::new(); celled.iter().flatten().count()];
    let first_value = table.iter().position(|c| c.role == Role::Value);
    for (i, cell) in cells.iter().enumerate() {
        let role = header.roles.get(i).copied().unwrap_or(Role::Note);
        let column = header.slots.get(i).copied();
        let (text, notes) = clean_cell(cell);
        match role {
            Role::Stt => append(&mut out.stt, &text),
            Role::Label => out.labels.push((text, notes)),
            Role::Unit => append(&mut out.unit, &text),
            Role::Note => append(&mut out.note, &text),
            Role::Value | Role::Other => {
                if role == Role::Value && column == first_value {
                    append(&mut out.value, &text);
                }
                if let Some(k) = column.and_then(|c| celled.get(c).copied().flatten()) {
                    append(&mut out.cells[k], &text);
                }
            }
        }
    }
    out
}

/// For every column, its index among the columns with cells.
fn cell_indices(columns: &[Column]) -> Vec<Option<usize>> {
    let mut k = 0;
    columns
        .iter()
        .map(|c| {
            c.has_cells().then(|| {
                k += 1;
                k - 1
            })
        })
        .collect()
}

/// One table of a region: its columns and rows. A repeated header with
/// other column roles starts a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Line index of the table's first header.
    pub header: usize,
    /// The columns of the first header.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<RawRow>,
}

/// Reads the tables of a tab-separated table region: one per run of
/// headers with the same column roles.
pub fn read(lines: &[Line], region: &Region) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut reader = Reader::default();
    let mut header = Header::read(lines, region.headers[0]);
    let mut i = region.span.start;
    while i < region.span.end {
        let line = &lines[i];
        if region.headers.contains(&i) || is_header_start(lines, i) || opens_with_stt_header(line) {
            let next = Header::read(lines, i);
            let same = segments.last().is_some_and(|s| repeats(&s.columns, &next));
            if reader.ended {
                // Prose after the table is no note of its last row.
                reader.orphan.clear();
            }
            flush_orphans(&mut reader.rows, &mut reader.orphan);
            if same {
                reader.page_break();
            } else {
                reader.finish(&mut segments);
                segments.push(Segment {
                    header: i,
                    columns: next.columns.clone(),
                    rows: Vec::new(),
                });
            }
            i += next.used;
            header = next;
            continue;
        }
        i += 1;
        let Some(segment) = segments.last_mut() else {
            continue;
        };
        reader.line(line, &header, segment);
    }
    reader.finish(&mut segments);
    segments
}

/// True for a row whose first cell is an STT column header ("STT"): a
/// header without the usual header words ("STT | Các chỉ tiêu | Năm 2025").
fn opens_with_stt_header(line: &Line) -> bool {
    let first = line.cells.as_ref().and_then(|c| c.first());
    first.is_some_and(|c| PATTERNS.columns.stt.contains(&fold(&clean_cell(c).0)))
}

/// True when `next` repeats the header of the table with `columns` (a
/// header printed again on a new page): the same column roles under the
/// same header texts. Another header, even with the same roles ("Số
/// lượng hồ sơ đã hỗ trợ/Tổng số hồ sơ" after "… /Tổng hồ sơ trực
/// tuyến/…"), starts a new table.
fn repeats(columns: &[Column], next: &Header) -> bool {
    let key = |c: &Column| (c.role, c.header.join(" ").to_lowercase());
    columns.iter().map(key).eq(next.columns.iter().map(key))
}

/// The state of the row reader between lines of one table.
#[derive(Default)]
struct Reader {
    rows: Vec<RawRow>,
    carry_group: Option<String>,
    orphan: Vec<String>,
    /// Just past a header repeated on a new page: the first row may be
    /// the rest of the row the page break cut.
    after_repeat: bool,
    /// Prose or a caption came after the rows: the table has ended, and
    /// cells below (another table without a header of its own, boxes of
    /// a chart) are not its rows until a header comes.
    ended: bool,
}

/// Lines of text between rows that end a table ([`Reader::ended`]).
const PROSE_LINES: usize = 3;

impl Reader {
    /// A header repeated on a new page.
    fn page_break(&mut self) {
        self.after_repeat = !self.rows.is_empty();
        self.ended = false;
    }

    /// Ends the table being read: its rows go to the last segment (text
    /// after the last row not followed by a header is dropped).
    fn finish(&mut self, segments: &mut [Segment]) {
        let rows = std::mem::take(&mut self.rows);
        if let Some(last) = segments.last_mut() {
            last.rows.extend(rows);
        }
        *self = Reader::default();
    }

    /// Reads one body line of the table `segment` under `header`.
    fn line(&mut self, line: &Line, header: &Header, segment: &Segment) {
        let Some(cells) = &line.cells else {
            let (text, _) = clean_cell(&line.text);
            if !text.is_empty() && !is_header_line(line) && !is_footnote_text(&line.text) {
                self.orphan.push(text);
                let caption = caption_keyword(line).is_some();
                self.ended |=
                    !self.rows.is_empty() && (caption || self.orphan.len() >= PROSE_LINES);
            }
            return;
        };
        if self.ended {
            return;
        }
        // Text between rows that is not followed by a header is no cell.
        self.orphan.clear();
        let folded: Vec<String> = cells.iter().map(|c| fold(&clean_cell(c).0)).collect();
        if is_numbered_columns(&folded) {
            return;
        }
        let c = split_cells(cells, header, &segment.columns);
        let Some(row) = body_row(c, line.no, &mut self.carry_group) else {
            return;
        };
        let after_break = std::mem::take(&mut self.after_repeat);
        let rows = &mut self.rows;
        if rows.last().is_some_and(|prev| ends_table(prev, &row)) {
            return;
        }
        if let Some(prev) = rows.last_mut() {
            if after_break && is_cut_rest(prev, &row) {
                merge_cut_rest(rows, row);
                return;
            }
            if row.stt.is_empty() && !row.total && continues(prev, &row) {
                merge(prev, &row);
                return;
            }
        }
        if !row.stt.is_empty() {
            self.carry_group = None;
        }
        rows.push(row);
    }
}

/// The row a body line's cells make, or `None` for a line without STT
/// and without text.
fn body_row(c: Cells, line: usize, carry_group: &mut Option<String>) -> Option<RawRow> {
    let (mut label, group, footnotes) = label_and_group(&c.labels, carry_group);
    let mut parsed = stt::parse(&c.stt);
    // A section row printed in one cell merged across the table ("I. CẤP
    // SỞ, NGÀNH" under STT): its leading number is the STT.
    if parsed.is_none() && label.is_empty() {
        if let Some((printed, stt, rest)) = stt::split_leading(&c.stt) {
            label = rest.trim().to_string();
            parsed = Some((printed, stt));
        }
    }
    let stt_cell_is_number = c.stt.is_empty() || parsed.is_some();
    // Text in the STT column that is no number (a group row's label
    // spanning the STT and label columns) is text.
    let blank = stt_cell_is_number
        && [&label, &c.unit, &c.value, &c.note]
            .iter()
            .all(|s| s.is_empty())
        && c.cells.iter().all(String::is_empty);
    if parsed.is_none() && blank {
        return None;
    }
    let label = if stt_cell_is_number {
        label
    } else {
        format!("{} {label}", c.stt).trim().to_string()
    };
    let stt = parsed.map(|(p, _)| p).unwrap_or_default();
    Some(RawRow {
        total: stt.is_empty() && is_total_label(&label),
        stt,
        label,
        group,
        unit: c.unit,
        value: c.value,
        note: c.note,
        cells: c.cells,
        footnotes,
        line,
    })
}

/// True for the label of a totals row ("Tổng cộng", "Cộng:").
fn is_total_label(label: &str) -> bool {
    let folded = fold(label);
    let bare = folded.trim_end_matches([':', '.']).trim();
    PATTERNS.total_labels.iter().any(|t| t == bare)
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

/// True when `row` comes after the table's end: a row without STT after
/// a totals row (a chart's data labels or a prose line with a tab under
/// the table), unless it is another totals row or the rest of a wrapped
/// totals label.
fn ends_table(prev: &RawRow, row: &RawRow) -> bool {
    prev.total && row.stt.is_empty() && !row.total && !continues(prev, row)
}

/// True when a row without STT continues the row before it: a note cell
/// carried over a page, a label wrapped into the next row, or a coded unit
/// spread over rows.
fn continues(prev: &RawRow, row: &RawRow) -> bool {
    let only_note = is_note_only(row);
    let wrapped_label = !row.label.is_empty()
        && row.unit.is_empty()
        && row.value.is_empty()
        && row.cells.iter().all(String::is_empty)
        && row.note.is_empty()
        && row.group.is_empty()
        && (prev.label.ends_with([',', ';', '-'])
            || row.label.starts_with(|c: char| c.is_lowercase()));
    let spread_code =
        !prev.stt.is_empty() && codes::is_code_list(&prev.unit) && codes::is_code_list(&row.unit);
    only_note || wrapped_label || spread_code
}

/// True when `row`, the first after a header repeated on a new page, can
/// be the rest of `prev` cut by the page break: no label of its own, one
/// that goes on (in lower case, with "(", after a dangling word, or
/// without a letter: "0.25" under "… đúng quy định:") or
/// text alone under a row with a value ([`is_cut_text`]), and no
/// STT, or only the tail of a wrapped STT cell ("3.3." over "3") that
/// cannot follow `prev`'s number.
fn is_cut_rest(prev: &RawRow, row: &RawRow) -> bool {
    let lower = row
        .label
        .starts_with(|c: char| c.is_lowercase() || c == '(')
        || ends_dangling(&prev.label)
        || (row.stt.is_empty() && !row.label.chars().any(char::is_alphabetic));
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
        && (row.label.is_empty() || lower || (row.stt.is_empty() && is_cut_text(prev, row)))
}

/// True when `row` is only label or note text (no value, cell or unit)
/// under a row with a value, and goes on from it: a list item ("- Thực
/// hiện đầy đủ …" under "1.6.1 … | 1,0") or text in both the label and
/// the note column, as the rest of long cells a page break cut; not an
/// unnumbered sub-heading.
fn is_cut_text(prev: &RawRow, row: &RawRow) -> bool {
    let has_value = |r: &RawRow| !r.value.is_empty() || r.cells.iter().any(|c| !c.is_empty());
    let list_item = row.label.starts_with(['-', '+', '–', '•']);
    let both_cut = !row.note.is_empty() && !prev.note.is_empty();
    !row.total
        && row.unit.is_empty()
        && !has_value(row)
        && has_value(prev)
        && (list_item || both_cut)
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
    row.label.is_empty()
        && row.unit.is_empty()
        && row.value.is_empty()
        && row.cells.iter().all(String::is_empty)
        && !row.note.is_empty()
}

fn merge(prev: &mut RawRow, row: &RawRow) {
    append(&mut prev.label, &row.label);
    append(&mut prev.unit, &row.unit);
    append(&mut prev.value, &row.value);
    append(&mut prev.note, &row.note);
    for (k, text) in row.cells.iter().enumerate() {
        match prev.cells.get_mut(k) {
            Some(cell) => append(cell, text),
            None => prev.cells.push(text.clone()),
        }
    }
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
    fn a_blank_stt_header_under_a_caption_starts_a_table() {
        let lines =
            split_lines("Biểu mẫu 2\n\tNội dung\tĐơn vị tính\tSố liệu\n1\tSố văn bản\tVăn bản\t3");
        assert!(is_header_start(&lines, 1));
        let header = Header::read(&lines, 1);
        assert_eq!(header.used, 1);
        assert_eq!(
            header.column_roles(),
            [Role::Stt, Role::Label, Role::Unit, Role::Value]
        );
        // Without the caption, a blank first cell starts nothing.
        assert!(!is_header_start(&lines[1..], 0));
    }

    #[test]
    fn a_comment_table_names_its_rows_and_numbers_a_merged_section_row() {
        let lines = split_lines(
            "STT\tTên cơ quan, đơn vị, địa phương\tÝ kiến góp ý\tÝ kiến của Sở Nội vụ\n\
             I. CẤP SỞ, NGÀNH\t\t\t\n\
             1\tSở Tư pháp\tThống nhất\t\n",
        );
        assert!(is_header_start(&lines, 0));
        let header = Header::read(&lines, 0);
        assert_eq!(
            header.column_roles(),
            [Role::Stt, Role::Label, Role::Other, Role::Other]
        );
        let tables = crate::detect::detect_tables(&lines).tables;
        let rows: Vec<(&str, &str)> = tables[0]
            .rows
            .iter()
            .map(|r| (r.stt.as_str(), r.label.as_str()))
            .collect();
        assert_eq!(rows, [("I", "CẤP SỞ, NGÀNH"), ("1", "Sở Tư pháp")]);
    }

    #[test]
    fn wide_rows_keep_every_value_column_and_totals() {
        let lines = split_lines(
            "Biểu mẫu 1\n\
             STT\tNội dung\tLâm Đồng\t\tĐắk Nông\t\n\
             \t\tĐiểm số\tChỉ số\tĐiểm số\tChỉ số\n\
             (1)\t(2)\t(3)\t(4)\t(5)\t(6)\n\
             1\tCải cách thể chế\t9,38/ 10\t93,8%\t8,67/ 10\t86,7%\n\
             Tổng cộng\t\t83,1/ 100\t83,1%\t86,6/ 100\t86,6%",
        );
        let region = Region {
            title: "Biểu mẫu 1".into(),
            headers: vec![1],
            span: 1..lines.len(),
            tabbed: true,
        };
        let segments = read(&lines, &region);
        assert_eq!(segments.len(), 1);
        let s = &segments[0];
        assert_eq!(s.columns[3].header, ["Lâm Đồng", "Chỉ số"]);
        assert_eq!(s.rows.len(), 2, "the numbered row is no data row");
        assert_eq!(s.rows[0].value, "9,38/ 10");
        assert_eq!(s.rows[0].cells, ["9,38/ 10", "93,8%", "8,67/ 10", "86,7%"]);
        assert!(s.rows[1].total && s.rows[1].stt.is_empty());
        assert_eq!(s.rows[1].label, "Tổng cộng");
        assert_eq!(s.rows[1].cells[3], "86,6%");
    }

    fn region_of(lines: &[Line], headers: Vec<usize>) -> Region {
        Region {
            title: String::new(),
            headers,
            span: 0..lines.len(),
            tabbed: true,
        }
    }

    #[test]
    fn nothing_after_a_totals_row_is_a_row_but_another_total() {
        // A chart's data labels under the table, then a prose line with a tab.
        let lines = split_lines(
            "STT\tNội dung\tĐiểm số\tThứ hạng\n\
             1\tThể chế\t9,38\t20/63\n\
             CHỈ SỐ CHUNG\t\t83,1\t62/63\n\
             9,49 9,45\t\t9,9\t\n\
             - Tham mưu UBND tỉnh ban hành\t",
        );
        let segments = read(&lines, &region_of(&lines, vec![0]));
        let rows = &segments[0].rows;
        assert_eq!(rows.len(), 2);
        assert!(rows[1].total);
    }

    #[test]
    fn the_rest_of_a_cell_cut_by_a_page_break_joins_its_row() {
        let lines = split_lines(
            "STT\tNội dung\tĐiểm tối đa\tGhi chú\n\
             1.6.1\tTổ chức đối thoại. Nếu:\t0,5\t- Văn bản\n\
             STT\tNội dung\tĐiểm tối đa\tGhi chú\n\
             \t- Thực hiện đầy đủ thì điểm đánh giá là 0,5;\t\t\n\
             1.6.2\tBổ nhiệm đúng quy định:\t1,0\t\n\
             STT\tNội dung\tĐiểm tối đa\tGhi chú\n\
             \t0.25\t\t\n\
             STT\tNội dung\tĐiểm tối đa\tGhi chú\n\
             \tThực hiện nhiệm vụ UBND tỉnh giao\t\t",
        );
        let segments = read(&lines, &region_of(&lines, vec![0, 2, 5, 7]));
        let rows = &segments[0].rows;
        assert_eq!(rows.len(), 3, "{rows:#?}");
        assert_eq!(
            rows[0].label,
            "Tổ chức đối thoại. Nếu: - Thực hiện đầy đủ thì điểm đánh giá là 0,5;"
        );
        assert_eq!(rows[1].label, "Bổ nhiệm đúng quy định: 0.25");
        // A sub-heading (no list item, no note) stays a row of its own.
        assert_eq!(rows[2].label, "Thực hiện nhiệm vụ UBND tỉnh giao");
    }

    #[test]
    fn a_header_with_other_texts_starts_a_table_even_with_the_same_roles() {
        let lines = split_lines(
            "TT\tTên TTHC\tSố lượng hồ sơ đã hỗ trợ/Tổng số hồ sơ\n\
             1\tĐăng ký kết hôn\t862/1.266\n\
             TT\tTên TTHC\tSố lượng hồ sơ hỗ trợ/Tổng hồ sơ trực tuyến/Tổng số hồ sơ\n\
             1\tĐăng ký hộ kinh doanh\t1.315/2.342/2.572",
        );
        assert!(
            is_header_start(&lines, 0),
            "'Số lượng' heads a value column"
        );
        let segments = read(&lines, &region_of(&lines, vec![0, 2]));
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[1].rows[0].cells, ["1.315/2.342/2.572"]);
    }

    #[test]
    fn a_repeated_header_continues_and_another_starts_a_table() {
        let lines = split_lines(
            "Biểu mẫu 1\n\
             STT\tNội dung\tĐiểm số\tThứ hạng\n\
             1\tThể chế\t9,38\t20/63\n\
             STT\tNội dung\tĐiểm số\tThứ hạng\n\
             (1)\t(2)\t(3)\t(4)\n\
             2\tThủ tục\t11,97\t55/63\n\
             STT\tNội dung\tChỉ số\n\
             1\tHài lòng\t82,5%",
        );
        let region = Region {
            title: "Biểu mẫu 1".into(),
            headers: vec![1, 3, 6],
            span: 1..lines.len(),
            tabbed: true,
        };
        let segments = read(&lines, &region);
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].rows.len(), 2);
        assert_eq!(segments[0].rows[1].cells, ["11,97", "55/63"]);
        assert_eq!(segments[1].header, 6);
        assert_eq!(segments[1].rows[0].cells, ["82,5%"]);
    }

    #[test]
    fn a_units_table_under_a_numbered_caption_with_group_rows() {
        // "Bảng 3 -" over a header whose STT cell is blank, "ĐƠN VỊ" naming
        // the rows; group rows spanning the STT and label columns carry sums.
        let lines = split_lines(
            "Bảng 3 - Dự kiến phát triển đội ngũ\n\
             \tĐƠN VỊ\tHiện có\t2015\t2020\n\
             Khối quản lý\t\t103\t115\t147\n\
             1\tBan Giám hiệu\t4\t5\t5\n\
             Khối triển khai ƯD & dịch vụ\t\t\t\t\n\
             1\tViện NC Chế tạo tầu thủy\t9\t15\t20",
        );
        assert!(is_header_start(&lines, 1));
        let header = Header::read(&lines, 1);
        assert_eq!(
            header.column_roles(),
            [
                Role::Stt,
                Role::Label,
                Role::Value,
                Role::Value,
                Role::Value
            ]
        );
        let segments = read(&lines, &region_of(&lines, vec![1]));
        let labels: Vec<(&str, &str)> = segments[0]
            .rows
            .iter()
            .map(|r| (r.stt.as_str(), r.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("", "Khối quản lý"),
                ("1", "Ban Giám hiệu"),
                ("", "Khối triển khai ƯD & dịch vụ"),
                ("1", "Viện NC Chế tạo tầu thủy"),
            ]
        );
        assert_eq!(segments[0].rows[0].cells, ["103", "115", "147"]);
    }

    #[test]
    fn cells_after_prose_are_no_rows_of_the_table_above() {
        // Boxes of an organisation chart drawn as cells pages later, and the
        // prose between: neither rows nor a note of the last row.
        let lines = split_lines(
            "STT\tNội dung\tSố lượng\n\
             1\tĐề tài cấp Trường\t111\n\
             Giai đoạn này trường đã ...\n\
             Cơ cấu tổ chức gồm ...\n\
             các khoa và phòng ban.\n\
             \tBAN GIÁM HIỆU\t\n\
             2\tKHỐI QUẢN LÝ\t\n\
             STT\tNội dung\tSố lượng\n\
             3\tĐề tài cấp Bộ\t90",
        );
        let segments = read(&lines, &region_of(&lines, vec![0, 7]));
        let rows = &segments[0].rows;
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!((rows[0].note.as_str(), rows[1].stt.as_str()), ("", "3"));
    }
}
