//! The legacy encodings' tables, loaded once from `patterns/*.toml`.
//!
//! Every table is keyed by the character a legacy byte shows as when the
//! document's bytes were read as Windows-1252 (the way `ingest::decode` and
//! Word read them); byte tables given in hex are turned into such keys here.

use crate::ingest::decode::cp1252;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const LEGACY: &str = include_str!("../../../patterns/legacy.toml");
const VISCII: &str = include_str!("../../../patterns/viscii.toml");
const VPS: &str = include_str!("../../../patterns/vps.toml");
const CP1258: &str = include_str!("../../../patterns/cp1258.toml");

#[derive(Deserialize)]
struct RawLegacy {
    fonts: Fonts,
    tcvn3: RawTcvn3,
    vni: RawVni,
    viqr: RawViqr,
}

/// Font-name fragments (lower case) that say which encoding a run is in.
#[derive(Deserialize)]
pub(super) struct Fonts {
    /// Substrings of TCVN3 (ABC) font names.
    pub tcvn3: Vec<String>,
    /// Substrings of TCVN3 capitals fonts (.VnTimeH).
    pub tcvn3_upper: Vec<String>,
    /// Substrings of VNI font names.
    pub vni: Vec<String>,
    /// Substrings of VPS font names.
    pub vps: Vec<String>,
    /// How VISCII font names start.
    pub viscii_prefix: Vec<String>,
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

#[derive(Deserialize)]
struct RawViqr {
    shape: HashMap<String, String>,
    shape_bases: HashMap<String, String>,
    tone: HashMap<String, String>,
    escape: String,
}

#[derive(Deserialize)]
struct RawBytes {
    bytes: HashMap<String, String>,
}

/// VIQR's marks.
pub(super) struct Viqr {
    /// Shape mark → (combining mark, the vowels that take it).
    pub shape: HashMap<char, (char, String)>,
    /// Tone mark → combining mark.
    pub tone: HashMap<char, char>,
    /// The escape character.
    pub escape: char,
}

/// All tables.
pub(super) struct Tables {
    /// Font names.
    pub fonts: Fonts,
    /// TCVN3 letter codes.
    pub tcvn3: HashMap<char, char>,
    /// VNI letters that stand for a whole base.
    pub vni_letters: HashMap<char, char>,
    /// VNI circumflex marks (with their tone).
    pub circumflex: HashMap<char, Option<char>>,
    /// VNI breve marks (with their tone).
    pub breve: HashMap<char, Option<char>>,
    /// VNI tone marks.
    pub tone: HashMap<char, char>,
    /// VISCII letters.
    pub viscii: HashMap<char, char>,
    /// VPS letters.
    pub vps: HashMap<char, char>,
    /// Windows-1258 characters that differ from Windows-1252.
    pub cp1258: HashMap<char, char>,
    /// VIQR marks.
    pub viqr: Viqr,
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

/// A byte table (hex → character) keyed by what each byte shows as in
/// Windows-1252; bytes 0x80–0x9F are also keyed by their C1 control, as
/// text read as Latin-1 holds them. Entries that map a byte to itself are
/// dropped.
fn byte_map(src: &str) -> HashMap<char, char> {
    let raw: RawBytes = toml::from_str(src).expect("byte table is valid TOML");
    let mut map = HashMap::new();
    for (hex, value) in &raw.bytes {
        let (Ok(b), Some(v)) = (u8::from_str_radix(hex, 16), first(value)) else {
            continue;
        };
        for key in [cp1252(b), char::from(b)] {
            if key != v {
                map.insert(key, v);
            }
        }
    }
    map
}

fn viqr(raw: RawViqr) -> Viqr {
    let shape = raw
        .shape
        .iter()
        .filter_map(|(k, v)| {
            let bases = raw.shape_bases.get(k).cloned().unwrap_or_default();
            Some((first(k)?, (first(v)?, bases)))
        })
        .collect();
    Viqr {
        shape,
        tone: char_map(&raw.tone),
        escape: first(&raw.escape).unwrap_or('\\'),
    }
}

/// The tables, loaded on first use.
pub(super) static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let raw: RawLegacy = toml::from_str(LEGACY).expect("patterns/legacy.toml is valid");
    Tables {
        tcvn3: char_map(&raw.tcvn3.letters),
        vni_letters: char_map(&raw.vni.letters),
        circumflex: mark_map(&raw.vni.circumflex),
        breve: mark_map(&raw.vni.breve),
        tone: char_map(&raw.vni.tone),
        viscii: byte_map(VISCII),
        vps: byte_map(VPS),
        cp1258: byte_map(CP1258),
        viqr: viqr(raw.viqr),
        fonts: raw.fonts,
    }
});

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn byte_tables_hold_every_letter() {
        for src in [VISCII, VPS] {
            let raw: RawBytes = toml::from_str(src).unwrap();
            let letters: HashSet<&String> = raw.bytes.values().collect();
            assert_eq!((raw.bytes.len(), letters.len()), (134, 134));
        }
        assert_eq!(TABLES.viscii.get(&'\u{2}'), Some(&'Ẳ'));
        assert_eq!(TABLES.viscii.get(&'€'), Some(&'Ạ'));
        assert_eq!(TABLES.viscii.get(&'\u{80}'), Some(&'Ạ'));
        assert_eq!(TABLES.vps.get(&'™'), Some(&'Ỗ'));
        assert_eq!(TABLES.cp1258.get(&'Ò'), Some(&'\u{309}'));
    }
}
