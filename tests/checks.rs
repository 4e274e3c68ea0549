//! Consistency checks on real reports: seed 000 prints 100 % for on-time
//! procedures at commune level (3.3) while its parts say 2245 of 2445.

mod common;

use common::seed;

#[test]
fn seed_000_percentage_against_its_parts_is_reported() {
    let rec = baocao::extract_file(&seed("000_"));
    let found = rec.warnings.iter().any(|w| {
        w.code == "inconsistent_percentage"
            && w.message.contains("STT 3.3:")
            && w.message.contains("2245 / 2445")
    });
    assert!(found, "{:#?}", rec.warnings);
}

/// The same report through another front end gives the same findings.
#[test]
fn renderings_report_what_their_seeds_report() {
    for (seed_prefix, rendered) in [
        ("000_", "fixtures/rendered/000_ba21f554f00fdddf.render.docx"),
        ("002_", "fixtures/rendered/002_07c36b5fc73a7765.render.pdf"),
    ] {
        let codes = |rec: &baocao::Record| -> Vec<String> {
            let mut v: Vec<String> = rec
                .warnings
                .iter()
                .filter(|w| w.code == "inconsistent_percentage")
                .map(|w| w.message.clone())
                .collect();
            v.sort();
            v
        };
        let a = baocao::extract_file(&seed(seed_prefix));
        let b = baocao::extract_file(&common::root().join(rendered));
        assert_eq!(codes(&a), codes(&b), "{rendered}");
        assert!(!codes(&a).is_empty());
    }
}
