//! The header of a tab-separated table: its band of header rows, the
//! columns they print (header paths, roles, units, periods) and which
//! column each grid slot belongs to.

use super::patterns::PATTERNS;
use super::raw::clean_cell;
use crate::ingest::Line;
use crate::model::{Column, Role};
use crate::normalize::fold;

/// Most lines a table header takes (a title row over two rows of
/// sub-headers, and a row of column numbers).
const MAX_HEADER_LINES: usize = 5;
/// Most words of a sub-header cell ("BNV đánh giá", "Tỷ lệ thủ tục hành
/// chính có cấp kết quả giải quyết TTHC điện tử"): a body row has digits.
const MAX_SUB_HEADER_WORDS: usize = 25;
/// Fewest cells of a numbered-columns row ("(1) (2) (3)").
const MIN_NUMBERED_CELLS: usize = 3;

/// A table header read from its band of header rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The role of every grid slot (a column may take several slots).
    pub roles: Vec<Role>,
    /// For every grid slot, the index of its column in `columns`.
    pub slots: Vec<usize>,
    /// How many lines the header takes.
    pub used: usize,
}

impl Header {
    /// Reads the header whose first row is line `h`.
    pub fn read(lines: &[Line], h: usize) -> Header {
        let (rows, used) = header_rows(lines, h);
        let paths = slot_paths(&rows);
        let roles = slot_roles(&paths);
        let mut columns: Vec<Column> = Vec::new();
        let mut slots = Vec::with_capacity(paths.len());
        for (i, (path, role)) in paths.iter().zip(&roles).enumerate() {
            let joins = i > 0 && path.is_empty() && roles[i - 1] == *role;
            if !joins {
                columns.push(column(path, *role));
            }
            slots.push(columns.len().saturating_sub(1));
        }
        Header {
            columns,
            roles,
            slots,
            used,
        }
    }

    /// The column roles, left to right.
    #[cfg(test)]
    pub fn column_roles(&self) -> Vec<Role> {
        self.columns.iter().map(|c| c.role).collect()
    }
}

/// A column from its header path and role; value and other columns get
/// the unit and period their header names.
fn column(path: &[String], role: Role) -> Column {
    let celled = matches!(role, Role::Value | Role::Other);
    Column {
        header: path.to_vec(),
        role,
        unit: celled.then(|| header_unit(path)).flatten(),
        period: celled.then(|| header_period(path)).flatten(),
    }
}

/// The unit a header path names, lowest level first: a header opening
/// with a unit word ("Điểm tối đa" → "Điểm", not "Địa điểm"), a "%"
/// anywhere ("Tỷ lệ (%)"), or a parenthesised unit ("(Văn bản)").
fn header_unit(path: &[String]) -> Option<String> {
    path.iter().rev().find_map(|level| {
        let folded = fold(level);
        let opens = |w: &str| {
            folded
                .strip_prefix(w)
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        };
        let named = PATTERNS.columns.header_units.iter().find(|(w, _)| {
            if w == "%" {
                folded.contains('%')
            } else {
                opens(w)
            }
        });
        named
            .map(|(_, u)| u.clone())
            .or_else(|| parenthesised_unit(level))
    })
}

/// A unit of the unit vocabulary printed in parentheses in a header.
fn parenthesised_unit(level: &str) -> Option<String> {
    level.split('(').skip(1).find_map(|rest| {
        let inner = rest.split(')').next()?.trim();
        PATTERNS.units.iter().find(|u| u.as_str() == inner).cloned()
    })
}

/// The period a header path names, as printed, lowest level first.
fn header_period(path: &[String]) -> Option<String> {
    path.iter().rev().find_map(|level| {
        let m = PATTERNS.columns.header_period.find(level)?;
        Some(m.as_str().to_string())
    })
}

/// The header rows starting at line `h`, each cell cleaned as printed, and
/// how many lines the band takes: the first row, every row continuing it
/// (header words, or sub-headers under a spanning cell) and a row of
/// column numbers, which names nothing and is left out.
fn header_rows(lines: &[Line], h: usize) -> (Vec<Vec<String>>, usize) {
    let printed =
        |cells: &[String]| -> Vec<String> { cells.iter().map(|c| clean_cell(c).0).collect() };
    let folded = |cells: &[String]| -> Vec<String> { cells.iter().map(|c| fold(c)).collect() };
    let mut rows = vec![printed(lines[h].cells.as_deref().unwrap_or_default())];
    let first = folded(&rows[0]);
    let mut used = 1;
    while used < MAX_HEADER_LINES {
        let Some(cells) = lines.get(h + used).and_then(|l| l.cells.as_ref()) else {
            break;
        };
        let row = printed(cells);
        let f = folded(&row);
        if is_numbered_columns(&f) {
            used += 1;
            break;
        }
        let above = rows.last().map(|r| folded(r)).unwrap_or_default();
        if !is_header_continuation(&f) && !is_sub_header(&f, &above, &first) {
            break;
        }
        used += 1;
        rows.push(row);
    }
    (rows, used)
}

/// The folded header text of each column, the header rows starting at line
/// `h` merged (a lower row's cell names its column), and how many lines the
/// header takes.
#[cfg(test)]
fn header_band(lines: &[Line], h: usize) -> (Vec<String>, usize) {
    let (rows, used) = header_rows(lines, h);
    let merged = slot_paths(&rows)
        .iter()
        .map(|p| p.last().map(|t| fold(t)).unwrap_or_default())
        .collect();
    (merged, used)
}

/// True for a row of column numbers under a header: "(1) (2) (3)=(1)+(2)".
pub fn is_numbered_columns(folded: &[String]) -> bool {
    let cells: Vec<&String> = folded.iter().filter(|c| !c.is_empty()).collect();
    cells.len() >= MIN_NUMBERED_CELLS
        && cells
            .iter()
            .all(|c| PATTERNS.columns.column_number.is_match(c))
}

/// The header path of every grid slot: the texts printed over it, top
/// first. A blank cell over a slot that has a sub-header below takes the
/// spanning cell on its left, when that cell has a sub-header of its own
/// ("Điểm đánh giá thực tế" over "Tự đánh giá | BNV đánh giá").
fn slot_paths(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let text = |r: usize, i: usize| rows[r].get(i).map_or("", String::as_str);
    let below = |r: usize, i: usize| (r + 1..rows.len()).any(|q| !text(q, i).is_empty());
    (0..width)
        .map(|i| {
            let mut path = Vec::new();
            for r in 0..rows.len() {
                let own = text(r, i);
                if !own.is_empty() {
                    path.push(own.to_string());
                } else if below(r, i) {
                    let owner = (0..i).rev().find(|&j| !text(r, j).is_empty());
                    if let Some(j) = owner.filter(|&j| below(r, j)) {
                        path.push(text(r, j).to_string());
                    }
                }
            }
            path
        })
        .collect()
}

/// The role of every slot from its header path. A path naming no role
/// takes, when blank, the role of the slot before it (a merged header
/// cell); a first blank (or short, unnamed) slot before the label column is
/// the STT; an
/// unnamed header is the label until there is one, then `other`.
fn slot_roles(paths: &[Vec<String>]) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        let has_label = roles.contains(&Role::Label);
        let role = path_role(path, has_label).unwrap_or_else(|| {
            let next = paths.get(i + 1).and_then(|p| path_role(p, has_label));
            match roles.last() {
                None if next == Some(Role::Label) && (path.is_empty() || is_stt_like(path)) => {
                    Role::Stt
                }
                Some(Role::Stt) | None => Role::Label,
                Some(r) if path.is_empty() => *r,
                Some(_) => Role::Other,
            }
        });
        roles.push(role);
    }
    roles
}

/// A first header of at most [`STT_LIKE_CHARS`] characters naming nothing:
/// the STT as OCR misreads it ("SIT", "srr", "5TT").
fn is_stt_like(path: &[String]) -> bool {
    stt_like(&path.join(" "))
}

/// Whether a first header cell's text may be a misread "STT": short, with
/// a letter, no STT number itself ("6.1.", "IV"), and naming no column.
pub(super) fn stt_like(text: &str) -> bool {
    let text = text.trim();
    (1..=STT_LIKE_CHARS).contains(&text.chars().count())
        && text.chars().any(char::is_alphabetic)
        && super::stt::parse(text).is_none()
        && named_role(&fold(text)).is_none()
}

/// Longest unnamed first header taken as the STT's.
const STT_LIKE_CHARS: usize = 4;

/// The role a header path names, lowest level first; value heads and
/// periods count only right of the label.
fn path_role(path: &[String], after_label: bool) -> Option<Role> {
    path.iter().rev().find_map(|level| {
        let folded = fold(level);
        let value_head = PATTERNS
            .columns
            .value_heads
            .iter()
            .any(|w| folded.starts_with(w.as_str()));
        let period = PATTERNS.columns.header_period.is_match(level);
        if after_label && (value_head || period) && !PATTERNS.columns.stt.contains(&folded) {
            Some(Role::Value)
        } else if !after_label && names_units(&folded) {
            Some(Role::Label)
        } else {
            named_role(&folded)
        }
    })
}

/// True for a header naming units (departments, communes) rather than a
/// unit of measure: "Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị" — a column
/// of row names when no label column came before it ("STT | Đơn vị |
/// Điểm …"), not "Đơn vị tính".
fn names_units(folded: &str) -> bool {
    folded.contains("don vi") && !folded.contains("don vi tinh")
}

/// The role a folded header text names, if it names one.
pub fn named_role(c: &str) -> Option<Role> {
    let cols = &PATTERNS.columns;
    let has = |list: &[String]| list.iter().any(|w| c.contains(w.as_str()));
    // A unit header opens with its word ("Đơn vị tính"); "Tên cơ quan, đơn
    // vị" names the rows.
    let opens = |list: &[String]| list.iter().any(|w| c.starts_with(w.as_str()));
    if cols.stt.iter().any(|w| w == c) {
        Some(Role::Stt)
    } else if opens(&cols.unit) {
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

/// A row of sub-headers under a spanning cell of the header row `above`
/// ("Tự đánh giá | BNV đánh giá" under "Điểm đánh giá thực tế"): every
/// text sits under a span of `above`, none under the STT, label, unit or
/// note columns of the `first` header row, and each is short and without
/// digits (a body row's text or a value cut by a page break has them) but
/// for a period ("Quý I/2026", "2025").
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
        let digits = c.chars().any(|ch| ch.is_ascii_digit());
        let period = PATTERNS.columns.header_period.is_match(c);
        if keyed(i) || !under_span(i) || !short || (digits && !period) {
            return false;
        }
        any = true;
    }
    any
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
    fn columns_carry_their_header_path_role_unit_and_period() {
        let lines = split_lines(
            "STT\tLĩnh vực/Tiêu chí\tĐiểm tối đa\tĐiểm đánh giá thực tế\t\t\tChỉ số\tGhi chú\n\
             \t\t\tTự đánh giá\tBNV đánh giá\tĐiểm đạt được\t\t\n\
             (1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\n\
             1.\tCÔNG TÁC CHỈ ĐẠO\t9.50\t\t\t\t\t",
        );
        let h = Header::read(&lines, 0);
        assert_eq!(h.used, 3, "the numbered row belongs to the header");
        let roles = h.column_roles();
        use Role::*;
        assert_eq!(roles, [Stt, Label, Value, Value, Value, Value, Value, Note]);
        assert_eq!(
            h.columns[4].header,
            ["Điểm đánh giá thực tế", "BNV đánh giá"]
        );
        assert_eq!(h.columns[2].unit.as_deref(), Some("Điểm"));
        assert_eq!(h.columns[4].unit.as_deref(), Some("Điểm"));
        assert_eq!(h.columns[6].unit, None);
        assert_eq!(header_unit(&["Địa điểm thực hiện".into()]), None);
        let periods = split_lines(
            "STT\tChỉ tiêu\tĐơn vị tính\tQuý I/2026\tNăm 2025\tTỷ lệ (%)\tGhi chú\n1\tSố\tVăn bản\t1\t2\t3\t",
        );
        let h = Header::read(&periods, 0);
        assert_eq!(
            h.column_roles(),
            [Stt, Label, Unit, Value, Value, Value, Note]
        );
        assert_eq!(h.columns[3].period.as_deref(), Some("Quý I/2026"));
        assert_eq!(h.columns[4].period.as_deref(), Some("Năm 2025"));
        assert_eq!(h.columns[5].unit.as_deref(), Some("%"));
        assert_eq!(header_period(&["2030".into()]).as_deref(), Some("2030"));
        assert_eq!(header_period(&["Mã số 2030A".into()]), None);
    }

    #[test]
    fn periods_under_a_spanning_header_are_sub_headers() {
        let lines = split_lines(
            "STT\tChỉ tiêu\tĐơn vị tính\tKết quả thực hiện\t\tGhi chú\n\
             \t\t\tQuý I/2026\tQuý II/2026\t\n\
             1\tSố văn bản\tVăn bản\t3\t4\t",
        );
        let h = Header::read(&lines, 0);
        assert_eq!(h.used, 2);
        assert_eq!(h.columns[4].header, ["Kết quả thực hiện", "Quý II/2026"]);
        assert_eq!(h.columns[4].period.as_deref(), Some("Quý II/2026"));
        assert_eq!(h.columns[3].role, Role::Value);
    }

    #[test]
    fn long_sub_headers_without_digits_belong_to_the_header() {
        let lines = split_lines(
            "STT\tĐơn vị\tMức độ hài lòng\t\tChỉ số thành phần\t\n\
             \t\tTỷ lệ (%)\tĐiểm đánh giá\tTỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC\t\
             Điểm hài lòng trong xử lý phản ánh, kiến nghị của người dân\n\
             1\tSở Nội vụ\t96.6\t19.3\t96.62\t6",
        );
        let h = Header::read(&lines, 0);
        assert_eq!(h.used, 2);
        assert_eq!(
            h.columns[4].header[1],
            "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC"
        );
    }

    #[test]
    fn blank_slots_join_the_column_on_their_left() {
        let lines = split_lines(
            "STT\tChỉ tiêu thống kê\t\tKết quả thống kê\t\tGhi chú\n\
             \t\t\tĐơn vị tính\tSố liệu\t\n\
             1\tSố văn bản\t\tVăn bản\t3\t",
        );
        let h = Header::read(&lines, 0);
        assert_eq!(h.slots, [0, 1, 1, 2, 3, 4]);
        assert_eq!(h.columns[3].header, ["Kết quả thống kê", "Số liệu"]);
        assert_eq!(h.columns[3].role, Role::Value);
        let unnamed = split_lines("STT\tNội dung\tLâm Đồng\tGhi chú\n1\tA\tx\t");
        assert_eq!(Header::read(&unnamed, 0).columns[2].role, Role::Other);
    }
}
