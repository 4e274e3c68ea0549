//! Runs extractions in worker processes (the binary re-running itself with
//! the hidden `worker` subcommand) under a time limit, so that a stack
//! overflow, an abort or a hang in a third-party parser costs one error
//! record, never the batch.
//!
//! Workers are long-lived: a [`Workers`] pool starts them as needed and
//! hands each one path after another over a pipe (NUL-terminated on stdin;
//! one JSON record per line back on stdout). A worker that crashes or runs
//! past the time limit is killed and replaced, and each is retired after
//! [`DOCUMENTS_PER_WORKER`] documents so that its memory cannot creep.

use crate::batch::Extracted;
use crate::diagnostics;
use crate::model::{Record, Source};
use crate::pipeline;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How documents are isolated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The program to run as worker (normally the current executable).
    pub program: PathBuf,
    /// Longest time one document may take; a worker's sign of life (a page
    /// read by OCR) starts the time again, so a long scan is limited per page.
    pub timeout: Duration,
    /// Environment of the workers: the run's options (see `Options::to_env`).
    pub env: Vec<(&'static str, String)>,
}

/// Documents one worker process extracts before it is replaced.
pub const DOCUMENTS_PER_WORKER: usize = 500;

/// How long a worker whose output closed may take to exit by itself.
const EXIT_GRACE: Duration = Duration::from_millis(500);

/// Times a worker start is retried when the program is busy (ETXTBSY: a
/// process forked elsewhere in this program still held it open for writing).
const SPAWN_ATTEMPTS: u32 = 5;

fn failure(path: &Path, code: &str, message: String) -> Extracted {
    Extracted::new(pipeline::failed(
        Source::for_path(&path.to_string_lossy()),
        code,
        message,
    ))
}

/// A worker's answer read once: the record, and its line (without the
/// newline) to write out as is.
fn decode(line: Vec<u8>) -> Option<Extracted> {
    let mut line = String::from_utf8(line).ok()?;
    if line.ends_with('\n') {
        line.pop();
    }
    let record = serde_json::from_str::<Record>(&line).ok()?;
    Some(Extracted {
        record,
        line: Some(line),
    })
}

/// A running worker process and the line reader on its output.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// Lines of the worker's stdout, read by a thread; closed at its EOF.
    lines: Receiver<Vec<u8>>,
    /// Documents extracted so far.
    served: usize,
}

/// What one request to a worker came to.
enum Outcome {
    /// A record line arrived.
    Line(Vec<u8>),
    /// The time limit passed first.
    TimedOut,
    /// The worker closed its output or could not be written to.
    Died,
}

impl Worker {
    fn start(program: &Path, env: &[(&'static str, String)]) -> std::io::Result<Worker> {
        let mut attempt = 1;
        let mut child = loop {
            let spawned = Command::new(program)
                .arg("worker")
                .envs(env.iter().map(|(k, v)| (k, v)))
                // The OCR engine's library in a worker runs one thread:
                // documents and pages run in parallel already (OpenMP reads
                // this when the library is loaded).
                .env("OMP_THREAD_LIMIT", "1")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn();
            match spawned {
                Err(e)
                    if e.kind() == std::io::ErrorKind::ExecutableFileBusy
                        && attempt < SPAWN_ATTEMPTS =>
                {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => break other?,
            }
        };
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("worker pipes missing"));
        };
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
            served: 0,
        })
    }

    /// Sends one path and waits for its record line, at most `timeout`
    /// from the request or from the worker's last sign of life (an empty
    /// line, written after each page it read by OCR).
    fn request(&mut self, path: &Path, timeout: Duration) -> Outcome {
        let mut started = Instant::now();
        let mut message = path_bytes(path);
        message.push(0);
        if self
            .stdin
            .write_all(&message)
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Outcome::Died;
        }
        self.served += 1;
        loop {
            match self
                .lines
                .recv_timeout(timeout.saturating_sub(started.elapsed()))
            {
                Ok(line) if line == b"\n" => started = Instant::now(),
                Ok(line) => return Outcome::Line(line),
                Err(RecvTimeoutError::Timeout) => return Outcome::TimedOut,
                Err(RecvTimeoutError::Disconnected) => return Outcome::Died,
            }
        }
    }

    /// The exit status of a worker whose output closed: it is given a moment
    /// to exit by itself (so the status says how it died), then killed.
    fn reap(mut self) -> Option<std::process::ExitStatus> {
        let closed = Instant::now();
        while closed.elapsed() < EXIT_GRACE {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break,
            }
        }
        self.stop()
    }

    /// The exit status, once the process is stopped (killed if need be).
    fn stop(mut self) -> Option<std::process::ExitStatus> {
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Worker processes shared by the threads of one run. Idle workers wait in
/// the pool; a thread takes one (or starts one) per document, so there are
/// never more workers than documents in flight. Dropping the pool stops
/// them.
pub struct Workers {
    isolation: Isolation,
    idle: Mutex<Vec<Worker>>,
    /// Documents after which a worker is replaced.
    retire_after: usize,
}

impl Workers {
    /// An empty pool; workers start on first use.
    pub fn new(isolation: Isolation) -> Workers {
        Workers {
            isolation,
            idle: Mutex::new(Vec::new()),
            retire_after: DOCUMENTS_PER_WORKER,
        }
    }

    /// Extracts `path` in a worker process; a worker that crashes, hangs
    /// past the time limit or answers with something other than a record
    /// yields an error record and is replaced. The record comes with the
    /// worker's JSON line, decoded once and never serialised again.
    pub fn extract(&self, path: &Path) -> Extracted {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle {
            Some(worker) => worker,
            None => match Worker::start(&self.isolation.program, &self.isolation.env) {
                Ok(worker) => worker,
                Err(e) => {
                    return failure(
                        path,
                        diagnostics::INTERNAL,
                        format!("cannot start a worker process: {e}"),
                    )
                }
            },
        };
        match worker.request(path, self.isolation.timeout) {
            Outcome::Line(line) => match decode(line) {
                Some(done) => {
                    if worker.served < self.retire_after {
                        if let Ok(mut idle) = self.idle.lock() {
                            idle.push(worker);
                        }
                    } else {
                        worker.stop();
                    }
                    done
                }
                None => {
                    worker.stop();
                    failure(
                        path,
                        diagnostics::CRASHED,
                        "the extraction process gave no readable record".to_string(),
                    )
                }
            },
            Outcome::TimedOut => {
                worker.stop();
                failure(
                    path,
                    diagnostics::TIMEOUT,
                    format!(
                        "extraction took longer than {} s and was stopped",
                        self.isolation.timeout.as_secs_f64()
                    ),
                )
            }
            Outcome::Died => {
                let status = worker
                    .reap()
                    .map_or_else(|| "unknown status".to_string(), |s| s.to_string());
                failure(
                    path,
                    diagnostics::CRASHED,
                    format!("the extraction process died ({status}); the file may be malformed"),
                )
            }
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        let idle = match self.idle.get_mut() {
            Ok(idle) => std::mem::take(idle),
            Err(poisoned) => std::mem::take(poisoned.into_inner()),
        };
        for worker in idle {
            worker.stop();
        }
    }
}

/// How often a worker checks that the process that started it is alive.
const PARENT_CHECK: Duration = Duration::from_millis(500);

/// Ends this worker process once its parent is gone (killed with SIGKILL,
/// say), even while it is stuck in a document: it would otherwise run on,
/// orphaned, with nobody to read its record.
#[cfg(unix)]
fn exit_with_parent() {
    let parent = std::os::unix::process::parent_id();
    std::thread::spawn(move || loop {
        std::thread::sleep(PARENT_CHECK);
        if std::os::unix::process::parent_id() != parent {
            std::process::exit(1);
        }
    });
}

#[cfg(not(unix))]
fn exit_with_parent() {}

/// The worker side: reads NUL-terminated paths from stdin until it closes
/// and prints each one's record as one line, flushed.
pub fn work() -> std::io::Result<()> {
    exit_with_parent();
    let options = crate::options::Options {
        on_ocr_page: Some(sign_of_life),
        // A crash of the engine's library costs this worker's document.
        ocr_in_process: true,
        ..crate::options::Options::from_env()
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    loop {
        let mut path = Vec::new();
        if input.read_until(0, &mut path)? == 0 {
            return Ok(());
        }
        if path.last() == Some(&0) {
            path.pop();
        }
        let record = pipeline::extract_file_with(&path_of(path), &options);
        let json = serde_json::to_string(&record).map_err(std::io::Error::other)?;
        // Locked only to write: OCR threads signal on stdout meanwhile.
        let mut out = std::io::stdout().lock();
        out.write_all(json.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
}

/// Tells the parent that the worker is busy, not hung: an empty line.
fn sign_of_life() {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(b"\n").and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("baocao-{name}-{}", std::process::id()))
    }

    fn script(name: &str, body: &str) -> PathBuf {
        let path = temp(&format!("{name}.sh"));
        std::fs::write(&path, format!("#!/bin/bash\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn workers(program: PathBuf, timeout: Duration) -> Workers {
        Workers::new(Isolation {
            program,
            timeout,
            env: Vec::new(),
        })
    }

    /// A fake worker that answers every path with one record line (read
    /// from `record`), logs its PID per request in `log`, and dies on a
    /// path containing "bad".
    fn fake_worker(name: &str) -> (PathBuf, PathBuf) {
        let record = temp(&format!("{name}.json"));
        let log = temp(&format!("{name}.log"));
        let rec = pipeline::failed(Source::default(), "fake", "from the fake worker");
        std::fs::write(&record, serde_json::to_string(&rec).unwrap() + "\n").unwrap();
        let _ = std::fs::remove_file(&log);
        let body = format!(
            "while IFS= read -r -d '' p; do\n  echo $$ >> '{}'\n  \
             [[ $p == *bad* ]] && kill -SEGV $$\n  cat '{}'\ndone",
            log.display(),
            record.display()
        );
        (script(name, &body), log)
    }

    fn pids(log: &Path) -> Vec<String> {
        std::fs::read_to_string(log)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_hanging_worker_is_stopped() {
        let pool = workers(script("hang", "sleep 30"), Duration::from_millis(200));
        let started = Instant::now();
        let rec = pool.extract(Path::new("slow.pdf")).record;
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(rec.error.map(|e| e.code), Some("timeout".to_string()));
        assert_eq!(rec.source.path, "slow.pdf");
    }

    #[test]
    fn a_dying_worker_is_a_crash_record() {
        let pool = workers(script("die", "kill -SEGV $$"), Duration::from_secs(10));
        let rec = pool.extract(Path::new("bad.pdf")).record;
        let error = rec.error.expect("an error");
        assert_eq!(error.code, "crashed");
        assert!(error.message.contains("signal"), "{}", error.message);
    }

    #[test]
    fn a_worker_serves_document_after_document() {
        let (program, log) = fake_worker("reuse");
        let pool = workers(program, Duration::from_secs(10));
        for name in ["a.txt", "b\nc.txt", "d.pdf"] {
            let rec = pool.extract(Path::new(name)).record;
            assert_eq!(rec.error.map(|e| e.code), Some("fake".to_string()));
        }
        let seen = pids(&log);
        assert_eq!(seen.len(), 3);
        assert!(seen.iter().all(|p| *p == seen[0]), "{seen:?}");
    }

    #[test]
    fn a_worker_is_retired_after_its_quota() {
        let (program, log) = fake_worker("retire");
        let mut pool = workers(program, Duration::from_secs(10));
        pool.retire_after = 2;
        for name in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
            pool.extract(Path::new(name));
        }
        let seen = pids(&log);
        assert_eq!(seen[0], seen[1]);
        assert_ne!(seen[1], seen[2]);
        assert_eq!(seen[2], seen[3]);
        assert_ne!(seen[3], seen[4]);
    }

    #[test]
    fn a_crashed_worker_is_replaced_and_the_next_document_is_read() {
        let (program, log) = fake_worker("replace");
        let pool = workers(program, Duration::from_secs(10));
        let codes: Vec<String> = ["a.txt", "bad.pdf", "c.txt"]
            .iter()
            .map(|name| pool.extract(Path::new(name)).record.error.unwrap().code)
            .collect();
        assert_eq!(codes, ["fake", "crashed", "fake"]);
        let seen = pids(&log);
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0], seen[1]);
        assert_ne!(seen[1], seen[2]);
    }

    #[test]
    fn the_worker_line_is_kept_as_written() {
        let (program, _) = fake_worker("line");
        let written = std::fs::read_to_string(temp("line.json")).unwrap();
        let done = workers(program, Duration::from_secs(10)).extract(Path::new("a.txt"));
        assert_eq!(done.line.map(|l| l + "\n"), Some(written));
    }

    #[test]
    fn a_worker_that_prints_garbage_is_a_crash_record() {
        let body = "while IFS= read -r -d '' p; do echo 'not json'; done";
        let pool = workers(script("garbage", body), Duration::from_secs(10));
        let rec = pool.extract(Path::new("x.txt")).record;
        assert_eq!(rec.error.map(|e| e.code), Some("crashed".to_string()));
    }
}
