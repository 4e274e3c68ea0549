//! Syllables one letter away: the engine now and then reads a letter as
//! another one ("lũy" as "lãy", "hợp" as "hgp"), which gives a syllable no
//! document has. Such a syllable may stand for a known one that differs in
//! that one letter (its marks included).

use std::collections::HashMap;

/// The letter position left open in a key.
const OPEN: char = '*';

/// Known syllables by their spelling with one letter left open.
pub(super) struct OneLetterAway {
    by_key: HashMap<String, Vec<String>>,
}

/// `word` with its `i`-th character left open.
fn key(word: &str, i: usize) -> String {
    word.chars()
        .enumerate()
        .map(|(j, c)| if j == i { OPEN } else { c })
        .collect()
}

impl OneLetterAway {
    /// The index of `syllables`.
    pub fn new<'a>(syllables: impl Iterator<Item = &'a String>) -> OneLetterAway {
        let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
        for w in syllables {
            for i in 0..w.chars().count() {
                by_key.entry(key(w, i)).or_default().push(w.clone());
            }
        }
        by_key.values_mut().for_each(|v| v.sort());
        OneLetterAway { by_key }
    }

    /// The known syllables that differ from `read` in exactly one letter,
    /// in a stable order.
    pub fn of(&self, read: &str) -> Vec<&str> {
        let mut out: Vec<&str> = (0..read.chars().count())
            .filter_map(|i| self.by_key.get(&key(read, i)))
            .flatten()
            .map(String::as_str)
            .filter(|w| *w != read)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_with_its_marks_differs() {
        let known: Vec<String> = ["lũy", "lấy", "hợp", "hơn", "kế"]
            .map(str::to_string)
            .to_vec();
        let index = OneLetterAway::new(known.iter());
        assert_eq!(index.of("lãy"), ["lũy", "lấy"]);
        assert_eq!(index.of("hgp"), ["hợp"]);
        assert!(index.of("kế").is_empty());
        assert!(index.of("xyz").is_empty());
    }
}
