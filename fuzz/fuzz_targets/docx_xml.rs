#![no_main]
//! Structure-aware DOCX fuzzing: the input is the body of `word/document.xml`,
//! wrapped into a valid zip package, so mutations reach the XML and body
//! readers instead of dying in the zip layer.

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const HEAD: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const TAIL: &[u8] = b"</w:body></w:document>";

fuzz_target!(|data: &[u8]| {
    // A first byte with the high bit set sends the input as the whole part
    // (prolog and root included); otherwise it is the body's content.
    let (whole, xml) = match data.split_first() {
        Some((&b, rest)) if b & 0x80 != 0 => (true, rest),
        _ => (false, data),
    };
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(CONTENT_TYPES.as_bytes()).unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    if whole {
        zip.write_all(xml).unwrap();
    } else {
        zip.write_all(HEAD).unwrap();
        zip.write_all(xml).unwrap();
        zip.write_all(TAIL).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    baocao_fuzz::extract("f.docx", &bytes);
});
