#![no_main]
//! Structure-aware workbook fuzzing: the input is a worksheet's content,
//! wrapped into a valid XLSX package, so mutations reach calamine's sheet
//! reader and the grid, not the zip layer.

use baocao_fuzz::office_package::xlsx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::extract("f.xlsx", &xlsx(data));
});
