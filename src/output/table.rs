//! The tabular (tidy) view of records, shared by the CSV and Parquet writers.
//!
//! A record becomes one [`TidyRow`] per table row and value cell, in
//! document order: a row with `cells` gives one line per cell (its value,
//! and its column's position, header path, role, unit and period), a row
//! without (tables read from flattened text) one line with its `value` and
//! null column fields. A four-column table so gives one line per row. The
//! document-level fields (source, unit, period) and the table's fields are
//! repeated on each line. [`COLUMNS`] names and types the columns in
//! output order; [`TidyRow::cells`] gives a line's values in that order.
//! A record with an error, or without any table row, gives no lines.

use crate::model::{Column as TableColumn, Level, Record, Role, Row, Table, Value, ValueKind};

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
pub const COLUMN_COUNT: usize = 28;

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
        col("column", Int64, true),
        col("column_header", Text, true),
        col("column_role", Text, true),
        col("column_unit", Text, true),
        col("column_period", Text, true),
    ]
};

/// How a header path is joined into `column_header` ("Kết quả thống kê >
/// Số liệu").
pub const HEADER_SEPARATOR: &str = " > ";

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

/// One report row (and value cell) with its document and table context: a
/// row of the CSV and Parquet outputs. Field order is column order; each
/// field names the record field it comes from. Text that is `""` in the
/// record stays `""` (CSV cannot tell it from null).
#[derive(Debug, Clone, PartialEq)]
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
    /// `rows[].cells[k].raw` (`rows[].value.raw` for a row without cells):
    /// the value cell as printed.
    pub value_raw: &'a str,
    /// Its `kind` (`empty`, `number`, `percent`, `ratio`, `composite`,
    /// `code`, `boolean`, `text`).
    pub value_kind: ValueKind,
    /// Its `number`: the main numeric reading, or null.
    pub value_number: Option<f64>,
    /// `rows[].note`: the note cell as printed.
    pub note: &'a str,
    /// `rows[].line`: 1-based source line of the row.
    pub line: usize,
    /// `rows[].page`: page of the row (paginated formats), or null.
    pub page: Option<u32>,
    /// Position (0-based) in `tables[].columns` of the cell's column; null
    /// for a row without cells.
    pub column: Option<usize>,
    /// `tables[].columns[].header` joined by [`HEADER_SEPARATOR`], or null.
    pub column_header: Option<String>,
    /// `tables[].columns[].role` (`value`, `other`), or null.
    pub column_role: Option<Role>,
    /// `tables[].columns[].unit`: the unit the header names, or null.
    pub column_unit: Option<&'a str>,
    /// `tables[].columns[].period`: the period the header names, or null.
    pub column_period: Option<&'a str>,
}

/// The lines of `record` in document order (none for an error record).
pub fn tidy_rows(record: &Record) -> impl Iterator<Item = TidyRow<'_>> {
    let ok = record.error.is_none();
    record
        .tables
        .iter()
        .filter(move |_| ok)
        .flat_map(move |table| {
            let celled: Vec<usize> = (0..table.columns.len())
                .filter(|&i| table.columns[i].has_cells())
                .collect();
            table.rows.iter().flat_map(move |row| {
                let lines: Vec<TidyRow<'_>> = if row.cells.is_empty() {
                    vec![line(record, table, row, &row.value, None)]
                } else {
                    let at = |k: usize| celled.get(k).map(|&i| (i, &table.columns[i]));
                    row.cells
                        .iter()
                        .enumerate()
                        .map(|(k, cell)| line(record, table, row, cell, at(k)))
                        .collect()
                };
                lines
            })
        })
}

/// One line: a row, one of its values and that value's column.
fn line<'a>(
    record: &'a Record,
    table: &'a Table,
    row: &'a Row,
    value: &'a Value,
    column: Option<(usize, &'a TableColumn)>,
) -> TidyRow<'a> {
    let report = &record.report;
    let period = report.period.as_ref();
    let col = column.map(|(_, c)| c);
    TidyRow {
        source_path: &record.source.path,
        source_sha256: &record.source.sha256,
        unit_name: report.unit.name.as_deref(),
        unit_level: report.unit.level.map(Level::as_str),
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
        value_raw: &value.raw,
        value_kind: value.kind,
        value_number: value.number,
        note: &row.note,
        line: row.line,
        page: row.page,
        column: column.map(|(i, _)| i),
        column_header: col.map(|c| c.header.join(HEADER_SEPARATOR)),
        column_role: col.map(|c| c.role),
        column_unit: col.and_then(|c| c.unit.as_deref()),
        column_period: col.and_then(|c| c.period.as_deref()),
    }
}

/// The name a role has in JSON (lower case).
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Stt => "stt",
        Role::Label => "label",
        Role::Unit => "unit",
        Role::Value => "value",
        Role::Note => "note",
        Role::Other => "other",
    }
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

impl TidyRow<'_> {
    /// The line's values in [`COLUMNS`] order.
    pub fn cells(&self) -> [Cell<'_>; COLUMN_COUNT] {
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
            Int64(self.column.map(wide)),
            Text(self.column_header.as_deref()),
            Text(self.column_role.map(role_name)),
            Text(self.column_unit),
            Text(self.column_period),
        ]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Role;
    use crate::model::{ErrorInfo, Period, PeriodKind, Row, Table, Value};

    /// A record with two tables and three rows (one value NaN).
    pub(crate) fn sample() -> Record {
        let mut record = crate::pipeline::failed(
            crate::model::Source {
                path: "a.txt".into(),
                format: crate::model::SourceFormat::Txt,
                sha256: "ab".into(),
                bytes: 2,
                pages: None,
                ocr: None,
            },
            "io",
            "x",
        );
        record.error = None;
        record.report.unit.name = Some("UBND huyện Kbang".into());
        record.report.period = Some(Period {
            kind: PeriodKind::Quarter,
            year: Some(2023),
            quarter: Some(1),
            label: "quý I năm 2023".into(),
        });
        let row = |stt: &str, number: Option<f64>| Row {
            stt: stt.into(),
            depth: 1,
            parent: None,
            total: false,
            label: "Tỷ lệ, \"đúng\" hạn".into(),
            label_key: String::new(),
            group: String::new(),
            unit: "%".into(),
            value: Value {
                number,
                ..Value::bare("97,5%", ValueKind::Percent)
            },
            note: String::new(),
            cells: Vec::new(),
            footnotes: Vec::new(),
            line: 7,
            page: None,
            indicator_id: None,
            indicator_confidence: None,
            confidence: None,
            repairs: Vec::new(),
        };
        record.tables = vec![
            Table {
                title: "Biểu 1".into(),
                page: Some(2),
                columns: Vec::new(),
                rows: vec![row("1", Some(97.5)), row("2", Some(f64::NAN))],
            },
            Table {
                title: "Biểu 2".into(),
                page: None,
                columns: Vec::new(),
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
    fn a_wide_row_gives_one_line_per_value_cell() {
        let mut record = sample();
        let column = |header: &[&str], role: Role| TableColumn {
            header: header.iter().map(|h| h.to_string()).collect(),
            role,
            unit: (role == Role::Value).then(|| "Điểm".to_string()),
            period: None,
        };
        let table = &mut record.tables[1];
        table.columns = vec![
            column(&["STT"], Role::Stt),
            column(&["Nội dung"], Role::Label),
            column(&["Lâm Đồng", "Điểm số"], Role::Value),
            column(&["Ghi chú"], Role::Note),
            column(&["Đắk Nông", "Điểm số"], Role::Value),
        ];
        table.rows[0].cells = vec![
            crate::value::parse("9,49", ""),
            crate::value::parse("9,45", ""),
        ];
        let lines: Vec<TidyRow> = tidy_rows(&record).collect();
        assert_eq!(lines.len(), 4, "two rows without cells, two cells");
        assert_eq!(lines[0].column, None);
        let (a, b) = (&lines[2], &lines[3]);
        assert_eq!((a.column, b.column), (Some(2), Some(4)));
        assert_eq!(b.column_header.as_deref(), Some("Đắk Nông > Điểm số"));
        assert_eq!(b.value_number, Some(9.45));
        assert_eq!(b.cells()[25], Cell::Text(Some("value")));
        assert_eq!(b.cells()[26], Cell::Text(Some("Điểm")));
    }

    #[test]
    fn role_names_are_the_json_names() {
        use Role::*;
        for role in [Stt, Label, Unit, Value, Note, Other] {
            let json = serde_json::to_string(&role).expect("json");
            assert_eq!(json, format!("\"{}\"", role_name(role)));
        }
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
