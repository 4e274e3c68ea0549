//! Detect stage: finds STT-numbered indicator tables and their rows.
//!
//! [`region`] finds captions, headers and table extents; [`tabbed`] reads
//! tables rendered as tab-separated cells and [`flat`] tables flattened to
//! text; [`layout`] tables whose columns line up by position; [`numbering`] gives every row its depth and parent.

mod codes;
mod columns;
pub(crate) mod confidence;
mod dots;
mod flat;
mod layout;
mod lines;
mod misread;
mod misread_unit;
mod numbering;
mod patterns;
mod raw;
mod region;
#[cfg(test)]
mod spec;
mod split;
mod stt;
mod tabbed;

use crate::diagnostics;
use crate::ingest::Line;
use crate::model::{Column, Row, Table, Value, Warning};
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
        let segments = if region.tabbed {
            tabbed::read(lines, &region)
        } else {
            let rows = if layout::is_layout(lines, &region) {
                layout::rows(lines, &region)
            } else {
                flat::rows(lines, &region)
            };
            vec![tabbed::Segment {
                header: region.headers[0],
                columns: Vec::new(),
                rows,
            }]
        };
        for segment in segments {
            out.tables
                .push(table(lines, &region.title, segment, &mut out.warnings));
        }
    }
    if out.tables.iter().all(|t| t.rows.is_empty()) {
        out.warnings.push(Warning::new(
            diagnostics::NO_INDICATOR_TABLE,
            "no STT-numbered indicator table was found",
        ));
    }
    check_truncation(lines, &mut out);
    out
}

/// The table of one segment: its rows numbered, their values read.
fn table(
    lines: &[Line],
    title: &str,
    mut segment: tabbed::Segment,
    warnings: &mut Vec<Warning>,
) -> Table {
    dots::restore(&mut segment.rows);
    let by_ocr = |no| page_line(lines, no).is_some_and(Line::has_ocr_text);
    misread::restore(&mut segment.rows, by_ocr);
    misread_unit::restore(&mut segment.rows, by_ocr);
    let numbered = numbering::number(&segment.rows, title, warnings);
    let columns = segment.columns;
    let rows: Vec<Row> = segment
        .rows
        .into_iter()
        .zip(numbered)
        .map(|(r, n)| Row {
            value: value::parse(&r.value, unit_of(&r, first_value_unit(&columns))),
            cells: cell_values(&r, &columns),
            stt: r.stt,
            // A totals row sums the table: outside the numbering.
            depth: if r.total { 0 } else { n.depth },
            parent: if r.total { None } else { n.parent },
            total: r.total,
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
            confidence: None,
            repairs: Vec::new(),
        })
        .collect();
    if rows.is_empty() {
        warnings.push(Warning::new(
            diagnostics::TRUNCATED_TABLE,
            format!("table \"{title}\" has a header but no rows"),
        ));
    }
    Table {
        title: title.to_string(),
        page: lines.get(segment.header).and_then(|l| l.page),
        columns,
        rows,
    }
}

/// The typed cells of a row, each read with [`unit_of`] its column.
fn cell_values(r: &raw::RawRow, columns: &[Column]) -> Vec<Value> {
    let units = columns
        .iter()
        .filter(|c| c.has_cells())
        .map(|c| c.unit.as_deref());
    r.cells
        .iter()
        .zip(units.chain(std::iter::repeat(None)))
        .map(|(text, unit)| value::parse(text, unit_of(r, unit)))
        .collect()
}

/// The unit a cell is read with: the row's unit cell, else the unit its
/// column's header names, else none.
fn unit_of<'a>(r: &'a raw::RawRow, column_unit: Option<&'a str>) -> &'a str {
    if r.unit.is_empty() {
        column_unit.unwrap_or("")
    } else {
        &r.unit
    }
}

/// The unit the header of a table's first value column names.
fn first_value_unit(columns: &[Column]) -> Option<&str> {
    columns
        .iter()
        .find(|c| c.role == crate::model::Role::Value)
        .and_then(|c| c.unit.as_deref())
}

/// The page of the line numbered `no` (lines are numbered from 1 in order).
fn page_of(lines: &[Line], no: usize) -> Option<u32> {
    page_line(lines, no).and_then(|l| l.page)
}

/// Line `no` (1-based).
fn page_line(lines: &[Line], no: usize) -> Option<&Line> {
    lines.get(no.checked_sub(1)?)
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
            diagnostics::TRUNCATED_TABLE,
            format!(
                "the document ends inside row \"{}\" (line {}): the table looks cut off",
                row.stt, row.line
            ),
        ));
    }
}
