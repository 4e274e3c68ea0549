//! The DOCX package the `docx_xml` fuzz target builds around its input, shared
//! with `tests/fuzz_regressions.rs` (included there by path) so a kept find
//! is replayed exactly as it was fuzzed.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const HEAD: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const TAIL: &[u8] = b"</w:body></w:document>";

/// A valid zip package whose `word/document.xml` holds `data`: the body's
/// content, or (when the first byte has its high bit set) the rest of the
/// input as the whole part, prolog and root included.
pub fn wrap(data: &[u8]) -> Vec<u8> {
    let (whole, xml) = match data.split_first() {
        Some((&b, rest)) if b & 0x80 != 0 => (true, rest),
        _ => (false, data),
    };
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", opts)
        .expect("in-memory zip");
    zip.write_all(CONTENT_TYPES.as_bytes())
        .expect("in-memory zip");
    zip.start_file("word/document.xml", opts)
        .expect("in-memory zip");
    if whole {
        zip.write_all(xml).expect("in-memory zip");
    } else {
        zip.write_all(HEAD).expect("in-memory zip");
        zip.write_all(xml).expect("in-memory zip");
        zip.write_all(TAIL).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}
