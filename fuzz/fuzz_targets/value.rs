#![no_main]
//! Fuzzes the value-cell parser: the input (any UTF-8) is split at its first
//! NUL into the cell and its unit; `parse` keeps `raw` unchanged and every
//! number it returns is finite.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (raw, unit) = s.split_once('\0').unwrap_or((s, ""));
    let v = baocao::internals::parse(raw, unit);
    assert_eq!(v.raw, raw, "raw changed");
    let all = v
        .number
        .iter()
        .chain(&v.numbers)
        .chain(&v.numerator)
        .chain(&v.denominator);
    for n in all {
        assert!(n.is_finite(), "non-finite number {n} in {v:?}");
    }
    let _ = baocao::internals::code_numbers(unit);
    let _ = baocao::internals::is_percent_unit(unit);
});
