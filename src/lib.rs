//! baocao turns Vietnamese administrative-reform (CCHC) reports into data.
//!
//! Give it a report (PDF, DOCX, Word 97, spreadsheet, RTF, HTML, OpenDocument
//! or text) and it gives back one [`Record`]: the issuing unit, period, number
//! and date, and every STT-numbered table row with its parsed value and where
//! it was read.
//!
//! ```
//! let record = baocao::extract_bytes(
//!     "report.txt",
//!     "BÁO CÁO\nKết quả cải cách hành chính quý I năm 2023\n\
//!      STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n\
//!      1\tSố văn bản ban hành\tVăn bản\t12\n\
//!      2\tTỷ lệ hồ sơ đúng hạn\t%\t98,5\n"
//!         .as_bytes(),
//! );
//! assert!(record.error.is_none());
//! let rows = &record.tables[0].rows;
//! assert_eq!(rows[1].value.number, Some(98.5));
//! println!("{}", serde_json::to_string(&record).unwrap());
//! ```
//!
//! Inside, a chain of plain stages, each a crate-private module with one job:
//! `ingest` (file → lines/cells) → `normalize` (Vietnamese text) → `detect`
//! (indicator tables and rows, with `value` readings) → `catalog` (a stable
//! indicator id per row) → `check` (numbers against each other) → `meta`
//! (unit, period, number, date …) → `output` (JSON, CSV, Parquet). `pipeline`
//! wires them together for one input; `batch` runs many.
//!
//! Features: `cli` (default) is the command line (module [`cli`], the binary)
//! and its crates (clap, indicatif, mimalloc); it turns on `tabular`, the CSV
//! and Parquet writers (crates csv and parquet). With
//! `default-features = false` the library reads reports and writes JSON
//! with neither.

// The batch runner, worker isolation and output writers serve the command
// line; without it they are compiled (and unit tested) but unused.
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod batch;
pub(crate) mod catalog;
pub(crate) mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub(crate) mod detect;
pub(crate) mod diagnostics;
pub(crate) mod ingest;
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod isolate;
pub(crate) mod meta;
pub mod model;
pub(crate) mod normalize;
pub(crate) mod options;
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod output;
pub(crate) mod pipeline;
pub(crate) mod value;
pub(crate) mod wrap;

pub use model::{
    Column, ErrorInfo, Level, OcrInfo, Period, PeriodKind, Record, Repair, Report, Role, Row,
    Source, SourceFormat, Table, Unit, UnitSource, Value, ValueKind, Warning, SCHEMA_VERSION,
};
pub use options::{OcrMode, Options};
pub use output::to_json_line;
pub use pipeline::{
    document_text, extract_bytes, extract_bytes_with, extract_file, extract_file_with,
};

/// The stages' entry points, for this crate's benches, fuzz targets and
/// tests; not a stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::catalog::{assign, CATALOG};
    pub use crate::check::check_tables;
    pub use crate::detect::detect_tables;
    pub use crate::ingest::{read, Line, SourceDoc};
    pub use crate::meta::extract as metadata;
    pub use crate::normalize::{fold, ngram, normalize_doc, text};
    pub use crate::value::{code_numbers, is_percent_unit, parse};
}
