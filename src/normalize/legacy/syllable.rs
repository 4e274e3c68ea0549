//! Whether a word is a valid Vietnamese syllable: onset + rhyme (from
//! `patterns/syllables.toml`) + at most one tone, and stop finals (-c -ch
//! -p -t) only with sắc or nặng.

use super::tables::TABLES;
use unicode_normalization::UnicodeNormalization;

/// The five tone marks (sắc, huyền, hỏi, ngã, nặng) as combining marks.
pub(super) const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// Whether `word` (any case, NFC or NFD) is one Vietnamese syllable.
pub(super) fn is_syllable(word: &str) -> bool {
    let mut tone = None;
    let mut bare = String::with_capacity(word.len());
    for c in word.nfd().flat_map(char::to_lowercase) {
        if TONES.contains(&c) {
            if tone.replace(c).is_some() {
                return false;
            }
        } else {
            bare.push(c);
        }
    }
    let bare: String = bare.nfc().collect();
    TABLES.syllables.onsets.iter().any(|onset| {
        bare.strip_prefix(onset.as_str())
            .is_some_and(|rhyme| rhyme_takes(rhyme, tone))
    })
}

fn rhyme_takes(rhyme: &str, tone: Option<char>) -> bool {
    let s = &TABLES.syllables;
    let stop = s.stop_finals.iter().any(|f| rhyme.ends_with(f.as_str()));
    s.rhymes.contains(rhyme) && (!stop || matches!(tone, Some('\u{301}' | '\u{323}')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_syllables_pass() {
        for w in [
            "Báo",
            "cáo",
            "người",
            "Việt",
            "quốc",
            "giữa",
            "gì",
            "quý",
            "khuyến",
            "nghiêng",
            "ĐƯỜNG",
            "hoà",
            "hòa",
            "thuở",
            "xoong",
            "a",
            "ở",
            "yêu",
            "tuyệt",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn damaged_words_fail() {
        for w in [
            "Bỏo", "cäi", "hµnh", "viêòt", "ngýõi", "báó", "cát̀", "họcs", "mát̃", "ẹg",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
        // Stop finals take only sắc or nặng.
        assert!(is_syllable("học") && is_syllable("mát"));
        assert!(!is_syllable("hòc") && !is_syllable("mảt"));
    }
}
