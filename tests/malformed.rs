//! Hostile and malformed input (issue 8): a generated corpus of broken
//! files (`examples/malformed_corpus.rs`), each of which must give exactly
//! one record saying what is wrong, with no panic; and the invariant that
//! any set of inputs gives one record per input, in input order, with an
//! exit code that says whether any failed.

#[path = "../examples/malformed_corpus.rs"]
#[allow(dead_code)]
mod corpus;

mod common;

use baocao::model::Record;
use common::root;
use corpus::{Case, Expect, Scale};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The small-scale corpus, written once per test run.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("baocao-malformed-{}", std::process::id()));
        corpus::write_corpus(&dir, &root().join("fixtures"), Scale::Small).expect("corpus")
    })
}

fn good_report() -> PathBuf {
    root().join("fixtures/seeds/000_ba21f554f00fdddf.txt")
}

/// Runs the binary over `inputs` (worker processes, 2 jobs); returns the
/// exit code and the records in output order.
fn run(inputs: &[PathBuf]) -> (i32, Vec<Record>) {
    let out = std::env::temp_dir().join(format!(
        "baocao-malformed-out-{}-{}.jsonl",
        std::process::id(),
        inputs.len()
    ));
    let status = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("extract")
        .args(inputs)
        .args([
            "--jobs",
            "2",
            "--no-progress",
            "--format",
            "jsonl",
            "--output",
        ])
        .arg(&out)
        .status()
        .expect("run baocao");
    let text = std::fs::read_to_string(&out).expect("output written");
    let _ = std::fs::remove_file(&out);
    let records = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record per line"))
        .collect();
    (status.code().unwrap_or(-1), records)
}

fn check(case: &Case, rec: &Record) {
    let name = case.path.display();
    let code = rec.error.as_ref().map(|e| e.code.as_str());
    let warned = |w: &str| rec.warnings.iter().any(|x| x.code == w);
    assert!(
        !matches!(code, Some("internal" | "crashed" | "timeout")),
        "{name}: {code:?}"
    );
    match &case.expect {
        Expect::Error(want) => assert_eq!(code, Some(*want), "{name}"),
        Expect::Warns(want) => assert!(code.is_none() && warned(want), "{name}: {rec:?}"),
        Expect::Rows => {
            let rows: usize = rec.tables.iter().map(|t| t.rows.len()).sum();
            assert!(code.is_none() && rows > 0, "{name}: {code:?}, {rows} rows");
        }
        Expect::Survives => {}
    }
}

/// Every malformed input plus one good report: one record each, in order,
/// each saying what is wrong; the good report is extracted fully; exit 1.
#[test]
fn every_malformed_input_gets_its_record() {
    let mut inputs: Vec<PathBuf> = cases().iter().map(|c| c.path.clone()).collect();
    inputs.push(good_report());
    let (code, records) = run(&inputs);
    assert_eq!(code, 1, "some inputs failed");
    assert_eq!(records.len(), inputs.len());
    for (path, rec) in inputs.iter().zip(&records) {
        assert_eq!(Path::new(&rec.source.path), path.as_path());
    }
    for (case, rec) in cases().iter().zip(&records) {
        check(case, rec);
    }
    let good = records.last().unwrap();
    let rows: usize = good.tables.iter().map(|t| t.rows.len()).sum();
    assert_eq!(rows, 200, "the good report is extracted fully");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Any choice and order of inputs (light ones, repeats allowed): one
    /// record per input, in input order; exit 1 exactly when one failed.
    #[test]
    fn one_record_per_input_in_order(picks in proptest::collection::vec(0usize..100, 1..8)) {
        let light: Vec<&Case> = cases()
            .iter()
            .filter(|c| !c.path.to_string_lossy().contains("long-line")
                && !c.path.to_string_lossy().contains("zip-bomb"))
            .collect();
        let mut inputs: Vec<PathBuf> = picks.iter().map(|&i| light[i % light.len()].path.clone()).collect();
        if picks[0] % 2 == 0 {
            inputs.insert(picks.len() / 2, good_report());
        }
        let (code, records) = run(&inputs);
        prop_assert_eq!(records.len(), inputs.len());
        for (path, rec) in inputs.iter().zip(&records) {
            prop_assert_eq!(Path::new(&rec.source.path), path.as_path());
        }
        let failed = records.iter().any(|r| r.error.is_some());
        prop_assert_eq!(code, i32::from(failed));
    }
}
