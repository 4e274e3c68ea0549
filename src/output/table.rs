//! The tabular (tidy) view of records, shared by the CSV and Parquet writers.
//!
//! A record becomes one [`TidyRow`] per table row, in document order; the
//! document-level fields (source, unit, period) and the table's fields are
//! repeated on each of its rows. [`COLUMNS`] names and types the columns in
//! output order; [`TidyRow::cells`] gives a row's values in that order.
//! A record with an error, or without any table row, gives no rows.

use crate::model::{Record, ValueKind};

/// How a column is stored (Parquet physical type; CSV text rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text (Parquet `BYTE_ARRAY` annotated `STRING`).
    Text,
    /// 32-bit signed integer (Parquet `INT32`).
    Int32,
    /// 64-bit signed integer (Parquet `INT64`).
    Int64,
    /// 64-bit float (Parquet `DOUBLE`).
    Double,
}

/// One column of the tabular output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Header name (snake_case).
    pub name: &'static str,
    /// Storage type.
    pub kind: ColumnType,
    /// Whether the value can be missing (JSON `null`; an empty CSV field).
    pub nullable: bool,
}

const fn col(name: &'static str, kind: ColumnType, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
    }
}

/// Number of columns of the tabular output.
pub const COLUMN_COUNT: usize = 23;

/// The columns, in output order (the fields of [`TidyRow`]).
pub const COLUMNS: [Column; COLUMN_COUNT] = {
    use ColumnType::{Double, Int32, Int64, Text};
    [
        col("source_path", Text, false),
        col("source_sha256", Text, false),
        col("unit_name", Text, true),
        col("unit_level", Text, true),
        col("province", Text, true),
        col("period_kind", Text, true),
        col("period_year", Int32, true),
        col("period_quarter", Int32, true),
        col("table_title", Text, false),
        col("table_page", Int64, true),
        col("stt", Text, false),
        col("depth", Int64, false),
        col("parent", Text, true),
        col("indicator_id", Text, true),
        col("indicator_confidence", Double, true),
        col("label", Text, false),
        col("unit", Text, false),
        col("value_raw", Text, false),
        col("value_kind", Text, false),
        col("value_number", Double, true),
        col("note", Text, false),
        col("line", Int64, false),
        col("page", Int64, true),
    ]
};

/// One value of a [`TidyRow`], typed like its [`Column`]; `None` is null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// A [`ColumnType::Text`] value.
    Text(Option<&'a str>),
    /// A [`ColumnType::Int32`] value.
    Int32(Option<i32>),
    /// A [`ColumnType::Int64`] value.
    Int64(Option<i64>),
    /// A [`ColumnType::Double`] value (never NaN or infinite: those are null).
    Double(Option<f64>),
}

/// One report row with its document and table context: a row of the CSV
/// and Parquet outputs. Field order is column order; each field names the
/// record field it comes from. Text that is `""` in the record stays `""`
/// (CSV cannot tell it from null).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TidyRow<'a> {
    /// `source.path`: the input path as given or found.
    pub source_path: &'a str,
    /// `source.sha256`: lower-case hex SHA-256 of the input file.
    pub source_sha256: &'a str,
    /// `report.unit.name` ("UBND huyện Xín Mần"), or null.
    pub unit_name: Option<&'a str>,
    /// `report.unit.level` (`tinh`, `huyen`, `xa`, `so`), or null.
    pub unit_level: Option<&'a str>,
    /// `report.unit.province` (without "tỉnh"), or null.
    pub province: Option<&'a str>,
    /// `report.period.kind` (`quarter`, `half`, `nine_months`, `year`), or null.
    pub period_kind: Option<&'a str>,
    /// `report.period.year`, or null.
    pub period_year: Option<i32>,
    /// `report.period.quarter` (1–4), or null.
    pub period_quarter: Option<u8>,
    /// `tables[].title`: the table's caption.
    pub table_title: &'a str,
    /// `tables[].page`: first page of the table (paginated formats), or null.
    pub table_page: Option<u32>,
    /// `rows[].stt`: numbering as printed ("1.2.1", "I"; "" when none).
    pub stt: &'a str,
    /// `rows[].depth`: nesting depth from the numbering.
    pub depth: u32,
    /// `rows[].parent`: STT of the enclosing row, or null.
    pub parent: Option<&'a str>,
    /// `rows[].indicator_id`: catalogue id of the indicator, or null.
    pub indicator_id: Option<&'a str>,
    /// `rows[].indicator_confidence`: confidence of that match in [0, 1], or null.
    pub indicator_confidence: Option<f64>,
    /// `rows[].label`: the indicator text.
    pub label: &'a str,
    /// `rows[].unit`: the unit cell as printed.
    pub unit: &'a str,
    /// `rows[].value.raw`: the value cell as printed.
    pub value_raw: &'a str,
    /// `rows[].value.kind` (`empty`, `number`, `percent`, `ratio`,
    /// `composite`, `code`, `boolean`, `text`).
    pub value_kind: ValueKind,
    /// `rows[].value.number`: the main numeric reading, or null.
    pub value_number: Option<f64>,
    /// `rows[].note`: the note cell as printed.
    pub note: &'a str,
    /// `rows[].line`: 1-based source line of the row.
    pub line: usize,
    /// `rows[].page`: page of the row (paginated formats), or null.
    pub page: Option<u32>,
}

/// The rows of `record` in document order (none for an error record).
pub fn tidy_rows(record: &Record) -> impl Iterator<Item = TidyRow<'_>> {
    let ok = record.error.is_none();
    let report = &record.report;
    let period = report.period.as_ref();
    record
        .tables
        .iter()
        .filter(move |_| ok)
        .flat_map(move |table| {
            table.rows.iter().map(move |row| TidyRow {
                source_path: &record.source.path,
                source_sha256: &record.source.sha256,
                unit_name: report.unit.name.as_deref(),
                unit_level: report.unit.level.as_deref(),
                province: report.unit.province.as_deref(),
                period_kind: period.map(|p| p.kind.as_str()),
                period_year: period.and_then(|p| p.year),
                period_quarter: period.and_then(|p| p.quarter),
                table_title: &table.title,
                table_page: table.page,
                stt: &row.stt,
                depth: row.depth,
                parent: row.parent.as_deref(),
                indicator_id: row.indicator_id.as_deref(),
                indicator_confidence: row.indicator_confidence,
                label: &row.label,
                unit: &row.unit,
                value_raw: &row.value.raw,
                value_kind: row.value.kind,
                value_number: row.value.number,
                note: &row.note,
                line: row.line,
                page: row.page,
            })
        })
}

/// The name a value kind has in JSON (`snake_case`).
pub fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Empty => "empty",
        ValueKind::Number => "number",
        ValueKind::Percent => "percent",
        ValueKind::Ratio => "ratio",
        ValueKind::Composite => "composite",
        ValueKind::Code => "code",
        ValueKind::Boolean => "boolean",
        ValueKind::Text => "text",
    }
}

fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

fn wide(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl<'a> TidyRow<'a> {
    /// The row's values in [`COLUMNS`] order.
    pub fn cells(&self) -> [Cell<'a>; COLUMN_COUNT] {
        use Cell::{Double, Int32, Int64, Text};
        [
            Text(Some(self.source_path)),
            Text(Some(self.source_sha256)),
            Text(self.unit_name),
            Text(self.unit_level),
            Text(self.province),
            Text(self.period_kind),
            Int32(self.period_year),
            Int32(self.period_quarter.map(i32::from)),
            Text(Some(self.table_title)),
            Int64(self.table_page.map(i64::from)),
            Text(Some(self.stt)),
            Int64(Some(i64::from(self.depth))),
            Text(self.parent),
            Text(self.indicator_id),
            Double(finite(self.indicator_confidence)),
            Text(Some(self.label)),
            Text(Some(self.unit)),
            Text(Some(self.value_raw)),
            Text(Some(kind_name(self.value_kind))),
            Double(finite(self.value_number)),
            Text(Some(self.note)),
            Int64(Some(wide(self.line))),
            Int64(self.page.map(i64::from)),
        ]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ErrorInfo, Period, Row, Table, Value};

    /// A record with two tables and three rows (one value NaN).
    pub(crate) fn sample() -> Record {
        let mut record = crate::pipeline::failed(
            crate::model::Source {
                path: "a.txt".into(),
                format: "txt".into(),
                sha256: "ab".into(),
                bytes: 2,
                pages: None,
            },
            "io",
            "x",
        );
        record.error = None;
        record.report.unit.name = Some("UBND huyện Kbang".into());
        record.report.period = Some(Period {
            kind: "quarter".into(),
            year: Some(2023),
            quarter: Some(1),
            label: "quý I năm 2023".into(),
        });
        let row = |stt: &str, number: Option<f64>| Row {
            stt: stt.into(),
            depth: 1,
            parent: None,
            label: "Tỷ lệ, \"đúng\" hạn".into(),
            label_key: String::new(),
            group: String::new(),
            unit: "%".into(),
            value: Value {
                number,
                ..Value::bare("97,5%", ValueKind::Percent)
            },
            note: String::new(),
            footnotes: Vec::new(),
            line: 7,
            page: None,
            indicator_id: None,
            indicator_confidence: None,
            repairs: Vec::new(),
        };
        record.tables = vec![
            Table {
                title: "Biểu 1".into(),
                page: Some(2),
                rows: vec![row("1", Some(97.5)), row("2", Some(f64::NAN))],
            },
            Table {
                title: "Biểu 2".into(),
                page: None,
                rows: vec![row("1", None)],
            },
        ];
        record
    }

    #[test]
    fn one_row_per_table_row_with_context() {
        let record = sample();
        let rows: Vec<TidyRow> = tidy_rows(&record).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].table_title, "Biểu 1");
        assert_eq!(rows[0].table_page, Some(2));
        assert_eq!(rows[2].table_title, "Biểu 2");
        assert_eq!(rows[1].period_quarter, Some(1));
        assert_eq!(rows[1].cells()[19], Cell::Double(None), "NaN is null");
    }

    #[test]
    fn error_records_give_no_rows() {
        let mut record = sample();
        record.error = Some(ErrorInfo {
            code: "io".into(),
            message: "x".into(),
        });
        assert_eq!(tidy_rows(&record).count(), 0);
    }

    #[test]
    fn cells_match_the_column_types() {
        let record = sample();
        let mut row = tidy_rows(&record).next().expect("a row");
        row.unit_level = None;
        for (cell, column) in row.cells().iter().zip(COLUMNS.iter()) {
            let (kind, null) = match cell {
                Cell::Text(v) => (ColumnType::Text, v.is_none()),
                Cell::Int32(v) => (ColumnType::Int32, v.is_none()),
                Cell::Int64(v) => (ColumnType::Int64, v.is_none()),
                Cell::Double(v) => (ColumnType::Double, v.is_none()),
            };
            assert_eq!(kind, column.kind, "{}", column.name);
            assert!(column.nullable || !null, "{} is not nullable", column.name);
        }
    }

    #[test]
    fn kind_names_are_the_json_names() {
        for kind in [
            ValueKind::Empty,
            ValueKind::Number,
            ValueKind::Percent,
            ValueKind::Ratio,
            ValueKind::Composite,
            ValueKind::Code,
            ValueKind::Boolean,
            ValueKind::Text,
        ] {
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind_name(kind)));
        }
    }
}
