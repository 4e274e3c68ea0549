//! The tabular outputs (`--format csv|parquet`) end to end: the five seeds
//! and the real wide-table reports of `fixtures/real/` extracted by the
//! binary and loaded with DuckDB (Python package `duckdb`), which must see
//! exactly the rows the JSON records hold and pivot the wide tables back
//! with the README's query; plus the usage rules and byte-for-byte
//! determinism of the CSV.
//!
//! The DuckDB test needs the Python package `duckdb`, so it is `#[ignore]`d:
//! a plain `cargo test` lists it as ignored rather than passing it
//! untested. Run it with `cargo test --test analytics -- --include-ignored`
//! (`.ci/run` does, after installing the package); it then fails when
//! `duckdb` is missing.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COLUMNS: [&str; 28] = [
    "source_path",
    "source_sha256",
    "unit_name",
    "unit_level",
    "province",
    "period_kind",
    "period_year",
    "period_quarter",
    "table_title",
    "table_page",
    "stt",
    "depth",
    "parent",
    "indicator_id",
    "indicator_confidence",
    "label",
    "unit",
    "value_raw",
    "value_kind",
    "value_number",
    "note",
    "line",
    "page",
    "column",
    "column_header",
    "column_role",
    "column_unit",
    "column_period",
];

/// A fresh, empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("baocao-analytics-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

/// The real wide-table reports (`fixtures/real/SOURCES.tsv`).
fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real")
}

fn baocao(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("run baocao")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Tidy lines per `source.path` over the JSON Lines records of `dir`.
fn json_rows_per_source(dir: &Path) -> BTreeMap<String, u64> {
    let out = baocao(&[&"extract", &dir, &"--in-process", &"--format", &"jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    text.lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("a JSON record");
            // One tidy line per value cell, one for a row without cells.
            let rows = record["tables"]
                .as_array()
                .expect("tables")
                .iter()
                .flat_map(|t| t["rows"].as_array().expect("rows"))
                .map(|r| r["cells"].as_array().map_or(0, Vec::len).max(1) as u64)
                .sum();
            let path = record["source"]["path"].as_str().expect("path").to_string();
            (path, rows)
        })
        .collect()
}

/// Panics unless `python3 -c "import duckdb"` works.
fn require_duckdb() {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "the DuckDB test needs python3 -c 'import duckdb' to work (python3 -m pip install duckdb)"
    );
}

/// What DuckDB sees in a file: its column names and types, and its row
/// count per source_path.
#[derive(Debug)]
struct Seen {
    columns: Vec<(String, String)>,
    rows: BTreeMap<String, u64>,
}

const DUCKDB_SCRIPT: &str = r#"
import duckdb, json, sys
path, reader = sys.argv[1], sys.argv[2]
con = duckdb.connect()
rel = con.sql(f"SELECT * FROM {reader}('{path}')")
columns = [[name, str(kind)] for name, kind in zip(rel.columns, rel.types)]
rows = con.sql(
    f"SELECT source_path, count(*) FROM {reader}('{path}') GROUP BY source_path"
).fetchall()
print(json.dumps({"columns": columns, "rows": {p: n for p, n in rows}}))
"#;

fn duckdb_load(path: &Path, reader: &str) -> Seen {
    let out = Command::new("python3")
        .args(["-c", DUCKDB_SCRIPT])
        .arg(path)
        .arg(reader)
        .output()
        .expect("run python3");
    assert!(out.status.success(), "duckdb: {}", stderr(&out));
    let seen: Value = serde_json::from_slice(&out.stdout).expect("JSON from the script");
    let columns = seen["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            let s = |i: usize| c[i].as_str().expect("string").to_string();
            (s(0), s(1))
        })
        .collect();
    let rows = seen["rows"]
        .as_object()
        .expect("rows")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("count")))
        .collect();
    Seen { columns, rows }
}

fn type_of<'a>(seen: &'a Seen, column: &str) -> &'a str {
    seen.columns
        .iter()
        .find(|(name, _)| name == column)
        .map(|(_, kind)| kind.as_str())
        .unwrap_or_else(|| panic!("no column {column}"))
}

#[test]
#[ignore = "needs python3 with duckdb; run with --include-ignored"]
fn duckdb_sees_every_row_of_the_seeds_in_csv_and_parquet() {
    require_duckdb();
    let t = TempDir::new("duckdb");
    let expected = json_rows_per_source(&seeds());
    assert_eq!(expected.len(), 5, "five seed records");
    let total: u64 = expected.values().sum();
    assert!(total > 500, "the seeds hold hundreds of rows, got {total}");

    for (format, reader) in [("csv", "read_csv_auto"), ("parquet", "read_parquet")] {
        let file = t.path(&format!("seeds.{format}"));
        let out = baocao(&[
            &"extract",
            &seeds(),
            &"--in-process",
            &"--format",
            &format,
            &"--output",
            &file,
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        let seen = duckdb_load(&file, reader);
        let names: Vec<&str> = seen.columns.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, COLUMNS, "{format} columns");
        assert_eq!(seen.rows, expected, "{format}: rows per source");
        assert_eq!(type_of(&seen, "label"), "VARCHAR", "{format}");
        assert_eq!(type_of(&seen, "value_number"), "DOUBLE", "{format}");
        assert_eq!(type_of(&seen, "line"), "BIGINT", "{format}");
        if format == "parquet" {
            // Typed even where every value is null (CSV would say VARCHAR).
            assert_eq!(type_of(&seen, "period_year"), "INTEGER");
            assert_eq!(type_of(&seen, "period_quarter"), "INTEGER");
            assert_eq!(type_of(&seen, "depth"), "BIGINT");
            assert_eq!(type_of(&seen, "page"), "BIGINT");
            assert_eq!(type_of(&seen, "indicator_confidence"), "DOUBLE");
        }
        eprintln!("{format}: DuckDB sees {total} rows, as the JSON records hold");
    }
}

#[test]
fn csv_is_the_same_bytes_on_stdout_and_in_a_file_whatever_the_jobs() {
    let t = TempDir::new("bytes");
    let file = t.path("seeds.csv");
    let to_file = baocao(&[
        &"extract",
        &seeds(),
        &"--format",
        &"csv",
        &"--jobs",
        &"2",
        &"--output",
        &file,
    ]);
    assert_eq!(to_file.status.code(), Some(0), "{}", stderr(&to_file));
    let to_stdout = baocao(&[
        &"extract",
        &seeds(),
        &"--in-process",
        &"--format",
        &"csv",
        &"--jobs",
        &"1",
    ]);
    assert_eq!(to_stdout.status.code(), Some(0), "{}", stderr(&to_stdout));
    let bytes = fs::read(&file).expect("csv file");
    assert_eq!(bytes, to_stdout.stdout);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert_eq!(text.lines().next(), Some(COLUMNS.join(",").as_str()));
    // No temporary file is left beside the output.
    let names: Vec<String> = fs::read_dir(&t.0)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["seeds.csv"]);
}

#[test]
fn tabular_formats_refuse_destinations_they_cannot_fill() {
    let t = TempDir::new("usage");
    let cases: [&[&dyn AsRef<std::ffi::OsStr>]; 4] = [
        &[&"extract", &seeds(), &"--format", &"parquet"],
        &[
            &"extract",
            &seeds(),
            &"--format",
            &"csv",
            &"--output-dir",
            &t.path("d"),
        ],
        &[
            &"extract",
            &seeds(),
            &"--format",
            &"jsonl",
            &"--output-dir",
            &t.path("d"),
        ],
        &[
            &"extract",
            &seeds(),
            &"--format",
            &"json",
            &"--output",
            &t.path("x.json"),
        ],
    ];
    for args in cases {
        let out = baocao(args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        fs::read_dir(&t.0).expect("list").count(),
        0,
        "nothing written"
    );
}

#[test]
fn failed_and_table_less_inputs_write_no_rows_but_are_reported() {
    let t = TempDir::new("failed");
    let narrative = t.path("narrative.txt");
    fs::write(
        &narrative,
        "BÁO CÁO\nKết quả công tác cải cách hành chính năm 2023\n",
    )
    .expect("write input");
    let missing = t.path("missing.txt");
    let file = t.path("out.csv");
    let out = baocao(&[
        &"extract",
        &narrative,
        &missing,
        &"--in-process",
        &"--format",
        &"csv",
        &"--output",
        &file,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("narrative.txt: no table rows"), "{err}");
    let text = fs::read_to_string(&file).expect("csv");
    assert_eq!(text, format!("{}\n", COLUMNS.join(",")), "header only");

    let parquet = t.path("out.parquet");
    let out = baocao(&[
        &"extract",
        &missing,
        &"--in-process",
        &"--format",
        &"parquet",
        &"--output",
        &parquet,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let bytes = fs::read(&parquet).expect("parquet file");
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

const PIVOT_SCRIPT: &str = r#"
import duckdb, json, sys
con = duckdb.connect()
rows = con.sql(f"""
    PIVOT (SELECT stt, label, column_header, value_number
           FROM read_csv_auto('{sys.argv[1]}') WHERE column_role = 'value')
    ON column_header USING first(value_number)
    GROUP BY stt, label ORDER BY label
""")
print(json.dumps({"columns": rows.columns, "rows": rows.fetchall()}))
"#;

#[test]
#[ignore = "needs python3 with duckdb; run with --include-ignored"]
fn duckdb_pivots_a_wide_table_back_from_the_tidy_csv() {
    require_duckdb();
    let t = TempDir::new("pivot");
    let file = t.path("wide.csv");
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wide_table.txt");
    let out = baocao(&[&"extract", &input, &"--in-process", &"--output", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = Command::new("python3")
        .args(["-c", PIVOT_SCRIPT])
        .arg(&file)
        .output()
        .expect("run python3");
    assert!(out.status.success(), "duckdb: {}", stderr(&out));
    let seen: Value = serde_json::from_slice(&out.stdout).expect("JSON from the script");
    assert_eq!(
        seen["columns"],
        serde_json::json!([
            "stt",
            "label",
            "Lâm Đồng > Chỉ số",
            "Lâm Đồng > Điểm số",
            "Đắk Nông > Chỉ số",
            "Đắk Nông > Điểm số"
        ])
    );
    // One row per table row again, the totals row (no STT) included.
    assert_eq!(
        seen["rows"],
        serde_json::json!([
            [1, "Công tác chỉ đạo, điều hành", 99.9, 9.49, 99.5, 9.45],
            [2, "Cải cách thể chế", 93.8, 9.38, 86.7, 8.67],
            [null, "Tổng cộng", 96.8, 18.87, 93.1, 18.12]
        ])
    );
}

/// The README's wide-table query (the `sql` block after "Wide tables
/// pivot back"), reading `source` instead of `'real.parquet'`.
fn readme_wide_query(source: &str) -> String {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let section = readme
        .split("Wide tables pivot back")
        .nth(1)
        .expect("the README's wide-table query");
    let query = section
        .split("```sql\n")
        .nth(1)
        .and_then(|q| q.split("```").next())
        .expect("an sql block");
    assert!(query.contains("'real.parquet'"), "{query}");
    query.replace("'real.parquet'", source)
}

const QUERY_SCRIPT: &str = r#"
import duckdb, json, sys
rel = duckdb.sql(sys.stdin.read())
rows = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
print(json.dumps(rows))
"#;

fn duckdb_query(query: &str) -> Vec<Value> {
    use std::io::Write;
    let mut child = Command::new("python3")
        .args(["-c", QUERY_SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(query.as_bytes())
        .expect("write query");
    let out = child.wait_with_output().expect("python3 output");
    assert!(out.status.success(), "duckdb: {}", stderr(&out));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("JSON rows")
}

#[test]
#[ignore = "needs python3 with duckdb; run with --include-ignored"]
fn the_readme_pivots_the_real_wide_tables_in_csv_and_parquet() {
    require_duckdb();
    let t = TempDir::new("real");
    let expected = json_rows_per_source(&real());
    assert!(expected.len() >= 8, "the real wide-table reports");
    // The overall index of each province in the PAR Index, SIPAS and PAPI
    // tables, as printed in the report (DOCX and signed PDF alike).
    let printed = [[88.3, 83.1, 86.6], [82.6, 83.0, 83.1], [58.9, 51.3, 50.7]];
    for (format, reader) in [("csv", "read_csv_auto"), ("parquet", "read_parquet")] {
        let file = t.path(&format!("real.{format}"));
        let out = baocao(&[&"extract", &real(), &"--in-process", &"--output", &file]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert_eq!(
            duckdb_load(&file, reader).rows,
            expected,
            "{format}: lines per source"
        );
        let source = format!("{reader}('{}')", file.display());
        let rows = duckdb_query(&readme_wide_query(&source));
        let got: Vec<(String, [f64; 3])> = rows
            .iter()
            .map(|r| {
                let path = r["source_path"].as_str().expect("source_path");
                let name = path.rsplit('/').next().unwrap_or(path).to_string();
                let n = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
                (name, [n("Bình Thuận"), n("Lâm Đồng"), n("Đắk Nông")])
            })
            .collect();
        let want: Vec<(String, [f64; 3])> = ["chiso_0611.docx", "chiso_0611.pdf"]
            .iter()
            .flat_map(|name| printed.iter().map(move |p| (name.to_string(), *p)))
            .collect();
        assert_eq!(got, want, "{format}");
    }
}
