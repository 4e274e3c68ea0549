#![no_main]
//! Fuzzes the HTML front end and every later stage through `extract_bytes`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::extract("f.html", data);
});
