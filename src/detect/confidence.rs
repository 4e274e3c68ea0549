//! OCR confidence of table rows: each row gets the lowest word confidence
//! of the lines it was read from, and a value the engine was unsure of is
//! named in a `low_ocr_confidence` warning, so an analyst knows which
//! numbers to check against the page.

use crate::diagnostics;
use crate::ingest::Line;
use crate::model::{Table, Value, Warning};

/// A value read with less confidence than this (in [0, 100]) is flagged.
const LOW: u8 = 70;
/// Lines after a row's first still taken as its own (wrapped text).
const MAX_ROW_LINES: usize = 6;

/// Sets `rows[].confidence` of tables read from OCR'd lines and warns of
/// values read with low confidence. Tables of text the file holds are left
/// as they are.
pub(crate) fn attach(tables: &mut [Table], lines: &[Line]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for table in tables.iter_mut() {
        let starts: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        let mut doubtful: Vec<String> = Vec::new();
        for (i, row) in table.rows.iter_mut().enumerate() {
            let end = starts
                .get(i + 1)
                .copied()
                .filter(|&n| n > row.line)
                .unwrap_or(row.line + 1)
                .min(row.line + MAX_ROW_LINES);
            let own: Vec<&Line> = (row.line..end).filter_map(|n| line(lines, n)).collect();
            let Some(lowest) = own
                .iter()
                .filter_map(|l| lowest_in(l, 0, l.text.len()))
                .min()
            else {
                continue;
            };
            row.confidence = Some(f64::from(lowest) / 100.0);
            let values = std::iter::once(&row.value).chain(&row.cells);
            for v in values.filter(|v| !v.raw.trim().is_empty()) {
                if let Some(c) = value_confidence(&own, v).filter(|&c| c < LOW) {
                    let stt = if row.stt.is_empty() {
                        &row.label
                    } else {
                        &row.stt
                    };
                    doubtful.push(format!(
                        "{stt} \"{}\" ({:.2})",
                        v.raw.trim(),
                        f64::from(c) / 100.0
                    ));
                }
            }
        }
        if !doubtful.is_empty() {
            warnings.push(Warning::new(
                diagnostics::LOW_OCR_CONFIDENCE,
                format!(
                    "table \"{}\": {} value(s) read by OCR with low confidence: {}",
                    table.title,
                    doubtful.len(),
                    doubtful.join(", ")
                ),
            ));
        }
    }
    warnings
}

/// The line numbered `no` (lines are numbered from 1 in order).
fn line(lines: &[Line], no: usize) -> Option<&Line> {
    lines
        .get(no.checked_sub(1)?)
        .filter(|l| l.no == no)
        .or_else(|| lines.iter().find(|l| l.no == no))
}

/// The lowest confidence of the runs overlapping bytes `start..end`.
fn lowest_in(line: &Line, start: usize, end: usize) -> Option<u8> {
    line.runs
        .iter()
        .filter(|r| r.start < end && r.end > start)
        .filter_map(|r| r.confidence)
        .min()
}

/// The confidence of a value's text where the row's lines print it (its
/// last occurrence: values stand right of the label).
fn value_confidence(own: &[&Line], value: &Value) -> Option<u8> {
    let raw = value.raw.trim();
    own.iter().find_map(|l| {
        let at = l.text.rfind(raw)?;
        lowest_in(l, at, at + raw.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Run;
    use crate::model::Row;

    fn ocr_line(no: usize, words: &[(&str, u8)]) -> Line {
        let mut text = String::new();
        let mut runs = Vec::new();
        for (w, c) in words {
            if !text.is_empty() {
                text.push('\t');
            }
            let start = text.len();
            text.push_str(w);
            runs.push(Run {
                start,
                end: text.len(),
                confidence: Some(*c),
                ..Run::default()
            });
        }
        Line {
            no,
            cells: Some(text.split('\t').map(str::to_string).collect()),
            text,
            runs,
            page: Some(1),
            rule_above: None,
        }
    }

    fn table(rows: Vec<Row>) -> Table {
        Table {
            title: "Biểu 1".into(),
            page: Some(1),
            columns: Vec::new(),
            rows,
        }
    }

    #[test]
    fn rows_get_their_lowest_confidence_and_doubtful_values_a_warning() {
        let lines = vec![
            ocr_line(1, &[("1", 96), ("Số văn bản", 88), ("12", 93)]),
            ocr_line(2, &[("2", 95), ("Số cuộc", 91), ("47", 41)]),
        ];
        let mut first = Row::sample("1", None, "Số văn bản", "", "12");
        first.line = 1;
        let mut second = Row::sample("2", None, "Số cuộc", "", "47");
        second.line = 2;
        let mut tables = vec![table(vec![first, second])];
        let warnings = attach(&mut tables, &lines);
        assert_eq!(tables[0].rows[0].confidence, Some(0.88));
        assert_eq!(tables[0].rows[1].confidence, Some(0.41));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "low_ocr_confidence");
        assert!(
            warnings[0].message.contains("2 \"47\" (0.41)"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn text_from_the_file_has_no_confidence() {
        let mut line = ocr_line(1, &[("1", 0), ("Số", 0), ("3", 0)]);
        line.runs.iter_mut().for_each(|r| r.confidence = None);
        let mut row = Row::sample("1", None, "Số", "", "3");
        row.line = 1;
        let mut tables = vec![table(vec![row])];
        assert!(attach(&mut tables, &[line]).is_empty());
        assert_eq!(tables[0].rows[0].confidence, None);
    }
}
