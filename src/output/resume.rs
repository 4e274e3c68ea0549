//! Resuming a run: the records an earlier run left in a JSON Lines file,
//! so inputs already extracted (same path, same bytes) are not done again.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead};
use std::path::Path;

/// An earlier record: its path, hash, whether it failed, and its line.
#[derive(Debug)]
struct Earlier {
    path: String,
    sha256: String,
    failed: bool,
    line: String,
}

/// The records of an earlier run, as written.
#[derive(Debug, Default)]
pub struct Done {
    records: Vec<Earlier>,
    /// `source.path` → index of its last record.
    last: HashMap<String, usize>,
}

impl Done {
    /// Reads a JSON Lines output; a missing file is an empty run. Lines
    /// that are not records are dropped (an atomic writer never leaves a
    /// cut-off one, but a hand-edited file might).
    pub fn read(path: &Path) -> io::Result<Done> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Done::default()),
            Err(e) => return Err(e),
        };
        let mut done = Done::default();
        for line in io::BufReader::new(file).lines() {
            let line = line?;
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let source = &value["source"];
            let (Some(p), Some(sha)) = (source["path"].as_str(), source["sha256"].as_str()) else {
                continue;
            };
            done.last.insert(p.to_string(), done.records.len());
            done.records.push(Earlier {
                path: p.to_string(),
                sha256: sha.to_string(),
                failed: !value["error"].is_null(),
                line,
            });
        }
        Ok(done)
    }

    /// Whether `path` already has a record of these bytes (by SHA-256)
    /// that did not fail: such an input need not be extracted again.
    pub fn has(&self, path: &str, sha256: &str) -> bool {
        self.last.get(path).is_some_and(|&i| {
            let r = &self.records[i];
            r.sha256 == sha256 && !r.failed
        })
    }

    /// The lines to keep when the paths in `redone` are extracted again:
    /// each other path's last record, in file order.
    pub fn kept<'a>(&'a self, redone: &'a BTreeSet<String>) -> impl Iterator<Item = &'a str> + 'a {
        let last: BTreeSet<usize> = self.last.values().copied().collect();
        last.into_iter()
            .map(|i| &self.records[i])
            .filter(|r| !redone.contains(&r.path))
            .map(|r| r.line.as_str())
    }

    /// How many paths the earlier run has a record for.
    pub fn len(&self) -> usize {
        self.last.len()
    }

    /// Whether the earlier run left no record.
    pub fn is_empty(&self) -> bool {
        self.last.is_empty()
    }
}
