//! PDF front end: a glyph layer of our own on lopdf (positions, sizes and
//! font names of every glyph, in reading order), turned into lines that keep
//! the page layout for the detector's layout reader.

mod builtin;
mod content;
mod font;
mod furniture;
mod interp;
mod lines;
mod stream;

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
    let (lines, pages, decode_errors) = extracted.map_err(|_| IngestError {
        code: "malformed_pdf",
        message: "the PDF's content could not be interpreted".into(),
    })?;
    let empty = lines.iter().all(|l| l.text.trim().is_empty());
    if empty && !decode_errors.is_empty() {
        return Err(IngestError {
            code: "undecodable_stream",
            message: format!(
                "the PDF's content streams cannot be decoded: {}",
                describe(&decode_errors[0])
            ),
        });
    }
    if empty {
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
        warnings: decode_warnings(&decode_errors),
    })
}

fn describe(e: &stream::DecodeError) -> String {
    format!("filter {}: {}", e.filter, e.reason)
}

/// One `undecodable_stream` warning per failing filter kind (not per stream).
fn decode_warnings(errors: &[stream::DecodeError]) -> Vec<crate::model::Warning> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for e in errors {
        if seen.contains(&e.filter.as_str()) {
            continue;
        }
        seen.push(&e.filter);
        let n = errors.iter().filter(|o| o.filter == e.filter).count();
        out.push(crate::model::Warning::new(
            "undecodable_stream",
            format!("{n} content stream(s) left out: {}", describe(e)),
        ));
    }
    out
}

fn extract(doc: &Document) -> (Vec<super::Line>, u32, Vec<stream::DecodeError>) {
    let pages = doc.get_pages();
    let mut interp = interp::Interpreter::new(doc);
    let per_page: Vec<Vec<super::Line>> = pages
        .iter()
        .map(|(&number, &id)| lines::page_lines(&interp.page(id), number, 0))
        .collect();
    let mut out: Vec<super::Line> = furniture::strip(per_page).into_iter().flatten().collect();
    for (i, line) in out.iter_mut().enumerate() {
        line.no = i + 1;
    }
    let pages = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    (out, pages, interp.decode_errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of the shared real corpus (`../shared/real/`), when present.
    pub(crate) fn real(path: &str) -> Option<Vec<u8>> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/real")
            .join(path);
        std::fs::read(p).ok()
    }

    fn text_of(path: &str) -> Option<String> {
        let bytes = real(path)?;
        let doc = read(&bytes).expect("reads");
        Some(
            doc.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    #[test]
    fn abbreviated_filters_of_pdf_1_2() {
        // pdfFactory Pro 2.10, PDF 1.2: content streams under `/Filter /Fl`.
        let Some(t) = text_of("viparse/018_2005-115ZD_BCCP_VuTHT3-05__sua.pdf") else {
            return;
        };
        assert!(
            t.contains("TÌNH HÌNH KINH TẾ - XÃ HỘI"),
            "{}",
            &t[..t.len().min(300)]
        );
    }

    #[test]
    fn indirect_filter_entry() {
        let Some(t) = text_of("pdfminer.six/011_issue-1062-filters.pdf") else {
            return;
        };
        assert!(t.contains("Hertogenbosch"));
    }

    #[test]
    fn builtin_encodings_of_embedded_cff_fonts() {
        // TeX math fonts (CMSY, CMMI) embedded as Type1C without /Encoding.
        let Some(t) = text_of("sample-files/012_GeoTopo-komprimiert.pdf") else {
            return;
        };
        assert!(t.contains('∈') && t.contains('⇒') && t.contains("heißt"));
        assert!(t.contains("Definition"), "ligature glyph names spelt out");
    }

    /// Dumps the glyphs of `BAOCAO_GLYPHS=file.pdf[:page]` (a debugging aid).
    #[test]
    #[ignore]
    fn dump_glyphs() {
        let Ok(spec) = std::env::var("BAOCAO_GLYPHS") else {
            return;
        };
        let (path, page) = spec.split_once(':').unwrap_or((&spec, "1"));
        let doc = Document::load_mem(&std::fs::read(path).unwrap()).unwrap();
        let id = doc.get_pages()[&page.parse::<u32>().unwrap()];
        let marks = interp::Interpreter::new(&doc).page(id);
        for g in &marks.glyphs {
            println!(
                "{:8.2} {:8.2} w={:6.2} s={:5.2} r={} sp={:5.2} {:?} {}",
                g.x, g.y, g.width, g.size, g.rotation, g.space_width, g.text, g.font
            );
        }
    }
}
