//! The `baocao` command line: argument parsing, the `extract` run and the
//! `text` dump.
//!
//! The binary is a thin shell over [`run`]; everything it does is here, on
//! top of the crate's batch runner and output writers.

mod extract;
mod notes;
mod progress;
mod text;

use crate::output::Format;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when every input was extracted.
pub const EXIT_OK: u8 = 0;
/// Exit code when at least one input failed (its error record is written).
pub const EXIT_FAILED_INPUT: u8 = 1;
/// Exit code for bad usage or an unwritable output.
pub const EXIT_USAGE: u8 = 2;

/// Turns Vietnamese administrative-reform (CCHC) reports into JSON records.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one record per report (JSON, JSON Lines, CSV or Parquet).
    Extract(ExtractArgs),
    /// Print a document's normalised plain text in reading order.
    ///
    /// One line per line the detector reads: table rows as tab-separated
    /// cells, a form feed (U+000C) at the start of each new page's first
    /// line. Errors go to stderr with their code; the exit code is then 1.
    Text(TextArgs),
    /// Extract the files named on stdin (NUL-terminated) and print one
    /// record line for each (used by `extract` to isolate documents from
    /// the main process).
    #[command(hide = true)]
    Worker,
}

/// Options of `baocao extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Report files or directories (recursed; supported extensions only).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,

    /// Also read input paths from FILE, one per line ("-": standard
    /// input), after the PATH arguments; blank lines are skipped. Composes
    /// with `find … -print`, `xargs` and job schedulers.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// Write to FILE (atomically). Without --format, the extension chooses:
    /// .parquet, .csv, .jsonl; else (.json or any other) one pretty JSON
    /// object for a single input file, JSON Lines otherwise. A --format the
    /// extension contradicts is a usage error. Without an output option,
    /// the output goes to stdout (JSON Lines unless --format says).
    #[arg(long, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,

    /// Write one pretty DIR/STEM.json per input (DIR is created). JSON
    /// only.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Output format [default: from the extension or the destination, see
    /// --output].
    ///
    /// json: pretty records; to stdout or --output only for exactly one
    /// input, with --output-dir one file per input.
    ///
    /// jsonl: one record per line, to stdout or --output.
    ///
    /// csv: one row per table row, header first, to stdout or --output.
    ///
    /// parquet: the csv columns, typed; --output FILE only.
    ///
    /// csv and parquet have no row for a failed input (reported on stderr,
    /// exit code 1) or a report without table rows (a note on stderr).
    /// Other combinations are usage errors (exit code 2).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Documents extracted in parallel [default: available cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub jobs: Option<u32>,

    /// Never draw the progress bar.
    #[arg(long)]
    pub no_progress: bool,

    /// List every note on stderr (inputs sharing a stem, reports without
    /// table rows) instead of one line with a count per kind, and name each
    /// input in which no indicator table was found.
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// Stop a document's extraction after SECONDS (it gets a `timeout`
    /// error record).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = parse_timeout)]
    pub timeout: f64,

    /// With --output FILE (JSON Lines): keep FILE's records and extract only
    /// the inputs it has no record of with the same path and bytes (by
    /// SHA-256), or whose record is an error. The new FILE holds the kept
    /// records, then the new ones in input order; it replaces the old one
    /// atomically at the end. Meanwhile each new record is also appended to
    /// FILE.journal, so a killed run keeps its progress: the next --resume
    /// reads FILE and FILE.journal, and removes the journal once done.
    #[arg(long, requires = "output")]
    pub resume: bool,

    /// Extract in this process instead of in worker processes (a crash in a
    /// parser then stops the run, and `--timeout` does not apply).
    #[arg(long)]
    pub in_process: bool,

    /// When scanned pages are read by OCR (Tesseract with its Vietnamese
    /// model, if installed). auto: pages without a text layer, one
    /// full-page image under at most a stamp's text, or a scan whose own
    /// text layer is poor (words that spell no Vietnamese syllable; ours
    /// replaces it when clearly better). always: also pages
    /// whose text layer is a scanner's own OCR. never: no OCR (a scan is a
    /// `no_text_layer` error). OCR costs about 1 s per page and core; with worker
    /// processes, `--timeout` then counts per page read.
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub ocr: String,

    /// Directory of the OCR cache: each page image read is kept there, so a
    /// rerun (e.g. `--resume`) never reads a page twice [default:
    /// $XDG_CACHE_HOME/baocao/ocr, else ~/.cache/baocao/ocr].
    #[arg(long, value_name = "DIR", conflicts_with = "no_ocr_cache")]
    pub ocr_cache: Option<PathBuf>,

    /// Read every scanned page afresh: no OCR cache.
    #[arg(long)]
    pub no_ocr_cache: bool,
}

/// Options of `baocao text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The document (any supported format).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Print the text as read, before normalisation (no legacy-font
    /// decoding, no NFC).
    #[arg(long)]
    pub raw: bool,
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

/// `--timeout`: seconds, more than 0 and at most a day (86400).
fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() && v <= 86_400.0 => Ok(v),
        Ok(v) if v <= 0.0 => {
            Err("the time limit must be more than 0 seconds (e.g. 60; at most 86400)".into())
        }
        _ => Err("expected a number of seconds, more than 0 and at most 86400".into()),
    }
}

/// Parses `args` (program name first) and runs the command. Never exits the
/// process itself; returns the exit code for `main` to return.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => match cli.command {
            Command::Extract(args) => ExitCode::from(extract::run(&args)),
            Command::Text(args) => ExitCode::from(text::run(&args)),
            Command::Worker => match crate::isolate::work() {
                Ok(()) => ExitCode::from(EXIT_OK),
                Err(_) => ExitCode::from(EXIT_USAGE),
            },
        },
        Err(e) => {
            // Help and version go to stdout with code 0; usage errors to
            // stderr with code 2.
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE))
        }
    }
}
