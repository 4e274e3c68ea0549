//! Output stage: serialises records and writes them.
//!
//! Formats ([`Format`]): pretty JSON, JSON Lines, CSV and Parquet; the last
//! two are the tabular view of [`table`]. Destinations ([`Destination`]):
//! stdout, one file, or one pretty JSON file per input in a directory.
//! [`resolve_format`] holds the rules for which format goes where. Files are
//! written atomically ([`atomic`]): to a temporary file in the same
//! directory, renamed into place only once complete.
//!
//! The CSV and Parquet writers (modules `to_csv`, `to_parquet`) need the
//! `tabular` feature (on with the default `cli`); without it, [`Writer::open`]
//! refuses those formats with an `Unsupported` error. [`table`], the tidy
//! row view, is always there.

pub mod atomic;
pub mod resume;
pub mod table;
#[cfg(feature = "tabular")]
pub mod to_csv;
#[cfg(feature = "tabular")]
pub mod to_parquet;

pub use atomic::{write_atomic, AtomicFile};

use crate::model::Record;
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};
#[cfg(feature = "tabular")]
use to_csv::CsvWriter;
#[cfg(feature = "tabular")]
use to_parquet::{ParquetWriter, ROW_GROUP_ROWS};

/// One record as a single-line JSON object (no trailing newline).
///
/// ```
/// let record = baocao::extract_bytes("r.txt", "BÁO CÁO".as_bytes());
/// let line = baocao::to_json_line(&record);
/// assert!(line.starts_with("{\"schema_version\":1,"));
/// assert!(!line.contains('\n'));
/// ```
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

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Pretty-printed JSON: one object per file.
    Json,
    /// JSON Lines: one compact record per line.
    Jsonl,
    /// CSV: one row per report row ([`table::COLUMNS`]), header first.
    Csv,
    /// Parquet: the CSV columns, typed; needs a file.
    Parquet,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Json, Format::Jsonl, Format::Csv, Format::Parquet];

    /// The name on the command line (`json`, `jsonl`, `csv`, `parquet`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// Whether the format is the tabular view (one row per report row).
    pub fn is_tabular(self) -> bool {
        matches!(self, Format::Csv | Format::Parquet)
    }
}

/// The format an output file's extension names (case-insensitive):
/// `.parquet`, `.csv`, `.jsonl` or `.ndjson` (JSON Lines), `.json` (JSON,
/// which covers both one pretty object and JSON Lines); `None` for any other
/// extension or none.
pub fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "parquet" => Some(Format::Parquet),
        "csv" => Some(Format::Csv),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Whether a file whose extension names `named` may hold `format`: the same
/// format, or either JSON form in a `.json` file.
fn extension_agrees(named: Format, format: Format) -> bool {
    named == format || (named == Format::Json && format == Format::Jsonl)
}

/// The format to write: `requested` (`--format`), or the one the output
/// file's extension names ([`format_of_extension`]), or the default for the
/// destination. `inputs` is the number of files to extract and `single`
/// whether that is exactly one file named on the command line.
///
/// The extension rule: `.parquet`, `.csv` and `.jsonl` choose their format;
/// `.json` (and any other extension) leaves the default. A requested format
/// that the extension contradicts (`--format csv --output x.parquet`) is an
/// error naming `--format`.
///
/// The default: a directory gets pretty JSON files, a file gets one pretty
/// object for a single named input and JSON Lines otherwise, stdout gets
/// JSON Lines. Then: `json` to a file or stdout needs exactly one input; a
/// directory takes only `json`; `parquet` needs a file. The error is a
/// usage message.
pub fn resolve_format(
    requested: Option<Format>,
    dest: &Destination,
    inputs: usize,
    single: bool,
) -> Result<Format, String> {
    let named = match dest {
        Destination::File(path) => format_of_extension(path).map(|f| (path, f)),
        _ => None,
    };
    let chosen = requested.or(named.map(|(_, f)| f).filter(|f| *f != Format::Json));
    let Some(format) = chosen else {
        return Ok(match dest {
            Destination::Dir(_) => Format::Json,
            Destination::File(_) if single => Format::Json,
            Destination::File(_) | Destination::Stdout => Format::Jsonl,
        });
    };
    if let Some((path, named)) = named.filter(|(_, named)| !extension_agrees(*named, format)) {
        return Err(format!(
            "--output {}: the extension says {}, but --format {} was asked for; \
             use --format {} or an output file ending in .{}",
            path.display(),
            named.name(),
            format.name(),
            named.name(),
            format.name()
        ));
    }
    match (format, dest) {
        (Format::Json, Destination::Dir(_)) => Ok(format),
        (_, Destination::Dir(_)) => Err(format!(
            "--output-dir writes one JSON file per input; --format {} needs --output FILE{}",
            format.name(),
            if format == Format::Parquet {
                ""
            } else {
                " or stdout"
            }
        )),
        (Format::Json, _) if inputs != 1 => Err(format!(
            "--format json writes one JSON object, but there are {inputs} inputs; \
             use --format jsonl (JSON Lines) or --output-dir DIR"
        )),
        (Format::Parquet, Destination::Stdout) => {
            Err("--format parquet needs --output FILE".to_string())
        }
        _ => Ok(format),
    }
}

/// Writes records, in order, to a [`Destination`] in a [`Format`].
pub struct Writer {
    mode: Mode,
}

/// Where a stream of bytes goes: stdout (flushed after each record, for
/// pipes) or an atomic file.
enum Sink {
    Stdout(BufWriter<StdoutLock<'static>>),
    File(AtomicFile),
}

impl Sink {
    fn open(dest: &Destination) -> Result<Self, OutputError> {
        match dest {
            Destination::File(path) => Ok(Sink::File(AtomicFile::create(path).map_err(at(path))?)),
            _ => Ok(Sink::Stdout(BufWriter::new(io::stdout().lock()))),
        }
    }

    fn path(&self) -> PathBuf {
        match self {
            Sink::Stdout(_) => PathBuf::from("<stdout>"),
            Sink::File(file) => file.dest().to_path_buf(),
        }
    }

    /// Flushes stdout after a record; a file is left to its buffer.
    fn end_record(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(_) => Ok(()),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::File(file) => file.commit(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(file) => file.flush(),
        }
    }
}

enum Mode {
    Json {
        out: Sink,
        pretty: bool,
    },
    #[cfg(feature = "tabular")]
    Csv {
        out: CsvWriter<Sink>,
        path: PathBuf,
        stdout: bool,
    },
    #[cfg(feature = "tabular")]
    Parquet {
        out: ParquetWriter,
        path: PathBuf,
    },
    Dir {
        dir: PathBuf,
        names: Vec<OutputName>,
    },
}

impl Writer {
    /// Prepares `dest` for `files` in `format` (creating the output file or
    /// directory up front, so an unwritable destination fails before any
    /// work). Pass the format [`resolve_format`] chose; a combination it
    /// refuses (Parquet to stdout, a tabular format to a directory) is an
    /// `InvalidInput` error; CSV and Parquet without the `tabular` feature
    /// are an `Unsupported` one.
    pub fn open(
        dest: &Destination,
        format: Format,
        files: &[PathBuf],
    ) -> Result<Self, OutputError> {
        let mode = match (dest, format) {
            (Destination::Dir(dir), Format::Json) => {
                fs::create_dir_all(dir).map_err(at(dir))?;
                Mode::Dir {
                    dir: dir.clone(),
                    names: unique_names(files),
                }
            }
            (Destination::Dir(dir), _) => {
                return Err(OutputError {
                    path: dir.clone(),
                    source: io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("a directory takes only JSON, not {}", format.name()),
                    ),
                })
            }
            (_, Format::Json | Format::Jsonl) => Mode::Json {
                out: Sink::open(dest)?,
                pretty: format == Format::Json,
            },
            #[cfg(not(feature = "tabular"))]
            (_, Format::Csv | Format::Parquet) => {
                return Err(OutputError {
                    path: PathBuf::from("<output>"),
                    source: io::Error::new(
                        io::ErrorKind::Unsupported,
                        format!(
                            "{} needs baocao built with the `tabular` feature",
                            format.name()
                        ),
                    ),
                })
            }
            #[cfg(feature = "tabular")]
            (_, Format::Csv) => {
                let out = Sink::open(dest)?;
                let path = out.path();
                Mode::Csv {
                    stdout: matches!(out, Sink::Stdout(_)),
                    out: CsvWriter::new(out).map_err(at(&path))?,
                    path,
                }
            }
            #[cfg(feature = "tabular")]
            (Destination::File(path), Format::Parquet) => {
                let file = AtomicFile::create(path).map_err(at(path))?;
                Mode::Parquet {
                    out: ParquetWriter::new(file, ROW_GROUP_ROWS).map_err(at(path))?,
                    path: path.clone(),
                }
            }
            #[cfg(feature = "tabular")]
            (Destination::Stdout, Format::Parquet) => {
                return Err(OutputError {
                    path: PathBuf::from("<stdout>"),
                    source: io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "Parquet needs an output file",
                    ),
                })
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
            Mode::Json { out, pretty } => {
                let text = if *pretty {
                    to_json_pretty(record)
                } else {
                    let mut line = to_json_line(record);
                    line.push('\n');
                    line
                };
                out.write_all(text.as_bytes())
                    .and_then(|()| out.end_record())
                    .map_err(|e| OutputError {
                        path: out.path(),
                        source: e,
                    })
            }
            #[cfg(feature = "tabular")]
            Mode::Csv { out, path, stdout } => out
                .write(record)
                .and_then(|_| if *stdout { out.flush() } else { Ok(()) })
                .map_err(at(path)),
            #[cfg(feature = "tabular")]
            Mode::Parquet { out, path } => out.write(record).map(|_| ()).map_err(at(path)),
            Mode::Dir { dir, names } => {
                let name = names.get(index).map_or("input", |n| n.name.as_str());
                let path = dir.join(format!("{name}.json"));
                write_atomic(&path, to_json_pretty(record).as_bytes()).map_err(at(&path))
            }
        }
    }

    /// True when records go out as JSON Lines (what [`Writer::write_line`] takes).
    pub fn is_json_lines(&self) -> bool {
        matches!(self.mode, Mode::Json { pretty: false, .. })
    }

    /// Writes one record already serialised as a JSON line (without its
    /// newline): a line an earlier run wrote (`--resume`) or a worker's
    /// (JSON Lines only).
    pub fn write_line(&mut self, line: &str) -> Result<(), OutputError> {
        match &mut self.mode {
            Mode::Json { out, pretty: false } => out
                .write_all(line.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.end_record())
                .map_err(|e| OutputError {
                    path: out.path(),
                    source: e,
                }),
            _ => Err(OutputError {
                path: PathBuf::from("<output>"),
                source: io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "earlier records can only be kept in JSON Lines",
                ),
            }),
        }
    }

    /// Flushes and, for a file destination, moves the file into place.
    pub fn finish(self) -> Result<(), OutputError> {
        match self.mode {
            Mode::Json { out, .. } => {
                let path = out.path();
                out.finish().map_err(at(&path))
            }
            #[cfg(feature = "tabular")]
            Mode::Csv { out, path, .. } => {
                out.into_inner().and_then(Sink::finish).map_err(at(&path))
            }
            #[cfg(feature = "tabular")]
            Mode::Parquet { out, path } => out.commit().map_err(at(&path)),
            Mode::Dir { .. } => Ok(()),
        }
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
    fn formats_default_by_destination() {
        let file = Destination::File(PathBuf::from("x"));
        let dir = Destination::Dir(PathBuf::from("d"));
        let out = Destination::Stdout;
        assert_eq!(resolve_format(None, &out, 1, true), Ok(Format::Jsonl));
        assert_eq!(resolve_format(None, &file, 1, true), Ok(Format::Json));
        assert_eq!(resolve_format(None, &file, 1, false), Ok(Format::Jsonl));
        assert_eq!(resolve_format(None, &dir, 3, false), Ok(Format::Json));
    }

    #[test]
    fn explicit_formats_go_where_they_can() {
        let file = Destination::File(PathBuf::from("x"));
        let dir = Destination::Dir(PathBuf::from("d"));
        let out = Destination::Stdout;
        for format in Format::ALL {
            assert_eq!(resolve_format(Some(format), &file, 1, true), Ok(format));
            assert_eq!(
                resolve_format(Some(format), &dir, 2, false).is_ok(),
                format == Format::Json
            );
        }
        assert_eq!(
            resolve_format(Some(Format::Json), &out, 1, false),
            Ok(Format::Json)
        );
        assert!(resolve_format(Some(Format::Json), &file, 2, false).is_err());
        assert!(resolve_format(Some(Format::Json), &out, 0, false).is_err());
        assert_eq!(
            resolve_format(Some(Format::Jsonl), &file, 1, true),
            Ok(Format::Jsonl)
        );
        assert_eq!(
            resolve_format(Some(Format::Csv), &out, 5, false),
            Ok(Format::Csv)
        );
        assert!(resolve_format(Some(Format::Parquet), &out, 1, true).is_err());
    }

    #[test]
    fn the_extension_chooses_the_format() {
        let file = |name: &str| Destination::File(PathBuf::from(name));
        let resolve = |name: &str, inputs| resolve_format(None, &file(name), inputs, inputs == 1);
        assert_eq!(resolve("x.parquet", 1), Ok(Format::Parquet));
        assert_eq!(resolve("x.PARQUET", 3), Ok(Format::Parquet));
        assert_eq!(resolve("x.csv", 3), Ok(Format::Csv));
        assert_eq!(resolve("x.jsonl", 1), Ok(Format::Jsonl));
        assert_eq!(resolve("x.ndjson", 2), Ok(Format::Jsonl));
        assert_eq!(resolve("x.json", 1), Ok(Format::Json));
        assert_eq!(resolve("x.json", 2), Ok(Format::Jsonl));
        assert_eq!(resolve("x.out", 2), Ok(Format::Jsonl));
    }

    #[test]
    fn a_format_the_extension_contradicts_is_refused() {
        let file = |name: &str| Destination::File(PathBuf::from(name));
        let resolve = |f, name: &str| resolve_format(Some(f), &file(name), 2, false);
        let err = resolve(Format::Jsonl, "x.parquet").expect_err("contradiction");
        assert!(err.contains("--format parquet"), "{err}");
        assert!(resolve(Format::Csv, "x.parquet").is_err());
        assert!(resolve(Format::Parquet, "x.csv").is_err());
        assert!(resolve(Format::Csv, "x.json").is_err());
        assert_eq!(resolve(Format::Jsonl, "x.json"), Ok(Format::Jsonl));
        assert_eq!(resolve(Format::Csv, "x.txt"), Ok(Format::Csv));
        assert_eq!(resolve(Format::Parquet, "x.parquet"), Ok(Format::Parquet));
    }

    #[cfg(not(feature = "tabular"))]
    #[test]
    fn tabular_formats_need_the_tabular_feature() {
        let dest = Destination::File(PathBuf::from("never-written.csv"));
        for format in [Format::Csv, Format::Parquet] {
            let err = Writer::open(&dest, format, &[]).err().expect("refused");
            assert_eq!(err.source.kind(), io::ErrorKind::Unsupported);
        }
        assert!(!Path::new("never-written.csv").exists());
    }

    #[test]
    fn stems_compare_case_insensitively() {
        assert_eq!(names(&["A.txt", "a.txt"]), ["A", "a-2"]);
    }
}
