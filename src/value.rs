//! Typed readings of value cells.

use crate::model::{Value, ValueKind};

/// Reads a value cell; `unit` is the row's unit cell (for coded units).
pub fn parse(raw: &str, _unit: &str) -> Value {
    Value::bare(
        raw,
        if raw.trim().is_empty() {
            ValueKind::Empty
        } else {
            ValueKind::Text
        },
    )
}
