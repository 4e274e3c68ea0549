//! Metadata stage: issuing unit, period, number, date, signer and title.

use crate::ingest::Line;
use crate::model::{Report, Table};

/// Reads the report metadata from the document's lines and detected tables.
pub fn extract(_lines: &[Line], _tables: &[Table]) -> Report {
    Report::default()
}
