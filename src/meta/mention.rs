//! Mentions of units and places in a line of text: committees ("UBND
//! huyện Kbang", "Ủy ban nhân dân tỉnh Hà Giang"), departments ("Sở Xây
//! dựng") and places ("huyện Kbang", "tỉnh Gia Lai").

use super::vocab::{LevelWord, VOCAB};
use crate::normalize::fold;
use std::collections::BTreeMap;

/// Who a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A People's Committee at a level, maybe with a place name.
    Committee {
        level: LevelWord,
        name: Option<String>,
    },
    /// A department, by its official name.
    Department(String),
    /// A place without a committee word ("huyện Kbang").
    Place { level: LevelWord, name: String },
}

impl PartialEq for LevelWord {
    fn eq(&self, other: &Self) -> bool {
        self.word == other.word
    }
}
impl Eq for LevelWord {}

/// One mention in a line.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Who is named.
    pub who: Who,
    /// Index of its first token in the line.
    pub token: usize,
    /// Followed by "báo cáo": the unit speaking of itself.
    pub self_reference: bool,
    /// After "của": the unit owning what the line names.
    pub owned: bool,
}

fn tokens(text: &str) -> Vec<(String, String)> {
    text.split_whitespace()
        .map(|t| {
            let trimmed = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            (trimmed.to_string(), fold(trimmed))
        })
        .collect()
}

/// Does the folded phrase `words` start at token `i`? Returns its length.
fn phrase_at(toks: &[(String, String)], i: usize, words: &str) -> Option<usize> {
    let parts: Vec<&str> = words.split(' ').collect();
    let ok = parts
        .iter()
        .enumerate()
        .all(|(k, p)| toks.get(i + k).is_some_and(|t| t.1 == *p));
    ok.then_some(parts.len())
}

fn level_at(toks: &[(String, String)], i: usize) -> Option<(LevelWord, usize)> {
    VOCAB
        .levels
        .iter()
        .find_map(|l| phrase_at(toks, i, &l.word).map(|n| (l.clone(), n)))
}

/// Capitalised name words from token `i` ("Kbang", "Xín Mần", "QUẢNG BÌNH").
fn name_at(toks: &[(String, String)], raw: &[&str], i: usize) -> Option<String> {
    let mut words = Vec::new();
    for (k, (t, _)) in toks.iter().enumerate().skip(i).take(VOCAB.max_name_words) {
        let capital = t.starts_with(|c: char| c.is_uppercase());
        if !capital
            || t.is_empty()
            || VOCAB.name_stops.contains(&t.to_lowercase())
            || t.chars().any(|c| c.is_ascii_digit())
        {
            break;
        }
        words.push(t.clone());
        // Punctuation after the word ends the name ("Kbang,").
        if raw
            .get(k)
            .is_some_and(|r| r.ends_with(|c: char| !c.is_alphanumeric()))
        {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

fn department_at(toks: &[(String, String)], i: usize) -> Option<(String, usize)> {
    let word = &toks[i].0;
    if !word.starts_with(char::is_uppercase) || word.to_lowercase() != VOCAB.department_word {
        return None;
    }
    let mut best: Option<(String, usize)> = None;
    for d in &VOCAB.departments {
        if let Some(n) = phrase_at(toks, i + 1, &fold(d).replace(',', "")) {
            if best.as_ref().is_none_or(|(_, m)| n > *m) {
                best = Some((d.clone(), n));
            }
        }
    }
    best.map(|(d, n)| (d, n + 1))
}

fn is_self_reference(toks: &[(String, String)], after: usize) -> bool {
    (after..after + 2).any(|i| {
        VOCAB
            .self_reference
            .iter()
            .any(|v| phrase_at(toks, i, v).is_some())
    })
}

/// The mentions of one line, left to right.
pub fn in_text(text: &str) -> Vec<Mention> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let toks = tokens(text);
    let owned = |i: usize| i > 0 && toks[i - 1].1 == VOCAB.preamble.owner;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((who, end)) = who_at(&toks, &raw, i) else {
            i += 1;
            continue;
        };
        out.push(Mention {
            who,
            token: i,
            self_reference: is_self_reference(&toks, end),
            owned: owned(i),
        });
        i = end.max(i + 1);
    }
    out
}

/// The unit or place named from token `i`, and the token after it.
fn who_at(toks: &[(String, String)], raw: &[&str], i: usize) -> Option<(Who, usize)> {
    if let Some((dept, n)) = department_at(toks, i) {
        return Some((Who::Department(dept), i + n));
    }
    let committee = VOCAB
        .committee_words
        .iter()
        .find_map(|w| phrase_at(toks, i, w));
    let start = i + committee.unwrap_or(0);
    let (level, n) = level_at(toks, start)?;
    let name = name_at(toks, raw, start + n);
    let end = start + n + name.as_ref().map_or(0, |s| s.split(' ').count());
    let who = match (committee, name) {
        (Some(_), name) => Who::Committee { level, name },
        (None, Some(name)) => Who::Place { level, name },
        (None, None) => return None,
    };
    Some((who, end))
}

/// The most frequent printed form among names with the same folded key,
/// preferring forms that are not all capitals.
pub fn best_printed<'a>(names: impl Iterator<Item = &'a String>, key: &str) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for n in names.filter(|n| fold(n) == key) {
        *counts.entry(n).or_default() += 1;
    }
    let caps = |s: &str| !s.chars().any(char::is_lowercase);
    counts
        .into_iter()
        .max_by_key(|(n, c)| (!caps(n), *c))
        .map(|(n, _)| if caps(n) { title_case(n) } else { n.clone() })
}

/// "QUẢNG BÌNH" → "Quảng Bình".
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}
