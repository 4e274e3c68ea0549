//! Encodings with one code per letter: TCVN3 (ABC), VISCII and VPS.

use super::tables::TABLES;
use std::collections::HashMap;

fn map_chars(text: &str, table: &HashMap<char, char>) -> String {
    text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

/// TCVN3: `upper` for a capitals font (.VnTimeH), whose lower-case codes
/// draw capitals.
pub(super) fn decode_tcvn3(text: &str, upper: bool) -> String {
    let s = map_chars(text, &TABLES.tcvn3);
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// VISCII 1.1 (RFC 1456).
pub(super) fn decode_viscii(text: &str) -> String {
    map_chars(text, &TABLES.viscii)
}

/// VPS.
pub(super) fn decode_vps(text: &str) -> String {
    map_chars(text, &TABLES.vps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viscii_words() {
        // "Báo cáo cải cách" with ả = 0xE4 (ä), ạ = 0xD5 (Õ), ư = 0xDF (ß).
        assert_eq!(decode_viscii("Báo cáo cäi cách"), "Báo cáo cải cách");
        assert_eq!(decode_viscii("\u{2}n tÕi ngß¶i"), "Ẳn tại người");
    }

    #[test]
    fn vps_words() {
        // ạ = 0xE5 (å), ơ = 0xD6 (Ö), đ = 0xC7 (Ç), Ỗ = 0x99 (™).
        assert_eq!(decode_vps("tå ÇÖn ™"), "tạ đơn Ỗ");
    }
}
