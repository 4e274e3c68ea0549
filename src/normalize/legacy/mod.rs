//! Legacy Vietnamese encodings to NFC Unicode: TCVN3 (ABC), VNI-Windows,
//! VISCII, VPS, Windows-1258 and VIQR, with the tables in `patterns/`
//! (`legacy.toml`, `viscii.toml`, `vps.toml`, `cp1258.toml`,
//! `syllables.toml`). A run in a legacy font is decoded by its font name;
//! plain text is decoded when the whole document reads as legacy text (see
//! [`detect`]).
//!
//! Legacy text reaches the decoders as its bytes read in Windows-1252
//! (undefined bytes 0x81 0x8D 0x8F 0x90 0x9D as C1 controls, C0 bytes as
//! control characters), which is how `ingest::decode` and Word read them.

mod cp1258;
mod detect;
mod single_byte;
mod syllable;
mod tables;
mod viqr;
mod vni;

#[cfg(test)]
mod letters_tests;

pub use detect::{detect, vietnamese_only};
use tables::TABLES;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// TCVN3/ABC; `upper` for the capital fonts (.VnTimeH).
    Tcvn3 {
        /// The font draws capitals.
        upper: bool,
    },
    /// VNI-Windows.
    Vni,
    /// VISCII 1.1 (RFC 1456).
    Viscii,
    /// VPS.
    Vps,
    /// Windows-1258 (CP1258), with combining tone marks.
    Cp1258,
    /// VIQR (RFC 1456), 7-bit notation.
    Viqr,
}

/// The encoding a font name says its text is in.
pub fn encoding_of_font(font: &str) -> Option<Encoding> {
    let f = font.to_lowercase();
    let name = f.rsplit('+').next().unwrap_or(&f);
    let has = |list: &[String]| list.iter().any(|k| name.contains(k.as_str()));
    let starts = |list: &[String]| list.iter().any(|k| name.starts_with(k.as_str()));
    let t = &TABLES.fonts;
    if has(&t.vni) {
        Some(Encoding::Vni)
    } else if has(&t.vps) {
        Some(Encoding::Vps)
    } else if starts(&t.viscii_prefix) {
        Some(Encoding::Viscii)
    } else if has(&t.tcvn3_upper) {
        Some(Encoding::Tcvn3 { upper: true })
    } else if has(&t.tcvn3) {
        Some(Encoding::Tcvn3 { upper: false })
    } else {
        None
    }
}

/// Decodes text in `enc` to NFC Unicode.
pub fn decode(text: &str, enc: Encoding) -> String {
    match enc {
        Encoding::Tcvn3 { upper } => single_byte::decode_tcvn3(text, upper),
        Encoding::Vni => vni::decode(text),
        Encoding::Viscii => single_byte::decode_viscii(text),
        Encoding::Vps => single_byte::decode_vps(text),
        Encoding::Cp1258 => cp1258::decode(text),
        Encoding::Viqr => viqr::decode(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_letters() {
        assert_eq!(
            decode(
                "B¸o c¸o c¶i c¸ch hµnh chÝnh",
                Encoding::Tcvn3 { upper: false }
            ),
            "Báo cáo cải cách hành chính"
        );
        assert_eq!(
            decode("ng\u{AD}êi §¬n", Encoding::Tcvn3 { upper: false }),
            "người Đơn"
        );
        assert_eq!(
            decode("b¸o c¸o", Encoding::Tcvn3 { upper: true }),
            "BÁO CÁO"
        );
    }

    #[test]
    fn vni_letters() {
        assert_eq!(
            decode("Baùo caùo caûi caùch haønh chính", Encoding::Vni),
            "Báo cáo cải cách hành chính"
        );
        assert_eq!(
            decode("Ñôn vò tính ngöôøi", Encoding::Vni),
            "Đơn vị tính người"
        );
        // "í" typed as i + tone code instead of its own code.
        assert_eq!(decode("chiù tieâu", Encoding::Vni), "chí tiêu");
        assert_eq!(
            decode("chính", Encoding::Vni),
            decode("chiùnh", Encoding::Vni)
        );
        assert_eq!(
            decode("Coäng hoøa xaõ hoäi", Encoding::Vni),
            "Cộng hòa xã hội"
        );
        assert_eq!(decode("naêm, aên", Encoding::Vni), "năm, ăn");
    }

    #[test]
    fn fonts_name_encodings() {
        let cases = [
            ("ABCDEF+.VnTime", Some(Encoding::Tcvn3 { upper: false })),
            (".VnTimeH", Some(Encoding::Tcvn3 { upper: true })),
            ("VNI-Times", Some(Encoding::Vni)),
            ("VPS Times", Some(Encoding::Vps)),
            ("ABCDEF+VPSHelvetica", Some(Encoding::Vps)),
            ("VI Times", Some(Encoding::Viscii)),
            ("VISCII Arial", Some(Encoding::Viscii)),
            ("ABCDEF+VITimes-Bold", Some(Encoding::Viscii)),
            ("Times New Roman", None),
            ("Verdana", None),
            ("Vivaldi", None),
        ];
        for (font, enc) in cases {
            assert_eq!(encoding_of_font(font), enc, "{font}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for enc in detect::tests::ALL {
            for s in ["", "\\", "a\\", "dd", "a^", "\u{2}\u{80}\u{9d}", "\u{301}a"] {
                let _ = decode(s, enc);
            }
        }
    }
}
