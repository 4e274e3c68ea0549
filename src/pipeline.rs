//! One document through every stage: read → normalise → detect → catalog → meta.

use crate::diagnostics;
use crate::ingest::{IngestError, SourceDoc};
use crate::model::{ErrorInfo, Record, Report, Source, SourceFormat, Warning, SCHEMA_VERSION};
use crate::options::Options;
use crate::{catalog, check, detect, ingest, meta, normalize};
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

mod text;

/// Extracts one file. Never panics: unreadable files and internal failures
/// become error records.
///
/// ```
/// let record = baocao::extract_file(std::path::Path::new("no/such/report.pdf"));
/// let error = record.error.expect("a missing file is an error record");
/// assert_eq!(error.code, "io");
/// assert_eq!(record.source.format, "pdf");
/// ```
pub fn extract_file(path: &Path) -> Record {
    extract_file_with(path, &Options::default())
}

/// [`extract_file`] with `options` (OCR mode and cache).
pub fn extract_file_with(path: &Path, options: &Options) -> Record {
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes_with(&path.to_string_lossy(), &bytes, options),
        Err(e) => failed(
            Source::for_path(&path.to_string_lossy()),
            diagnostics::IO,
            format!("cannot read the file: {e}"),
        ),
    }
}

/// Extracts a document from its bytes; `path` names it in the record and its
/// extension selects the front end (Office and PDF files are also known by
/// their first bytes).
///
/// ```
/// let text = "UBND HUYỆN KBANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
///             Số: 12/BC-UBND\tKbang, ngày 5 tháng 4 năm 2023\n\
///             BÁO CÁO\nCông tác cải cách hành chính quý I năm 2023\n";
/// let record = baocao::extract_bytes("q1.txt", text.as_bytes());
/// let report = &record.report;
/// assert_eq!(report.unit.name.as_deref(), Some("UBND huyện Kbang"));
/// assert_eq!(report.number.as_deref(), Some("12/BC-UBND"));
/// assert_eq!(report.date.as_deref(), Some("2023-04-05"));
/// assert_eq!(report.period.as_ref().map(|p| p.label.as_str()), Some("quý I năm 2023"));
/// ```
pub fn extract_bytes(path: &str, bytes: &[u8]) -> Record {
    extract_bytes_with(path, bytes, &Options::default())
}

/// [`extract_bytes`] with `options` (OCR mode and cache): see [`Options`].
pub fn extract_bytes_with(path: &str, bytes: &[u8], options: &Options) -> Record {
    let source = Source {
        sha256: hex_sha256(bytes),
        bytes: bytes.len() as u64,
        ..Source::for_path(path)
    };
    let run = catch_unwind(AssertUnwindSafe(|| {
        run_stages(source.clone(), bytes, options)
    }));
    run.unwrap_or_else(|_| {
        failed(
            source,
            diagnostics::INTERNAL,
            "extraction failed unexpectedly (a bug: please report it with the file)",
        )
    })
}

fn run_stages(mut source: Source, bytes: &[u8], options: &Options) -> Record {
    let doc = match read_doc(bytes, source.format.as_str(), false, options) {
        Ok(doc) => doc,
        Err(e) => return failed(source, e.code, e.message),
    };
    source.pages = doc.pages;
    source.format = SourceFormat::from_name(&doc.format);
    source.ocr = doc.ocr.clone();
    let mut warnings: Vec<Warning> = doc.warnings.clone();
    let mut detected = detect::detect_tables(&doc.lines);
    warnings.extend(detected.warnings);
    warnings.extend(detect::confidence::attach(&mut detected.tables, &doc.lines));
    normalize::attach_repairs(&mut detected.tables, &doc.repairs);
    let catalog = &*catalog::CATALOG;
    warnings.extend(catalog::assign(catalog, &mut detected.tables));
    warnings.extend(check::check_tables(&detected.tables, catalog));
    let meta = meta::extract(&doc.lines, &detected.tables);
    warnings.extend(meta.warnings);
    Record {
        schema_version: SCHEMA_VERSION,
        source,
        report: meta.report,
        tables: detected.tables,
        warnings,
        error: None,
    }
}

/// The ingest and normalise stages: the document's lines, normalised unless
/// `raw` (then exactly as the front end read them).
fn read_doc(
    bytes: &[u8],
    format: &str,
    raw: bool,
    options: &Options,
) -> Result<SourceDoc, IngestError> {
    let doc = ingest::read_with(bytes, format, options)?;
    Ok(if raw {
        doc
    } else {
        normalize::normalize_doc(doc)
    })
}

/// The plain text of a document in reading order, as the detector sees it:
/// one line per [`Line`](crate::ingest::Line), table rows as tab-separated
/// cells, and the first line of every page after the first preceded by a
/// form feed (U+000C), so output line N is the record's `line` N. With
/// `raw`, the text before normalisation (no legacy-font decoding, no NFC).
/// `path` names the document; its extension selects the front end, as in
/// [`extract_bytes`]. Never panics: failures come back as the error a
/// record would carry (`empty_input`, `encrypted`, `internal` …).
///
/// ```
/// let text = baocao::document_text("a.txt", "STT\tChỉ tiêu\n1\tSố văn bản".as_bytes(), false)
///     .unwrap();
/// assert_eq!(text.lines().nth(1), Some("1\tSố văn bản"));
/// assert_eq!(baocao::document_text("e.txt", b"", false).unwrap_err().code, "empty_input");
/// ```
pub fn document_text(path: &str, bytes: &[u8], raw: bool) -> Result<String, ErrorInfo> {
    let format = Source::for_path(path).format;
    let run = catch_unwind(AssertUnwindSafe(|| {
        read_doc(bytes, format.as_str(), raw, &Options::default())
            .map(|doc| text::render(&doc.lines))
    }));
    match run {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(ErrorInfo {
            code: e.code.to_string(),
            message: e.message,
        }),
        Err(_) => Err(ErrorInfo {
            code: diagnostics::INTERNAL.to_string(),
            message: "reading the text failed unexpectedly (a bug: please report it with the file)"
                .to_string(),
        }),
    }
}

/// A record for an input that could not be extracted.
pub fn failed(source: Source, code: &str, message: impl Into<String>) -> Record {
    Record {
        schema_version: SCHEMA_VERSION,
        source,
        report: Report::default(),
        tables: Vec::new(),
        warnings: Vec::new(),
        error: Some(ErrorInfo {
            code: code.to_string(),
            message: message.into(),
        }),
    }
}

/// The SHA-256 of `bytes` as lower-case hex, as in `source.sha256`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::document_text;

    #[test]
    fn text_of_a_text_file_raw_and_normalised() {
        let bytes = "Ho\u{300}a\u{a0}bi\u{300}nh\n1\tSo\u{302}\u{301}\n".as_bytes();
        assert_eq!(
            document_text("a.txt", bytes, false).as_deref(),
            Ok("Hòa bình\n1\tSố\n\n")
        );
        assert_eq!(
            document_text("a.txt", bytes, true).as_deref(),
            Ok("Ho\u{300}a\u{a0}bi\u{300}nh\n1\tSo\u{302}\u{301}\n\n")
        );
    }

    #[test]
    fn unreadable_input_gives_the_record_error_code() {
        let err = |name: &str, bytes: &[u8]| document_text(name, bytes, false).unwrap_err().code;
        assert_eq!(err("a.txt", b"  \n"), "empty_input");
        assert_eq!(err("a.pdf", b"not a pdf"), "not_pdf");
        assert_eq!(err("a.xyz", b"text"), "unsupported_format");
        assert!(!err("a.pdf", b"%PDF-1.7\n garbage").is_empty());
    }
}
