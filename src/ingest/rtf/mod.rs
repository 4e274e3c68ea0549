//! RTF front end: a tokenizer ([`lex`]) and a group stack read the body in
//! order into the shared blocks: paragraphs, tables ([`table`]), text in
//! each font's code page (`\ansicpg`, `\fcharset`, `\'hh`), `\uN` escapes
//! with their `\ucN` fallbacks skipped, and every run's font name from the
//! font table, so legacy fonts (`.VnTime`, `VNI-Times`) are decoded by the
//! normalise stage as DOCX runs are.

mod body;
mod lex;
mod table;

use super::blocks;
use super::{IngestError, SourceDoc};
use crate::diagnostics;

/// Deepest group nesting accepted.
pub const MAX_DEPTH: usize = 256;

/// True when the bytes open as RTF (`{\rtf`, after white space or a BOM).
pub fn is_rtf(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start
        .iter()
        .take(64)
        .take_while(|b| b.is_ascii_whitespace())
        .count()..];
    start.starts_with(b"{\\rtf")
}

/// Reads an RTF document.
pub fn read(bytes: &[u8]) -> Result<SourceDoc, IngestError> {
    if !is_rtf(bytes) {
        return Err(malformed(
            "the file is named .rtf but does not start with {\\rtf".into(),
        ));
    }
    let parts = body::read(bytes).map_err(|e| match e {
        body::RtfError::TooDeep => malformed(format!("groups are nested deeper than {MAX_DEPTH}")),
    })?;
    Ok(blocks::to_source("rtf", &parts))
}

fn malformed(message: String) -> IngestError {
    IngestError {
        code: diagnostics::MALFORMED_RTF,
        message,
    }
}
