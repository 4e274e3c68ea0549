//! Metadata precision on real documents: `bench/meta_precision.py` runs the
//! binary over every document of `../shared/real/` whose heading block was
//! read by hand (`bench/headings.jsonl`) and fails on any wrong unit, level,
//! province, number, date or signer. Ignored by default (it needs the shared
//! corpus and python3); CI runs it with `--include-ignored`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs ../shared/real and python3; run with --include-ignored"]
fn no_wrong_metadata_on_annotated_real_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("../shared/real");
    assert!(real.is_dir(), "{} is missing", real.display());
    let out = Command::new("python3")
        .arg(root.join("bench/meta_precision.py"))
        .args(["--bin", env!("CARGO_BIN_EXE_baocao")])
        .arg("--real")
        .arg(&real)
        .arg("--truth")
        .arg(root.join("bench/headings.jsonl"))
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "wrong metadata values:\n{report}");
    // At least 30 annotated documents, as the bar asks.
    let documents: usize = report
        .lines()
        .find_map(|l| l.strip_prefix("documents: "))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .expect("a documents line");
    assert!(documents >= 30, "{report}");
}
