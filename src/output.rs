//! Output stage: serialises records as JSON.

use crate::model::Record;

/// One record as a single-line JSON object.
pub fn to_json_line(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
