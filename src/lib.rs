//! baocao turns Vietnamese administrative-reform (CCHC) reports into data.
//!
//! The pipeline is a chain of plain stages, each a module with one job:
//! [`ingest`] (file → lines/cells) → [`normalize`] (Vietnamese text) →
//! [`detect`] (indicator tables and rows, with [`value`] readings) →
//! [`catalog`] (a stable indicator id per row) → [`check`] (numbers against
//! each other) → [`meta`] (unit, period, number, date …) → [`output`] (JSON
//! records).
//! [`pipeline`] wires them together for one input; [`batch`] runs many.
//!
//! Features: `cli` (default) is the command line (module `cli`, the binary) and
//! its crates (clap, indicatif, mimalloc); it turns on `tabular`, the CSV
//! and Parquet writers (crates csv and parquet). With
//! `default-features = false` the library reads reports and writes JSON
//! with neither.

pub mod batch;
pub mod catalog;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod detect;
pub mod ingest;
pub mod isolate;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod value;
pub(crate) mod wrap;

pub use model::{Record, SCHEMA_VERSION};
pub use pipeline::{extract_bytes, extract_file};
