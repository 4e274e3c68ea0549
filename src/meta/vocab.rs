//! The metadata vocabulary, loaded once from `patterns/meta.toml`.

use crate::model::Level;
use serde::Deserialize;
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../patterns/meta.toml");

/// A level word after "UBND" ("huyện") and the level it gives.
#[derive(Deserialize, Debug, Clone)]
pub struct LevelWord {
    /// Folded word.
    pub word: String,
    /// The word as printed in canonical names.
    pub printed: String,
    /// The level it gives.
    pub level: Level,
}

/// Title vocabulary.
#[derive(Deserialize, Debug)]
pub struct Title {
    /// Folded heads of the title ("bao cao").
    pub heads: Vec<String>,
    /// Folded starts of the first body line.
    pub body_starts: Vec<String>,
    /// Most lines a title runs over.
    pub max_lines: usize,
}

/// Header patterns (regular expressions).
#[derive(Deserialize, Debug)]
pub struct HeaderPatterns {
    /// The document number: groups `n` and `sym`.
    pub number: String,
    /// The place-date line's date: groups day, month, year.
    pub date: String,
    /// Most lines of a header without a title head.
    pub max_lines: usize,
}

/// Heading-block vocabulary (folded).
#[derive(Deserialize, Debug)]
pub struct HeadingWords {
    /// Phrases that start the national motto.
    pub motto: Vec<String>,
    /// Document types whose all-capitals line ends the organ lines.
    pub types: Vec<String>,
    /// Marks that name no organ ("dự thảo", "khẩn").
    pub marks: Vec<String>,
    /// Tokens that cut an organ's part of a merged line ("số:", "v/v").
    pub cuts: Vec<String>,
    /// A signing tool's stamp line (regular expression).
    pub stamp: String,
    /// The signing-time line under a stamp's number (regular expression).
    pub signing_time: String,
}

/// Opening-paragraph vocabulary (folded) and the thresholds of body evidence.
#[derive(Deserialize, Debug)]
pub struct PreambleWords {
    /// Prefixes of the first section line.
    pub section_starts: Vec<String>,
    /// Most lines of the opening paragraph.
    pub max_lines: usize,
    /// The owner word before a caption's unit ("cua").
    pub owner: String,
    /// Fewest mentions of a name that complete a nameless self-reference.
    pub min_name_mentions: usize,
    /// Fewest body mentions of a province taken for a known unit.
    pub min_province_mentions: usize,
    /// How many times the next province's count the leader must exceed.
    pub province_lead: usize,
}

/// Period vocabulary (folded).
#[derive(Deserialize, Debug)]
pub struct PeriodWords {
    /// "quy".
    pub quarter: String,
    /// Half-year phrases.
    pub half: Vec<String>,
    /// Nine-month phrases.
    pub nine_months: Vec<String>,
    /// "nam".
    pub year: String,
    /// A full date (folded regex; group 1 is kept).
    pub date: String,
}

/// Signature vocabulary (folded).
#[derive(Deserialize, Debug)]
pub struct Signature {
    /// Titles printed above the signer's name.
    pub titles: Vec<String>,
    /// Starts of lines that are never a name.
    pub not_names: Vec<String>,
    /// Marks of a copy's signature beside the name ("đã ký").
    pub signed_marks: Vec<String>,
}

/// Place names.
#[derive(Deserialize, Debug)]
pub struct Places {
    /// Provinces and central cities as officially written.
    pub provinces: Vec<String>,
    /// Central cities (their UBND is at province level).
    pub central_cities: Vec<String>,
}

/// Everything in `patterns/meta.toml`.
#[derive(Deserialize, Debug)]
pub struct Vocab {
    /// Folded names of a People's Committee.
    pub committee_words: Vec<String>,
    /// The department word in lower case ("sở").
    pub department_word: String,
    /// Lower-case words that end a place name.
    pub name_stops: Vec<String>,
    /// Most words of a place name.
    pub max_name_words: usize,
    /// Folded verbs of a self-reference ("bao cao").
    pub self_reference: Vec<String>,
    /// Departments as officially written.
    pub departments: Vec<String>,
    /// Level words, longest first.
    pub levels: Vec<LevelWord>,
    /// Title vocabulary.
    pub title: Title,
    /// Header patterns.
    pub header: HeaderPatterns,
    /// Heading-block vocabulary.
    pub heading: HeadingWords,
    /// Opening-paragraph vocabulary.
    pub preamble: PreambleWords,
    /// Period vocabulary.
    pub period: PeriodWords,
    /// Signature vocabulary.
    pub signature: Signature,
    /// Place names.
    pub places: Places,
}

/// The vocabulary, parsed on first use.
pub static VOCAB: LazyLock<Vocab> =
    LazyLock::new(|| toml::from_str(SOURCE).expect("patterns/meta.toml is valid"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads() {
        assert_eq!(VOCAB.places.provinces.len(), 63);
        assert!(VOCAB.levels.iter().any(|l| l.level == Level::Huyen));
    }
}
