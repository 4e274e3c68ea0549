//! PDF front end: a glyph layer of our own on lopdf (positions, sizes and
//! font names of every glyph, in reading order), turned into lines that keep
//! the page layout for the detector's layout reader.

mod annots;
mod builtin;
mod content;
mod damaged;
mod font;
mod furniture;
mod grid;
mod interp;
mod lines;
mod page;
mod raster;
mod scan;
mod scanned;
mod stacked;
mod stream;

pub(crate) use scan::lines as ocr_lines;

use super::{IngestError, SourceDoc};
use crate::options::Options;
use lopdf::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Reads a PDF; its scanned pages by OCR as `options` allow.
pub fn read(bytes: &[u8], options: &Options) -> Result<SourceDoc, IngestError> {
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
    if doc.is_encrypted() && doc.trailer.get(b"ID").is_err() {
        let reloaded = with_empty_id(bytes).and_then(|b| {
            catch_unwind(AssertUnwindSafe(|| Document::load_mem(&b)))
                .ok()?
                .ok()
        });
        if let Some(d) = reloaded {
            doc = d;
        }
    }
    if doc.is_encrypted() && !decrypt_empty(&mut doc) {
        return Err(IngestError {
            code: "encrypted",
            message: "the PDF is encrypted with a user password".into(),
        });
    }
    let mut scans = scanned::Scans::new(bytes, options);
    let extracted = catch_unwind(AssertUnwindSafe(|| extract(&doc, &mut scans)));
    let Extracted {
        lines,
        pages,
        decode_errors,
        unmapped,
        content_text,
    } = extracted.map_err(|_| IngestError {
        code: "malformed_pdf",
        message: "the PDF's content could not be interpreted".into(),
    })?;
    let has_text = content_text || !scans.read.is_empty();
    if !has_text || lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(no_text(pages, &decode_errors, unmapped, &scans));
    }
    let mut warnings = decode_warnings(&decode_errors);
    warnings.extend(scans.warnings());
    Ok(SourceDoc {
        format: "pdf".into(),
        lines,
        pages: Some(pages),
        repairs: Vec::new(),
        warnings,
        ocr: scans
            .engine()
            .map(|e| crate::ingest::ocr::summary(e, &scans.read)),
    })
}

/// Why a PDF gave no text: its streams failed to decode, its fonts map no
/// glyph to Unicode, or it draws no text at all (a scan).
fn no_text(
    pages: u32,
    decode_errors: &[stream::DecodeError],
    unmapped: usize,
    scans: &scanned::Scans,
) -> IngestError {
    if let Some(e) = decode_errors.first() {
        return IngestError {
            code: "undecodable_stream",
            message: format!(
                "the PDF's content streams cannot be decoded: {}",
                describe(e)
            ),
        };
    }
    if unmapped > 0 {
        return IngestError {
            code: "unmapped_glyphs",
            message: format!(
                "the PDF draws {unmapped} glyphs but its fonts map none of them to Unicode \
                 (no ToUnicode map, a character collection not known here)"
            ),
        };
    }
    IngestError {
        code: "no_text_layer",
        message: match scans.unread.iter().find(|(_, why)| matches!(why, crate::ingest::ocr::OcrFailure::Failed(_))) {
            Some((n, crate::ingest::ocr::OcrFailure::Failed(reason))) => format!(
                "the PDF has {pages} pages but no text layer (a scan), and OCR failed on page {n}: {reason}"
            ),
            _ if !scans.read.is_empty() => format!(
                "the PDF has {pages} pages but no text layer, and OCR found no text on its {} page image(s)",
                scans.read.len()
            ),
            _ if scans.unread.is_empty() => {
                format!("the PDF has {pages} pages but no text layer and no page image")
            }
            _ => format!(
                "the PDF has {pages} pages but no text layer (a scan): {}",
                scans.how_to_enable()
            ),
        },
    }
}

/// Decrypts with the empty user password.
fn decrypt_empty(doc: &mut Document) -> bool {
    catch_unwind(AssertUnwindSafe(|| doc.decrypt(""))).is_ok_and(|r| r.is_ok())
}

/// An encrypted file without a trailer `/ID` (some producers leave it out)
/// derives its key from an empty one, but lopdf refuses to decrypt it:
/// the same bytes with `/ID [<> <>]` written into the last trailer
/// (objects keep their offsets: the trailer comes after them).
fn with_empty_id(bytes: &[u8]) -> Option<Vec<u8>> {
    let at = bytes.windows(7).rposition(|w| w == b"trailer")?;
    let open = at + bytes[at..].windows(2).position(|w| w == b"<<")? + 2;
    if bytes[open..].windows(3).take(4096).any(|w| w == b"/ID") {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..open]);
    out.extend_from_slice(b" /ID [<> <>] ");
    out.extend_from_slice(&bytes[open..]);
    Some(out)
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

/// What a document's pages gave.
struct Extracted {
    /// The document's lines.
    lines: Vec<super::Line>,
    /// Its page count.
    pages: u32,
    /// The streams that could not be decoded.
    decode_errors: Vec<stream::DecodeError>,
    /// Glyphs drawn without Unicode text.
    unmapped: usize,
    /// Whether the pages' own content (not only annotations) drew text.
    content_text: bool,
}

/// Interprets every page: its glyph layer laid out, or, for a scanned
/// page, what the OCR of its image read.
fn extract(doc: &Document, scans: &mut scanned::Scans) -> Extracted {
    let pages = doc.get_pages();
    let mut interp = interp::Interpreter::new(doc);
    // The glyph layer of every page, and which pages are scans.
    let mut per_page: Vec<Vec<super::Line>> = Vec::with_capacity(pages.len());
    let mut scanned_pages: Vec<(usize, u32, scanned::Reason)> = Vec::new();
    for (&number, &id) in &pages {
        let marks = interp.page(id);
        let lines = page::page_lines(&marks, number);
        let page_box = interp::page_box(doc, id);
        if let Some(reason) = scanned::ocr_reason(&marks, &lines, page_box, scans.mode()) {
            scanned_pages.push((per_page.len(), number, reason));
        }
        per_page.push(lines);
    }
    // Scans read by OCR, several pages at a time; a page OCR cannot read
    // keeps what its glyph layer gave, and so does a poor layer that OCR
    // reads no clearly better.
    let numbers: Vec<u32> = scanned_pages.iter().map(|&(_, n, _)| n).collect();
    for (&(at, _, reason), lines) in scanned_pages.iter().zip(scans.read_pages(&numbers)) {
        if let Some(lines) = lines.filter(|l| reason.ours_replaces(l)) {
            per_page[at] = lines;
        }
    }
    let stripped = furniture::strip(per_page.clone());
    // Pages that hold nothing but the same lines: those lines are the text.
    let has_text = |p: &[Vec<super::Line>]| p.iter().flatten().any(|l| !l.text.trim().is_empty());
    let kept = if has_text(&stripped) || !has_text(&per_page) {
        stripped
    } else {
        per_page
    };
    let mut out: Vec<super::Line> = kept.into_iter().flatten().collect();
    for (i, line) in out.iter_mut().enumerate() {
        line.no = i + 1;
    }
    let pages = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    Extracted {
        lines: out,
        pages,
        content_text: interp.saw_content_text(),
        decode_errors: interp.decode_errors,
        unmapped: interp.unmapped_glyphs,
    }
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

    fn no_ocr() -> Options {
        Options {
            ocr: crate::options::OcrMode::Never,
            ..Options::default()
        }
    }

    fn text_of(path: &str) -> Option<String> {
        let bytes = real(path)?;
        let doc = read(&bytes, &Options::default()).expect("reads");
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

    #[test]
    fn repeated_pages_are_not_all_furniture() {
        // Four pages of the same two lines (pypdf's rotated sample).
        let Some(t) = text_of("sample-files/019_habibi-rotated.pdf") else {
            return;
        };
        assert!(t.contains("habibi"));
    }

    #[test]
    fn encrypted_without_file_id_opens_with_the_empty_password() {
        // RC4, empty user password, no /ID: a scan, so without OCR rightly
        // no_text_layer; with it, its page image is read.
        let Some(bytes) = real("pdfminer.six/033_encrypted_doc_no_id.pdf") else {
            return;
        };
        assert_eq!(read(&bytes, &no_ocr()).unwrap_err().code, "no_text_layer");
        if crate::ingest::ocr::engine().is_some() {
            let doc = read(&bytes, &Options::default()).expect("OCR'd");
            assert!(doc
                .lines
                .iter()
                .any(|l| l.text.contains("international search report")));
        }
    }

    #[test]
    fn cid_truetype_without_to_unicode_reads_the_fonts_cmap() {
        let Some(t) = text_of("pdfminer.six/017_issue-791-non-unicode-cmap.pdf") else {
            return;
        };
        assert!(
            t.contains("Peněžní prostředky na účtech"),
            "{}",
            &t[..t.len().min(200)]
        );
    }

    #[test]
    fn text_drawn_off_the_media_box_is_not_read() {
        // ImageMagick writes "Background" above tiny pages of images.
        let Some(bytes) = real("sample-files/009_imagemagick-images.pdf") else {
            return;
        };
        assert_eq!(read(&bytes, &no_ocr()).unwrap_err().code, "no_text_layer");
    }

    #[test]
    fn glyphs_without_unicode_are_not_a_missing_text_layer() {
        // Japanese CID font (Adobe-Japan1) without a ToUnicode map.
        let Some(bytes) = real("pdfminer.six/037_jo.pdf") else {
            return;
        };
        assert_eq!(
            read(&bytes, &Options::default()).unwrap_err().code,
            "unmapped_glyphs"
        );
    }
}
