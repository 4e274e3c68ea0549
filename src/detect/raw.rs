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
    /// Footnote references taken off the label.
    pub footnotes: Vec<u32>,
    /// 1-based source line of the row's start.
    pub line: usize,
}

/// Appends `more` to `field` with one space between.
pub fn append(field: &mut String, more: &str) {
    let more = collapse_ws(more);
    if more.is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push(' ');
    }
    field.push_str(&more);
}

/// Cleans a cell: markup removed, white space collapsed; returns the
/// `<sup>` footnote numbers too.
pub fn clean_cell(cell: &str) -> (String, Vec<u32>) {
    let s = strip_markup(cell);
    (collapse_ws(&s.text), s.footnotes)
}
