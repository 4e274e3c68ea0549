//! The word model of the repairs: syllable counts (the shipped counts, built
//! once, plus the document's own clean text) as smoothed unigram and bigram
//! probabilities, and the vocabulary by length for filling holes.

use crate::normalize::ngram::{Counts, SHIPPED};
use crate::normalize::syllable;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Weight of the bigram in the interpolated word probability.
const LAMBDA: f64 = 0.8;
/// Add-alpha smoothing of unigram counts.
const ALPHA: f64 = 0.5;
/// Number of valid syllables assumed for smoothing.
const SYLLABLES: f64 = 7000.0;
/// Characters one document may have read again (about a second's work), so
/// a huge damaged file cannot stall a batch.
const REREAD_BUDGET: usize = 1_000_000;

/// Counts arranged for lookups without allocating.
#[derive(Default)]
struct Tables {
    unigrams: HashMap<String, u32>,
    /// Bigram counts by their first word.
    next: HashMap<String, HashMap<String, u32>>,
    total: f64,
    /// Words by length in characters, sorted.
    by_len: HashMap<usize, Vec<Vec<char>>>,
}

impl Tables {
    fn new(counts: Counts) -> Tables {
        let mut words: Vec<&String> = counts.unigrams.keys().collect();
        words.sort();
        let mut by_len: HashMap<usize, Vec<Vec<char>>> = HashMap::new();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            by_len.entry(chars.len()).or_default().push(chars);
        }
        let mut next: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for ((p, w), &n) in &counts.bigrams {
            next.entry(p.clone()).or_default().insert(w.clone(), n);
        }
        Tables {
            total: counts.unigrams.values().map(|&n| f64::from(n)).sum(),
            unigrams: counts.unigrams,
            next,
            by_len,
        }
    }

    fn count(&self, w: &str) -> u32 {
        self.unigrams.get(w).copied().unwrap_or(0)
    }

    fn pair(&self, p: &str, w: &str) -> u32 {
        self.next
            .get(p)
            .and_then(|m| m.get(w))
            .copied()
            .unwrap_or(0)
    }

    fn find(&self, pattern: &[Option<char>], out: &mut Vec<String>) {
        let Some(words) = self.by_len.get(&pattern.len()) else {
            return;
        };
        let fits = |w: &&Vec<char>| {
            pattern
                .iter()
                .zip(w.iter())
                .all(|(p, c)| p.is_none_or(|p| p == *c))
        };
        out.extend(
            words
                .iter()
                .filter(fits)
                .map(|w| w.iter().collect::<String>()),
        );
    }
}

/// The shipped counts, arranged once.
static SHIPPED_TABLES: LazyLock<Tables> = LazyLock::new(|| Tables::new(SHIPPED.clone()));

/// The word model used for one document: the shipped counts and the
/// document's own, the vocabulary by length, and the document's budget of
/// characters to read again.
pub struct Model {
    doc: Tables,
    /// Words found for each pattern so far.
    matched: RefCell<HashMap<Vec<Option<char>>, Vec<String>>>,
    /// Characters left to read again.
    budget: Cell<usize>,
    /// Whether a stretch was left unread for want of budget.
    exhausted: Cell<bool>,
}

impl Model {
    /// The shipped counts plus `document`'s (the syllables of its clean text).
    pub fn new(document: Counts) -> Model {
        Model {
            doc: Tables::new(document),
            matched: RefCell::default(),
            budget: Cell::new(REREAD_BUDGET),
            exhausted: Cell::new(false),
        }
    }

    /// The shipped counts alone.
    pub fn shipped() -> Model {
        Model::new(Counts::default())
    }

    /// How often the shipped text and the document use `w`.
    pub(super) fn count(&self, w: &str) -> u32 {
        SHIPPED_TABLES.count(w) + self.doc.count(w)
    }

    fn unigram(&self, w: &str) -> f64 {
        let total = SHIPPED_TABLES.total + self.doc.total;
        (f64::from(self.count(w)) + ALPHA) / (total + ALPHA * SYLLABLES)
    }

    /// ln P(w | prev), bigram interpolated with the unigram.
    pub(super) fn score(&self, prev: Option<&str>, w: &str) -> f64 {
        let uni = self.unigram(w);
        let Some(p) = prev else { return uni.ln() };
        let ctx = self.count(p);
        if ctx == 0 {
            return uni.ln();
        }
        let bi = f64::from(SHIPPED_TABLES.pair(p, w) + self.doc.pair(p, w));
        (LAMBDA * bi / f64::from(ctx) + (1.0 - LAMBDA) * uni).ln()
    }

    /// Known words of the pattern's length whose letters agree with it
    /// (`None` is a hole), in order, each once.
    pub(super) fn matches(&self, pattern: &[Option<char>]) -> Vec<String> {
        if let Some(found) = self.matched.borrow().get(pattern) {
            return found.clone();
        }
        let mut found = Vec::new();
        SHIPPED_TABLES.find(pattern, &mut found);
        self.doc.find(pattern, &mut found);
        found.sort();
        found.dedup();
        self.matched
            .borrow_mut()
            .insert(pattern.to_vec(), found.clone());
        found
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
}

/// A token that needs no repair: a syllable or an abbreviation.
pub(super) fn acceptable(token: &str) -> bool {
    syllable::is_valid(token) || is_abbreviation(token)
}

/// An upper-case abbreviation ("TTHC", "UBND").
pub(super) fn is_abbreviation(token: &str) -> bool {
    token.chars().count() >= 2 && token.chars().all(|c| c.is_uppercase())
}

/// Whether `b` is the one-letter word that follows the one-letter word `a`
/// in the alphabet ("B" after "A"): labels of columns or items, not words
/// that lost letters.
pub(super) fn next_letter(a: &str, b: &str) -> bool {
    let one = |w: &str| {
        let mut chars = w.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase() as u8),
            _ => None,
        }
    };
    matches!((one(a), one(b)), (Some(x), Some(y)) if y == x + 1)
}

/// Whether `text` holds at least three one-letter words in alphabetical
/// order one after another ("A B C D"): a row of labels.
pub(super) fn has_letter_sequence(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').filter(|t| !t.is_empty()).collect();
    let mut run = 1;
    for pair in words.windows(2) {
        run = if next_letter(pair[0], pair[1]) {
            run + 1
        } else {
            1
        };
        if run >= 3 {
            return true;
        }
    }
    false
}
