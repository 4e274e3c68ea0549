//! The flow model the word-processor and spreadsheet readers share (DOCX,
//! Word 97, RTF, HTML, OpenDocument, workbooks): paragraphs and tables in
//! body order, with styled text segments and the table grid's merge marks.
//! [`lines`] turns it into the lines every later stage reads.

pub(crate) mod lines;
mod spans;

pub use spans::{place_spans, SpanCell};

use super::SourceDoc;

/// A document of `format` read as `blocks`, as lines for the later stages.
pub(crate) fn to_source(format: &str, blocks: &[Block]) -> SourceDoc {
    SourceDoc {
        format: format.into(),
        lines: lines::to_lines(blocks),
        pages: None,
        repairs: Vec::new(),
        ocr: None,
        warnings: Vec::new(),
    }
}

/// A body element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// A paragraph: styled text segments; `\n` marks a line break.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// Segments in order.
    pub segments: Vec<Segment>,
}

/// Text set in one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segment {
    /// The text (tabs as `\t`, breaks as `\n`).
    pub text: String,
    /// Font name from `w:rFonts`.
    pub font: Option<String>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Superscript (or a footnote reference mark).
    pub superscript: bool,
}

/// A table and its grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Columns declared by `w:tblGrid`.
    pub grid_columns: usize,
    /// Width of each declared grid column in twips (`w:gridCol/@w:w`; 0
    /// when not given); empty when unknown.
    pub grid_widths: Vec<u32>,
    /// Rows in order.
    pub rows: Vec<TableRow>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableRow {
    /// Empty grid columns before the first cell (`w:gridBefore`).
    pub grid_before: usize,
    /// Empty grid columns after the last cell (`w:gridAfter`).
    pub grid_after: usize,
    /// Marked as a header row repeated on each page (`w:tblHeader`).
    pub header: bool,
    /// Cells in order.
    pub cells: Vec<TableCell>,
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    /// Not merged.
    #[default]
    None,
    /// First cell of a merge: holds the text.
    Restart,
    /// A continuation: its text (normally none) belongs to the first cell.
    Continue,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableCell {
    /// Grid columns the cell spans (`w:gridSpan`), at least 1.
    pub span: usize,
    /// Vertical merge mark.
    pub vmerge: VMerge,
    /// Paragraphs and nested tables of the cell.
    pub blocks: Vec<Block>,
}
