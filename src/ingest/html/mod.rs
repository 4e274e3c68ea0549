//! HTML front end, whatever the file's name (a web system's "Word export"
//! saved as `.doc` is HTML): the charset from a BOM or the `<meta>` tag, the
//! page parsed by `scraper` (html5ever), and its paragraphs and tables
//! (`rowspan`, `colspan`) read into the shared blocks ([`walk`]), with the
//! fonts of `<font face>` and `font-family` carried on the runs for the
//! legacy-font normalisation.

mod charset;
mod walk;

use super::blocks;
use super::{IngestError, SourceDoc};
use crate::diagnostics;

/// Deepest element nesting read.
pub const MAX_DEPTH: usize = 512;

/// Tags one of which an HTML page opens with (lower case, after white
/// space, a BOM or comments).
const OPENINGS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<table",
    "<style",
];

/// True when the bytes are an HTML page.
pub fn is_html(bytes: &[u8]) -> bool {
    let text = charset::decode_head(bytes);
    let mut rest = text.trim_start().to_ascii_lowercase();
    while rest.starts_with("<!--") || rest.starts_with("<?xml") {
        let end = if rest.starts_with("<!--") {
            "-->"
        } else {
            "?>"
        };
        let Some(at) = rest.find(end) else {
            return false;
        };
        rest = rest[at + end.len()..].trim_start().to_string();
    }
    OPENINGS.iter().any(|o| rest.starts_with(o))
}

/// Reads an HTML page; `format` is the record's format (`html`, or `doc`
/// for a page saved under that name).
pub fn read(bytes: &[u8], format: &str) -> Result<SourceDoc, IngestError> {
    let text = charset::decode(bytes);
    let parts = walk::blocks(&text).map_err(|_| IngestError {
        code: diagnostics::MALFORMED_HTML,
        message: format!("elements are nested deeper than {MAX_DEPTH}"),
    })?;
    Ok(blocks::to_source(format, &parts))
}
