//! VIQR (RFC 1456): Vietnamese in 7-bit ASCII, a mark typed after its vowel
//! ("Vie^.t Nam", "Ba'o ca'o", "dd" for đ). A word is composed only when it
//! comes out a valid syllable (or an abbreviation such as "HDDND"); a
//! backslash keeps the next mark literal, as RFC 1456 asks for a full stop
//! after a vowel (`ddi\.`), since `ddi.` is "đị".

use super::syllable::is_syllable;
use super::tables::TABLES;
use unicode_normalization::UnicodeNormalization;

fn is_vowel(c: char) -> bool {
    "aeiouyAEIOUY".contains(c)
}

fn is_mark(c: char) -> bool {
    let v = &TABLES.viqr;
    v.shape.contains_key(&c) || v.tone.contains_key(&c)
}

/// A word read from `start`: where it ends, its letters (NFC) and whether
/// any mark was applied.
struct Word {
    end: usize,
    text: String,
    marked: bool,
}

fn read_word(chars: &[char], start: usize) -> Word {
    let v = &TABLES.viqr;
    let (mut toned, mut shaped, mut marked) = (false, false, false);
    let mut text = String::new();
    let mut j = start;
    while let Some(&c) = chars.get(j).filter(|c| c.is_ascii_alphabetic()) {
        j += 1;
        if matches!(c, 'd' | 'D') && matches!(chars.get(j), Some('d' | 'D')) {
            text.push(if c == 'd' { 'đ' } else { 'Đ' });
            (j, marked) = (j + 1, true);
            continue;
        }
        text.push(c);
        if !is_vowel(c) {
            continue;
        }
        let shape = chars.get(j).and_then(|n| v.shape.get(n));
        let this_shaped = shape.is_some_and(|(_, bases)| bases.contains(c));
        if let Some((mark, _)) = shape.filter(|_| this_shaped) {
            text.push(*mark);
            (j, shaped, marked) = (j + 1, true, true);
        }
        // One tone, on the vowel with a shape mark when the word has one.
        let tone = chars.get(j).and_then(|n| v.tone.get(n));
        if let Some(tone) = tone.filter(|_| !toned && (this_shaped || !shaped)) {
            text.push(*tone);
            (j, toned, marked) = (j + 1, true, true);
        }
    }
    Word {
        end: j,
        text: text.nfc().collect(),
        marked,
    }
}

/// An abbreviation whose only mark is "dd": upper case (HĐND, QĐ, NĐ) or
/// without vowels (trđ).
fn is_acronym(word: &str) -> bool {
    let only_dd = word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, 'đ' | 'Đ'));
    let upper = word.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
    only_dd && word.contains(['đ', 'Đ']) && (upper || !word.chars().any(is_vowel))
}

/// Decodes VIQR text to NFC.
pub(super) fn decode(text: &str) -> String {
    let escape = TABLES.viqr.escape;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == escape {
            match chars.get(i + 1) {
                Some(&n) if is_mark(n) || n == escape => {
                    out.push(n);
                    i += 2;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        } else if c.is_ascii_alphabetic() {
            let word = read_word(&chars, i);
            let end = word.end.max(i + 1);
            if word.marked && (is_syllable(&word.text) || is_acronym(&word.text)) {
                out.push_str(&word.text);
            } else {
                out.extend(chars.get(i..end).unwrap_or_default());
            }
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_compose() {
        assert_eq!(decode("Vie^.t Nam"), "Việt Nam");
        assert_eq!(decode("Ba'o ca'o ca?i ca'ch"), "Báo cáo cải cách");
        assert_eq!(decode("DDu+o+`ng dda^'t, Dda(ng"), "Đường đất, Đăng");
    }

    #[test]
    fn marks_that_cannot_be_tones_stay() {
        // A second tone, a tone on the wrong vowel, a mark after a consonant.
        assert_eq!(decode("Ha` No^.i. Kho^ng?"), "Hà Nội. Không?");
        assert_eq!(decode("dda^u?"), "đâu?");
        assert_eq!(decode("What's up?"), "What's up?");
        // Words that come out invalid are left as typed.
        assert_eq!(decode("e.g. file.txt add"), "e.g. file.txt add");
        assert_eq!(decode("QDD-UBND, HDDND, 5 trdd"), "QĐ-UBND, HĐND, 5 trđ");
    }

    #[test]
    fn sentence_periods_and_escapes() {
        // A period after a vowel is a dot below unless escaped.
        assert_eq!(
            decode("Bo^. Tu+ pha'p, ddi\\.\nba.n ddi."),
            "Bộ Tư pháp, đi.\nbạn đị"
        );
        assert_eq!(decode("ca'c ba.n\\. Ta\\'i sao\\?"), "các bạn. Ta'i sao?");
        assert_eq!(decode("a\\\\b"), "a\\b");
    }
}
