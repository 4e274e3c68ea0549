//! Restores letters that a PDF text layer lost ("đ ng" for "đúng", "T  lệ"
//! for "Tỷ lệ", "c p nh t" for "cập nhật"). A glyph without a Unicode
//! mapping comes out as one space, so a damaged word holds a space where
//! its letter was and the line keeps its length in characters.
//!
//! Only suspicious stretches are read again: ones with a token that is no
//! Vietnamese syllable, two spaces between letters, or a space before the
//! first word of a cell. There every space may be a hole, and the reading
//! with the most probable words (syllable bigrams of clean report text,
//! [`crate::normalize::ngram`]) wins, if it beats the text as printed by a clear
//! margin. Valid text reads best as printed and is left alone.

use super::model::{acceptable, has_letter_sequence, is_abbreviation, Model};
use crate::normalize::ngram::is_word_char;
use crate::normalize::syllable;

/// One restored word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte offset of the damaged stretch in the repaired text.
    pub start: usize,
    /// The stretch as printed ("đ ng").
    pub damaged: String,
    /// The stretch restored ("đúng").
    pub restored: String,
}

/// Log-probability cost of one lost letter.
const HOLE: f64 = -3.0;
/// Score of a token that is no syllable (a stray letter, a foreign word).
const INVALID: f64 = -14.0;
/// Score of an upper-case abbreviation ("TTHC", "UBND").
const ABBREVIATION: f64 = -6.0;
/// How much better than the printed text a repaired reading must score.
const MARGIN: f64 = 3.0;
/// Most lost letters in one syllable.
const MAX_HOLES: usize = 2;
/// Longest syllable in letters ("nghiêng").
const MAX_SYLLABLE: usize = 7;
/// Longest stretch read again, in characters.
const MAX_STRETCH: usize = 400;
/// Readings kept per position.
const BEAM: usize = 16;
/// Whether a cell's text needs reading again.
pub fn is_suspicious(cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    stretches(&chars).iter().any(|s| suspicious(&chars, s))
}

/// Repairs one cell (text without tabs). `before` is the word that precedes
/// the cell in the running text (the last word of the line above), if any.
/// Returns the repaired text (same number of characters) and the fixes, or
/// `None` when nothing changed.
pub fn repair_cell(cell: &str, before: Option<&str>, model: &Model) -> Option<(String, Vec<Fix>)> {
    let mut chars: Vec<char> = cell.chars().collect();
    let mut fixes = Vec::new();
    let first_text = chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(chars.len());
    for s in stretches(&chars) {
        if s.end - s.start > MAX_STRETCH || !suspicious(&chars, &s) || !model.spend(s.end - s.start)
        {
            continue;
        }
        let part = &chars[s.start..s.end];
        let context = if s.start <= first_text {
            before
                .map(str::to_lowercase)
                .filter(|w| syllable::is_valid(w))
        } else {
            None
        };
        let Some(better) = reread(part, s.glued, context, model) else {
            continue;
        };
        for (a, b) in changed_words(part, &better) {
            let start = s.start + a;
            let end = s.start + b;
            fixes.push((
                start,
                chars[start..end].iter().collect::<String>(),
                better[a..b].iter().collect::<String>(),
            ));
        }
        chars[s.start..s.end].copy_from_slice(&better);
    }
    if fixes.is_empty() {
        return None;
    }
    let text: String = chars.iter().collect();
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let fixes = fixes
        .into_iter()
        .map(|(start, damaged, restored)| Fix {
            start: offsets[start],
            damaged,
            restored,
        })
        .collect();
    Some((text, fixes))
}

/// A stretch of letters and spaces, in character indices.
struct Stretch {
    start: usize,
    end: usize,
    /// Starts right after a sign ("V/v"): its first token is part of
    /// something else and cannot have lost a letter before it.
    glued: bool,
}

fn stretches(chars: &[char]) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut start = None;
    let n = chars.len();
    let mut after_sign = false;
    for (i, &c) in chars.iter().enumerate() {
        if is_word_char(c) || c == ' ' {
            if start.is_none() {
                start = Some(i);
                after_sign = i > 0 && c != ' ';
            }
        } else if let Some(s) = start.take() {
            out.push(Stretch {
                start: s,
                end: i,
                glued: after_sign,
            });
        }
    }
    if let Some(s) = start {
        out.push(Stretch {
            start: s,
            end: n,
            glued: after_sign,
        });
    }
    out.retain(|s| chars[s.start..s.end].iter().any(|&c| is_word_char(c)));
    out
}

fn suspicious(all: &[char], s: &Stretch) -> bool {
    let chars = &all[s.start..s.end];
    let text: String = chars.iter().collect();
    // "A B C D": labels, whose spaces are no lost letters.
    if has_letter_sequence(&text) {
        return false;
    }
    let bad_token = text
        .split(' ')
        .filter(|t| !t.is_empty())
        .skip(usize::from(s.glued))
        .any(|t| !acceptable(t));
    // Exactly two spaces: a lost letter beside a separator. Wider gaps
    // are layout (cells of a PDF line keep three or more).
    let gap_between_letters = chars
        .windows(4)
        .any(|w| is_word_char(w[0]) && w[1] == ' ' && w[2] == ' ' && is_word_char(w[3]));
    // One space opening a cell: a lost first letter (wider is indentation).
    let leading = s.start == 0
        && chars.first() == Some(&' ')
        && chars.get(1).is_some_and(|&c| is_word_char(c));
    bad_token || gap_between_letters || leading
}

/// One reading of a stretch in progress.
#[derive(Clone)]
struct Reading {
    score: f64,
    prev: Option<String>,
    text: Vec<char>,
}

/// The best reading of a stretch with lost letters restored, when it beats
/// the printed text by [`MARGIN`].
fn reread(part: &[char], glued: bool, context: Option<String>, model: &Model) -> Option<Vec<char>> {
    let start = Reading {
        score: 0.0,
        prev: context,
        text: Vec::new(),
    };
    let printed = best_reading(part, &start, glued, model, 0)?;
    let repaired = best_reading(part, &start, glued, model, MAX_HOLES)?;
    (repaired.text != part && repaired.score >= printed.score + MARGIN).then_some(repaired.text)
}

/// Beam search over the ways to cut `part` into syllables, each space
/// being a separator, extra spacing or (up to `max_holes` per syllable) a
/// lost letter.
fn best_reading(
    part: &[char],
    start: &Reading,
    glued: bool,
    model: &Model,
    max_holes: usize,
) -> Option<Reading> {
    let lower: Vec<char> = part.iter().map(|&c| lower_char(c)).collect();
    let n = part.len();
    let mut beams: Vec<Vec<Reading>> = vec![Vec::new(); n + 1];
    beams[0].push(start.clone());
    for i in 0..n {
        let mut here = std::mem::take(&mut beams[i]);
        here.sort_by(|a, b| b.score.total_cmp(&a.score));
        here.truncate(BEAM);
        // The printed token starting here, and the syllables with holes.
        let token = (lower[i] != ' ').then(|| {
            let end = (i..n).find(|&k| lower[k] == ' ').unwrap_or(n);
            (end, printed_token(&part[i..end], &lower[i..end]))
        });
        let filled = if max_holes == 0 || (i == 0 && glued) {
            Vec::new()
        } else {
            hole_spans(&lower, i, max_holes, model)
        };
        for r in &here {
            match &token {
                None => {
                    let mut next = r.clone();
                    next.text.push(part[i]);
                    beams[i + 1].push(next);
                }
                Some((end, (word, fixed_score))) => {
                    let mut next = r.clone();
                    match word {
                        Some(w) => {
                            next.score += model.score(r.prev.as_deref(), w);
                            next.prev = Some(w.clone());
                        }
                        None => {
                            next.score += fixed_score;
                            next.prev = None;
                        }
                    }
                    next.text.extend_from_slice(&part[i..*end]);
                    finish(&mut next, *end, part);
                    beams[(end + 1).min(n)].push(next);
                }
            }
            for (j, holes, words) in &filled {
                for w in words {
                    let mut next = r.clone();
                    next.score += model.score(r.prev.as_deref(), w) + HOLE * *holes as f64;
                    next.text.extend(fill(&part[i..*j], w));
                    finish(&mut next, *j, part);
                    next.prev = Some(w.clone());
                    beams[(j + 1).min(n)].push(next);
                }
            }
        }
        beams[i] = here;
    }
    beams[n]
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .cloned()
}

/// A printed token as a reading takes it: the syllable (lower case), or
/// `None` with the fixed score of a token that is no syllable.
fn printed_token(printed: &[char], lower: &[char]) -> (Option<String>, f64) {
    let word: String = lower.iter().collect();
    if syllable::is_valid(&word) {
        return (Some(word), 0.0);
    }
    let token: String = printed.iter().collect();
    let score = if is_abbreviation(&token) {
        ABBREVIATION
    } else {
        INVALID
    };
    (None, score)
}

/// The syllables with holes that can start at `i`: for each end `j` (a
/// separator or the end follows), the number of holes and the known words
/// that fill them.
fn hole_spans(
    lower: &[char],
    i: usize,
    max_holes: usize,
    model: &Model,
) -> Vec<(usize, usize, Vec<String>)> {
    let n = lower.len();
    let mut out = Vec::new();
    for j in i + 1..=(i + MAX_SYLLABLE).min(n) {
        if j < n && lower[j] != ' ' {
            continue;
        }
        let span = &lower[i..j];
        let holes = span.iter().filter(|&&c| c == ' ').count();
        let letters = span.len() - holes;
        if holes == 0 || holes > max_holes || letters == 0 || letters < holes {
            continue;
        }
        let pattern: Vec<Option<char>> = span.iter().map(|&c| (c != ' ').then_some(c)).collect();
        let words = model.matches(&pattern);
        if !words.is_empty() {
            out.push((j, holes, words));
        }
    }
    out
}

/// Appends the separator after a syllable ending at `j`.
fn finish(r: &mut Reading, j: usize, part: &[char]) {
    if let Some(&sep) = part.get(j) {
        r.text.push(sep);
    }
}

/// The printed span with its holes filled from `word`, in the span's case.
fn fill(printed: &[char], word: &str) -> Vec<char> {
    let letters: Vec<char> = printed.iter().copied().filter(|&c| c != ' ').collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    printed
        .iter()
        .zip(word.chars())
        .map(|(&p, w)| match (p, upper) {
            (' ', true) => w.to_uppercase().next().unwrap_or(w),
            (' ', false) => w,
            (p, _) => p,
        })
        .collect()
}

fn lower_char(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// Word-sized ranges (character indices) where two same-length texts differ.
fn changed_words(before: &[char], after: &[char]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for i in (0..before.len()).filter(|&i| before[i] != after[i]) {
        let mut a = i;
        while a > 0 && is_word_char(after[a - 1]) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < after.len() && is_word_char(after[b]) {
            b += 1;
        }
        match out.last_mut() {
            Some(last) if last.1 >= a => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::shipped()
    }

    fn fixed(s: &str) -> String {
        repair_cell(s, None, &model()).map_or(s.to_string(), |(t, _)| t)
    }

    #[test]
    fn restores_lost_letters_from_context() {
        assert_eq!(fixed("giải quyết đ ng hạn"), "giải quyết đúng hạn");
        assert_eq!(fixed("T  lệ hồ sơ"), "Tỷ lệ hồ sơ");
        assert_eq!(
            fixed("Số TTHC đã c p nh t, công khai"),
            "Số TTHC đã cập nhật, công khai"
        );
        assert_eq!(fixed("Số  ượng phiếu khảo sát"), "Số lượng phiếu khảo sát");
    }

    #[test]
    fn leaves_valid_text_alone() {
        for s in [
            "Ban  hành kế hoạch cải cách hành chính",
            "Tỷ lệ hồ sơ giải quyết đúng hạn",
            "Số TTHC đã cập nhật, công khai",
            "Phụ lục A điểm a khoản 2",
            "Công văn số 124/UBND-KT “V/v ",
            "A B C D E F G H I J K L M N",
            "Cột A B C",
        ] {
            assert_eq!(fixed(s), s);
        }
    }

    #[test]
    fn the_line_above_gives_context() {
        let m = model();
        let fixed = repair_cell("đ ", Some("Trong"), &m).map(|(t, _)| t);
        assert_eq!(fixed.as_deref(), Some("đó"));
    }

    #[test]
    fn fixes_name_the_damaged_and_restored_words() {
        let (text, fixes) = repair_cell("hồ sơ đ ng hạn", None, &model()).unwrap();
        assert_eq!(text, "hồ sơ đúng hạn");
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].damaged, "đ ng");
        assert_eq!(fixes[0].restored, "đúng");
        assert_eq!(&text[fixes[0].start..fixes[0].start + "đúng".len()], "đúng");
    }

    proptest::proptest! {
        /// Any text: no panic, the same characters wherever no hole was
        /// filled, and holes filled only with letters.
        #[test]
        fn repairs_only_fill_spaces_with_letters(
            cell in "[a-zđêôơưạảấầậéẹếệíịóọốộớợúụứựýỳỷT  ,.()0-9]{0,80}"
        ) {
            if let Some((text, fixes)) = repair_cell(&cell, Some("số"), &model()) {
                let (a, b): (Vec<char>, Vec<char>) = (cell.chars().collect(), text.chars().collect());
                proptest::prop_assert_eq!(a.len(), b.len());
                for (x, y) in a.iter().zip(&b) {
                    proptest::prop_assert!(x == y || (*x == ' ' && y.is_alphabetic()));
                }
                proptest::prop_assert!(!fixes.is_empty());
            }
        }
    }
}
