#![no_main]
//! Structure-aware OpenDocument fuzzing: the input is the body of
//! `content.xml` (text or spreadsheet by its first byte), wrapped into a
//! valid package, so mutations reach the content reader.

use baocao_fuzz::office_package::odf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::extract("f.odt", &odf(data));
});
