//! Restores a letter that a conversion dropped without a trace. TCVN3 codes
//! "ư" as 0xAD, the soft hyphen, which tools that treat it as an invisible
//! hyphenation point delete: "người" arrives as "ngời", "được" as "đợc",
//! "những" as "nhng". A word that is no syllable gets the letter back where
//! that makes it a known syllable (the most frequent such word wins); a
//! valid word only when its neighbours make the restored word far more
//! probable ("ngời dân" → "người dân").

use super::model::{is_abbreviation, next_letter, Model};
use crate::normalize::ngram::is_word_char;
use crate::normalize::syllable;

/// A word restored by inserting the dropped letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// The word as printed ("đợc").
    pub damaged: String,
    /// The word restored ("được").
    pub restored: String,
}

/// Puts `letter` back into the words of `text` that lost it. Returns the
/// new text and the insertions, or `None` when nothing changed.
pub fn restore(text: &str, letter: char, model: &Model) -> Option<(String, Vec<Insertion>)> {
    let pieces = split_words(text);
    let word_at = |k: usize| -> Option<String> {
        let (w, is_word) = pieces.get(k)?;
        is_word.then(|| w.to_lowercase())
    };
    let mut outs: Vec<String> = Vec::with_capacity(pieces.len());
    let mut fixes = Vec::new();
    for (k, (piece, is_word)) in pieces.iter().enumerate() {
        let fixed = is_word.then(|| {
            // Neighbours only across plain spaces; the one before as restored.
            let prev = k
                .checked_sub(2)
                .filter(|&j| pieces[j + 1].0 == " " && pieces[j].1)
                .map(|j| outs[j].to_lowercase());
            let next = pieces
                .get(k + 1)
                .filter(|p| p.0 == " ")
                .and_then(|_| word_at(k + 2));
            // "c)", "d." are list markers, not words; "A B C" labels.
            let marker = piece.chars().count() == 1
                && (pieces
                    .get(k + 1)
                    .is_some_and(|p| p.0.starts_with([')', '.', ':']))
                    || prev.as_deref().is_some_and(|p| next_letter(p, piece))
                    || next.as_deref().is_some_and(|n| next_letter(piece, n)));
            (!marker)
                .then(|| restored(piece, letter, prev.as_deref(), next.as_deref(), model))
                .flatten()
        });
        match fixed.flatten() {
            Some(f) => {
                fixes.push(Insertion {
                    damaged: piece.clone(),
                    restored: f.clone(),
                });
                outs.push(f);
            }
            None => outs.push(piece.clone()),
        }
    }
    let out = outs.concat();
    (!fixes.is_empty()).then_some((out, fixes))
}

/// `text` cut into words and the text between them, in order.
fn split_words(text: &str) -> Vec<(String, bool)> {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for c in text.chars() {
        let w = is_word_char(c);
        match pieces.last_mut() {
            Some((s, is_word)) if *is_word == w => s.push(c),
            _ => pieces.push((c.to_string(), w)),
        }
    }
    pieces
}

/// How much more probable (ln) in its context a valid word must become
/// with the letter put back ("cha hoàn thành" → "chưa hoàn thành").
const VALID_WORD_MARGIN: f64 = 4.0;

/// The known syllable that `word` becomes with `letter` put back: for a
/// word that is no syllable, the most frequent; for a valid word, one that
/// its neighbours make far more probable.
fn restored(
    word: &str,
    letter: char,
    prev: Option<&str>,
    next: Option<&str>,
    model: &Model,
) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() >= 7 || is_abbreviation(word) {
        return None;
    }
    let capitals = chars.len() >= 2 && chars.iter().all(|c| c.is_uppercase());
    let fill = if capitals {
        letter.to_uppercase().next().unwrap_or(letter)
    } else {
        letter
    };
    let candidates = (0..=chars.len())
        .map(|at| {
            let mut w = chars.clone();
            w.insert(at, fill);
            w.into_iter().collect::<String>()
        })
        .filter(|w| syllable::is_valid(w) && model.count(&w.to_lowercase()) > 0);
    if !syllable::is_valid(word) {
        return candidates
            .map(|w| (model.count(&w.to_lowercase()), w))
            .max()
            .map(|(_, w)| w);
    }
    let in_context = |w: &str| {
        let w = w.to_lowercase();
        model.score(prev, &w) + next.map_or(0.0, |n| model.score(Some(&w), n))
    };
    let printed = in_context(word);
    candidates
        .map(|w| (in_context(&w), w))
        .filter(|(s, _)| *s >= printed + VALID_WORD_MARGIN)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_u_horn_comes_back() {
        let model = Model::shipped();
        let (text, fixes) = restore("Số ngời đợc giao, nhng cha xong", 'ư', &model).unwrap();
        assert_eq!(text, "Số người được giao, nhưng chưa xong");
        assert_eq!(fixes.len(), 4);
        assert_eq!(
            (fixes[1].damaged.as_str(), fixes[1].restored.as_str()),
            ("đợc", "được")
        );
        assert_eq!(restore("Tỷ lệ hồ sơ đúng hạn", 'ư', &model), None);
        assert_eq!(restore("A B C D E", 'ư', &model), None);
        let (text, _) = restore("Bộ T pháp", 'ư', &model).unwrap();
        assert_eq!(text, "Bộ Tư pháp");
        assert_eq!(
            restore("c) Về thực hiện; d. Chính quyền", 'ư', &model),
            None
        );
    }
}
