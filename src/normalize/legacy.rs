//! Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode, with
//! the tables in `patterns/legacy.toml`. A run in a legacy font is decoded
//! by its font name; plain text is decoded when the whole document reads as
//! legacy text (no Vietnamese letters beyond Latin-1, many once decoded).

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

const SOURCE: &str = include_str!("../../patterns/legacy.toml");

#[derive(Deserialize)]
struct Raw {
    fonts: Fonts,
    tcvn3: RawTcvn3,
    vni: RawVni,
}

#[derive(Deserialize)]
struct Fonts {
    tcvn3: Vec<String>,
    tcvn3_upper: Vec<String>,
    vni: Vec<String>,
}

#[derive(Deserialize)]
struct RawTcvn3 {
    letters: HashMap<String, String>,
}

#[derive(Deserialize)]
struct RawVni {
    letters: HashMap<String, String>,
    circumflex: HashMap<String, String>,
    breve: HashMap<String, String>,
    tone: HashMap<String, String>,
}

struct Tables {
    fonts: Fonts,
    tcvn3: HashMap<char, char>,
    vni_letters: HashMap<char, char>,
    circumflex: HashMap<char, Option<char>>,
    breve: HashMap<char, Option<char>>,
    tone: HashMap<char, char>,
}

fn first(s: &str) -> Option<char> {
    s.chars().next()
}

fn char_map(m: &HashMap<String, String>) -> HashMap<char, char> {
    m.iter()
        .filter_map(|(k, v)| Some((first(k)?, first(v)?)))
        .collect()
}

fn mark_map(m: &HashMap<String, String>) -> HashMap<char, Option<char>> {
    m.iter()
        .filter_map(|(k, v)| Some((first(k)?, first(v))))
        .collect()
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(SOURCE).expect("patterns/legacy.toml is valid");
    Tables {
        tcvn3: char_map(&raw.tcvn3.letters),
        vni_letters: char_map(&raw.vni.letters),
        circumflex: mark_map(&raw.vni.circumflex),
        breve: mark_map(&raw.vni.breve),
        tone: char_map(&raw.vni.tone),
        fonts: raw.fonts,
    }
});

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
}

/// The encoding a font name says its text is in.
pub fn encoding_of_font(font: &str) -> Option<Encoding> {
    let f = font.to_lowercase();
    let name = f.rsplit('+').next().unwrap_or(&f);
    let has = |list: &[String]| list.iter().any(|k| name.contains(k.as_str()));
    let t = &TABLES.fonts;
    if has(&t.vni) {
        Some(Encoding::Vni)
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
        Encoding::Tcvn3 { upper } => {
            let s: String = text
                .chars()
                .map(|c| *TABLES.tcvn3.get(&c).unwrap_or(&c))
                .collect();
            if upper {
                s.to_uppercase()
            } else {
                s
            }
        }
        Encoding::Vni => decode_vni(text),
    }
}

fn is_vowel(c: char) -> bool {
    "aeiouyAEIOUYơưƠƯ".contains(c)
}

fn decode_vni(text: &str) -> String {
    let t = &*TABLES;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let base = *t.vni_letters.get(&c).unwrap_or(&c);
        let mut piece = String::from(base);
        let mut j = i + 1;
        let next = chars.get(j).copied();
        let lower = c.to_ascii_lowercase();
        if let Some(n) = next {
            let shape = if matches!(lower, 'a' | 'e' | 'o') {
                t.circumflex.get(&n).map(|tone| ('\u{0302}', *tone))
            } else {
                None
            }
            .or_else(|| {
                (lower == 'a')
                    .then(|| t.breve.get(&n).map(|tone| ('\u{0306}', *tone)))
                    .flatten()
            });
            if let Some((mark, tone)) = shape {
                piece.push(mark);
                piece.extend(tone);
                j += 1;
            }
        }
        let toned = piece.chars().count() > 2
            || t.vni_letters
                .get(&c)
                .is_some_and(|_| "íìæóòîÍÌÆÓÒÎ".contains(c));
        if !toned && is_vowel(base) {
            if let Some(tone) = chars.get(j).and_then(|n| t.tone.get(n)) {
                piece.push(*tone);
                j += 1;
            }
        }
        out.extend(piece.nfc());
        i = j;
    }
    out
}

/// Letters only Unicode Vietnamese has (Latin Extended: ă đ ơ ư ạ ế …).
fn extended(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{0100}'..='\u{1EFF}').contains(c))
        .count()
}

/// Signs of TCVN3: its base and a-group codes (¨ © ª « ¬ ® µ ¶ · ¸ ¹ » ¼ ½ ¾ …)
/// are symbols no Unicode Vietnamese text and no VNI text uses.
fn tcvn3_signs(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{00A1}'..='\u{00BE}').contains(c) && TABLES.tcvn3.contains_key(c))
        .count()
}

/// Signs of VNI: a plain vowel followed by a VNI mark ("aù", "eâ", "oø"),
/// and the VNI letters for đ and ư.
fn vni_signs(s: &str) -> usize {
    let t = &*TABLES;
    let chars: Vec<char> = s.chars().collect();
    let pairs = chars
        .windows(2)
        .filter(|w| {
            "aeiouyAEIOUY".contains(w[0])
                && (t.tone.contains_key(&w[1])
                    || t.circumflex.contains_key(&w[1])
                    || t.breve.contains_key(&w[1]))
        })
        .count();
    pairs
        + chars
            .iter()
            .filter(|c| matches!(c, 'ñ' | 'Ñ' | 'ö' | 'Ö'))
            .count()
}

/// The legacy encoding a whole text is in, judged by statistics: almost no
/// Vietnamese letters beyond Latin-1 as it stands, and many signs of one
/// encoding.
pub fn detect(text: &str) -> Option<Encoding> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS || extended(text) * 100 > letters * MAX_EXTENDED_PERCENT {
        return None;
    }
    let (t, v) = (tcvn3_signs(text), vni_signs(text));
    let (signs, enc) = if t >= v {
        (t, Encoding::Tcvn3 { upper: false })
    } else {
        (v, Encoding::Vni)
    };
    (signs * 100 >= letters * MIN_SIGNS_PERCENT).then_some(enc)
}

/// Fewest letters a text needs before it is judged.
const MIN_LETTERS: usize = 200;
/// Most Latin-Extended letters (percent) a legacy text may already hold.
const MAX_EXTENDED_PERCENT: usize = 1;
/// Fewest signs of an encoding (percent of the letters) to decode a text.
const MIN_SIGNS_PERCENT: usize = 3;

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
        assert_eq!(
            decode("Coäng hoøa xaõ hoäi", Encoding::Vni),
            "Cộng hòa xã hội"
        );
        assert_eq!(decode("naêm, aên", Encoding::Vni), "năm, ăn");
    }

    #[test]
    fn fonts_name_encodings() {
        assert_eq!(
            encoding_of_font("ABCDEF+.VnTime"),
            Some(Encoding::Tcvn3 { upper: false })
        );
        assert_eq!(
            encoding_of_font(".VnTimeH"),
            Some(Encoding::Tcvn3 { upper: true })
        );
        assert_eq!(encoding_of_font("VNI-Times"), Some(Encoding::Vni));
        assert_eq!(encoding_of_font("Times New Roman"), None);
    }

    #[test]
    fn whole_texts_are_recognised() {
        let unicode = "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của Ủy ban nhân dân huyện. ".repeat(10);
        let tcvn3 = "B¸o c¸o kÕt qu¶ thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh n¨m 2023 cña ñy ban nh©n d©n huyÖn. ".repeat(10);
        let vni = "Baùo caùo keát quaû thöïc hieän coâng taùc caûi caùch haønh chính naêm 2023 cuûa UÛy ban nhaân daân huyeän. ".repeat(10);
        assert_eq!(detect(&tcvn3), Some(Encoding::Tcvn3 { upper: false }));
        assert_eq!(detect(&vni), Some(Encoding::Vni));
        assert_eq!(detect(&unicode), None);
    }

    #[test]
    fn unicode_text_is_left_alone() {
        let unicode = "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của Ủy ban nhân dân huyện. ".repeat(10);
        assert_eq!(detect(&unicode), None);
    }
}
