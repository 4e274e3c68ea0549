//! The catalog stage: every table row gets a stable indicator id from the
//! catalogue in `patterns/indicators.toml`, so the same indicator can be
//! compared across units and periods however a report numbers and words
//! its tables.
//!
//! A row is matched by its folded label against the catalogue's wordings
//! (exact wordings first, else token-set overlap), and candidates are
//! weighed by where the row stands: the indicator of its enclosing row (by
//! the row's `parent` STT, or an unnumbered sub-heading between them), the
//! table's area (from the title, else the majority of the rows matched)
//! and the unit. Ties are broken by id, so results never depend on map
//! order.

mod load;
mod matcher;
mod text;

pub use load::{Area, Catalog, Indicator};

use crate::model::{Table, Warning};
use std::sync::LazyLock;

/// The shipped catalogue, parsed on first use.
pub static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::parse(load::SOURCE).expect("patterns/indicators.toml is valid (checked by its tests)")
});

/// Sets every row's `indicator_id` and `indicator_confidence` from the
/// shipped catalogue. Returns one `unknown_indicator` warning per table
/// with rows that match no indicator, listing their STTs.
pub fn assign(tables: &mut [Table]) -> Vec<Warning> {
    assign_with(&CATALOG, tables)
}

/// [`assign`] with a given catalogue.
pub fn assign_with(cat: &Catalog, tables: &mut [Table]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for table in tables.iter_mut() {
        let title_area = cat.title_area(&table.title);
        let mut matches = matcher::match_rows(cat, &table.rows, title_area);
        if title_area.is_none() {
            if let Some(area) = majority_area(cat, &matches) {
                matches = matcher::match_rows(cat, &table.rows, Some(area));
            }
        }
        let mut unknown = Vec::new();
        for (row, m) in table.rows.iter_mut().zip(matches) {
            row.indicator_id = m.map(|(i, _)| cat.indicators[i].id.clone());
            row.indicator_confidence = m.map(|(_, c)| c);
            if m.is_none() {
                unknown.push(if row.stt.is_empty() {
                    format!("\"{}\"", short(&row.label))
                } else {
                    row.stt.clone()
                });
            }
        }
        if !unknown.is_empty() {
            warnings.push(Warning::new(
                "unknown_indicator",
                format!(
                    "{} row(s) of table \"{}\" match no indicator of the catalogue: {}",
                    unknown.len(),
                    short(&table.title),
                    unknown.join(", ")
                ),
            ));
        }
    }
    warnings
}

/// The area most matched rows belong to (ties: the first area by id);
/// area sections themselves do not vote.
fn majority_area(cat: &Catalog, matches: &[matcher::Match]) -> Option<usize> {
    let mut counts = vec![0usize; cat.areas.len()];
    for &(i, _) in matches.iter().flatten() {
        if cat.indicators[i].parent.is_some() {
            counts[cat.area_of[i]] += 1;
        }
    }
    let max = *counts.iter().max()?;
    (max > 0)
        .then(|| counts.iter().position(|&n| n == max))
        .flatten()
}

/// At most 60 characters of a label or title, for messages.
fn short(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
