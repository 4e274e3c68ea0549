//! Output stage: serialises records as JSON and writes them.
//!
//! Three destinations: JSON Lines on stdout, one file (a single pretty
//! object, or JSON Lines for several records), or one pretty file per input
//! in a directory. Files are written atomically: to a temporary file in the
//! same directory, renamed into place only once complete.

use crate::model::Record;
use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};

/// One record as a single-line JSON object (no trailing newline).
pub fn to_json_line(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// One record as an indented JSON object, with a trailing newline.
pub fn to_json_pretty(record: &Record) -> String {
    let mut text =
        serde_json::to_string_pretty(record).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Where records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// JSON Lines on standard output.
    Stdout,
    /// One file: a pretty object for a single record, else JSON Lines.
    File(PathBuf),
    /// One pretty `<stem>.json` per input in this directory.
    Dir(PathBuf),
}

/// A failure to write output, naming the path concerned.
#[derive(Debug)]
pub struct OutputError {
    /// The file or directory that could not be written.
    pub path: PathBuf,
    /// The underlying error.
    pub source: io::Error,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError {
        path: path.to_path_buf(),
        source,
    }
}

/// The output file name (without `.json`) for each input, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputName {
    /// The input's file stem.
    pub stem: String,
    /// The name used: the stem, or `stem-2`, `stem-3` … when already taken.
    pub name: String,
}

/// Unique output names for `files`, deterministic in input order: the first
/// input with a stem gets it, later ones get the first free `stem-N` (N ≥ 2).
/// Names are compared case-insensitively, so the result is also safe on
/// case-insensitive file systems.
pub fn unique_names(files: &[PathBuf]) -> Vec<OutputName> {
    let mut taken: HashSet<String> = HashSet::new();
    files
        .iter()
        .map(|file| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty() && s != "." && s != "..")
                .unwrap_or_else(|| "input".to_string());
            let mut name = stem.clone();
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            OutputName { stem, name }
        })
        .collect()
}

/// Writes records, in order, to a [`Destination`].
pub struct Writer {
    mode: Mode,
}

enum Mode {
    Stdout(BufWriter<StdoutLock<'static>>),
    Lines(AtomicFile),
    Object(AtomicFile),
    Dir {
        dir: PathBuf,
        names: Vec<OutputName>,
    },
}

impl Writer {
    /// Prepares `dest` for `files` (creating the output file or directory
    /// up front, so an unwritable destination fails before any work).
    /// `single` asks for one pretty object instead of JSON Lines in a file.
    pub fn open(dest: &Destination, files: &[PathBuf], single: bool) -> Result<Self, OutputError> {
        let mode = match dest {
            Destination::Stdout => Mode::Stdout(BufWriter::new(io::stdout().lock())),
            Destination::File(path) => {
                let file = AtomicFile::create(path).map_err(at(path))?;
                if single {
                    Mode::Object(file)
                } else {
                    Mode::Lines(file)
                }
            }
            Destination::Dir(dir) => {
                fs::create_dir_all(dir).map_err(at(dir))?;
                Mode::Dir {
                    dir: dir.clone(),
                    names: unique_names(files),
                }
            }
        };
        Ok(Writer { mode })
    }

    /// Output names that differ from their input's stem (directory output).
    pub fn renamed(&self) -> Vec<&OutputName> {
        match &self.mode {
            Mode::Dir { names, .. } => names.iter().filter(|n| n.name != n.stem).collect(),
            _ => Vec::new(),
        }
    }

    /// Writes the record of input number `index`.
    pub fn write(&mut self, index: usize, record: &Record) -> Result<(), OutputError> {
        match &mut self.mode {
            Mode::Stdout(out) => {
                let line = to_json_line(record);
                writeln!(out, "{line}")
                    .and_then(|()| out.flush())
                    .map_err(at(Path::new("<stdout>")))
            }
            Mode::Lines(file) => {
                let line = to_json_line(record);
                let dest = file.dest.clone();
                writeln!(file, "{line}").map_err(at(&dest))
            }
            Mode::Object(file) => {
                let dest = file.dest.clone();
                file.write_all(to_json_pretty(record).as_bytes())
                    .map_err(at(&dest))
            }
            Mode::Dir { dir, names } => {
                let name = names.get(index).map_or("input", |n| n.name.as_str());
                let path = dir.join(format!("{name}.json"));
                write_atomic(&path, to_json_pretty(record).as_bytes()).map_err(at(&path))
            }
        }
    }

    /// Flushes and, for a file destination, moves the file into place.
    pub fn finish(self) -> Result<(), OutputError> {
        match self.mode {
            Mode::Stdout(mut out) => out.flush().map_err(at(Path::new("<stdout>"))),
            Mode::Lines(file) | Mode::Object(file) => {
                let dest = file.dest.clone();
                file.commit().map_err(at(&dest))
            }
            Mode::Dir { .. } => Ok(()),
        }
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file written under a temporary name beside its destination and renamed
/// into place by [`AtomicFile::commit`]; dropped uncommitted, it is removed.
pub struct AtomicFile {
    dest: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `dest`. Fails when `dest` is a
    /// directory or its directory cannot be written.
    pub fn create(dest: &Path) -> io::Result<Self> {
        if dest.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "is a directory",
            ));
        }
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let base = format!(".{}.{}", name.to_string_lossy(), std::process::id());
        let mut attempt = 0u32;
        loop {
            let temp = dir.join(format!("{base}.{attempt}.tmp"));
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    return Ok(AtomicFile {
                        dest: dest.to_path_buf(),
                        temp,
                        out: Some(BufWriter::new(file)),
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Flushes, syncs and renames the file to its destination.
    pub fn commit(mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("file already committed"))?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&self.temp, &self.dest)
    }

    fn out(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("file already committed"))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Uncommitted (an error happened): leave nothing behind.
        // After a failed commit the rename did not happen, so the same holds.
        let _ = fs::remove_file(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[&str]) -> Vec<String> {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        unique_names(&files).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn stems_are_made_unique_in_input_order() {
        assert_eq!(
            names(&[
                "a/report.txt",
                "b/report.md",
                "report-2.txt",
                "c/report.txt"
            ]),
            ["report", "report-2", "report-2-2", "report-3"]
        );
    }

    #[test]
    fn stems_compare_case_insensitively() {
        assert_eq!(names(&["A.txt", "a.txt"]), ["A", "a-2"]);
    }

    #[test]
    fn atomic_file_leaves_nothing_when_dropped() {
        let dir = std::env::temp_dir().join(format!("baocao-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        let dest = dir.join("x.json");
        {
            let mut f = AtomicFile::create(&dest).expect("create");
            f.write_all(b"partial").expect("write");
        }
        assert!(!dest.exists());
        assert_eq!(fs::read_dir(&dir).expect("list").count(), 0);
        write_atomic(&dest, b"{}\n").expect("write");
        assert_eq!(fs::read(&dest).expect("read"), b"{}\n");
        let _ = fs::remove_dir_all(&dir);
    }
}
