//! Ingest stage: turns an input file into lines (and cells, where the format
//! has them) with their positions in the source.

pub mod decode;
pub mod text;

use crate::model::Warning;

/// One line of a document, as the front end read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source text.
    pub no: usize,
    /// The whole line, tabs kept.
    pub text: String,
    /// Tab-separated cells when the line came from a table rendering
    /// (a line holding at least one tab), else `None`.
    pub cells: Option<Vec<String>>,
}

/// A document as read by a front end, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// Format name written to `source.format`.
    pub format: String,
    /// Lines in reading order.
    pub lines: Vec<Line>,
    /// Page count for paginated formats.
    pub pages: Option<u32>,
    /// Problems met while reading.
    pub warnings: Vec<Warning>,
}

/// Why a front end could not read an input at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// Stable error code (`empty_input`, `binary_input`, `unsupported_format`).
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
}

/// Formats this build can read, by file extension (lower case).
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md"];

/// Reads `bytes` of a file named with extension `ext` into a [`SourceDoc`].
pub fn read(bytes: &[u8], ext: &str) -> Result<SourceDoc, IngestError> {
    match ext {
        "txt" | "md" => text::read(bytes, ext),
        other => Err(IngestError {
            code: "unsupported_format",
            message: format!("no front end reads .{other} files yet"),
        }),
    }
}
