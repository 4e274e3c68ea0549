//! The issuing unit, from the places where a document names itself: the
//! heading block's organ, else the opening paragraph's self-reference
//! ("UBND huyện Xín Mần báo cáo …"), else a table caption's owner ("… CỦA
//! UBND HUYỆN KBANG"). Units mentioned elsewhere in the body, and table
//! rows ("Sở Tư pháp", "UBND xã Đam Rông" as labels), never name it.

use super::heading::Heading;
use super::mention::{self, best_printed, Mention, Who};
use super::province;
use super::vocab::{LevelWord, VOCAB};
use super::Clean;
use crate::model::{Level, Unit, UnitSource};
use crate::normalize::fold;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;

/// Lines above the first table row read as the table's caption.
const CAPTION_LINES: usize = 8;

/// Where the metadata stage may look for the unit and its province.
pub struct Evidence<'a> {
    /// The document's cleaned lines.
    pub lines: &'a [Clean],
    /// The heading block.
    pub heading: &'a Heading,
    /// The opening paragraph as one text (its names wrap).
    pub opening: String,
    /// Index of the first table row's line (`lines.len()` without tables).
    pub appendix: usize,
    /// For every line, whether it lies inside a table.
    pub in_table: Vec<bool>,
    /// The body's committee and place names, read on first use.
    names: OnceCell<Vec<(LevelWord, String)>>,
}

impl<'a> Evidence<'a> {
    /// The evidence of a document's lines; `opening` indexes the opening
    /// paragraph's lines.
    pub fn new(
        lines: &'a [Clean],
        heading: &'a Heading,
        opening: Range<usize>,
        appendix: usize,
        in_table: Vec<bool>,
    ) -> Self {
        let texts: Vec<&str> = lines[opening].iter().map(|l| l.text.as_str()).collect();
        Evidence {
            lines,
            heading,
            opening: texts.join(" "),
            appendix,
            in_table,
            names: OnceCell::new(),
        }
    }

    /// The lines outside tables, with their indices.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Clean)> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.in_table[*i])
    }

    /// The names of committees and places the body (outside tables)
    /// mentions, with their level, in order.
    fn names(&self) -> &[(LevelWord, String)] {
        self.names.get_or_init(|| {
            self.body()
                .flat_map(|(_, l)| mention::in_text(&l.text))
                .filter_map(|m| match m.who {
                    Who::Committee {
                        level,
                        name: Some(n),
                    }
                    | Who::Place { level, name: n } => Some((level, n)),
                    _ => None,
                })
                .collect()
        })
    }
}

/// The unit as read: who, where, and the heading's printed organs.
#[derive(Debug, Default)]
pub(super) struct Issuer {
    /// The committee or department; `None` for other organs.
    pub who: Option<Who>,
    /// Where it was read.
    pub source: Option<UnitSource>,
    /// The heading's organs as printed.
    pub printed: Option<String>,
}

/// Finds the issuing unit and its province.
pub fn extract(ev: &Evidence) -> Unit {
    let issuer = from_heading(ev.heading)
        .or_else(|| from_opening(ev))
        .or_else(|| from_caption(ev))
        .unwrap_or_default();
    let mut unit = Unit {
        source: issuer.source,
        printed: issuer.printed.clone(),
        ..Unit::default()
    };
    match &issuer.who {
        Some(Who::Department(d)) => {
            unit.name = Some(format!("Sở {d}"));
            unit.level = Some(Level::So);
        }
        Some(Who::Committee { level, name }) => {
            let name = name.as_ref().map(|n| printed_form(ev, n));
            let central = name.as_deref().is_some_and(province::is_central_city);
            unit.level = Some(if central { Level::Tinh } else { level.level });
            unit.name = name.map(|n| format!("UBND {} {n}", level.printed));
        }
        _ => {}
    }
    unit.province = province::extract(ev, &issuer, &unit);
    unit
}

/// The heading's lowest organ: a department printed in it (also after its
/// committee on one line: "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ"), else a committee
/// it starts with; neither for other organs ("VĂN PHÒNG UBND TỈNH").
fn from_heading(heading: &Heading) -> Option<Issuer> {
    let lowest = heading.organs.last()?;
    let mentions = mention::in_text(lowest);
    let department = mentions
        .iter()
        .find(|m| matches!(m.who, Who::Department(_)));
    let who = department
        .or_else(|| {
            mentions
                .iter()
                .find(|m| m.token == 0 && matches!(m.who, Who::Committee { .. }))
        })
        .map(|m| m.who.clone());
    Some(Issuer {
        who,
        source: Some(UnitSource::Heading),
        printed: Some(heading.organs.join(" / ")),
    })
}

/// The unit speaking of itself in the opening paragraph; a nameless
/// committee ("UBND huyện báo cáo") takes its name from the caption's owner
/// or from the body's place names.
fn from_opening(ev: &Evidence) -> Option<Issuer> {
    let speaker = mention::in_text(&ev.opening)
        .into_iter()
        .find(|m| m.self_reference && !matches!(m.who, Who::Place { .. }))?;
    let who = match speaker.who {
        Who::Committee { level, name: None } => {
            let name = caption_owner(ev)
                .and_then(|m| match m.who {
                    Who::Committee { level: l, name } if l == level => name,
                    _ => None,
                })
                .or_else(|| common_name(ev, &level));
            Who::Committee { level, name }
        }
        who => who,
    };
    Some(Issuer {
        who: Some(who),
        source: Some(UnitSource::Opening),
        printed: None,
    })
}

fn from_caption(ev: &Evidence) -> Option<Issuer> {
    let owner = caption_owner(ev)?;
    Some(Issuer {
        who: Some(owner.who),
        source: Some(UnitSource::Caption),
        printed: None,
    })
}

/// A named committee or a department after "của" in the capitals caption
/// lines just above the first table.
fn caption_owner(ev: &Evidence) -> Option<Mention> {
    let caption = ev.appendix.saturating_sub(CAPTION_LINES)..ev.appendix;
    ev.body()
        .filter(|(i, l)| caption.contains(i) && !l.text.chars().any(char::is_lowercase))
        .flat_map(|(_, l)| mention::in_text(&l.text))
        .find(|m| {
            m.owned
                && matches!(
                    m.who,
                    Who::Committee { name: Some(_), .. } | Who::Department(_)
                )
        })
}

/// The body's most frequent name of a level, when named often enough.
fn common_name(ev: &Evidence, level: &LevelWord) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, n) in ev.names().iter().filter(|(l, _)| l == level) {
        *counts.entry(fold(n)).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, c)| *c >= VOCAB.preamble.min_name_mentions)
        .max_by_key(|(_, c)| *c)
        .map(|(key, _)| key)
}

/// The printed form of a name (or folded key): the body's most frequent
/// spelling with the same key, lower case preferred to capitals.
fn printed_form(ev: &Evidence, name: &str) -> String {
    let key = fold(name);
    let name = name.to_string();
    let all = ev.names().iter().map(|(_, n)| n).chain([&name]);
    best_printed(all.filter(|n| **n != key), &key).unwrap_or(name)
}

#[cfg(test)]
mod tests;
