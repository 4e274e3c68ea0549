//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed renderings shipped in `fixtures/seeds`, sorted.
pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/seeds"))
        .expect("fixtures/seeds exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Canonical text for comparing with gold: NFC, white space collapsed, each
/// word's tone marks compared as a set ("hoà" equals "hòa").
pub fn canon(s: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace()
        .map(|w| {
            let d: Vec<char> = w.nfd().collect();
            let mut tones: Vec<char> = d.iter().copied().filter(|c| TONES.contains(c)).collect();
            tones.sort_unstable();
            let base: String = d
                .iter()
                .filter(|c| !TONES.contains(c))
                .collect::<String>()
                .nfc()
                .collect();
            if tones.is_empty() {
                base
            } else {
                format!("{base}~{}", tones.into_iter().collect::<String>())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
