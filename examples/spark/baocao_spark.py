#!/usr/bin/env python3
"""Run `baocao extract` over many documents with Apache Spark.

Each document is extracted on its own, so the work spreads over a cluster
with nothing more than a list of paths: the driver reads the paths, Spark
splits them into partitions, and every partition pipes its paths into one
`baocao extract --files-from - --format jsonl` process (`RDD.pipe`). Its
JSON Lines records, one per path, are written as Spark text part files.

    spark-submit --master local[2] examples/spark/baocao_spark.py \
        paths.txt out/ target/release/baocao 4

Arguments:
  INPUTS      a file listing input paths, one per line (blank lines skipped,
              as `--files-from` does), or a directory, listed here like
              `baocao extract DIR` does it (supported extensions, sorted).
              Directories in the list are expanded the same way, so each
              path Spark hands out gives exactly one record.
  OUTPUT      output directory (must not exist): part-00000, part-00001 …
              one per partition, each JSON Lines.
  BINARY      the baocao binary as the executors see it: an absolute path
              (a local run, or a path installed on every worker), or the
              bare file name of a binary shipped with `spark-submit --files`.
  PARTITIONS  how many partitions (baocao processes) to split the paths into
              (default: Spark's default parallelism; never more than paths).

The input paths are read by the executors: on a cluster they must name the
same files on every worker (a shared filesystem mounted at the same place),
and they go into each record's `source.path` as given, so list absolute
paths. Records come out in input order within a partition and the part
files follow the partitions in order, but key them by `source.path`.

Exit code: 0 when every path has its record (some may be error records:
`error` not null, counted on stderr), 1 when records are missing (the
binary could not run: see the executors' stderr), 2 on bad arguments.
"""

import argparse
import json
import os
import shlex
import sys

# What `baocao extract DIR` reads (src/ingest/mod.rs, SUPPORTED_EXTENSIONS).
SUPPORTED_EXTENSIONS = {"txt", "md", "docx", "docm", "doc", "pdf"}


def list_directory(directory):
    """The files `baocao extract DIR` would take from DIR, in its order.

    Mirrors src/batch.rs: files with a supported extension (any case),
    recursively, sorted by path; symbolic links to files are taken, links to
    directories are not followed; a directory that cannot be listed is kept
    as a path so that it becomes an error record.
    """
    found = []

    def walk(d):
        try:
            entries = list(os.scandir(d))
        except OSError:
            found.append(d)
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)
            else:
                ext = os.path.splitext(entry.name)[1][1:].lower()
                if ext in SUPPORTED_EXTENSIONS and os.path.isfile(entry.path):
                    found.append(entry.path)

    walk(directory)
    # Rust sorts paths component by component.
    return sorted(found, key=lambda p: p.split(os.sep))


def read_inputs(inputs):
    """The input paths, one per document, from a list file or a directory."""
    if os.path.isdir(inputs):
        return list_directory(inputs)
    with open(inputs, encoding="utf-8") as f:
        listed = [line.strip() for line in f.read().splitlines()]
    paths = []
    for path in listed:
        if not path:
            continue
        # Expand directories here (baocao would), so that one element of the
        # RDD is one record and the driver can count what came back.
        paths.extend(list_directory(path) if os.path.isdir(path) else [path])
    return paths


def executor_binary(sc, binary):
    """The command word that starts baocao on an executor.

    The command of `RDD.pipe` is fixed here, on the driver, so it cannot call
    `SparkFiles.get("baocao")` on each executor. It need not: on a cluster a
    file shipped with `spark-submit --files /path/to/baocao` (or
    `sc.addFile`) is put in each executor's working directory, which is
    where `SparkFiles.get` looks there, and Spark makes fetched files
    executable. So a bare name is run as `./NAME`; in local mode the
    executors share the driver's SparkFiles directory, so it is run from
    there. A path is used as is (a local run, or baocao installed at the
    same path on every worker).

    Either way the binary runs on the executors: build it for their platform
    (e.g. `cargo build --release --target x86_64-unknown-linux-musl` for any
    x86-64 Linux, whatever its C library).
    """
    if os.sep in binary:
        return os.path.abspath(binary)
    if sc.master.startswith("local"):
        from pyspark import SparkFiles

        return SparkFiles.get(binary)
    return "./" + binary


def pipe_command(sc, binary):
    # RDD.pipe takes one string and splits it with shlex: quote each word.
    return shlex.join(
        [
            executor_binary(sc, binary),
            "extract",
            "--files-from",
            "-",
            "--format",
            "jsonl",
            "--no-progress",
            # Spark runs one process per partition and as many partitions at
            # once as the executors have cores: one document at a time each.
            "--jobs",
            "1",
        ]
    )


def executor_env(extra):
    """The environment of each baocao process.

    RDD.pipe starts its command with exactly the `env` given (an empty one
    by default), not the executor's own: give baocao a PATH (it looks for
    LibreOffice's `soffice` there to convert `.doc` files it cannot read
    itself) and UTF-8, plus any `--env NAME=VALUE` from the command line.
    """
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    for item in extra:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--env wants NAME=VALUE, not {item!r}")
        env[name] = value
    return env


def run(sc, paths, output, binary, partitions=None, env=None):
    """Extract `paths` on `sc` into `output`; returns (records, errors)."""
    n = partitions or sc.defaultParallelism
    n = max(1, min(n, len(paths)))
    records = sc.parallelize(paths, n).pipe(
        pipe_command(sc, binary),
        env=env if env is not None else executor_env([]),
        # baocao exits 1 when any document failed, but a failed document is
        # still a record (`error` set) on stdout, and the others are fine.
        # checkCode=True would fail the task for it, retry it and then abort
        # the whole job. So keep the default (False), and count the records
        # below instead: that catches a binary that could not run at all.
        checkCode=False,
    )
    records.saveAsTextFile(output)
    # Read back what was written (no second extraction) to count it.
    written = sc.textFile(output)
    errors = written.filter(lambda line: json.loads(line)["error"] is not None)
    return written.count(), errors.count()


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Extract CCHC reports with baocao on Spark (JSON Lines part files)."
    )
    parser.add_argument("inputs", metavar="INPUTS", help="list file (one path a line) or directory")
    parser.add_argument("output", metavar="OUTPUT", help="output directory (must not exist)")
    parser.add_argument("binary", metavar="BINARY", help="baocao binary (path, or name shipped with --files)")
    parser.add_argument("partitions", metavar="PARTITIONS", type=int, nargs="?", help="number of partitions")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment variable for the baocao processes (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        parser.error("PARTITIONS must be at least 1")
    try:
        env = executor_env(args.env)
        paths = read_inputs(args.inputs)
    except (OSError, ValueError) as e:
        parser.error(str(e))
    if not paths:
        parser.error(f"no input paths in {args.inputs}")
    if os.path.exists(args.output):
        parser.error(f"{args.output} exists; Spark writes a new directory")

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("baocao").getOrCreate()
    try:
        records, errors = run(spark.sparkContext, paths, args.output, args.binary, args.partitions, env)
    finally:
        spark.stop()
    print(
        f"baocao_spark: {len(paths)} inputs, {records} records ({errors} errors) in {args.output}",
        file=sys.stderr,
    )
    if records != len(paths):
        print(
            f"baocao_spark: {len(paths) - records} records missing: baocao did not run on some "
            "partitions (see the executors' stderr)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
