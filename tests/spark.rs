//! The Spark example (`examples/spark/`) end to end: PySpark in local mode
//! runs `baocao_spark.py` over fixtures with this binary, and its part files
//! must hold the same JSON lines as a plain `baocao extract` run, byte for
//! byte, keyed by `source.path` (`examples/spark/test_spark.py` does the
//! run and the comparison).
//!
//! It needs Python with `pyspark` and Java, so it is `#[ignore]`d: a plain
//! `cargo test` lists it as ignored rather than passing it untested. Run it
//! with `cargo test --test spark -- --include-ignored` (`.ci/run` does,
//! after installing PySpark); it then fails when either is missing.

use std::path::Path;
use std::process::Command;

/// Whether `program args` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Panics, naming what is missing, unless PySpark and Java run here.
fn require_spark() {
    for (program, args, what) in [
        (
            "python3",
            &["-c", "import pyspark"][..],
            "python3 -c 'import pyspark'",
        ),
        ("java", &["-version"][..], "java -version"),
    ] {
        assert!(
            runs(program, args),
            "the Spark test needs {what} to work (python3 -m pip install pyspark==3.5.3; Java 8/11/17)"
        );
    }
}

#[test]
#[ignore = "needs python3 with pyspark and Java; run with --include-ignored"]
fn spark_job_gives_the_records_of_a_plain_run() {
    require_spark();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/test_spark.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_baocao"))
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} failed ({}):\n{stdout}\n{stderr}",
        script.display(),
        out.status
    );
    eprint!("{stdout}");
    assert!(stdout.contains("equal the plain run's"), "{stdout}");
}
