//! The vocabulary of the checks, from `patterns/checks.toml`.

use crate::normalize::fold;
use serde::Deserialize;
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../patterns/checks.toml");

/// Count units, tolerance and total words.
#[derive(Deserialize)]
pub(super) struct Vocab {
    /// Folded units whose values are counts.
    pub count_units: Vec<String>,
    /// Folded label beginnings of a total.
    pub total_words: Vec<String>,
}

/// The vocabulary, loaded on first use.
pub(super) static VOCAB: LazyLock<Vocab> =
    LazyLock::new(|| toml::from_str(SOURCE).expect("patterns/checks.toml is valid"));

impl Vocab {
    /// Whether a unit cell counts things ("Hồ sơ", "Văn bản").
    pub fn is_count_unit(&self, unit: &str) -> bool {
        let u = fold(unit);
        self.count_units.contains(&u)
    }

    /// Whether a label names a total ("Tổng số hồ sơ …").
    pub fn is_total(&self, label: &str) -> bool {
        let l = fold(label);
        self.total_words.iter().any(|w| l.starts_with(w.as_str()))
    }
}
