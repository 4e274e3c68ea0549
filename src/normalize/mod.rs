//! Normalise stage: clean Unicode Vietnamese text (NFC, one form of đ, plain
//! spaces), markup removal and tone-folded keys for matching.

mod markup;

pub use markup::{strip_markup, Stripped};

use crate::ingest::{Line, SourceDoc};
use unicode_normalization::UnicodeNormalization;

/// Normalises every line and cell of a document in place.
pub fn normalize_doc(mut doc: SourceDoc) -> SourceDoc {
    for line in &mut doc.lines {
        normalize_line(line);
    }
    doc
}

fn normalize_line(line: &mut Line) {
    line.text = text(&line.text);
    if let Some(cells) = &mut line.cells {
        for c in cells.iter_mut() {
            *c = text(c);
        }
    }
}

/// NFC, Ð (U+00D0) → Đ, exotic spaces → ' ', zero-width characters and
/// form feeds (page breaks of text dumps) dropped.
/// Tabs are kept (they separate cells).
pub fn text(s: &str) -> String {
    let mapped = s.chars().filter_map(|c| match c {
        '\u{00D0}' => Some('Đ'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{C}' => None,
        c => Some(c),
    });
    mapped.nfc().collect()
}

/// Collapses runs of white space to single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tone- and case-folded key: no diacritics, đ → d, lower case, single spaces.
/// "Số liệu" and "SO LIEU" fold to the same key "so lieu".
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    collapse_ws(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_and_spaces() {
        let nfd = "ho\u{0300}a\u{00A0}\u{00D0}a";
        assert_eq!(text(nfd), "hòa Đa");
    }

    #[test]
    fn fold_removes_tones_and_case() {
        assert_eq!(fold("  SỐ  Liệu Đơn vị "), "so lieu don vi");
        assert_eq!(fold("Ghi chú"), fold("GHI CHU"));
    }
}
