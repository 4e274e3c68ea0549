//! Runs many inputs in parallel, yielding records in input order.
//!
//! [`discover`] expands the command-line paths into the files to extract;
//! [`run`] extracts them on a rayon pool and hands each record to a sink in
//! input order as soon as it and every earlier record are done. At most a
//! fixed window of documents is in flight or waiting to be written, so memory
//! does not grow with the size of the corpus.

use crate::diagnostics;
use crate::ingest::SUPPORTED_EXTENSIONS;
use crate::isolate::{Isolation, Workers};
use crate::model::{Record, Source, SourceFormat};
use crate::options::Options;
use crate::pipeline;
use rayon::{ThreadPool, ThreadPoolBuildError, ThreadPoolBuilder};
use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Documents allowed in flight or in the reorder buffer, per worker thread.
const WINDOW_PER_THREAD: usize = 4;

/// Expands inputs into the files to extract, keeping the inputs' order.
///
/// A directory is recursed and contributes its files with a supported
/// extension ([`SUPPORTED_EXTENSIONS`]), sorted by path; symbolic links to
/// directories are not followed. Any other path is kept as given, even when
/// it is missing or unsupported, so that it becomes an error record. A
/// directory that cannot be listed is kept as is, for the same reason.
pub fn discover(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found);
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    files
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        found.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found);
        } else if is_supported(&path) && (kind.is_file() || path.is_file()) {
            found.push(path);
        }
    }
}

/// Whether the file's extension is one a front end reads.
pub fn is_supported(path: &Path) -> bool {
    let format = Source::for_path(&path.to_string_lossy()).format;
    SUPPORTED_EXTENSIONS.contains(&format.as_str())
}

/// A rayon pool of `jobs` threads, or one per available core when `None`.
pub fn pool(jobs: Option<usize>) -> Result<ThreadPool, ThreadPoolBuildError> {
    ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .thread_name(|i| format!("baocao-{i}"))
        .build()
}

/// Extracts every file on `pool` (in worker processes under a time limit
/// when `isolation` is given, see [`Workers`]) and calls `sink(index, extracted)` in input
/// order, streaming: a record is handed over as soon as it and all earlier
/// ones are done. Stops at the first error from `sink` and returns it.
pub fn run<E, F>(
    files: &[PathBuf],
    pool: &ThreadPool,
    isolation: Option<&Isolation>,
    options: &Options,
    mut sink: F,
) -> Result<(), E>
where
    F: FnMut(usize, Extracted) -> Result<(), E>,
{
    let window = pool.current_num_threads().max(1) * WINDOW_PER_THREAD;
    let (tx, rx) = mpsc::channel::<(usize, Extracted)>();
    let workers = isolation.cloned().map(Workers::new);
    let workers = workers.as_ref();
    pool.in_place_scope(|scope| {
        let mut pending: BTreeMap<usize, Extracted> = BTreeMap::new();
        let (mut next, mut emitted) = (0, 0);
        while emitted < files.len() {
            while next < files.len() && next < emitted + window {
                let (tx, path, index) = (tx.clone(), &files[next], next);
                scope.spawn(move |_| {
                    // The receiver outlives the scope, so this cannot fail.
                    let record = match workers {
                        Some(workers) => workers.extract(path),
                        None => Extracted::new(extract_guarded(path, options)),
                    };
                    let _ = tx.send((index, record));
                });
                next += 1;
            }
            // Every spawned task sends exactly once and `tx` is still alive,
            // so `recv` only returns once a record has arrived.
            if let Ok((index, record)) = rx.recv() {
                pending.insert(index, record);
            }
            while let Some(record) = pending.remove(&emitted) {
                sink(emitted, record)?;
                emitted += 1;
            }
        }
        Ok(())
    })
}

/// A finished document: its record and, when a worker process extracted
/// it, the record's JSON line as the worker wrote it (without the newline),
/// which JSON Lines output writes as is rather than serialising the record
/// again.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The record, decoded once.
    pub record: Record,
    /// The record as one line of JSON, when it crossed a worker pipe.
    pub line: Option<String>,
}

impl Extracted {
    /// A record extracted in this process.
    pub fn new(record: Record) -> Extracted {
        Extracted { record, line: None }
    }
}

/// [`pipeline::extract_file`], with a last-resort guard so that a panic
/// still yields exactly one (error) record for the input.
fn extract_guarded(path: &Path, options: &Options) -> Record {
    catch_unwind(AssertUnwindSafe(|| {
        pipeline::extract_file_with(path, options)
    }))
    .unwrap_or_else(|_| {
        let source = Source {
            path: path.to_string_lossy().into_owned(),
            format: SourceFormat::Unknown,
            ..Source::default()
        };
        pipeline::failed(
            source,
            diagnostics::INTERNAL,
            "extraction failed unexpectedly",
        )
    })
}

/// Counts over a run, printed as the closing summary line.
///
/// Its text (`Display`) is `N documents (A with tables, B without tables,
/// C failed), T tables, R rows`, where N = A + B + C: a report in which no
/// indicator table was found is counted apart, not as a success.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub documents: usize,
    /// Records without an error that hold at least one table.
    pub with_tables: usize,
    /// Records without an error and without any table.
    pub without_tables: usize,
    /// Error records.
    pub failed: usize,
    /// Tables over all records.
    pub tables: usize,
    /// Rows over all tables.
    pub rows: usize,
}

impl Summary {
    /// Counts one record.
    pub fn add(&mut self, record: &Record) {
        self.documents += 1;
        if record.error.is_some() {
            self.failed += 1;
        } else if record.tables.is_empty() {
            self.without_tables += 1;
        } else {
            self.with_tables += 1;
        }
        self.tables += record.tables.len();
        self.rows += record.tables.iter().map(|t| t.rows.len()).sum::<usize>();
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents ({} with tables, {} without tables, {} failed), {} tables, {} rows",
            self.documents,
            self.with_tables,
            self.without_tables,
            self.failed,
            self.tables,
            self.rows
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_readable_extension_is_a_named_format() {
        for ext in SUPPORTED_EXTENSIONS {
            let format = SourceFormat::from_name(ext);
            assert!(!matches!(format, SourceFormat::Other(_)), "{ext}");
            assert_eq!(
                serde_json::to_string(&format).unwrap(),
                format!("\"{ext}\"")
            );
        }
        let other: SourceFormat = serde_json::from_str("\"xyz\"").unwrap();
        assert_eq!(other, SourceFormat::Other("xyz".into()));
        assert!(!is_supported(Path::new("a/b.XYZ")) && is_supported(Path::new("a/b.PDF")));
    }

    #[test]
    fn summary_counts_reports_without_tables_apart() {
        let mut summary = Summary::default();
        let mut report = pipeline::extract_bytes("report.txt", b"hello");
        summary.add(&report);
        report.tables.push(crate::model::Table {
            title: "Biểu mẫu 1".into(),
            page: None,
            columns: Vec::new(),
            rows: Vec::new(),
        });
        summary.add(&report);
        summary.add(&pipeline::failed(Source::default(), "io", "gone"));
        assert_eq!(
            summary.to_string(),
            "3 documents (1 with tables, 1 without tables, 1 failed), 1 tables, 0 rows"
        );
    }

    #[test]
    fn run_keeps_input_order_with_many_threads() {
        let files: Vec<PathBuf> = (0..50)
            .map(|i| PathBuf::from(format!("/nonexistent/baocao-{i}.txt")))
            .collect();
        let pool = pool(Some(3)).expect("pool");
        let mut seen = Vec::new();
        let done: Result<(), ()> = run(&files, &pool, None, &Options::default(), |i, r| {
            seen.push((i, r.record.source.path));
            Ok(())
        });
        assert!(done.is_ok());
        let expected: Vec<(usize, String)> = files
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn run_stops_at_the_first_sink_error() {
        let files: Vec<PathBuf> = (0..20)
            .map(|i| PathBuf::from(format!("/nonexistent/{i}.txt")))
            .collect();
        let pool = pool(Some(2)).expect("pool");
        let mut calls = 0;
        let done = run(&files, &pool, None, &Options::default(), |i, _| {
            calls += 1;
            if i == 3 {
                Err("stop")
            } else {
                Ok(())
            }
        });
        assert_eq!(done, Err("stop"));
        assert_eq!(calls, 4);
    }

    #[test]
    fn supported_extensions_ignore_case() {
        assert!(is_supported(Path::new("a/B.TXT")));
        assert!(is_supported(Path::new("x.md")));
        assert!(!is_supported(Path::new("x.json")));
        assert!(!is_supported(Path::new("README")));
    }
}
