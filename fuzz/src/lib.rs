//! Shared checks for the baocao fuzz targets.

pub mod docx_package;
pub mod office_package;

use std::sync::Once;

static HOOK: Once = Once::new();

/// Runs one document through the whole pipeline and fails (aborts) when the
/// record is not a single sensible one.
///
/// libfuzzer-sys aborts on every panic, even one the library would catch and
/// turn into an `internal` record. Panics raised inside third-party crates
/// (`~/.cargo/registry`) that the library deliberately catches around its
/// parsers (lopdf, office_oxide) become `malformed_*` records by design, so
/// they are logged and let through; a panic in baocao's own code still aborts.
pub fn extract(name: &str, data: &[u8]) {
    HOOK.call_once(|| {
        let inner = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let third_party = info
                .location()
                .is_some_and(|l| l.file().contains("/.cargo/registry/"));
            if third_party && std::env::var_os("BAOCAO_FUZZ_STRICT").is_none() {
                eprintln!("third-party panic (caught by baocao): {info}");
                return;
            }
            inner(info);
        }));
    });
    let rec = baocao::extract_bytes(name, data);
    if let Some(e) = &rec.error {
        assert_ne!(e.code, "internal", "internal error record: {}", e.message);
        assert!(rec.tables.is_empty(), "an error record with tables");
    }
    assert_eq!(rec.source.bytes, data.len() as u64);
}
