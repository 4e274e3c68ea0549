//! Check stage: the numbers of each table against each other. Problems
//! become warnings with codes, never silent fixes:
//! - `inconsistent_percentage`: a percentage row against its two parts
//!   ("3.3 Tỷ lệ … đúng hạn" = 3.3.2 / 3.3.1 × 100 within rounding), by the
//!   catalogue's `ratio` or, without one, by its two counted sub-rows;
//! - `parts_do_not_add_up`: sub-rows against their total where the
//!   catalogue says the parts add up (`sum_of_children`);
//! - `percent_out_of_range`: a percentage below 0 or above 100;
//! - `code_out_of_range`: a coded value that is none of its unit's codes;
//! - `invalid_count`: a count that is negative or fractional.
//!
//! Vocabulary and tolerances are in `patterns/checks.toml`.

mod rows;
mod vocab;

use crate::model::{Table, Warning};
use rows::TableView;

/// What the indicator catalogue says about how indicators relate.
pub trait Relations {
    /// Whether the sub-rows of indicator `id` add up to it.
    fn sum_of_children(&self, id: &str) -> bool;
    /// The numerator and denominator indicators of percentage `id`.
    fn ratio(&self, id: &str) -> Option<(String, String)>;
}

/// No catalogue: only the checks that need none.
#[cfg(test)]
pub struct NoRelations;

#[cfg(test)]
impl Relations for NoRelations {
    fn sum_of_children(&self, _: &str) -> bool {
        false
    }
    fn ratio(&self, _: &str) -> Option<(String, String)> {
        None
    }
}

/// The shipped catalogue's relations: `sum_of_children` and `ratio` of
/// `patterns/indicators.toml`.
impl Relations for crate::catalog::Catalog {
    fn sum_of_children(&self, id: &str) -> bool {
        self.get(id).is_some_and(|i| i.sum_of_children)
    }
    fn ratio(&self, id: &str) -> Option<(String, String)> {
        let [num, den] = self.get(id)?.ratio.clone()?;
        Some((num, den))
    }
}

/// Checks every table; returns the warnings in table and row order.
pub fn check_tables(tables: &[Table], relations: &dyn Relations) -> Vec<Warning> {
    let mut out = Vec::new();
    for table in tables {
        let view = TableView::new(table);
        for i in 0..table.rows.len() {
            out.extend(rows::check_row(&view, i, relations));
        }
    }
    out
}
