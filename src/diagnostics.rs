//! Every error and warning code a record can carry, in one table: the code,
//! whether it fails the input or warns, the stage that raises it, and what it
//! means. Code raises a code through its constant here (`diagnostics::EMPTY_INPUT`);
//! the README's code tables are tested against [`CODES`] both ways. A new
//! code is one line of the `codes!` list below (and a row of the README).

// The table is read by the tests (the README check); code raises a code
// through its constant (some only from `ingest::pdf`, which writes literals).
#![cfg_attr(not(test), allow(dead_code))]

/// Whether a code fails the input (`error`) or only warns (`warnings[]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Set as the record's `error`; the record has no tables.
    Error,
    /// One of the record's `warnings`.
    Warning,
    /// An error when nothing could be read, else a warning.
    Either,
}

/// The stage (module) that raises a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Pipeline,
    Isolate,
    Ingest,
    Normalize,
    Detect,
    Meta,
    Catalog,
    Check,
}

impl Stage {
    /// The stage's module name, as the README writes it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Stage::Pipeline => "pipeline",
            Stage::Isolate => "isolate",
            Stage::Ingest => "ingest",
            Stage::Normalize => "normalize",
            Stage::Detect => "detect",
            Stage::Meta => "meta",
            Stage::Catalog => "catalog",
            Stage::Check => "check",
        }
    }
}

/// One row of the code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Code {
    /// The code as records write it.
    pub code: &'static str,
    pub kind: Kind,
    pub stage: Stage,
    /// What it means, in a line.
    pub meaning: &'static str,
}

/// Declares a constant per code and the table [`CODES`] of them all.
macro_rules! codes {
    ($($name:ident = $code:literal, $kind:ident, $stage:ident, $meaning:literal;)*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $meaning)]
            // `ingest::pdf` still raises its codes by literal.
            #[allow(dead_code)]
            pub(crate) const $name: &str = $code;
        )*
        /// Every code, errors first.
        pub(crate) const CODES: &[Code] = &[$(Code {
            code: $code,
            kind: Kind::$kind,
            stage: Stage::$stage,
            meaning: $meaning,
        }),*];
    };
}

codes! {
    IO = "io", Error, Pipeline, "the file could not be read";
    INTERNAL = "internal", Error, Pipeline, "a bug: extraction failed unexpectedly";
    TIMEOUT = "timeout", Error, Isolate, "the document took longer than --timeout";
    CRASHED = "crashed", Error, Isolate, "the worker process died on the document";
    EMPTY_INPUT = "empty_input", Error, Ingest, "the file is empty or only white space";
    BINARY_INPUT = "binary_input", Error, Ingest, "a text file that is not text";
    UNSUPPORTED_FORMAT = "unsupported_format", Error, Ingest, "no front end reads the file";
    NOT_ZIP = "not_zip", Error, Ingest, "a .docx that is not a zip package";
    CORRUPT_ZIP = "corrupt_zip", Error, Ingest, "a zip package that cannot be read";
    NO_DOCUMENT_XML = "no_document_xml", Error, Ingest, "a zip without word/document.xml";
    NO_CONTENT_XML = "no_content_xml", Error, Ingest, "an OpenDocument zip without content.xml";
    ENCRYPTED = "encrypted", Error, Ingest, "a password-protected file";
    MALFORMED_XML = "malformed_xml", Error, Ingest, "document XML not well-formed";
    XML_DTD = "xml_dtd", Error, Ingest, "document XML declaring a DTD";
    ZIP_BOMB = "zip_bomb", Error, Ingest, "a zip part too large or too compressed";
    MALFORMED_WORKBOOK = "malformed_workbook", Error, Ingest, "a spreadsheet that cannot be read";
    SHEET_TOO_LARGE = "sheet_too_large", Error, Ingest, "a sheet of more than 8 million cells";
    MALFORMED_RTF = "malformed_rtf", Error, Ingest, "an RTF file that cannot be read";
    MALFORMED_HTML = "malformed_html", Error, Ingest, "an HTML page nested too deep";
    NOT_OLE = "not_ole", Error, Ingest, "a .doc that is not an OLE file";
    NOT_WORD = "not_word", Error, Ingest, "an OLE file without a Word document";
    CONVERSION_FAILED = "conversion_failed", Error, Ingest, "LibreOffice could not convert a .doc";
    MALFORMED_PDF = "malformed_pdf", Error, Ingest, "a PDF its parser cannot read";
    NOT_PDF = "not_pdf", Error, Ingest, "a .pdf without a PDF header";
    NO_TEXT_LAYER = "no_text_layer", Error, Ingest, "a PDF or image without text (a scan OCR did not read)";
    MALFORMED_IMAGE = "malformed_image", Error, Ingest, "an image file that cannot be decoded";
    UNDECODABLE_STREAM = "undecodable_stream", Either, Ingest, "PDF content streams that fail to decode";
    UNMAPPED_GLYPHS = "unmapped_glyphs", Error, Ingest, "PDF fonts that map no glyph to Unicode";
    INVALID_UTF8 = "invalid_utf8", Warning, Ingest, "bytes not valid UTF-8";
    INVALID_UTF16 = "invalid_utf16", Warning, Ingest, "bytes not valid UTF-16";
    OCR_UNAVAILABLE = "ocr_unavailable", Warning, Ingest, "scanned pages left unread: no OCR";
    OCR_FAILED = "ocr_failed", Warning, Ingest, "the OCR engine failed on a page";
    LEGACY_ENCODING = "legacy_encoding", Warning, Normalize, "legacy-encoded text converted to Unicode";
    REPAIR_INCOMPLETE = "repair_incomplete", Warning, Normalize, "too much damaged text to repair all";
    REPAIRED_TEXT = "repaired_text", Warning, Normalize, "words with lost letters restored";
    NO_INDICATOR_TABLE = "no_indicator_table", Warning, Detect, "no indicator table found";
    TRUNCATED_TABLE = "truncated_table", Warning, Detect, "a table that seems to end early";
    DUPLICATE_STT = "duplicate_stt", Warning, Detect, "the same STT twice in a table";
    LOW_OCR_CONFIDENCE = "low_ocr_confidence", Warning, Detect, "values OCR read with low confidence";
    STT_OUT_OF_ORDER = "stt_out_of_order", Warning, Detect, "STT numbers going backwards";
    NO_HEADING = "no_heading", Warning, Meta, "no heading block";
    UNKNOWN_INDICATOR = "unknown_indicator", Warning, Catalog, "rows matching no catalogue indicator";
    INCONSISTENT_PERCENTAGE = "inconsistent_percentage", Warning, Check, "a percentage disagreeing with its parts";
    PARTS_DO_NOT_ADD_UP = "parts_do_not_add_up", Warning, Check, "sub-rows not adding up to their total";
    PERCENT_OUT_OF_RANGE = "percent_out_of_range", Warning, Check, "a percentage outside 0–100";
    CODE_OUT_OF_RANGE = "code_out_of_range", Warning, Check, "a value that is none of its unit's codes";
    INVALID_COUNT = "invalid_count", Warning, Check, "a negative or fractional count";
}

/// The table row of `code`, if it is one.
#[cfg(test)]
fn find(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// (code, table, stage) of every README code table row: the table is
    /// `error` or `warning`, by its header.
    fn readme_codes(readme: &str) -> BTreeSet<(String, &'static str, String)> {
        let section = readme
            .split("## Error and warning codes")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README has the code section");
        let mut out = BTreeSet::new();
        let mut table = "";
        for line in section.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            match cells.get(1..3) {
                Some(["error", "stage"]) => table = "error",
                Some(["warning", "stage"]) => table = "warning",
                Some([codes, stage]) if codes.starts_with('`') => {
                    for code in codes.split(',') {
                        let code = code.trim().trim_matches('`').to_string();
                        out.insert((code, table, stage.to_string()));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The same rows from [`CODES`].
    fn table_codes() -> BTreeSet<(String, &'static str, String)> {
        let tables = |k: Kind| match k {
            Kind::Error => vec!["error"],
            Kind::Warning => vec!["warning"],
            Kind::Either => vec!["error", "warning"],
        };
        CODES
            .iter()
            .flat_map(|c| {
                tables(c.kind)
                    .into_iter()
                    .map(|t| (c.code.to_string(), t, c.stage.name().to_string()))
            })
            .collect()
    }

    #[test]
    fn readme_lists_every_code_and_no_other() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let listed = readme_codes(&readme);
        let table = table_codes();
        let missing: Vec<_> = table.difference(&listed).collect();
        let unknown: Vec<_> = listed.difference(&table).collect();
        assert!(
            missing.is_empty(),
            "not in the README's tables: {missing:?}"
        );
        assert!(
            unknown.is_empty(),
            "in the README, not in CODES: {unknown:?}"
        );
    }

    #[test]
    fn the_readme_check_sees_a_difference() {
        let readme = "## Error and warning codes\n\n| error | stage | meaning |\n|---|---|---|\n\
                      | `io`, `internal` | pipeline | x |\n\n| warning | stage | meaning |\n\
                      | `no_heading` | detect | y |\n\n## Next\n| `zip_bomb` | ingest | z |\n";
        let listed = readme_codes(readme);
        assert_eq!(listed.len(), 3);
        assert!(listed.contains(&("internal".into(), "error", "pipeline".into())));
        // no_heading is raised by meta, not detect.
        assert!(!table_codes().contains(&("no_heading".into(), "warning", "detect".into())));
    }

    /// Every code raised by a string literal in `src/` (`code: "…"`,
    /// `Warning::new("…"`, `warn("…"`, `failed(…, "…"`) is in the table.
    #[test]
    fn literal_codes_are_in_the_table() {
        let raise = regex::Regex::new(
            r#"(?:code: |Warning::new\(\s*|\.warn\(\s*|failed\(\s*[^,()]+,\s*|failure\(\s*path,\s*)"([a-z0-9_]+)""#,
        )
        .expect("valid pattern");
        let mut unknown = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    // Unit tests may raise made-up codes.
                    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
                    for c in raise.captures_iter(text) {
                        if find(&c[1]).is_none() {
                            unknown.push(format!("{}: {}", path.display(), &c[1]));
                        }
                    }
                }
            }
        }
        assert!(
            unknown.is_empty(),
            "codes raised outside the table: {unknown:?}"
        );
    }
}
