//! Windows-1258: precomposed letters where Windows-1252 had room, combining
//! tone marks (bytes 0xCC 0xEC 0xD2 0xDE 0xF2) after their base otherwise.

use super::tables::TABLES;
use unicode_normalization::UnicodeNormalization;

/// Decodes Windows-1258 text read as Windows-1252, composed to NFC.
pub(super) fn decode(text: &str) -> String {
    text.chars()
        .map(|c| *TABLES.cp1258.get(&c).unwrap_or(&c))
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_compose() {
        // ả = a + 0xD2 (Ò); ệ = ê + 0xF2 (ò); ư = 0xFD (ý); đ = 0xF0 (ð).
        assert_eq!(decode("caÒi cách"), "cải cách");
        assert_eq!(decode("Viêòt ngýõÌi ðúng"), "Việt người đúng");
    }
}
