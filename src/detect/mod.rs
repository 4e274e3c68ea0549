//! Detect stage: finds STT-numbered indicator tables and their rows.
//!
//! [`region`] finds captions, headers and table extents; [`tabbed`] reads
//! tables rendered as tab-separated cells and [`flat`] tables flattened to
//! text; [`layout`] tables whose columns line up by position; [`numbering`] gives every row its depth and parent.

mod codes;
mod flat;
mod layout;
mod lines;
mod numbering;
mod patterns;
mod raw;
mod region;
mod split;
mod stt;
mod tabbed;

use crate::ingest::Line;
use crate::model::{Row, Table, Warning};
use crate::{normalize, value};

/// Tables found in a document, with the warnings the detector raised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Detection {
    /// Tables in document order.
    pub tables: Vec<Table>,
    /// `no_indicator_table`, `truncated_table`, `duplicate_stt` …
    pub warnings: Vec<Warning>,
}

/// Finds the indicator tables in normalised lines.
pub fn detect_tables(lines: &[Line]) -> Detection {
    let mut out = Detection::default();
    for region in region::find(lines) {
        let raw = if region.tabbed {
            tabbed::rows(lines, &region)
        } else if layout::is_layout(lines, &region) {
            layout::rows(lines, &region)
        } else {
            flat::rows(lines, &region)
        };
        let numbered = numbering::number(&raw, &region.title, &mut out.warnings);
        let rows: Vec<Row> = raw
            .into_iter()
            .zip(numbered)
            .map(|(r, n)| Row {
                value: value::parse(&r.value, &r.unit),
                stt: r.stt,
                depth: n.depth,
                parent: n.parent,
                label_key: normalize::label_key(&r.label),
                label: r.label,
                group: r.group,
                unit: r.unit,
                note: r.note,
                footnotes: r.footnotes,
                page: page_of(lines, r.line),
                line: r.line,
                indicator_id: None,
                indicator_confidence: None,
                repairs: Vec::new(),
            })
            .collect();
        if rows.is_empty() {
            out.warnings.push(Warning::new(
                "truncated_table",
                format!("table \"{}\" has a header but no rows", region.title),
            ));
        }
        out.tables.push(Table {
            title: region.title,
            page: lines.get(region.headers[0]).and_then(|l| l.page),
            rows,
        });
    }
    if out.tables.iter().all(|t| t.rows.is_empty()) {
        out.warnings.push(Warning::new(
            "no_indicator_table",
            "no STT-numbered indicator table was found",
        ));
    }
    check_truncation(lines, &mut out);
    out
}

/// The page of the line numbered `no` (lines are numbered from 1 in order).
fn page_of(lines: &[Line], no: usize) -> Option<u32> {
    lines.get(no.checked_sub(1)?).and_then(|l| l.page)
}

/// Most non-blank lines after the start of a cut-off last row (its wrapped label).
const TRUNCATION_TAIL_LINES: usize = 4;

/// Warns when the document ends inside the last table's last row.
fn check_truncation(lines: &[Line], out: &mut Detection) {
    let Some(row) = out.tables.last().and_then(|t| t.rows.last()) else {
        return;
    };
    let after = lines
        .iter()
        .filter(|l| l.no > row.line && !l.text.trim().is_empty())
        .count();
    if after <= TRUNCATION_TAIL_LINES
        && row.unit.is_empty()
        && row.value.raw.is_empty()
        && row.note.is_empty()
    {
        out.warnings.push(Warning::new(
            "truncated_table",
            format!(
                "the document ends inside row \"{}\" (line {}): the table looks cut off",
                row.stt, row.line
            ),
        ));
    }
}
