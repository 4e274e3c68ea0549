#!/usr/bin/env python3
"""End-to-end check of baocao_spark.py with PySpark in local mode.

    python3 examples/spark/test_spark.py target/debug/baocao

Runs the job with `spark-submit --master local[2] --files BINARY`, the
binary shipped as on a cluster, over fixtures (the text seeds, some rendered
PDFs and DOCX files, a password-locked PDF and a missing file, which give
error records) and checks that its part files hold exactly the JSON lines of
a plain `baocao extract` run over the same paths, byte for byte, keyed by
`source.path`. `tests/spark.rs` runs it.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fixture_paths():
    def pick(pattern):
        found = sorted(glob.glob(os.path.join(ROOT, "fixtures", pattern)))
        assert found, f"no fixtures match {pattern}"
        return found

    return (
        pick("seeds/*.txt")
        + pick("rendered/*.pdf")[:2]
        + pick("rendered/*.docx")[:2]
        + pick("pdf/encrypted/*user-password.pdf")
        + [os.path.join(ROOT, "fixtures", "no-such-report.txt")]
    )


def keyed(lines, what):
    """JSON lines by `source.path`, each path once."""
    by_path = {}
    for line in lines:
        path = json.loads(line)["source"]["path"]
        assert path not in by_path, f"{what}: two records for {path}"
        by_path[path] = line
    return by_path


def spark_submit():
    import pyspark

    script = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")
    return script if os.path.exists(script) else "spark-submit"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test_spark.py BAOCAO_BINARY")
    binary = os.path.abspath(sys.argv[1])
    paths = fixture_paths()
    tmp = tempfile.mkdtemp(prefix="baocao-spark-")
    try:
        listing = os.path.join(tmp, "paths.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in paths))

        # The plain run: one process, the same paths in the same order.
        plain = subprocess.run(
            [binary, "extract", "--files-from", listing, "--format", "jsonl", "--no-progress"],
            capture_output=True,
        )
        # 1: the locked PDF and the missing file fail (as records).
        assert plain.returncode == 1, f"plain run exited {plain.returncode}: {plain.stderr!r}"
        plain_lines = plain.stdout.decode("utf-8").splitlines()
        assert len(plain_lines) == len(paths), (len(plain_lines), len(paths))

        out = os.path.join(tmp, "out")
        env = dict(os.environ)
        # The workers run this Python, whatever `python3` is on PATH.
        env["PYSPARK_PYTHON"] = sys.executable
        env["PYSPARK_DRIVER_PYTHON"] = sys.executable
        env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        command = [
            spark_submit(),
            "--master",
            "local[2]",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            "--conf",
            "spark.driver.memory=512m",
            # Shipped as on a cluster, and named by its file name.
            "--files",
            binary,
            os.path.join(HERE, "baocao_spark.py"),
            listing,
            out,
            os.path.basename(binary),
            "3",
        ]
        started = time.monotonic()
        job = subprocess.run(command, env=env, capture_output=True, cwd=tmp)
        elapsed = time.monotonic() - started
        stderr = job.stderr.decode("utf-8", "replace")
        assert job.returncode == 0, f"spark job exited {job.returncode}:\n{stderr[-4000:]}"

        parts = sorted(glob.glob(os.path.join(out, "part-*")))
        assert len(parts) == 3, f"expected 3 part files, found {parts}"
        spark_lines = []
        for part in parts:
            with open(part, "rb") as f:
                spark_lines.extend(f.read().decode("utf-8").splitlines())

        plain_by_path = keyed(plain_lines, "plain run")
        spark_by_path = keyed(spark_lines, "spark run")
        assert set(spark_by_path) == set(plain_by_path), (
            "paths differ: only plain "
            f"{sorted(set(plain_by_path) - set(spark_by_path))}, only spark "
            f"{sorted(set(spark_by_path) - set(plain_by_path))}"
        )
        for path, line in plain_by_path.items():
            assert spark_by_path[path] == line, f"record of {path} differs"
        # parallelize() slices contiguously: the part files, in order, are the
        # plain run's order too.
        assert spark_lines == plain_lines, "part files are not in input order"

        errors = sorted(
            json.loads(line)["error"]["code"] for line in spark_lines if json.loads(line)["error"]
        )
        assert errors == ["encrypted", "io"], errors
        # spark-submit sends the driver script's stdout and stderr to its stdout.
        output = job.stdout.decode("utf-8", "replace") + stderr
        summary = [line for line in output.splitlines() if line.startswith("baocao_spark:")]
        want = f"{len(paths)} inputs, {len(paths)} records (2 errors)"
        assert len(summary) == 1 and want in summary[0], f"summary {summary}, want {want!r}"
        print(summary[0])
        print(
            f"spark: {len(spark_lines)} records in {len(parts)} part files equal the plain run's "
            f"({elapsed:.1f} s for spark-submit)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
