//! Encodings with one code per letter: TCVN3 (ABC), VISCII and VPS.

use super::tables::TABLES;
use std::collections::HashMap;

fn map_chars(text: &str, table: &HashMap<char, char>) -> String {
    text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

/// TCVN3: `upper` for a capitals font (.VnTimeH), whose lower-case codes
/// draw capitals. TCVN3 has no codes for toned capitals, so a word typed in
/// capitals in the ordinary font holds lower-case codes ("B¶N" for "BẢN"):
/// within a word whose other letters (at least two) are all capitals, the
/// decoded letters are set in capitals too.
pub(super) fn decode_tcvn3(text: &str, upper: bool) -> String {
    if upper {
        return map_chars(text, &TABLES.tcvn3).to_uppercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut word: Vec<(char, bool)> = Vec::new();
    for c in text.chars() {
        match TABLES.tcvn3.get(&c) {
            Some(&d) => word.push((d, true)),
            None if c.is_alphabetic() => word.push((c, false)),
            None => {
                flush_word(&mut word, &mut out);
                out.push(c);
            }
        }
    }
    flush_word(&mut word, &mut out);
    out
}

/// Writes a decoded word, in capitals when its own letters say so.
fn flush_word(word: &mut Vec<(char, bool)>, out: &mut String) {
    let kept: Vec<char> = word
        .iter()
        .filter(|(c, decoded)| !decoded || c.is_uppercase())
        .map(|(c, _)| *c)
        .collect();
    let capitals = kept.len() >= 2 && kept.iter().all(|c| c.is_uppercase());
    for &(c, decoded) in word.iter() {
        if capitals && decoded {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    word.clear();
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
    fn tcvn3_capitals_typed_with_lower_case_codes() {
        assert_eq!(decode_tcvn3("V¡N B¶N §I", false), "VĂN BẢN ĐI");
        assert_eq!(decode_tcvn3("CéNG HßA", false), "CỘNG HÒA");
        assert_eq!(decode_tcvn3("Hµ Néi, V¨n b¶n", false), "Hà Nội, Văn bản");
    }

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
