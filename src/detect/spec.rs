//! Spec-style examples of the table readers, walked from
//! `tests/spec/detect.txt`: each example names the reader that must read it
//! (`layout`, `flat` or `tabbed`), gives a few lines of input text (`→`
//! stands for a tab) and, after a line holding only `.`, the rows they give,
//! one per line: `stt | label | unit | value`, then `| note=…`, `| group=…`
//! and `| total` where the row has them.

use super::{detect_tables, layout, region};
use crate::ingest::text::split_lines;
use crate::model::Row;
use std::fmt::Write as _;

/// One example of the spec file.
#[derive(Debug)]
struct Example {
    /// Line of the opening fence in the spec file.
    line: usize,
    /// The heading the example sits under.
    title: String,
    reader: String,
    input: String,
    expected: String,
}

const FENCE: &str = "~~~";

/// The examples of a spec file, in order.
fn examples(spec: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut title = String::new();
    let mut lines = spec.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if let Some(t) = line.strip_prefix("## ") {
            title = t.to_string();
        }
        let Some(reader) = line.strip_prefix(FENCE).filter(|r| !r.is_empty()) else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| *l != FENCE)
            .collect();
        let dot = body.iter().position(|l| *l == ".").unwrap_or(body.len());
        let joined = |ls: &[&str]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();
        out.push(Example {
            line: i + 1,
            title: title.clone(),
            reader: reader.trim().to_string(),
            input: joined(&body[..dot]).replace('→', "\t"),
            expected: joined(body.get(dot + 1..).unwrap_or_default()),
        });
    }
    out
}

/// One row as the spec writes it.
fn render(row: &Row) -> String {
    let mut s = format!(
        "{} | {} | {} | {}",
        row.stt, row.label, row.unit, row.value.raw
    );
    for (tag, text) in [("note", &row.note), ("group", &row.group)] {
        if !text.is_empty() {
            let _ = write!(s, " | {tag}={text}");
        }
    }
    if row.total {
        s.push_str(" | total");
    }
    s
}

/// The reader each table region of the lines is read with.
fn readers(lines: &[crate::ingest::Line]) -> Vec<&'static str> {
    region::find(lines)
        .iter()
        .map(|r| match (r.tabbed, layout::is_layout(lines, r)) {
            (true, _) => "tabbed",
            (false, true) => "layout",
            (false, false) => "flat",
        })
        .collect()
}

/// What an example gives: the readers used, the rows.
fn run(example: &Example) -> (Vec<&'static str>, String) {
    let lines = split_lines(&example.input);
    let rows = detect_tables(&lines)
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(render))
        .map(|r| format!("{r}\n"))
        .collect();
    (readers(&lines), rows)
}

/// Every example whose reader or rows differ from what it states.
fn failures(spec: &str) -> Vec<String> {
    examples(spec)
        .iter()
        .filter_map(|e| {
            let (readers, rows) = run(e);
            let reader_ok = !readers.is_empty() && readers.iter().all(|r| *r == e.reader);
            (!reader_ok || rows != e.expected).then(|| {
                format!(
                    "example at line {} ({}): read by {readers:?}, expected {}\n--- expected\n{}--- got\n{rows}",
                    e.line, e.title, e.reader, e.expected
                )
            })
        })
        .collect()
}

#[test]
fn detect_spec() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spec/detect.txt");
    let spec = std::fs::read_to_string(path).expect("tests/spec/detect.txt");
    let all = examples(&spec);
    assert!(all.len() >= 12, "only {} examples", all.len());
    for reader in ["layout", "flat", "tabbed"] {
        assert!(
            all.iter().any(|e| e.reader == reader),
            "no {reader} example"
        );
    }
    let failed = failures(&spec);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_wrong_expectation_fails() {
    let spec = "## one row\n~~~flat\nSTT Chỉ tiêu Đơn vị tính Số liệu\n1 Số văn bản Văn bản 12\n.\n1 | Số văn bản | Văn bản | 13\n~~~\n";
    assert_eq!(examples(spec).len(), 1);
    let failed = failures(spec);
    assert_eq!(failed.len(), 1);
    assert!(failed[0].contains("| 12"), "{}", failed[0]);
}
