//! The value-cell vocabulary from `patterns/values.toml`, loaded once.

use serde::Deserialize;
use std::sync::LazyLock;

/// The embedded vocabulary file.
const SOURCE: &str = include_str!("../../patterns/values.toml");

/// Parsed vocabulary; phrases are stored folded (see [`fold`]).
pub(super) static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let raw: RawVocab = toml::from_str(SOURCE).expect("patterns/values.toml is valid");
    Vocab::from(raw)
});

#[derive(Deserialize)]
struct RawVocab {
    empty: RawEmpty,
    boolean: RawBoolean,
    percent: RawPercent,
    codes: RawCodes,
}

#[derive(Deserialize)]
struct RawEmpty {
    markers: Vec<String>,
}

#[derive(Deserialize)]
struct RawBoolean {
    yes: Vec<String>,
    no: Vec<String>,
    units: Vec<String>,
}

#[derive(Deserialize)]
struct RawPercent {
    signs: Vec<String>,
    unit_words: Vec<String>,
}

#[derive(Deserialize)]
struct RawCodes {
    assign: Vec<String>,
    label_trim: Vec<String>,
}

/// Vocabulary used by the value readers.
pub(super) struct Vocab {
    /// Whole-cell "nothing reported" markers.
    pub empty: Vec<String>,
    /// Whole-cell yes words.
    pub yes: Vec<String>,
    /// Whole-cell no words.
    pub no: Vec<String>,
    /// Unit cells announcing a yes/no answer.
    pub yes_no_units: Vec<String>,
    /// Percent signs written after a number.
    pub percent_signs: Vec<String>,
    /// Unit words that make a bare number a percentage.
    pub percent_units: Vec<String>,
    /// Signs between a code label and its number, one character each.
    pub assign: Vec<char>,
    /// Characters trimmed off code labels.
    pub label_trim: Vec<char>,
}

impl From<RawVocab> for Vocab {
    fn from(r: RawVocab) -> Self {
        let folded = |v: Vec<String>| v.iter().map(|s| lower_words(s)).collect();
        Vocab {
            empty: folded(r.empty.markers),
            yes: folded(r.boolean.yes),
            no: folded(r.boolean.no),
            yes_no_units: folded(r.boolean.units),
            percent_signs: r.percent.signs,
            percent_units: folded(r.percent.unit_words),
            assign: r.codes.assign.iter().flat_map(|s| s.chars()).collect(),
            label_trim: r.codes.label_trim.iter().flat_map(|s| s.chars()).collect(),
        }
    }
}

impl Vocab {
    /// Yes/no reading of a folded phrase.
    pub fn yes_no(&self, folded: &str) -> Option<bool> {
        if self.yes.iter().any(|w| w == folded) {
            Some(true)
        } else if self.no.iter().any(|w| w == folded) {
            Some(false)
        } else {
            None
        }
    }

    /// Whether a unit cell makes a bare number a percentage.
    pub fn is_percent_unit(&self, unit: &str) -> bool {
        let u = lower_words(unit);
        !u.is_empty() && self.percent_units.iter().any(|w| u.contains(w.as_str()))
    }

    /// Whether a unit cell announces a yes/no answer.
    pub fn is_yes_no_unit(&self, unit: &str) -> bool {
        let u = lower_words(unit);
        self.yes_no_units.contains(&u)
    }
}

/// Lower-cases, trims and collapses runs of white space to one space; tones
/// are kept (unlike [`crate::normalize::fold`]).
pub(super) fn lower_words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads() {
        assert!(VOCAB.yes.contains(&"có".to_string()));
        assert!(VOCAB.no.contains(&"không".to_string()));
        assert!(VOCAB.empty.contains(&"-".to_string()));
        assert!(VOCAB.percent_signs.contains(&"%".to_string()));
        assert!(VOCAB.assign.contains(&'='));
        assert!(VOCAB.label_trim.contains(&';'));
    }

    #[test]
    fn lower_words_collapses_and_lowercases() {
        assert_eq!(lower_words("  Đã   CÓ \n"), "đã có");
    }

    #[test]
    fn units() {
        assert!(VOCAB.is_percent_unit("%"));
        assert!(VOCAB.is_percent_unit("Tỷ lệ"));
        assert!(!VOCAB.is_percent_unit("Văn bản"));
        assert!(!VOCAB.is_percent_unit(""));
        assert!(VOCAB.is_yes_no_unit("Có hoặc  không"));
        assert!(!VOCAB.is_yes_no_unit("Có = 1; Không = 0"));
    }
}
