//! Valid Vietnamese syllables, from the syllable structure in
//! `patterns/syllables.toml`: initial consonant + rhyme + tone, with the
//! spelling rules of k/c, gh/g and ngh/ng and the stop-final tone rule.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

const SOURCE: &str = include_str!("../../patterns/syllables.toml");

#[derive(Deserialize)]
struct Raw {
    initials: Vec<String>,
    front_only: Vec<String>,
    not_front: Vec<String>,
    front_vowels: Vec<String>,
    open_rhymes: Vec<String>,
    stop_rhymes: Vec<String>,
}

struct Structure {
    /// Initials, longest first, so "ngh" is tried before "ng" and "n".
    initials: Vec<String>,
    front_only: HashSet<String>,
    not_front: HashSet<String>,
    front_vowels: Vec<char>,
    open_rhymes: HashSet<String>,
    stop_rhymes: HashSet<String>,
}

static STRUCTURE: LazyLock<Structure> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(SOURCE).expect("patterns/syllables.toml is valid");
    let mut initials = raw.initials;
    initials.sort_by_key(|i| std::cmp::Reverse(i.chars().count()));
    Structure {
        initials,
        front_only: raw.front_only.into_iter().collect(),
        not_front: raw.not_front.into_iter().collect(),
        front_vowels: raw
            .front_vowels
            .iter()
            .filter_map(|v| v.chars().next())
            .collect(),
        open_rhymes: raw.open_rhymes.into_iter().collect(),
        stop_rhymes: raw.stop_rhymes.into_iter().collect(),
    }
});

/// The five tone marks as combining characters (grave, acute, tilde, hook
/// above, dot below); the level tone has none.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A syllable taken apart: lower-case letters without tone mark, and the
/// tone (0 level, 1 grave, 2 acute, 3 tilde, 4 hook, 5 dot below).
fn split_tone(word: &str) -> Option<(String, u8)> {
    let mut tone = 0;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        if let Some(i) = TONE_MARKS.iter().position(|&m| m == c) {
            if tone != 0 {
                return None;
            }
            tone = i as u8 + 1;
        } else {
            base.extend(c.to_lowercase());
        }
    }
    Some((base.nfc().collect(), tone))
}

/// Most words a thread remembers the validity of.
const MEMO_WORDS: usize = 65_536;

thread_local! {
    static MEMO: std::cell::RefCell<std::collections::HashMap<String, bool>> =
        std::cell::RefCell::default();
}

/// Whether `word` (one syllable, any case, any tone placement) is a valid
/// written Vietnamese syllable.
pub fn is_valid(word: &str) -> bool {
    if word.len() > 32 {
        return false;
    }
    MEMO.with(|memo| {
        if let Some(&known) = memo.borrow().get(word) {
            return known;
        }
        let valid = judge(word);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.to_string(), valid);
        valid
    })
}

fn judge(word: &str) -> bool {
    let Some((base, tone)) = split_tone(word) else {
        return false;
    };
    let s = &*STRUCTURE;
    s.initials.iter().any(|init| {
        base.strip_prefix(init.as_str())
            .is_some_and(|rhyme| rhyme_fits(s, init, rhyme, tone))
    })
}

fn rhyme_fits(s: &Structure, init: &str, rhyme: &str, tone: u8) -> bool {
    let known =
        |r: &str| s.open_rhymes.contains(r) || (s.stop_rhymes.contains(r) && matches!(tone, 2 | 5));
    if init == "gi" {
        // "gì", "gìn", "giếng": the i of the rhyme is not written twice.
        return rhyme.is_empty() || known(rhyme) || known(&format!("i{rhyme}"));
    }
    if init == "qu" && rhyme.starts_with('u') {
        return false;
    }
    if !known(rhyme) {
        return false;
    }
    let front = rhyme
        .chars()
        .next()
        .is_some_and(|c| s.front_vowels.contains(&c));
    if front {
        !s.not_front.contains(init)
    } else {
        !s.front_only.contains(init)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_are_valid() {
        for w in [
            "luật", "đúng", "Tỷ", "lệ", "cập", "nhật", "lượng", "lĩnh", "quốc", "quyết", "gì",
            "giữ", "giếng", "nghiệp", "kỷ", "hoà", "hòa", "thuỷ", "khỏe", "người", "UBND", "a",
            "ý", "ương", "gia", "kiến", "ghi", "nghị", "thành", "chính",
        ] {
            let ok = is_valid(w) || w.chars().all(char::is_uppercase);
            assert!(ok, "{w}");
        }
    }

    #[test]
    fn damaged_or_foreign_tokens_are_not() {
        for w in [
            "đ", "ng", "c", "nh", "t", "T", "p", "ka", "quu", "lật̀", "hóc̀", "online", "website",
            "bà́", "ngi", "gha",
        ] {
            assert!(!is_valid(w), "{w}");
        }
    }

    #[test]
    fn stop_finals_take_only_two_tones() {
        assert!(is_valid("học") && is_valid("tốt") && is_valid("tiếp"));
        assert!(!is_valid("hòc") && !is_valid("tốt̃") && !is_valid("tiêp"));
    }
}
