//! The Spark example (`examples/spark/`) end to end: PySpark in local mode
//! runs `baocao_spark.py` over fixtures with this binary, and its part files
//! must hold the same JSON lines as a plain `baocao extract` run, byte for
//! byte, keyed by `source.path` (`examples/spark/test_spark.py` does the
//! run and the comparison).
//!
//! Without the Python package `pyspark` (or Java) the test prints a note and
//! passes, except under CI (`CI` set), where it fails: `.ci/run` installs
//! PySpark, and the machine has Java 17.

use std::path::Path;
use std::process::Command;

/// Whether `program args` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether PySpark can run here; under CI it must.
fn spark_available() -> bool {
    for (program, args, what) in [
        (
            "python3",
            &["-c", "import pyspark"][..],
            "python3 -c 'import pyspark'",
        ),
        ("java", &["-version"][..], "java -version"),
    ] {
        if !runs(program, args) {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the Spark test: {what} failed (.ci/run installs pyspark)"
            );
            eprintln!("note: {what} failed; Spark test skipped");
            return false;
        }
    }
    true
}

#[test]
fn spark_job_gives_the_records_of_a_plain_run() {
    if !spark_available() {
        return;
    }
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
