//! Wide tables of real reports (`fixtures/real/`, sources and what was
//! checked by eye in `fixtures/real/SOURCES.tsv`): every table's columns
//! and every row's STT, label, totals flag and value cells must equal the
//! reviewed `fixtures/real/expected/<file>.tables.json`.
//!
//! Only the tables are compared (not the report metadata). After checking
//! a change against the page images, refresh the expected files with
//! `BAOCAO_BLESS=1 cargo test --release --test real_tables`.

mod common;

use baocao::model::{Record, Table, Value};
use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};

/// Fewest real documents the fixtures must hold (the bar of issue 16).
const MIN_DOCUMENTS: usize = 8;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real")
}

/// The fixture files named in SOURCES.tsv (first column, header skipped).
fn sources() -> Vec<String> {
    let text = std::fs::read_to_string(dir().join("SOURCES.tsv")).expect("SOURCES.tsv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

/// A cell as compared: its raw text and main number.
fn cell(v: &Value) -> Json {
    json!({"raw": v.raw, "number": v.number})
}

/// The compared part of a table: columns, and rows with STT, label,
/// totals flag and cells.
fn table(t: &Table) -> Json {
    let columns: Vec<Json> = t
        .columns
        .iter()
        .map(|c| json!({"header": c.header, "role": c.role, "unit": c.unit, "period": c.period}))
        .collect();
    let rows: Vec<Json> = t
        .rows
        .iter()
        .map(|r| {
            json!({
                "stt": r.stt,
                "label": r.label,
                "total": r.total,
                "cells": r.cells.iter().map(cell).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"title": t.title, "page": t.page, "columns": columns, "rows": rows})
}

fn tables(record: &Record) -> String {
    let tables: Vec<Json> = record.tables.iter().map(table).collect();
    let mut out = serde_json::to_string_pretty(&json!({ "tables": tables })).expect("JSON");
    out.push('\n');
    out
}

#[test]
fn real_wide_tables_match_their_reviewed_records() {
    let names = sources();
    assert!(
        names.len() >= MIN_DOCUMENTS,
        "SOURCES.tsv names {} documents, fewer than {MIN_DOCUMENTS}",
        names.len()
    );
    let mut failed = Vec::new();
    for name in &names {
        let path = dir().join(name);
        assert!(path.is_file(), "{} is missing", path.display());
        let record = baocao::extract_file(&path);
        assert!(record.error.is_none(), "{name}: {:?}", record.error);
        assert!(!record.tables.is_empty(), "{name}: no table");
        let got = tables(&record);
        let expected_path = dir().join("expected").join(format!("{name}.tables.json"));
        if !common::matches_expected(&got, &expected_path) {
            failed.push(name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "tables differ from fixtures/real/expected/ for {failed:?}"
    );
}

/// The same report as DOCX and as signed PDF: the PDF's tables equal the
/// DOCX grid's, column for column and cell for cell (pages aside).
#[test]
fn the_pdf_of_a_report_gives_the_tables_of_its_docx() {
    let read = |name: &str| {
        let record = baocao::extract_file(&dir().join(name));
        let mut tables: Vec<Json> = record.tables.iter().map(table).collect();
        for t in &mut tables {
            t["page"] = Json::Null;
        }
        tables
    };
    assert_eq!(read("chiso_0611.pdf"), read("chiso_0611.docx"));
}
