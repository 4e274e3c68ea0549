//! Resuming a run: the records an earlier run left, so inputs already
//! extracted (same path, same bytes) are not done again.
//!
//! Two files hold them: the output of the last finished run, and its
//! journal ([`journal_path`]), where a run with `--resume` appends each
//! record as soon as it is written. A killed run leaves the output as it was
//! and its progress in the journal; the next run reads both, and once it
//! finishes, the journal's records are in the new output and the journal is
//! removed. Only an index (path, hash, where the line is) is held in
//! memory, never the records.

use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The journal that goes with `output`: its path with `.journal` added.
pub fn journal_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// What is read of an earlier record: its source and whether it failed.
#[derive(Deserialize)]
struct Head {
    source: HeadSource,
    #[serde(default)]
    error: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct HeadSource {
    path: String,
    sha256: String,
}

/// Where an earlier record is: which file, at what byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    file: usize,
    offset: u64,
}

/// An earlier record's identity.
#[derive(Debug)]
struct Earlier {
    sha256: String,
    failed: bool,
    place: Place,
}

/// The records of earlier runs, indexed by path.
#[derive(Debug, Default)]
pub struct Done {
    /// The files read, in order; later ones hold later records.
    files: Vec<PathBuf>,
    /// `source.path` → its last record.
    last: HashMap<String, Earlier>,
}

impl Done {
    /// Reads JSON Lines files of records, in order; a missing file holds
    /// none. Lines that are not records are dropped (a run killed while
    /// writing its journal leaves a cut-off last line).
    pub fn read(paths: &[&Path]) -> io::Result<Done> {
        let mut done = Done::default();
        for path in paths {
            let file = match File::open(path) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let index = done.files.len();
            done.files.push(path.to_path_buf());
            for_each_line(file, |offset, line| {
                if let Ok(head) = serde_json::from_slice::<Head>(line) {
                    let place = Place {
                        file: index,
                        offset,
                    };
                    done.last.insert(
                        head.source.path,
                        Earlier {
                            sha256: head.source.sha256,
                            failed: head.error.is_some(),
                            place,
                        },
                    );
                }
                Ok::<(), io::Error>(())
            })?;
        }
        Ok(done)
    }

    /// Whether `path` has an earlier record at all.
    pub fn knows(&self, path: &str) -> bool {
        self.last.contains_key(path)
    }

    /// Whether `path` already has a record of these bytes (by SHA-256)
    /// that did not fail: such an input need not be extracted again.
    pub fn has(&self, path: &str, sha256: &str) -> bool {
        self.last
            .get(path)
            .is_some_and(|r| r.sha256 == sha256 && !r.failed)
    }

    /// Hands `keep` the lines to keep when the paths in `redone` are
    /// extracted again: each other path's last record, in file order.
    /// Reads the files again, streaming.
    pub fn copy_kept<E: From<io::Error>>(
        &self,
        redone: &BTreeSet<String>,
        mut keep: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        let places: BTreeSet<Place> = self
            .last
            .iter()
            .filter(|(path, _)| !redone.contains(*path))
            .map(|(_, r)| r.place)
            .collect();
        for (index, path) in self.files.iter().enumerate() {
            let wanted: BTreeSet<u64> = places
                .iter()
                .filter(|p| p.file == index)
                .map(|p| p.offset)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            for_each_line(File::open(path)?, |offset, line| -> Result<(), E> {
                if wanted.contains(&offset) {
                    // A record line parsed as JSON, so it is UTF-8.
                    keep(&String::from_utf8_lossy(line))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// How many paths earlier runs have a record for.
    #[cfg(test)]
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.last.len()
    }
}

/// Calls `f(offset, line)` for every line of `file` (without its newline).
fn for_each_line<E: From<io::Error>>(
    file: File,
    mut f: impl FnMut(u64, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut offset = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(());
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        f(offset, text)?;
        offset += n as u64;
    }
}

/// A run's journal: records appended one line at a time as they are
/// written, each flushed to the operating system, so a killed run keeps
/// every record it finished.
pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Opens (or creates) the journal at `path` for appending. A cut-off
    /// last line left by a killed run is ended first, so it stays one
    /// unreadable line instead of spoiling the next record.
    pub fn open(path: &Path) -> io::Result<Journal> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        let len = file.seek(SeekFrom::End(0))?;
        if len > 0 {
            file.seek(SeekFrom::Start(len - 1))?;
            let mut last = [0u8];
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
            }
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record line.
    pub fn append(&mut self, line: &str) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        self.file.write_all(&bytes)
    }

    /// Removes the journal once its records are safely in the output.
    pub fn remove(self) -> io::Result<()> {
        drop(self.file);
        std::fs::remove_file(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("baocao-resume-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn record(path: &str, sha: &str, error: bool) -> String {
        let error = if error {
            r#"{"code":"io","message":"x"}"#
        } else {
            "null"
        };
        format!(
            r#"{{"source":{{"path":"{path}","sha256":"{sha}","bytes":1}},"tables":[],"error":{error}}}"#
        )
    }

    fn kept(done: &Done, redone: &[&str]) -> Vec<String> {
        let redone = redone.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        done.copy_kept::<io::Error>(&redone, |l| {
            out.push(l.to_string());
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn later_records_win_and_lines_come_back_in_file_order() {
        let dir = temp("order");
        let (out, journal) = (dir.join("out.jsonl"), dir.join("out.jsonl.journal"));
        let lines = [
            record("a", "1", false),
            record("b", "2", true),
            record("c", "3", false),
        ];
        std::fs::write(&out, lines.join("\n") + "\n").unwrap();
        let newer_b = record("b", "2", false);
        // A killed run: b redone, then a cut-off line.
        std::fs::write(&journal, format!("{newer_b}\n{{\"source\":{{\"pa")).unwrap();
        let done = Done::read(&[&out, &journal, &dir.join("missing")]).unwrap();
        assert_eq!(done.len(), 3);
        assert!(done.has("a", "1") && done.has("b", "2") && done.has("c", "3"));
        assert!(!done.has("a", "9") && !done.has("d", "1"));
        assert!(done.knows("c") && !done.knows("d"));
        assert_eq!(
            kept(&done, &[]),
            [lines[0].clone(), lines[2].clone(), newer_b.clone()]
        );
        assert_eq!(kept(&done, &["a"]), [lines[2].clone(), newer_b]);
    }

    #[test]
    fn a_failed_record_is_not_done() {
        let dir = temp("failed");
        let out = dir.join("out.jsonl");
        std::fs::write(&out, record("a", "1", true) + "\n").unwrap();
        let done = Done::read(&[&out]).unwrap();
        assert!(done.knows("a") && !done.has("a", "1"));
    }

    #[test]
    fn the_journal_ends_a_cut_off_line_before_appending() {
        let dir = temp("journal");
        let path = journal_path(&dir.join("out.jsonl"));
        assert_eq!(path, dir.join("out.jsonl.journal"));
        std::fs::write(&path, "{\"cut").unwrap();
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&record("a", "1", false)).unwrap();
        drop(journal);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("{{\"cut\n{}\n", record("a", "1", false)));
        let done = Done::read(&[&path]).unwrap();
        assert!(done.has("a", "1"));
        Journal::open(&path).unwrap().remove().unwrap();
        assert!(!path.exists());
    }
}
