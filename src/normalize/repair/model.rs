//! The word model of the repairs: syllable counts (shipped plus the
//! document's own clean text) as smoothed unigram and bigram probabilities,
//! and the vocabulary by length for filling holes.

use crate::normalize::ngram::Counts;
use crate::normalize::syllable;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Weight of the bigram in the interpolated word probability.
const LAMBDA: f64 = 0.8;
/// Add-alpha smoothing of unigram counts.
const ALPHA: f64 = 0.5;
/// Number of valid syllables assumed for smoothing.
const SYLLABLES: f64 = 7000.0;
/// Characters one document may have read again (about a second's work), so
/// a huge damaged file cannot stall a batch.
const REREAD_BUDGET: usize = 1_000_000;

/// The word model used for one document: syllable counts and the
/// vocabulary indexed by length.
pub struct Model {
    counts: Counts,
    /// Bigram counts by their first word, for lookups without allocating.
    next: HashMap<String, HashMap<String, u32>>,
    total: f64,
    by_len: HashMap<usize, Vec<Vec<char>>>,
    /// Words found for each pattern so far.
    matched: RefCell<HashMap<Vec<Option<char>>, Vec<String>>>,
    /// Characters left to read again.
    budget: Cell<usize>,
    /// Whether a stretch was left unread for want of budget.
    exhausted: Cell<bool>,
}

impl Model {
    /// A model from syllable counts.
    pub fn new(counts: Counts) -> Model {
        let total = counts.unigrams.values().map(|&n| f64::from(n)).sum();
        let mut by_len: HashMap<usize, Vec<Vec<char>>> = HashMap::new();
        let mut words: Vec<&String> = counts.unigrams.keys().collect();
        words.sort();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            by_len.entry(chars.len()).or_default().push(chars);
        }
        let mut next: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for ((p, w), &n) in &counts.bigrams {
            next.entry(p.clone()).or_default().insert(w.clone(), n);
        }
        Model {
            counts,
            next,
            total,
            by_len,
            matched: RefCell::default(),
            budget: Cell::new(REREAD_BUDGET),
            exhausted: Cell::new(false),
        }
    }

    pub(super) fn unigram(&self, w: &str) -> f64 {
        let n = self.counts.unigrams.get(w).copied().unwrap_or(0);
        (f64::from(n) + ALPHA) / (self.total + ALPHA * SYLLABLES)
    }

    /// ln P(w | prev), bigram interpolated with the unigram.
    pub(super) fn score(&self, prev: Option<&str>, w: &str) -> f64 {
        let uni = self.unigram(w);
        let Some(p) = prev else { return uni.ln() };
        let ctx = self.counts.unigrams.get(p).copied().unwrap_or(0);
        if ctx == 0 {
            return uni.ln();
        }
        let bi = self
            .next
            .get(p)
            .and_then(|m| m.get(w))
            .copied()
            .unwrap_or(0);
        let bi = f64::from(bi);
        (LAMBDA * bi / f64::from(ctx) + (1.0 - LAMBDA) * uni).ln()
    }

    /// Known words of the pattern's length whose letters agree with it
    /// (`None` is a hole).
    pub(super) fn matches(&self, pattern: &[Option<char>]) -> Vec<String> {
        if let Some(found) = self.matched.borrow().get(pattern) {
            return found.clone();
        }
        let found = self.find(pattern);
        self.matched
            .borrow_mut()
            .insert(pattern.to_vec(), found.clone());
        found
    }

    fn find(&self, pattern: &[Option<char>]) -> Vec<String> {
        let Some(words) = self.by_len.get(&pattern.len()) else {
            return Vec::new();
        };
        words
            .iter()
            .filter(|w| {
                pattern
                    .iter()
                    .zip(w.iter())
                    .all(|(p, c)| p.is_none_or(|p| p == *c))
            })
            .map(|w| w.iter().collect())
            .collect()
    }

    /// Takes `chars` from the budget of characters to read again; false
    /// (and the model remembers it) when too few are left.
    pub(super) fn spend(&self, chars: usize) -> bool {
        let left = self.budget.get();
        if chars > left {
            self.exhausted.set(true);
            return false;
        }
        self.budget.set(left - chars);
        true
    }

    /// Whether some text was left unread because the budget ran out.
    pub fn exhausted(&self) -> bool {
        self.exhausted.get()
    }

    /// How often the shipped text and the document use `w`.
    pub(super) fn count(&self, w: &str) -> u32 {
        self.counts.unigrams.get(w).copied().unwrap_or(0)
    }
}

/// A token that needs no repair: a syllable or an abbreviation.
pub(super) fn acceptable(token: &str) -> bool {
    syllable::is_valid(token) || is_abbreviation(token)
}

/// An upper-case abbreviation ("TTHC", "UBND").
pub(super) fn is_abbreviation(token: &str) -> bool {
    token.chars().count() >= 2 && token.chars().all(|c| c.is_uppercase())
}
