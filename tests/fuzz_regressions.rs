//! Inputs found by the fuzz targets (`fuzz/`), kept as regression tests.
//!
//! Every file under `fixtures/fuzz/<target>/` is run the way its fuzz target
//! runs it, so a new find is covered by dropping its file there:
//! - `text`, `docx`, `pdf`: the bytes through [`extract_bytes`] as `f.txt`,
//!   `f.docx`, `f.pdf`: one record, never an `internal` error;
//! - `docx_xml`: the bytes wrapped into a zip package as `word/document.xml`
//!   (its body, or the whole part when the first byte has its high bit set);
//! - `rtf`, `html`: the bytes as `f.rtf`, `f.html`;
//! - `xlsx_sheet`: the bytes as a worksheet's content in an XLSX package;
//! - `odf_content`: the bytes as `content.xml`'s body in an OpenDocument
//!   package (a spreadsheet when the first byte is odd);
//! - `value`: UTF-8 split at its first NUL into cell and unit for
//!   [`baocao::internals::parse`]: `raw` kept, every number finite.

use baocao::{extract_bytes, Record};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The package the `docx_xml` fuzz target builds, from the same file.
#[path = "../fuzz/src/docx_package.rs"]
mod docx_package;
use docx_package::wrap;

/// The packages the `xlsx_sheet` and `odf_content` targets build.
#[path = "../fuzz/src/office_package.rs"]
mod office_package;

/// Generous bound on one input in a debug build (the fuzzers allow 10 s).
const SLOW: Duration = Duration::from_secs(60);

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

/// Runs `name` through the pipeline and checks the record is a sane one.
fn check(file: &Path, name: &str, bytes: &[u8]) -> Record {
    let start = Instant::now();
    let rec = extract_bytes(name, bytes);
    let took = start.elapsed();
    assert!(took < SLOW, "{}: took {took:?}", file.display());
    if let Some(e) = &rec.error {
        assert_ne!(e.code, "internal", "{}: {}", file.display(), e.message);
        assert!(
            rec.tables.is_empty(),
            "{}: error with tables",
            file.display()
        );
    }
    assert_eq!(rec.source.bytes, bytes.len() as u64);
    serde_json::to_string(&rec).expect("the record serializes");
    rec
}

fn run_documents(target: &str, name: &str) {
    for file in inputs(target) {
        let bytes = std::fs::read(&file).unwrap();
        check(&file, name, &bytes);
    }
}

#[test]
fn text_finds() {
    run_documents("text", "f.txt");
}

#[test]
fn docx_finds() {
    run_documents("docx", "f.docx");
}

#[test]
fn pdf_finds() {
    run_documents("pdf", "f.pdf");
}

#[test]
fn rtf_finds() {
    run_documents("rtf", "f.rtf");
}

#[test]
fn html_finds() {
    run_documents("html", "f.html");
}

#[test]
fn office_package_finds() {
    for file in inputs("xlsx_sheet") {
        let bytes = std::fs::read(&file).unwrap();
        check(&file, "f.xlsx", &office_package::xlsx(&bytes));
    }
    for file in inputs("odf_content") {
        let bytes = std::fs::read(&file).unwrap();
        check(&file, "f.odt", &office_package::odf(&bytes));
    }
}

/// The office wrappers give readable packages whose content is reached.
#[test]
fn office_wrappers_read() {
    let sheet = b"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>";
    let rec = check(Path::new("xlsx"), "f.xlsx", &office_package::xlsx(sheet));
    assert_eq!(rec.source.format, "xlsx", "{:?}", rec.error);
    assert!(rec.error.is_none(), "{:?}", rec.error);
    let text = b"\x00<office:text><text:p>x</text:p></office:text>";
    let rec = check(Path::new("odf"), "f.odt", &office_package::odf(text));
    assert_eq!(rec.source.format, "odt", "{:?}", rec.error);
    assert!(rec.error.is_none(), "{:?}", rec.error);
}

#[test]
fn docx_xml_finds() {
    for file in inputs("docx_xml") {
        let bytes = std::fs::read(&file).unwrap();
        check(&file, "f.docx", &wrap(&bytes));
    }
}

#[test]
fn value_finds() {
    for file in inputs("value") {
        let bytes = std::fs::read(&file).unwrap();
        let s = String::from_utf8_lossy(&bytes);
        let (raw, unit) = s.split_once('\0').unwrap_or((&s, ""));
        let v = baocao::internals::parse(raw, unit);
        assert_eq!(v.raw, raw, "{}", file.display());
        let numbers = v.number.iter().chain(&v.numbers);
        for n in numbers.chain(&v.numerator).chain(&v.denominator) {
            assert!(n.is_finite(), "{}: {v:?}", file.display());
        }
    }
}

/// The wrapper itself gives a readable package (so `docx_xml` finds test
/// the body reader, not the zip layer).
#[test]
fn docx_xml_wrapper_reads() {
    let xml = "<w:p><w:r><w:t>Xin chào</w:t></w:r></w:p>".as_bytes();
    let rec = check(Path::new("wrapper"), "f.docx", &wrap(xml));
    assert_ne!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("not_zip"),
        "{:?}",
        rec.error
    );
}
