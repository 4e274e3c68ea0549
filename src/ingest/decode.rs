//! Byte → text decoding for text renderings: UTF-8 (with or without BOM),
//! UTF-16 with BOM, and a lossless fallback for stray non-UTF-8 bytes.

use crate::diagnostics;
use crate::model::Warning;

/// Decoded text plus what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `invalid_utf8` and similar warnings.
    pub warnings: Vec<Warning>,
}

/// Windows-1252 code points for bytes 0x80–0x9F; other bytes map to Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes bytes: BOMs select UTF-8/UTF-16; invalid UTF-8 bytes are read as
/// Windows-1252 (every byte keeps a character) and reported in a warning.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8_lossless(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    decode_utf8_lossless(bytes)
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = 0usize;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{fffd}'
            })
        })
        .collect();
    let mut warnings = Vec::new();
    if bad > 0 || bytes.len() % 2 == 1 {
        warnings.push(Warning::new(
            diagnostics::INVALID_UTF16,
            format!("{bad} unpaired UTF-16 surrogates replaced"),
        ));
    }
    Decoded { text, warnings }
}

/// UTF-8 with stray bytes read as Windows-1252; a file with more invalid
/// bytes than valid multi-byte characters is an 8-bit legacy file (VISCII,
/// VPS, TCVN3 …), read whole as Windows-1252 so that byte pairs which
/// happen to form UTF-8 (VISCII "ươ" = DF BD) are not taken as such.
fn decode_utf8_lossless(bytes: &[u8]) -> Decoded {
    let (mut text, bad, multibyte) = utf8_with_fallback(bytes);
    let mut message = format!("{bad} bytes were not valid UTF-8 and were read as Windows-1252");
    if bad > multibyte && multibyte > 0 {
        text = bytes.iter().map(|&b| cp1252(b)).collect();
        message = format!(
            "{bad} bytes were not valid UTF-8: the whole file was read as Windows-1252 (an 8-bit encoding)"
        );
    }
    let mut warnings = Vec::new();
    if bad > 0 {
        warnings.push(Warning::new(diagnostics::INVALID_UTF8, message));
    }
    Decoded { text, warnings }
}

/// Decodes UTF-8, reading invalid bytes as Windows-1252; also counts the
/// invalid bytes and the valid multi-byte characters.
fn utf8_with_fallback(mut bytes: &[u8]) -> (String, usize, usize) {
    let mut text = String::with_capacity(bytes.len());
    let (mut bad, mut multibyte) = (0usize, 0usize);
    loop {
        let (good, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, None),
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction.
                let good = std::str::from_utf8(good).unwrap_or_default();
                (good, Some((rest, e.error_len().unwrap_or(rest.len()))))
            }
        };
        text.push_str(good);
        multibyte += good.chars().filter(|c| !c.is_ascii()).count();
        let Some((rest, skip)) = rest else { break };
        for &b in &rest[..skip] {
            text.push(cp1252(b));
            bad += 1;
        }
        bytes = &rest[skip..];
    }
    (text, bad, multibyte)
}

/// The character a byte shows as in Windows-1252 (bytes it leaves undefined,
/// 0x81 0x8D 0x8F 0x90 0x9D, stay C1 controls; the rest follow Latin-1).
pub(crate) fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_plain() {
        assert_eq!(decode_text("\u{feff}Số".as_bytes()).text, "Số");
        assert_eq!(decode_text("Số".as_bytes()).text, "Số");
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Sở".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Sở".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&le).text, "Sở");
        assert_eq!(decode_text(&be).text, "Sở");
    }

    #[test]
    fn legacy_files_are_read_whole_as_windows_1252() {
        // VISCII "người ươn": ư = DF, ờ = B6, ơ = BD; "DF B6" and "DF BD"
        // would pass as UTF-8.
        let d = decode_text(b"ng\xdf\xb6i \xdf\xbdn \xe1 \xe0 \xd5");
        assert_eq!(d.text, "ngß¶i ß½n á à Õ");
        assert_eq!(d.warnings[0].code, "invalid_utf8");
        // A UTF-8 file with a few stray bytes keeps its UTF-8.
        let d = decode_text(b"S\xe1\xbb\x91 li\xe1\xbb\x87u \x93x\x94");
        assert_eq!(d.text, "Số liệu “x”");
    }

    #[test]
    fn invalid_bytes_are_kept_and_warned() {
        let d = decode_text(b"B\xe1o c\xe1o \x93x\x94");
        assert_eq!(d.text, "Báo cáo “x”");
        assert_eq!(d.warnings[0].code, "invalid_utf8");
    }
}
