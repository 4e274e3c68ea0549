//! Matching one table's rows to catalogue indicators: wording first, then
//! the row's context (enclosing rows, table area, unit).

use super::load::Catalog;
use super::text::{similarity, Form};
use crate::model::Row;

/// Lowest wording similarity a candidate needs.
const MIN_SIMILARITY: f64 = 0.7;
/// Lowest confidence an assignment needs.
const MIN_CONFIDENCE: f64 = 0.6;
/// Confidence factors of the context: the candidate's parent is related to
/// the row's enclosing rows only further up or down, or not at all.
const RELATED_CONTEXT: f64 = 0.95;
const UNRELATED_CONTEXT: f64 = 0.85;
/// Factor for a candidate of another area than the row's.
const OTHER_AREA: f64 = 0.9;
/// Factors for units that disagree: a percentage against a count, or two
/// different counts ("Đơn vị" / "Cơ quan, đơn vị").
const PERCENT_MISMATCH: f64 = 0.9;
const OTHER_UNIT: f64 = 0.97;
/// Factor when another indicator fits the row exactly as well.
const AMBIGUOUS: f64 = 0.8;

/// One row's match: indicator index and confidence.
pub type Match = Option<(usize, f64)>;

/// Matches the rows of one table. `table_area` is the area its title
/// announces (or the majority area of a first pass), if any.
pub fn match_rows(cat: &Catalog, rows: &[Row], table_area: Option<usize>) -> Vec<Match> {
    let mut matches: Vec<Match> = Vec::with_capacity(rows.len());
    // Each row's context: indicator indices of its enclosing rows, nearest first.
    let mut contexts: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let context = context_of(cat, rows, &matches, &contexts, i, table_area);
        let area = context.first().map(|&c| cat.area_of[c]).or(table_area);
        let found = best_match(cat, row, &context, area);
        matches.push(found);
        contexts.push(context);
    }
    matches
}

/// The enclosing rows' indicators of row `i`, nearest first: an unnumbered
/// sub-heading between the row and its parent row (one whose indicator is
/// a child of the parent row's), the parent row (by STT, the nearest one
/// above) and its own context; for a row without a parent, the section of
/// the table's area.
fn context_of(
    cat: &Catalog,
    rows: &[Row],
    matches: &[Match],
    contexts: &[Vec<usize>],
    i: usize,
    table_area: Option<usize>,
) -> Vec<usize> {
    let parent_row = rows[i]
        .parent
        .as_ref()
        .and_then(|p| (0..i).rev().find(|&j| &rows[j].stt == p));
    let Some(p) = parent_row else {
        return table_area
            .and_then(|a| cat.area_sections[a])
            .into_iter()
            .collect();
    };
    let parent_id = matches[p].map(|(m, _)| m);
    let mut context = Vec::new();
    let heading = (p + 1..i).rev().find_map(|j| {
        let (m, _) = matches[j]?;
        let is_heading = rows[j].stt.is_empty()
            && cat.has_children[m]
            && parent_id.is_some()
            && cat.parents[m] == parent_id;
        is_heading.then_some(m)
    });
    context.extend(heading);
    context.extend(parent_id);
    context.extend(contexts[p].iter().copied());
    context.dedup();
    context
}

/// The best candidate for a row, ties broken by id.
fn best_match(cat: &Catalog, row: &Row, context: &[usize], area: Option<usize>) -> Match {
    let label = Form::new(&row.label_key);
    if label.is_empty() {
        return None;
    }
    // Exact wordings (whole or without remarks) win over any overlap.
    let exact: Vec<usize> = [&label.key, &label.core]
        .iter()
        .filter_map(|k| cat.by_key.get(k.as_str()))
        .flatten()
        .copied()
        .collect();
    let candidates: Vec<usize> = if exact.is_empty() {
        (0..cat.indicators.len()).collect()
    } else {
        exact
    };
    let unit = Unit::new(&row.unit);
    let mut scored: Vec<(f64, usize)> = candidates
        .into_iter()
        .filter_map(|c| {
            let text = cat.forms[c]
                .iter()
                .map(|w| similarity(&label, w))
                .fold(0.0, f64::max);
            (text >= MIN_SIMILARITY).then(|| {
                let score = text
                    * context_factor(cat, c, context)
                    * area_factor(cat, c, area)
                    * unit_factor(&cat.units[c], &unit);
                (score, c)
            })
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| cat.indicators[a.1].id.cmp(&cat.indicators[b.1].id))
    });
    scored.dedup_by_key(|s| s.1);
    let (score, best) = *scored.first()?;
    let tied = scored.get(1).is_some_and(|s| (score - s.0).abs() < 1e-9);
    let confidence = if tied { score * AMBIGUOUS } else { score };
    (confidence >= MIN_CONFIDENCE).then_some((best, round(confidence)))
}

/// How well candidate `c` fits where the row stands. Area sections (no
/// parent) and rows without context fit anywhere.
fn context_factor(cat: &Catalog, c: usize, context: &[usize]) -> f64 {
    let (Some(parent), Some(&nearest)) = (cat.parents[c], context.first()) else {
        return 1.0;
    };
    if parent == nearest {
        1.0
    } else if context.contains(&parent)
        || cat.is_ancestor(parent, nearest)
        || cat.is_ancestor(nearest, c)
    {
        RELATED_CONTEXT
    } else {
        UNRELATED_CONTEXT
    }
}

fn area_factor(cat: &Catalog, c: usize, area: Option<usize>) -> f64 {
    match area {
        Some(a) if cat.parents[c].is_some() && cat.area_of[c] != a => OTHER_AREA,
        _ => 1.0,
    }
}

/// A unit prepared for comparison: its folded words (in any order, so
/// "Có = 1; Không = 0" equals "Không = 0 Có = 1") and whether it is a
/// percentage.
#[derive(Debug)]
pub struct Unit {
    form: Form,
    percent: bool,
    empty: bool,
}

impl Unit {
    /// Prepares a unit cell or an expected unit.
    pub fn new(unit: &str) -> Unit {
        Unit {
            form: Form::new(unit),
            percent: crate::value::has_percent_sign(unit),
            empty: unit.trim().is_empty(),
        }
    }
}

/// Whether the printed unit agrees with the expected one; an empty one
/// agrees with anything.
fn unit_factor(expected: &Unit, printed: &Unit) -> f64 {
    if expected.empty || printed.empty {
        1.0
    } else if expected.percent != printed.percent {
        PERCENT_MISMATCH
    } else if expected.form.words == printed.form.words {
        1.0
    } else {
        OTHER_UNIT
    }
}

/// Confidence to three decimals, so records stay readable and stable.
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
