#![no_main]
//! Structure-aware DOCX fuzzing: the input is the body of `word/document.xml`,
//! wrapped into a valid zip package, so mutations reach the XML and body
//! readers instead of dying in the zip layer.

use baocao_fuzz::docx_package::wrap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::extract("f.docx", &wrap(data));
});
