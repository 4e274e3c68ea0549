//! Detect stage: finds STT-numbered indicator tables and their rows.

use crate::ingest::Line;
use crate::model::{Table, Warning};

/// Tables found in a document, with the warnings the detector raised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Detection {
    /// Tables in document order.
    pub tables: Vec<Table>,
    /// `no_indicator_table`, `truncated_table`, `duplicate_stt` …
    pub warnings: Vec<Warning>,
}

/// Finds the indicator tables in normalised lines.
pub fn detect_tables(_lines: &[Line]) -> Detection {
    Detection::default()
}
