//! One document through every stage: read → normalise → detect → meta.

use crate::model::{ErrorInfo, Record, Report, Source, Warning, SCHEMA_VERSION};
use crate::{detect, ingest, meta, normalize};
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Extracts one file. Never panics: unreadable files and internal failures
/// become error records.
pub fn extract_file(path: &Path) -> Record {
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes(&path.to_string_lossy(), &bytes),
        Err(e) => failed(
            Source {
                path: path.to_string_lossy().into_owned(),
                format: format_of(&path.to_string_lossy()),
                ..Source::default()
            },
            "io",
            format!("cannot read the file: {e}"),
        ),
    }
}

/// Extracts a document from its bytes; `path` names it in the record and its
/// extension selects the front end.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> Record {
    let source = Source {
        path: path.to_string(),
        format: format_of(path),
        sha256: hex_sha256(bytes),
        bytes: bytes.len() as u64,
        pages: None,
    };
    let run = catch_unwind(AssertUnwindSafe(|| run_stages(source.clone(), bytes)));
    run.unwrap_or_else(|_| {
        failed(
            source,
            "internal",
            "extraction failed unexpectedly (a bug: please report it with the file)",
        )
    })
}

fn run_stages(mut source: Source, bytes: &[u8]) -> Record {
    let doc = match ingest::read(bytes, &source.format) {
        Ok(doc) => doc,
        Err(e) => return failed(source, e.code, e.message),
    };
    source.pages = doc.pages;
    source.format = doc.format.clone();
    let doc = normalize::normalize_doc(doc);
    let mut warnings: Vec<Warning> = doc.warnings.clone();
    let detected = detect::detect_tables(&doc.lines);
    warnings.extend(detected.warnings);
    let report = meta::extract(&doc.lines, &detected.tables);
    Record {
        schema_version: SCHEMA_VERSION,
        source,
        report,
        tables: detected.tables,
        warnings,
        error: None,
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

fn format_of(path: &str) -> String {
    Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "unknown".to_string())
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
