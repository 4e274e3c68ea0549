//! The issuing unit's province, only as the document prints it: the unit's
//! own name, the heading's organs or place-date line, a province committee
//! in the opening paragraph, the unit's own web address, or, for a known
//! unit, a province the body names far more often than any other.

use super::mention::{self, Who};
use super::unit::{Evidence, Issuer};
use super::vocab::VOCAB;
use crate::model::{Level, Unit};
use crate::normalize::fold;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The province of the unit, or `None` when the document does not say it.
pub(super) fn extract(ev: &Evidence, issuer: &Issuer, unit: &Unit) -> Option<String> {
    let organs = ev.heading.organs.iter().rev().map(String::as_str);
    let from_heading = own(issuer, unit)
        .or_else(|| named_in(organs, true))
        .or_else(|| ev.heading.place.as_deref().and_then(ending_in));
    if from_heading.is_some() {
        return from_heading;
    }
    // The body speaks of the unit's province only once the unit is known.
    let who = issuer.who.as_ref()?;
    named_in(std::iter::once(ev.opening.as_str()), false)
        .or_else(|| from_address(ev, who))
        .or_else(|| counted(ev))
}

/// Is the name a city governed by the centre (its UBND is at province level)?
pub fn is_central_city(name: &str) -> bool {
    VOCAB
        .places
        .central_cities
        .iter()
        .any(|c| fold(c).ends_with(&fold(name)))
}

/// A province-level unit's own place ("UBND tỉnh Lâm Đồng", "UBND thành
/// phố Đà Nẵng").
fn own(issuer: &Issuer, unit: &Unit) -> Option<String> {
    match &issuer.who {
        Some(Who::Committee { name: Some(n), .. }) if unit.level == Some(Level::Tinh) => known(n),
        _ => None,
    }
}

/// The first province committee named in the texts ("UBND tỉnh Hà
/// Giang"), or with `places` also a province ("CÔNG AN TỈNH LÂM ĐỒNG").
fn named_in<'a>(texts: impl Iterator<Item = &'a str>, places: bool) -> Option<String> {
    texts.flat_map(mention::in_text).find_map(|m| match m.who {
        Who::Committee {
            level,
            name: Some(n),
        } if level.level == Level::Tinh => known(&n),
        Who::Place { level, name } if places && level.level == Level::Tinh => known(&name),
        _ => None,
    })
}

/// A province by its name in any case or tone placement.
fn known(name: &str) -> Option<String> {
    let key = fold(name);
    PROVINCES.by_key.get(&key).cloned()
}

/// The province a folded place ends with ("lam dong", "tp. ha noi").
fn ending_in(place: &str) -> Option<String> {
    VOCAB.places.provinces.iter().find_map(|p| {
        let key = fold(p);
        (place == key || place.ends_with(&format!(" {key}"))).then(|| p.clone())
    })
}

/// The province label of the unit's own `.gov.vn` address
/// ("kbang.gialai.gov.vn" for UBND huyện Kbang).
fn from_address(ev: &Evidence, who: &Who) -> Option<String> {
    let Who::Committee { name: Some(n), .. } = who else {
        return None;
    };
    let label = fold(n).replace(' ', "");
    ev.body().find_map(|(_, l)| {
        let f = fold(&l.text);
        ADDRESS.captures_iter(&f).find_map(|c| {
            (c[1] == label)
                .then(|| PROVINCES.by_key.get(&c[2]).cloned())
                .flatten()
        })
    })
}

/// The province the body names most (table rows count only by their
/// `.gov.vn` addresses, "dichvucong.phutho.gov.vn"), when named often enough
/// and far more often than the next one.
fn counted(ev: &Evidence) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for (i, line) in ev.lines.iter().enumerate() {
        let f = fold(&line.text);
        for c in PROVINCES.pattern.captures_iter(&f) {
            let (key, address) = match (c.get(1), c.get(2)) {
                (Some(word), _) => (word.as_str(), false),
                (None, Some(label)) => (label.as_str(), true),
                (None, None) => continue,
            };
            if address || !ev.in_table[i] {
                if let Some(p) = PROVINCES.by_key.get(key) {
                    *counts.entry(p).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(&String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let p = &VOCAB.preamble;
    let (leader, count) = ranked.first()?;
    let next = ranked.get(1).map_or(0, |r| r.1);
    (*count >= p.min_province_mentions && *count > p.province_lead * next)
        .then(|| (*leader).clone())
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

/// A `.gov.vn` host's unit and province labels ("kbang", "gialai").
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([a-z0-9-]+)\.([a-z]+)\.gov\.vn").expect("a valid address regex")
});
