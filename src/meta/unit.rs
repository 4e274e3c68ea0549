//! The issuing unit and its province, from mentions of committees ("UBND
//! huyện Kbang", "Ủy ban nhân dân tỉnh Hà Giang"), departments ("Sở Xây dựng")
//! and places ("huyện Kbang", "tỉnh Gia Lai") across the document.

use super::vocab::{Level, VOCAB};
use super::Clean;
use crate::model::Unit;
use crate::normalize::fold;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Lines above the first table row read as the appendix caption.
const CAPTION_LINES: usize = 8;

/// Who a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// A People's Committee at a level, maybe with a place name.
    Committee { level: Level, name: Option<String> },
    /// A department, by its official name.
    Department(String),
    /// A place without a committee word ("huyện Kbang").
    Place { level: Level, name: String },
}

impl PartialEq for Level {
    fn eq(&self, other: &Self) -> bool {
        self.word == other.word
    }
}
impl Eq for Level {}

#[derive(Debug, Clone)]
struct Mention {
    who: Who,
    /// Index of the line in the cleaned lines.
    line: usize,
    /// Followed by "báo cáo": the unit speaking of itself.
    self_reference: bool,
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

fn level_at(toks: &[(String, String)], i: usize) -> Option<(Level, usize)> {
    VOCAB
        .levels
        .iter()
        .find_map(|l| phrase_at(toks, i, &l.word).map(|n| (l.clone(), n)))
}

/// Capitalised name words from token `i` ("Kbang", "Xín Mần", "QUẢNG BÌNH").
fn name_at(toks: &[(String, String)], raw: &[&str], i: usize) -> Option<String> {
    let mut words = Vec::new();
    for (k, (t, f)) in toks.iter().enumerate().skip(i).take(VOCAB.max_name_words) {
        let capital = t.starts_with(|c: char| c.is_uppercase());
        if !capital
            || t.is_empty()
            || VOCAB.name_stops.contains(f)
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
        if let Some(n) = phrase_at(toks, i + 1, &fold(d)) {
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

/// Mentions in every line; the header block is also read as one line, since
/// its names wrap ("ỦY BAN NHÂN DÂN" / "HUYỆN HẠ HÒA").
fn mentions(lines: &[Clean], header_end: usize) -> Vec<Mention> {
    let joined = lines[..header_end.min(lines.len())]
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let header = Clean {
        no: 0,
        text: joined,
    };
    let mut out = Vec::new();
    let indexed = lines
        .iter()
        .enumerate()
        .chain(std::iter::once((0, &header)));
    for (li, line) in indexed {
        let raw: Vec<&str> = line.text.split_whitespace().collect();
        let toks = tokens(&line.text);
        let mut i = 0;
        while i < toks.len() {
            if let Some((dept, n)) = department_at(&toks, i) {
                out.push(Mention {
                    who: Who::Department(dept),
                    line: li,
                    self_reference: is_self_reference(&toks, i + n),
                });
                i += n;
                continue;
            }
            let committee = VOCAB
                .committee_words
                .iter()
                .find_map(|w| phrase_at(&toks, i, w));
            let start = i + committee.unwrap_or(0);
            let Some((level, n)) = level_at(&toks, start) else {
                i += 1;
                continue;
            };
            let name = name_at(&toks, &raw, start + n);
            let end = start + n + name.as_ref().map_or(0, |s| s.split(' ').count());
            let who = match (committee, name) {
                (Some(_), name) => Who::Committee { level, name },
                (None, Some(name)) => Who::Place { level, name },
                (None, None) => {
                    i += 1;
                    continue;
                }
            };
            out.push(Mention {
                who,
                line: li,
                self_reference: is_self_reference(&toks, end),
            });
            i = end.max(i + 1);
        }
    }
    out
}

/// The most frequent printed form among names with the same folded key,
/// preferring forms that are not all capitals.
fn best_printed<'a>(names: impl Iterator<Item = &'a String>, key: &str) -> Option<String> {
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
fn title_case(s: &str) -> String {
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

fn level_rank(level: &Level) -> u8 {
    match level.level.as_str() {
        "xa" => 0,
        "huyen" => 1,
        _ => 2,
    }
}

/// Finds the issuing unit. `header` lines end where the title starts;
/// `appendix` is where the indicator tables begin.
pub fn extract(lines: &[Clean], header_end: usize, appendix: usize) -> Unit {
    let all = mentions(lines, header_end);
    let names_of = |level: &Level| -> Vec<String> {
        all.iter()
            .filter_map(|m| match &m.who {
                Who::Committee {
                    level: l,
                    name: Some(n),
                }
                | Who::Place { level: l, name: n }
                    if l == level =>
                {
                    Some(n.clone())
                }
                _ => None,
            })
            .collect()
    };
    let in_header = |m: &&Mention| m.line < header_end;
    let issuer = all
        .iter()
        .filter(in_header)
        .find(|m| matches!(m.who, Who::Department(_)))
        .or_else(|| {
            all.iter()
                .filter(in_header)
                .filter(|m| matches!(m.who, Who::Committee { .. }))
                .min_by_key(|m| match &m.who {
                    Who::Committee { level, .. } => level_rank(level),
                    _ => u8::MAX,
                })
        })
        .or_else(|| {
            all.iter()
                .find(|m| m.self_reference && !matches!(m.who, Who::Place { .. }))
        })
        .or_else(|| {
            // The appendix caption ("… CỦA UBND HUYỆN KBANG").
            let caption = appendix.saturating_sub(CAPTION_LINES)..appendix;
            all.iter().filter(|m| caption.contains(&m.line)).find(|m| {
                matches!(
                    m.who,
                    Who::Committee { name: Some(_), .. } | Who::Department(_)
                )
            })
        });
    let mut unit = Unit::default();
    let Some(issuer) = issuer else {
        unit.province = province(lines, &all, None);
        return unit;
    };
    match &issuer.who {
        Who::Department(d) => {
            unit.name = Some(format!("Sở {d}"));
            unit.level = Some("so".into());
        }
        Who::Committee { level, name } => {
            let candidates = names_of(level);
            let name = name
                .as_ref()
                .map(|n| fold(n))
                .or_else(|| most_common_key(&candidates))
                .and_then(|key| best_printed(candidates.iter(), &key));
            let central = name.as_ref().is_some_and(|n| {
                VOCAB
                    .places
                    .central_cities
                    .iter()
                    .any(|c| fold(c).ends_with(&fold(n)))
            });
            unit.level = Some(if central {
                "tinh".into()
            } else {
                level.level.clone()
            });
            unit.name = name.map(|n| format!("UBND {} {n}", level.printed));
        }
        Who::Place { .. } => {}
    }
    let own_province = match (&unit.level, &unit.name) {
        (Some(l), Some(n)) if l == "tinh" => n
            .split_once(' ')
            .and_then(|(_, rest)| rest.split_once(' '))
            .map(|(_, p)| p.to_string()),
        _ => None,
    };
    unit.province = own_province.or_else(|| province(lines, &all, Some(header_end)));
    unit
}

fn most_common_key(names: &[String]) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for n in names {
        *counts.entry(fold(n)).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(k, _)| k)
}

/// The province: a province-level committee in the header, else the province
/// named most often (in text, or in `.gov.vn` addresses).
fn province(lines: &[Clean], all: &[Mention], header_end: Option<usize>) -> Option<String> {
    let known = |name: &str| {
        VOCAB
            .places
            .provinces
            .iter()
            .find(|p| fold(p) == fold(name))
            .cloned()
    };
    if let Some(h) = header_end {
        let from_header = all
            .iter()
            .filter(|m| m.line < h)
            .find_map(|m| match &m.who {
                Who::Committee {
                    level,
                    name: Some(n),
                } if level.level == "tinh" => known(n),
                _ => None,
            });
        if from_header.is_some() {
            return from_header;
        }
    }
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for line in lines {
        let f = fold(&line.text);
        for c in PROVINCES.pattern.captures_iter(&f) {
            let key = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            if let Some(p) = PROVINCES.by_key.get(key) {
                *counts.entry(p).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .map(|(p, _)| p.clone())
}

/// Province names as one search: folded names as words, and domain labels
/// of `.gov.vn` addresses ("kbang.gialai.gov.vn").
struct ProvinceSearch {
    pattern: Regex,
    by_key: HashMap<String, String>,
}

static PROVINCES: LazyLock<ProvinceSearch> = LazyLock::new(|| {
    let mut by_key = HashMap::new();
    let mut words = Vec::new();
    let mut domains = Vec::new();
    for p in &VOCAB.places.provinces {
        let key = fold(p);
        let domain = key.replace(' ', "");
        words.push(regex::escape(&key));
        domains.push(regex::escape(&domain));
        by_key.insert(key, p.clone());
        by_key.insert(domain, p.clone());
    }
    let pattern = format!(
        r"\b({})\b|\.({})\.gov\.vn",
        words.join("|"),
        domains.join("|")
    );
    ProvinceSearch {
        pattern: Regex::new(&pattern).expect("province names make a valid regex"),
        by_key,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_under_province_header() {
        let l = Clean::from_texts(&[
            "UBND TỈNH QUẢNG BÌNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ XÂY DỰNG Độc lập - Tự do - Hạnh phúc",
            "BÁO CÁO",
        ]);
        let u = extract(&l, 2, 3);
        assert_eq!(u.name.as_deref(), Some("Sở Xây dựng"));
        assert_eq!(u.level.as_deref(), Some("so"));
        assert_eq!(u.province.as_deref(), Some("Quảng Bình"));
    }

    #[test]
    fn committee_speaking_of_itself_with_most_common_spelling() {
        let l = Clean::from_texts(&[
            "BÁO CÁO",
            "Ủy ban nhân dân huyện Xín Mần báo cáo kết quả, tỉnh Hà Giang",
            "huyện Xin Mần; huyện Xín Mần; huyện Xín Mần",
        ]);
        let u = extract(&l, 0, 3);
        assert_eq!(u.name.as_deref(), Some("UBND huyện Xín Mần"));
        assert_eq!(u.level.as_deref(), Some("huyen"));
        assert_eq!(u.province.as_deref(), Some("Hà Giang"));
    }

    #[test]
    fn nameless_self_reference_takes_the_name_from_mentions() {
        let l = Clean::from_texts(&[
            "BÁO CÁO",
            "UBND huyện báo cáo tình hình",
            "trên địa bàn huyện Kbang",
            "xem https://kbang.gialai.gov.vn",
        ]);
        let u = extract(&l, 0, 4);
        assert_eq!(u.name.as_deref(), Some("UBND huyện Kbang"));
        assert_eq!(u.province.as_deref(), Some("Gia Lai"));
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(title_case("QUẢNG BÌNH"), "Quảng Bình");
        let l = Clean::from_texts(&["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA", "BÁO CÁO"]);
        assert_eq!(extract(&l, 2, 3).name.as_deref(), Some("UBND huyện Hạ Hòa"));
    }
}
