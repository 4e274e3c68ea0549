//! The public data contract: one [`Record`] per input document.
//!
//! Every type here serialises to the JSON documented in the README and in
//! `schema/record.schema.json`. Field order is declaration order, so output is
//! byte-for-byte deterministic for the same input. Records read back from
//! baocao's JSON Lines (a consumer in Rust):
//!
//! ```
//! use baocao::{Level, Record};
//!
//! let line = baocao::to_json_line(&baocao::extract_bytes(
//!     "r.txt",
//!     "BÁO CÁO\nỦy ban nhân dân huyện Hạ Hòa báo cáo kết quả năm 2021 như sau:\n".as_bytes(),
//! ));
//! let record: Record = serde_json::from_str(&line).unwrap();
//! assert_eq!(record.report.unit.level, Some(Level::Huyen));
//! for table in &record.tables {
//!     for row in &table.rows {
//!         println!("{} {} = {:?}", row.stt, row.label, row.value.number);
//!     }
//! }
//! ```

use serde::{Deserialize, Serialize};

/// Version of the JSON record layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One extracted document: a report, or an error record for an input that failed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the record came from.
    pub source: Source,
    /// Document-level metadata (issuing unit, period, number, date …).
    pub report: Report,
    /// Indicator tables in document order.
    pub tables: Vec<Table>,
    /// Non-fatal problems met while extracting.
    pub warnings: Vec<Warning>,
    /// Set when the input could not be extracted; `tables` is then empty.
    pub error: Option<ErrorInfo>,
}

/// The input file a record describes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Source {
    /// Path as given on the command line (or found while recursing).
    pub path: String,
    /// Input format: `docx` or `doc` when the bytes are an Office file, else
    /// from the extension: `txt`, `md`, … (`unknown` without one).
    pub format: SourceFormat,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
    /// Page count for paginated formats; `null` for text.
    pub pages: Option<u32>,
    /// How the text of scanned pages was read; omitted when no page was
    /// OCR'd (all text came from the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
}

/// The OCR of a document's scanned pages.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OcrInfo {
    /// The engine: `tesseract`.
    pub engine: String,
    /// Its version ("5.3.0").
    pub version: String,
    /// The language models used, best first (["vie", "eng"]).
    pub languages: Vec<String>,
    /// Pages read by OCR.
    pub pages: u32,
    /// Mean confidence of the recognised words, in [0, 1].
    pub mean_confidence: f64,
}

impl Source {
    /// The source of a path before its bytes are read: the path, and the
    /// format its extension names in lower case (`unknown` without one). The
    /// one place a file type is derived from a name.
    ///
    /// ```
    /// let source = baocao::Source::for_path("archive/Q1.PDF");
    /// assert_eq!((source.path.as_str(), source.format.as_str()), ("archive/Q1.PDF", "pdf"));
    /// assert_eq!(baocao::Source::for_path("README").format, "unknown");
    /// ```
    pub fn for_path(path: &str) -> Source {
        let format = std::path::Path::new(path)
            .extension()
            .map_or(SourceFormat::Unknown, |e| {
                SourceFormat::from_name(&e.to_string_lossy().to_lowercase())
            });
        Source {
            path: path.to_string(),
            format,
            ..Source::default()
        }
    }
}

/// The format of an input file, written to `source.format` as its lower-case
/// name (`"pdf"`, `"docx"` …). A file whose extension no front end reads keeps
/// that extension ([`SourceFormat::Other`]); one without an extension is
/// `unknown`.
///
/// ```
/// use baocao::SourceFormat;
///
/// assert_eq!(SourceFormat::from_name("xlsx"), SourceFormat::Xlsx);
/// assert_eq!(SourceFormat::from_name("xyz").as_str(), "xyz");
/// assert_eq!(serde_json::to_string(&SourceFormat::Pdf).unwrap(), r#""pdf""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum SourceFormat {
    /// Plain text.
    Txt,
    /// Markdown, read as text.
    Md,
    /// Word 2007+ document.
    Docx,
    /// Word 2007+ document with macros.
    Docm,
    /// Word 97-2003 document (or an HTML page named `.doc`).
    Doc,
    /// PDF.
    Pdf,
    /// Excel 2007+ workbook.
    Xlsx,
    /// Excel 2007+ workbook with macros.
    Xlsm,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97-2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument text.
    Odt,
    /// Rich Text Format.
    Rtf,
    /// HTML page named `.htm` (written `html` once read).
    Htm,
    /// HTML page.
    Html,
    /// PNG image (read by OCR).
    Png,
    /// JPEG image named `.jpg` (written `jpeg` once read).
    Jpg,
    /// JPEG image (read by OCR).
    Jpeg,
    /// TIFF image named `.tif` (written `tiff` once read).
    Tif,
    /// TIFF image, one page or many (read by OCR).
    Tiff,
    /// A file without an extension.
    #[default]
    Unknown,
    /// Another extension, in lower case: no front end reads it.
    Other(String),
}

impl SourceFormat {
    /// Every named format, in [`SourceFormat::as_str`] order.
    const NAMED: [SourceFormat; 21] = [
        SourceFormat::Txt,
        SourceFormat::Md,
        SourceFormat::Docx,
        SourceFormat::Docm,
        SourceFormat::Doc,
        SourceFormat::Pdf,
        SourceFormat::Xlsx,
        SourceFormat::Xlsm,
        SourceFormat::Xlsb,
        SourceFormat::Xls,
        SourceFormat::Ods,
        SourceFormat::Odt,
        SourceFormat::Rtf,
        SourceFormat::Htm,
        SourceFormat::Html,
        SourceFormat::Png,
        SourceFormat::Jpg,
        SourceFormat::Jpeg,
        SourceFormat::Tif,
        SourceFormat::Tiff,
        SourceFormat::Unknown,
    ];

    /// The format a lower-case name (an extension) names.
    pub fn from_name(name: &str) -> SourceFormat {
        SourceFormat::NAMED
            .into_iter()
            .find(|f| f.as_str() == name)
            .unwrap_or_else(|| SourceFormat::Other(name.to_string()))
    }

    /// The name records write.
    pub fn as_str(&self) -> &str {
        match self {
            SourceFormat::Txt => "txt",
            SourceFormat::Md => "md",
            SourceFormat::Docx => "docx",
            SourceFormat::Docm => "docm",
            SourceFormat::Doc => "doc",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Xlsx => "xlsx",
            SourceFormat::Xlsm => "xlsm",
            SourceFormat::Xlsb => "xlsb",
            SourceFormat::Xls => "xls",
            SourceFormat::Ods => "ods",
            SourceFormat::Odt => "odt",
            SourceFormat::Rtf => "rtf",
            SourceFormat::Htm => "htm",
            SourceFormat::Html => "html",
            SourceFormat::Png => "png",
            SourceFormat::Jpg => "jpg",
            SourceFormat::Jpeg => "jpeg",
            SourceFormat::Tif => "tif",
            SourceFormat::Tiff => "tiff",
            SourceFormat::Unknown => "unknown",
            SourceFormat::Other(name) => name,
        }
    }
}

impl From<String> for SourceFormat {
    fn from(name: String) -> Self {
        SourceFormat::from_name(&name)
    }
}

impl From<&str> for SourceFormat {
    fn from(name: &str) -> Self {
        SourceFormat::from_name(name)
    }
}

impl From<SourceFormat> for String {
    fn from(format: SourceFormat) -> Self {
        format.as_str().to_string()
    }
}

impl std::fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for SourceFormat {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

/// Document metadata.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Report {
    /// The issuing unit.
    pub unit: Unit,
    /// The period reported on (not the period planned for).
    pub period: Option<Period>,
    /// Document number as printed ("769/BC-UBND"); `null` when blank.
    pub number: Option<String>,
    /// ISO date, only when day, month and year are all printed.
    pub date: Option<String>,
    /// Name of the person who signed.
    pub signer: Option<String>,
    /// The report's title line(s) after "BÁO CÁO".
    pub title: Option<String>,
}

/// The issuing unit of a report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Unit {
    /// Canonical name: "UBND huyện X", "UBND tỉnh X", "Sở X".
    pub name: Option<String>,
    /// Administrative level: `tinh`, `huyen`, `xa` or `so`.
    pub level: Option<Level>,
    /// Province without the word "tỉnh".
    pub province: Option<String>,
    /// Where the unit was read; `null` when none was found.
    pub source: Option<UnitSource>,
    /// The issuing organ as the heading block prints it, parents first,
    /// joined by " / " ("UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ"); also set when the
    /// organ is no committee or department and `name` stays `null`.
    pub printed: Option<String>,
}

/// The administrative level of an issuing unit.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province or a centrally governed city ("UBND tỉnh", "UBND thành
    /// phố Đà Nẵng").
    Tinh,
    /// A district, town or provincial city ("UBND huyện", "UBND thị xã").
    Huyen,
    /// A commune, ward or township ("UBND xã", "UBND phường").
    Xa,
    /// A department of a province ("Sở Nội vụ").
    So,
}

impl Level {
    /// The level as written in records: `tinh`, `huyen`, `xa` or `so`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Tinh => "tinh",
            Level::Huyen => "huyen",
            Level::Xa => "xa",
            Level::So => "so",
        }
    }
}

/// The kind of a reporting period.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A quarter ("quý I").
    Quarter,
    /// The first half year ("6 tháng đầu năm").
    Half,
    /// The first nine months ("9 tháng").
    NineMonths,
    /// A calendar year ("năm 2023").
    Year,
}

impl PeriodKind {
    /// The kind as written in records: `quarter`, `half`, `nine_months`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::Half => "half",
            PeriodKind::NineMonths => "nine_months",
            PeriodKind::Year => "year",
        }
    }
}

/// Where a report's issuing unit was read. Never from table rows or from
/// other units mentioned in the body.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnitSource {
    /// The heading block's organ at the top left.
    Heading,
    /// The opening paragraph, where the unit names itself ("UBND huyện
    /// Xín Mần báo cáo …"), in a document without a heading block.
    Opening,
    /// A table caption naming its owner ("… CỦA UBND HUYỆN KBANG"), in a
    /// document without a heading block or opening self-reference.
    Caption,
}

/// A reporting period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Period {
    /// `quarter`, `half`, `nine_months` or `year`.
    pub kind: PeriodKind,
    /// Calendar year.
    pub year: Option<i32>,
    /// 1–4 for quarters, else `null`.
    pub quarter: Option<u8>,
    /// Human label, e.g. "quý I năm 2023".
    pub label: String,
}

/// One indicator table (a "Biểu mẫu" or "Phụ lục").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Table {
    /// Caption, e.g. "Biểu mẫu 2 - Cải cách thể chế".
    pub title: String,
    /// First page of the table for paginated formats.
    pub page: Option<u32>,
    /// The table's columns, left to right, as its header prints them; empty
    /// for tables read from flattened or layout text (no cells).
    pub columns: Vec<Column>,
    /// Rows in document order.
    pub rows: Vec<Row>,
}

/// What a table column holds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The row numbers (STT).
    Stt,
    /// The indicator text (or a grouping cell left of it).
    Label,
    /// The unit of measure.
    Unit,
    /// A value: a figure, score, rank or rate.
    Value,
    /// Notes ("Ghi chú", "Tài liệu kiểm chứng").
    Note,
    /// Anything else the header does not name.
    Other,
}

/// One column of a table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Column {
    /// The header as printed, one entry per header level, top first
    /// (["Kết quả thống kê", "Số liệu"]); empty for a column without one.
    pub header: Vec<String>,
    /// What the column holds.
    pub role: Role,
    /// The unit the header names ("Điểm", "%"), else `null`.
    pub unit: Option<String>,
    /// The period the header names ("Quý I/2026", "năm 2025"), else `null`.
    pub period: Option<String>,
}

impl Column {
    /// True when rows give this column a typed cell (`value` and `other`).
    pub fn has_cells(&self) -> bool {
        matches!(self.role, Role::Value | Role::Other)
    }
}

/// One table row.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Row {
    /// STT as printed without trailing dots ("1.2.1", "I"); "" when none.
    pub stt: String,
    /// Nesting depth from the numbering (1 for "1", 2 for "1.2" …).
    pub depth: u32,
    /// STT of the enclosing row, when there is one.
    pub parent: Option<String>,
    /// True for a totals row without STT ("Tổng cộng", "Cộng").
    pub total: bool,
    /// Indicator text, wrapped lines joined, footnote digits and markup removed.
    pub label: String,
    /// `label` in a canonical form for matching labels across reports: NFC,
    /// one tone-mark placement per syllable ("hoà" and "hòa" both give
    /// "hòa", "thuỷ" gives "thủy"), white space collapsed; case kept.
    pub label_key: String,
    /// Text of a separate grouping cell to the left of the label, else "".
    pub group: String,
    /// Unit cell as printed ("Văn bản", "%", "Có = 1; Không = 0").
    pub unit: String,
    /// Value cell, raw and typed.
    pub value: Value,
    /// Note cell as printed.
    pub note: String,
    /// The typed cell of every `value` and `other` column of the table, in
    /// the order of `Table::columns` (empty when the table has no columns).
    pub cells: Vec<Value>,
    /// Footnote reference numbers taken off the label.
    pub footnotes: Vec<u32>,
    /// 1-based line of the row's start in the source text.
    pub line: usize,
    /// Page of the row's start for paginated formats (PDF), else `null`.
    pub page: Option<u32>,
    /// Stable id of the indicator in the catalogue (`patterns/indicators.toml`,
    /// e.g. `tthc.so_tthc.cap_huyen`), or `null` when no entry matches.
    pub indicator_id: Option<String>,
    /// How sure the match to `indicator_id` is, in [0, 1]; `null` without one.
    pub indicator_confidence: Option<f64>,
    /// For a row read by OCR: the lowest confidence, in [0, 1], of the
    /// words of its cells; omitted for text read from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Words of the row whose lost letters were restored (PDF glyphs without
    /// a Unicode mapping); omitted when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<Repair>,
}

/// A word restored by the normalise stage: a letter lost in the source text
/// ("đ ng") put back from the syllable structure and word context ("đúng").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Repair {
    /// 1-based source line of the word.
    pub line: usize,
    /// The word as the source printed it, holes as spaces.
    pub damaged: String,
    /// The word restored.
    pub restored: String,
}

/// The kind of reading a value cell got.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// "", "-" and similar blanks.
    Empty,
    /// A plain number ("1.453" = 1453, "97,57" = 97.57).
    Number,
    /// A percentage ("99,62%"); `number` holds the percent value.
    Percent,
    /// "523/525": `numerator` / `denominator`.
    Ratio,
    /// Text with numbers in it ("Cấp huyện 289, cấp xã 159").
    Composite,
    /// A value decoded through a coded unit ("Có = 1; Không = 0").
    Code,
    /// "Có" / "Không".
    Boolean,
    /// Text without a numeric reading.
    Text,
}

/// A value cell: the printed text and its typed reading.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Value {
    /// The cell exactly as printed (joined to one line).
    pub raw: String,
    /// What kind of reading `raw` got.
    pub kind: ValueKind,
    /// The main numeric reading, when there is one.
    pub number: Option<f64>,
    /// Every number found in the cell, in order (composite and ratio cells).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<f64>,
    /// Numerator of a ratio or fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// Denominator of a ratio or fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Meaning of a coded value ("Hoàn thành").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// Boolean reading ("Có" = true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boolean: Option<bool>,
}

impl Value {
    /// A value with only its raw text and the given kind.
    pub fn bare(raw: impl Into<String>, kind: ValueKind) -> Self {
        Value {
            raw: raw.into(),
            kind,
            number: None,
            numbers: Vec::new(),
            numerator: None,
            denominator: None,
            meaning: None,
            boolean: None,
        }
    }
}

/// A non-fatal problem.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `no_indicator_table`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

impl Warning {
    /// Builds a warning from a code and a message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// Why an input failed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorInfo {
    /// Stable machine-readable code, e.g. `io`, `empty_input`, `binary_input`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

#[cfg(test)]
impl Row {
    /// A row for tests: STT (depth from its dots), parent, label, unit and
    /// raw value (read with [`crate::value::parse`]); the rest empty.
    pub(crate) fn sample(
        stt: &str,
        parent: Option<&str>,
        label: &str,
        unit: &str,
        raw: &str,
    ) -> Row {
        Row {
            stt: stt.into(),
            depth: stt.split('.').count() as u32,
            parent: parent.map(Into::into),
            total: false,
            label: label.into(),
            label_key: crate::normalize::label_key(label),
            group: String::new(),
            unit: unit.into(),
            value: crate::value::parse(raw, unit),
            note: String::new(),
            cells: Vec::new(),
            footnotes: Vec::new(),
            line: 1,
            page: None,
            indicator_id: None,
            indicator_confidence: None,
            confidence: None,
            repairs: Vec::new(),
        }
    }
}
