//! Runs one extraction in a worker process (the binary re-running itself
//! with the hidden `worker` subcommand) under a time limit, so that a stack
//! overflow, an abort or a hang in a third-party parser costs one error
//! record, never the batch.

use crate::model::{Record, Source};
use crate::pipeline;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How documents are isolated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The program to run as worker (normally the current executable).
    pub program: PathBuf,
    /// Longest time one document may take.
    pub timeout: Duration,
}

/// How often a running worker is checked.
const POLL: Duration = Duration::from_millis(5);

fn failure(path: &Path, code: &str, message: String) -> Record {
    let source = Source {
        path: path.to_string_lossy().into_owned(),
        format: path
            .extension()
            .map_or("unknown".into(), |e| e.to_string_lossy().to_lowercase()),
        ..Source::default()
    };
    pipeline::failed(source, code, message)
}

/// Times a worker start is retried when the program is busy (ETXTBSY: a
/// process forked elsewhere in this program still held it open for writing).
const SPAWN_ATTEMPTS: u32 = 5;

fn spawn_worker(path: &Path, iso: &Isolation) -> std::io::Result<std::process::Child> {
    let mut attempt = 1;
    loop {
        let spawned = Command::new(&iso.program)
            .arg("worker")
            .arg(path)
            .stdin(Stdio::null())
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
            other => return other,
        }
    }
}

/// Extracts `path` in a worker process; a worker that crashes, hangs past
/// the time limit or prints no record yields an error record.
pub fn extract(path: &Path, iso: &Isolation) -> Record {
    let mut child = match spawn_worker(path, iso) {
        Ok(child) => child,
        Err(e) => {
            return failure(
                path,
                "internal",
                format!("cannot start a worker process: {e}"),
            )
        }
    };
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= iso.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(POLL),
            Err(_) => break None,
        }
    };
    let Some(status) = status else {
        // The reader thread is left to end when the pipe closes: a process
        // the worker started may still hold it open.
        return failure(
            path,
            "timeout",
            format!(
                "extraction took longer than {} s and was stopped",
                iso.timeout.as_secs_f64()
            ),
        );
    };
    let out = reader.join().unwrap_or_default();
    match serde_json::from_slice::<Record>(&out) {
        Ok(record) => record,
        Err(_) => failure(
            path,
            "crashed",
            format!("the extraction process died ({status}); the file may be malformed"),
        ),
    }
}

/// The worker side: extracts one file and prints its record as one line.
pub fn work(path: &Path) -> std::io::Result<()> {
    let record = pipeline::extract_file(path);
    let json = serde_json::to_string(&record).map_err(std::io::Error::other)?;
    println!("{json}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn script(name: &str, body: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("baocao-{name}-{}.sh", std::process::id()));
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn a_hanging_worker_is_stopped() {
        let iso = Isolation {
            program: script("hang", "sleep 30"),
            timeout: Duration::from_millis(200),
        };
        let started = Instant::now();
        let rec = extract(Path::new("slow.pdf"), &iso);
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(rec.error.map(|e| e.code), Some("timeout".to_string()));
        assert_eq!(rec.source.path, "slow.pdf");
    }

    #[test]
    fn a_dying_worker_is_a_crash_record() {
        let iso = Isolation {
            program: script("die", "kill -SEGV $$"),
            timeout: Duration::from_secs(10),
        };
        let rec = extract(Path::new("bad.pdf"), &iso);
        assert_eq!(rec.error.map(|e| e.code), Some("crashed".to_string()));
    }
}
