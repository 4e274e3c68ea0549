//! Label text for matching: folded words and their similarity.

use crate::normalize::fold;
use std::collections::BTreeSet;

/// A label or wording prepared for comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Folded words (no tone marks, lower case, punctuation and URLs
    /// removed), joined by single spaces.
    pub key: String,
    /// `key` without the parenthesised remarks ("(Bao gồm cả …)"); equal to
    /// `key` when the label has none.
    pub core: String,
    /// The distinct words of `key`.
    pub words: BTreeSet<String>,
    /// The distinct words of `core`.
    pub core_words: BTreeSet<String>,
}

impl Form {
    /// Prepares a label ("Số TTHC cấp huyện (Bao gồm …)").
    pub fn new(label: &str) -> Form {
        let folded = fold(label);
        let key = words_of(&folded);
        let core = words_of(&strip_parentheses(&folded));
        let core = if core.is_empty() { key.clone() } else { core };
        Form {
            words: key
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
            core_words: core
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
            key,
            core,
        }
    }

    /// Whether the label has no words at all.
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }
}

/// Similarity of a row's label to a catalogue wording in [0, 1]: 1.0 when
/// the words are the same, 0.95 when they are the same once parenthesised
/// remarks are dropped, else the token-set (Dice) overlap of the words,
/// lowered when the two disagree on a number or an administrative level
/// ("mức độ 3" / "mức độ 4", "cấp huyện" / "cấp xã").
pub fn similarity(label: &Form, wording: &Form) -> f64 {
    if label.key == wording.key {
        return 1.0;
    }
    if label.core == wording.core {
        return 0.95;
    }
    let overlap =
        dice(&label.words, &wording.words).max(dice(&label.core_words, &wording.core_words));
    if discriminators(&label.words) != discriminators(&wording.words) {
        overlap * DISAGREEMENT
    } else {
        overlap
    }
}

/// Factor on the overlap of two labels that disagree on a number or level.
const DISAGREEMENT: f64 = 0.8;

/// Folded words that tell otherwise equal indicators apart. Not the level
/// words of `patterns/meta.toml`: folded, "quận" and "phường" are the "quan"
/// of "cơ quan" and the "phuong" of "địa phương", and with "tinh" 45 rows of
/// the fixtures and real reports lose or change their indicator.
const LEVEL_WORDS: [&str; 2] = ["huyen", "xa"];

fn discriminators(words: &BTreeSet<String>) -> BTreeSet<&str> {
    words
        .iter()
        .map(String::as_str)
        .filter(|w| LEVEL_WORDS.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Words of folded text: URLs dropped, every run of characters that are not
/// letters or digits a single space.
fn words_of(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for token in folded.split_whitespace() {
        // "gia(https://dichvucong.gov.vn)": keep what precedes the URL.
        let token = match token.find("http") {
            Some(at) if token[at..].contains("://") => &token[..at],
            _ => token,
        };
        for c in token.chars() {
            out.push(if c.is_alphanumeric() { c } else { ' ' });
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text with every parenthesised part removed (an unclosed one runs to
/// the end).
fn strip_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Folded title words, with spaces around, for whole-word search.
pub fn padded(s: &str) -> String {
    format!(" {} ", words_of(&fold(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_drop_tones_punctuation_urls_and_remarks() {
        let f = Form::new(
            "Số TTHC đã cập nhật, công khai trên Cổng DVC quốc gia(https://dichvucong.gov.vn)",
        );
        assert_eq!(
            f.key,
            "so tthc da cap nhat cong khai tren cong dvc quoc gia"
        );
        let f = Form::new("Số TTHC cấp huyện (Bao gồm cả TTHC của cơ quan ngành dọc)");
        assert_eq!(f.core, "so tthc cap huyen");
        assert_eq!(Form::new("Số TTHC cấp huyện:").key, "so tthc cap huyen");
        assert!(Form::new(" - ").is_empty());
    }

    #[test]
    fn similarity_ranks_exact_core_and_overlap() {
        let s = |a: &str, b: &str| similarity(&Form::new(a), &Form::new(b));
        assert_eq!(s("Số TTHC cấp huyện:", "Số TTHC cấp huyện"), 1.0);
        assert_eq!(
            s("Số TTHC cấp huyện (Bao gồm cả TTHC)", "Số TTHC cấp huyện"),
            0.95
        );
        let fuzzy = s(
            "Số hồ sơ TTHC được giải quyết đúng hạn",
            "Số hồ sơ TTHC giải quyết đúng hạn",
        );
        assert!(fuzzy > 0.9 && fuzzy < 0.95, "{fuzzy}");
        // A different level or number is not the same indicator.
        assert!(s("Số TTHC cấp huyện", "Số TTHC cấp xã") < 0.7);
        assert!(s("Số TTHC mức độ 3", "Số TTHC mức độ 4") < 0.7);
        assert_eq!(s("", "Số TTHC"), 0.0);
    }
}
