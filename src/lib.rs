//! baocao turns Vietnamese administrative-reform (CCHC) reports into data.
//!
//! The pipeline is a chain of plain stages, each a module with one job:
//! [`ingest`] (file → lines/cells) → [`normalize`] (Vietnamese text) →
//! [`detect`] (indicator tables and rows, with [`value`] readings) →
//! [`catalog`] (a stable indicator id per row) → [`check`] (numbers against
//! each other) → [`meta`] (unit, period, number, date …) → [`output`] (JSON
//! records).
//! [`pipeline`] wires them together for one input; [`batch`] runs many.

pub mod batch;
pub mod catalog;
pub mod check;
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
