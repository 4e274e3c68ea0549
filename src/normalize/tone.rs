//! One placement of the Vietnamese tone mark per syllable.
//!
//! The same syllable is typed with its tone mark in different places:
//! "hoà" / "hòa", "thuỷ" / "thủy", "khoẻ" / "khỏe", and mistyped ones such as
//! "qúy" for "quý" or "hoạ" (dot below the `a`) for "họa". [`canonical`]
//! moves every mark to one place so that equal words compare equal:
//!
//! - a vowel with a hat, breve or horn (â ă ê ô ơ ư) takes the mark; of two
//!   (ươ), the second: "được", "người", "tiếng", "chuyển", "muốn", "cửa";
//! - otherwise, in a closed rhyme (a final consonant follows), the vowel
//!   before the final consonant: "hoàng", "hoạch", "huỳnh";
//! - otherwise, in an open rhyme, the middle of three vowels ("ngoài",
//!   "khuỷu") and the first of two: "hòa", "khỏe", "thủy", "của", "mùa",
//!   "kìa", "cái";
//! - "qu" and "gi" count as initials: "quý", "quả", "già", "giữ"
//!   ("gìn", "gịt": a `gi` with no other vowel is `g` + `i`).
//!
//! Naming of the two styles varies between sources; this module keeps the
//! mark on the first vowel of an open `oa`, `oe`, `uy` rhyme ("hòa", "khỏe",
//! "thủy", "Ủy ban"), which reports mostly print. Only the position of the
//! tone mark changes: the letters, their hats, horns and breves and their
//! case stay. A word that is not one Vietnamese syllable with exactly one
//! tone mark on a vowel (English words, acronyms, two marks) is left as it
//! is.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The five combining tone marks: grave, acute, tilde, hook above, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
/// Combining vowel modifiers: circumflex (â ê ô), breve (ă), horn (ơ ư).
const MODIFIERS: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];
/// Final consonants of a closed rhyme (`k` for names such as "Đắk Lắk").
const FINALS: [&str; 9] = ["c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];

/// Whether `c` is a tone mark (decomposed form).
pub fn is_tone_mark(c: char) -> bool {
    TONES.contains(&c)
}

/// `s` in NFC with every syllable's tone mark in its one canonical place
/// (see the module documentation). Idempotent; white space and everything
/// that is not a Vietnamese syllable are kept as they are (in NFC).
pub fn canonical(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut word = String::new();
    for c in nfc.chars() {
        if is_word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_combining_mark(c)
}

fn flush(word: &mut String, out: &mut String) {
    if !word.is_empty() {
        match place(word) {
            Some(placed) => out.push_str(&placed),
            None => out.push_str(word),
        }
        word.clear();
    }
}

/// One letter of a decomposed syllable.
#[derive(Debug, Clone)]
struct Letter {
    /// The base letter as written (case kept).
    base: char,
    /// Vowel modifiers in their written order.
    modifiers: Vec<char>,
    /// Lower-case letter with its modifier applied ("ư", "â", "đ"…).
    folded: char,
}

/// The word with its tone mark moved, or `None` when it is left alone.
fn place(word: &str) -> Option<String> {
    let (letters, tone) = letters(word)?;
    let tone = tone?;
    let target = target(&letters)?;
    let mut out = String::with_capacity(word.len() + 2);
    for (i, l) in letters.iter().enumerate() {
        out.push(l.base);
        out.extend(&l.modifiers);
        if i == target {
            out.push(tone);
        }
    }
    Some(out.nfc().collect())
}

/// Splits a word into letters and its single tone mark. `None` when the word
/// holds something other than Latin letters, vowel modifiers and at most
/// one tone mark, or a mark on a consonant; the tone is `None` when there
/// is no tone mark at all.
fn letters(word: &str) -> Option<(Vec<Letter>, Option<char>)> {
    let mut letters: Vec<Letter> = Vec::new();
    let mut tone: Option<(char, usize)> = None;
    for c in word.nfd() {
        if is_tone_mark(c) {
            if tone.is_some() || letters.is_empty() {
                return None;
            }
            tone = Some((c, letters.len() - 1));
        } else if MODIFIERS.contains(&c) {
            let last = letters.last_mut()?;
            last.modifiers.push(c);
        } else if c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' {
            letters.push(Letter {
                base: c,
                modifiers: Vec::new(),
                folded: c.to_ascii_lowercase(),
            });
        } else {
            return None;
        }
    }
    for l in &mut letters {
        l.folded = fold_letter(l.folded, &l.modifiers)?;
    }
    if let Some((_, at)) = tone {
        if !is_vowel(letters[at].folded) {
            return None;
        }
    }
    Some((letters, tone.map(|(c, _)| c)))
}

/// The lower-case letter a base letter and its modifiers spell, when it is
/// a Vietnamese letter.
fn fold_letter(base: char, modifiers: &[char]) -> Option<char> {
    match (base, modifiers) {
        (c, []) => Some(if c == 'Đ' { 'đ' } else { c }),
        ('a', ['\u{302}']) => Some('â'),
        ('a', ['\u{306}']) => Some('ă'),
        ('e', ['\u{302}']) => Some('ê'),
        ('o', ['\u{302}']) => Some('ô'),
        ('o', ['\u{31B}']) => Some('ơ'),
        ('u', ['\u{31B}']) => Some('ư'),
        _ => None,
    }
}

fn is_vowel(c: char) -> bool {
    "aăâeêioôơuưy".contains(c)
}

fn is_modified_vowel(c: char) -> bool {
    "ăâêôơư".contains(c)
}

/// Index of the letter that carries the tone mark, or `None` when the word
/// does not read as one syllable (no vowel, vowels split by consonants, an
/// unknown final consonant, more than three vowels).
fn target(letters: &[Letter]) -> Option<usize> {
    let folded: Vec<char> = letters.iter().map(|l| l.folded).collect();
    let first_vowel = folded.iter().position(|&c| is_vowel(c))?;
    let initial: String = folded[..first_vowel].iter().collect();
    let mut start = first_vowel;
    // "qu" + vowel and "gi" + vowel: the u / i belongs to the initial.
    let glide =
        (initial == "q" && folded[start] == 'u') || (initial == "g" && folded[start] == 'i');
    if glide && folded.get(start + 1).is_some_and(|&c| is_vowel(c)) {
        start += 1;
    }
    let end = start + folded[start..].iter().take_while(|&&c| is_vowel(c)).count();
    let final_consonant: String = folded[end..].iter().collect();
    if !final_consonant.is_empty() && !FINALS.contains(&final_consonant.as_str()) {
        return None;
    }
    let nucleus = &folded[start..end];
    if let Some(k) = nucleus.iter().rposition(|&c| is_modified_vowel(c)) {
        return Some(start + k);
    }
    let k = match (nucleus.len(), final_consonant.is_empty()) {
        (1, _) => 0,
        (n @ 2..=3, false) => n - 1,
        (2, true) => 0,
        (3, true) => 1,
        _ => return None,
    };
    Some(start + k)
}

#[cfg(test)]
mod tests;
