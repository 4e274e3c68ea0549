//! Syllable unigram and bigram counts of clean report text, the word
//! context used to restore lost letters. The counts ship as data in
//! `patterns/ngrams.tsv`, built by [`Counts::from_text`] from clean reports
//! (a test keeps the file in step with its sources); a document's own clean
//! text adds to them.

use super::syllable;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../patterns/ngrams.tsv");

/// Syllable counts: lower-case NFC syllables and pairs of adjacent ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Syllable → occurrences.
    pub unigrams: HashMap<String, u32>,
    /// (previous, next) → occurrences.
    pub bigrams: HashMap<(String, String), u32>,
}

/// The counts shipped in `patterns/ngrams.tsv`.
pub static SHIPPED: LazyLock<Counts> = LazyLock::new(|| Counts::parse(SOURCE));

impl Counts {
    /// Counts the valid syllables of `text` and the pairs of them that stand
    /// next to each other, separated by white space only.
    pub fn from_text(text: &str) -> Counts {
        let mut counts = Counts::default();
        counts.add_text(text);
        counts
    }

    /// Adds the syllables and pairs of `text` (see [`Counts::from_text`]).
    pub fn add_text(&mut self, text: &str) {
        let mut prev: Option<String> = None;
        for (token, joined) in tokens(text) {
            let word = token.to_lowercase();
            if !syllable::is_valid(&word) || word.chars().count() > 7 {
                prev = None;
                continue;
            }
            *self.unigrams.entry(word.clone()).or_default() += 1;
            if let (Some(p), true) = (prev.take(), joined) {
                *self.bigrams.entry((p, word.clone())).or_default() += 1;
            }
            prev = Some(word);
        }
    }

    /// Adds another set of counts to this one.
    pub fn merge(&mut self, other: &Counts) {
        for (w, n) in &other.unigrams {
            *self.unigrams.entry(w.clone()).or_default() += n;
        }
        for (p, n) in &other.bigrams {
            *self.bigrams.entry(p.clone()).or_default() += n;
        }
    }

    /// The counts as the lines of `patterns/ngrams.tsv`, sorted.
    pub fn to_tsv(&self) -> String {
        let uni: BTreeMap<_, _> = self.unigrams.iter().collect();
        let bi: BTreeMap<_, _> = self.bigrams.iter().collect();
        let mut out = String::from(
            "# Syllable counts of clean CCHC reports (see src/normalize/ngram.rs).\n\
             # 1<TAB>syllable<TAB>count, 2<TAB>syllable syllable<TAB>count\n",
        );
        for (w, n) in uni {
            out.push_str(&format!("1\t{w}\t{n}\n"));
        }
        for ((p, w), n) in bi {
            out.push_str(&format!("2\t{p} {w}\t{n}\n"));
        }
        out
    }

    /// Reads the format [`Counts::to_tsv`] writes; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Counts {
        let mut counts = Counts::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(kind), Some(key), Some(n)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(n) = n.parse::<u32>() else { continue };
            match (kind, key.split_once(' ')) {
                ("1", None) => {
                    counts.unigrams.insert(key.to_string(), n);
                }
                ("2", Some((p, w))) => {
                    counts.bigrams.insert((p.to_string(), w.to_string()), n);
                }
                _ => {}
            }
        }
        counts
    }
}

/// Whether `c` belongs to a word: a letter or a combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Letter tokens of `text`, each with whether only white space separates it
/// from the token before.
fn tokens(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut joined = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((&text[s..i], joined));
            joined = true;
        }
        if !c.is_whitespace() {
            joined = false;
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], joined));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pairs_only_across_white_space() {
        let c = Counts::from_text("Tỷ lệ hồ sơ, hồ sơ TTHC đúng hạn");
        assert_eq!(c.unigrams["hồ"], 2);
        assert_eq!(c.bigrams[&("tỷ".into(), "lệ".into())], 1);
        assert_eq!(c.bigrams[&("hồ".into(), "sơ".into())], 2);
        assert!(!c.bigrams.contains_key(&("sơ".into(), "hồ".into())));
        assert!(!c.unigrams.contains_key("tthc"));
        assert!(!c.bigrams.contains_key(&("sơ".into(), "đúng".into())));
    }

    #[test]
    fn tsv_round_trips() {
        let c = Counts::from_text("cập nhật kỷ luật, cập nhật");
        assert_eq!(Counts::parse(&c.to_tsv()), c);
    }

    #[test]
    fn shipped_counts_load() {
        assert!(SHIPPED.unigrams.len() > 500);
        assert!(SHIPPED.bigrams.len() > 1000);
    }
}
