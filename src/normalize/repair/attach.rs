//! The repairs of a document given to the table rows whose text they
//! restored, once the detector has found the rows.

use crate::model::{Repair, Table};

/// Most source lines a table's last row is taken to span.
const LAST_ROW_LINES: usize = 20;

/// Gives each row the repairs made in its text: those on its lines (from
/// its start to the next row's) whose restored word is in one of its cells.
pub fn attach(tables: &mut [Table], repairs: &[Repair]) {
    if repairs.is_empty() {
        return;
    }
    for table in tables {
        let starts: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        for (i, row) in table.rows.iter_mut().enumerate() {
            let end = starts
                .get(i + 1)
                .copied()
                .unwrap_or(row.line + LAST_ROW_LINES);
            let cells = [&row.label, &row.group, &row.unit, &row.value.raw, &row.note];
            row.repairs = repairs
                .iter()
                .filter(|r| (row.line..end).contains(&r.line))
                .filter(|r| cells.iter().any(|c| c.contains(&r.restored)))
                .cloned()
                .collect();
        }
    }
}
