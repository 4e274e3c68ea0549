//! Restoring lost letters never touches valid text: for every clean
//! fixture (the intact seeds, the DOCX and PDF renderings of all five gold
//! reports, including 003's, whose words the shipped word counts never saw)
//! the normalised text holds exactly the letters of the input after NFC
//! (and the one spelling of Đ).

mod common;

use common::{fixture_files, seeds};
use std::path::Path;

fn letters(text: &str) -> Vec<char> {
    baocao::internals::text(text)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

fn assert_untouched(path: &Path) {
    let bytes = std::fs::read(path).expect("fixture");
    let name = path.to_string_lossy();
    let raw = baocao::document_text(&name, &bytes, true).expect("raw text");
    let normal = baocao::document_text(&name, &bytes, false).expect("text");
    let (a, b) = (letters(&raw), letters(&normal));
    if let Some(i) = a.iter().zip(&b).position(|(x, y)| x != y) {
        let around = |v: &[char]| {
            v[i.saturating_sub(20)..(i + 20).min(v.len())]
                .iter()
                .collect::<String>()
        };
        panic!(
            "{name}: letters changed: {:?} became {:?}",
            around(&a),
            around(&b)
        );
    }
    assert_eq!(a.len(), b.len(), "{name}: letter count changed");
    let rec = baocao::extract_file(path);
    assert!(
        !rec.warnings.iter().any(|w| w.code == "repaired_text"),
        "{name}: {:?}",
        rec.warnings
    );
}

#[test]
fn clean_seeds_are_untouched() {
    let clean: Vec<_> = seeds()
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("003_"))
        .collect();
    assert_eq!(clean.len(), 4);
    clean.iter().for_each(|p| assert_untouched(p));
}

#[test]
fn clean_renderings_are_untouched() {
    let dirs = [
        "fixtures/rendered",
        "fixtures/docx",
        "fixtures/pdf",
        "fixtures/layout",
    ];
    let mut n = 0;
    for ext in ["docx", "pdf", "txt"] {
        for path in fixture_files(&dirs, ext) {
            assert_untouched(&path);
            n += 1;
        }
    }
    assert!(n >= 20, "{n} files");
}
