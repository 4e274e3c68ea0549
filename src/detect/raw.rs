//! Rows as the table finders assemble them, before numbering and values.

use crate::normalize::{collapse_ws, strip_markup};

/// A row being assembled from cells or flattened lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRow {
    /// STT as printed without trailing dots, or "".
    pub stt: String,
    /// Label text (markup already removed).
    pub label: String,
    /// Grouping cell.
    pub group: String,
    /// Unit cell.
    pub unit: String,
    /// Value cell.
    pub value: String,
    /// Note cell.
    pub note: String,
    /// Text of each column with cells (`value`, `other`), in column order;
    /// empty for tables read without cells.
    pub cells: Vec<String>,
    /// A totals row without STT ("Tổng cộng", "Cộng").
    pub total: bool,
    /// Footnote references taken off the label.
    pub footnotes: Vec<u32>,
    /// 1-based source line of the row's start.
    pub line: usize,
}

/// Appends `more` to `field` with one space between, or none when `field`
/// ends in a hyphen inside a token wrapped at the line end ("19/NQ-" +
/// "HĐND" is "19/NQ-HĐND"; "từ 70% -" keeps its space).
pub fn append(field: &mut String, more: &str) {
    crate::wrap::join(field, &collapse_ws(more));
}

/// Cleans a cell: markup removed, white space collapsed; returns the
/// `<sup>` footnote numbers too.
pub fn clean_cell(cell: &str) -> (String, Vec<u32>) {
    let s = strip_markup(cell);
    (collapse_ws(&s.text), s.footnotes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_hyphenated_tokens_join() {
        let mut s = "Nghị quyết 19/NQ-".to_string();
        append(&mut s, "HĐND tỉnh");
        assert_eq!(s, "Nghị quyết 19/NQ-HĐND tỉnh");
        let mut s = "Cổng DVC tỉnh(https://dichvucong.phutho.go".to_string();
        append(&mut s, "v.vn)");
        assert_eq!(s, "Cổng DVC tỉnh(https://dichvucong.phutho.gov.vn)");
        let mut s = "từ 70% -".to_string();
        append(&mut s, "dưới 100%");
        assert_eq!(s, "từ 70% - dưới 100%");
    }
}
