//! PDF front end: a glyph layer of our own on lopdf (positions, sizes and
//! font names of every glyph, in reading order), turned into lines that keep
//! the page layout for the detector's layout reader.

mod annots;
mod content;
mod font;
mod furniture;
mod grid;
mod interp;
mod lines;
mod page;

use super::{IngestError, SourceDoc};
use lopdf::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Reads a PDF.
pub fn read(bytes: &[u8]) -> Result<SourceDoc, IngestError> {
    let loaded = catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes)));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let msg = e.to_string();
            let code = if msg.to_lowercase().contains("encrypt")
                || msg.to_lowercase().contains("password")
            {
                "encrypted"
            } else {
                "malformed_pdf"
            };
            return Err(IngestError {
                code,
                message: format!("the PDF cannot be read: {msg}"),
            });
        }
        Err(_) => {
            return Err(IngestError {
                code: "malformed_pdf",
                message: "the PDF parser failed on this file".into(),
            })
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError {
            code: "encrypted",
            message: "the PDF is encrypted with a user password".into(),
        });
    }
    let extracted = catch_unwind(AssertUnwindSafe(|| extract(&doc)));
    let (lines, pages, content_text) = extracted.map_err(|_| IngestError {
        code: "malformed_pdf",
        message: "the PDF's content could not be interpreted".into(),
    })?;
    if !content_text || lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(IngestError {
            code: "no_text_layer",
            message: format!("the PDF has {pages} pages but no text layer (a scan?): it needs OCR"),
        });
    }
    Ok(SourceDoc {
        format: "pdf".into(),
        lines,
        pages: Some(pages),
        repairs: Vec::new(),
        warnings: Vec::new(),
    })
}

/// The lines of every page, the page count, and whether the pages' own
/// content (not only annotations) drew text.
fn extract(doc: &Document) -> (Vec<super::Line>, u32, bool) {
    let pages = doc.get_pages();
    let mut interp = interp::Interpreter::new(doc);
    let per_page: Vec<Vec<super::Line>> = pages
        .iter()
        .map(|(&number, &id)| page::page_lines(&interp.page(id), number))
        .collect();
    let mut out: Vec<super::Line> = furniture::strip(per_page).into_iter().flatten().collect();
    for (i, line) in out.iter_mut().enumerate() {
        line.no = i + 1;
    }
    let pages = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    (out, pages, interp.saw_content_text())
}
