//! `baocao extract`: discover inputs, extract in parallel, write in order.

use super::notes::Notes;
use super::{progress, ExtractArgs, EXIT_FAILED_INPUT, EXIT_OK, EXIT_USAGE};
use crate::batch::{self, Extracted, Summary};
use crate::isolate::Isolation;
use crate::model::Record;
use crate::options::Options;
use crate::output::resume::{journal_path, Done, Journal};
use crate::output::{
    format_of_extension, resolve_format, to_json_line, Destination, Format, OutputError, Writer,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs the extraction and returns the process exit code.
pub fn run(args: &ExtractArgs) -> u8 {
    let started = Instant::now();
    let Plan {
        files,
        dest,
        format,
        mut writer,
        mut journal,
    } = match plan(args) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    stem_notes(&writer).print(args.verbose, |n| {
        format!(
            "{n} inputs share a stem with an earlier one; written as <stem>-2.json … \
             (--verbose lists them)"
        )
    });
    let pool = match batch::pool(args.jobs.map(|j| j as usize)) {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("baocao: cannot start worker threads: {e}");
            return EXIT_USAGE;
        }
    };
    let bar = progress::bar(files.len(), !args.no_progress);
    let mut summary = Summary::default();
    let mut rowless = Notes::default();
    let options = options(args);
    let written = batch::run(
        &files,
        &pool,
        isolation(args, &options).as_ref(),
        &options,
        |index, done| {
            summary.add(&done.record);
            announce(&done.record, &bar, format, args.verbose, &mut rowless);
            bar.inc(1);
            write_record(&mut writer, journal.as_mut(), index, &done)
        },
    )
    .and_then(|()| writer.finish())
    .and_then(|()| remove_journal(journal));
    bar.finish_and_clear();
    rowless.print(args.verbose, |n| {
        format!(
            "{n} reports have no table rows, nothing written to the {} for them \
             (--verbose lists them)",
            format.name()
        )
    });
    finish(written, &dest, &summary, started)
}

/// What a run reads and where it writes, decided before any document is read.
struct Plan {
    /// The inputs still to extract.
    files: Vec<PathBuf>,
    /// Where records go.
    dest: Destination,
    /// In which format.
    format: Format,
    /// The open output.
    writer: Writer,
    /// With `--resume`: the journal every new record is also appended to.
    journal: Option<Journal>,
}

/// The inputs, the output and (with `--resume`) what earlier runs did; a
/// usage error's exit code after its message.
fn plan(args: &ExtractArgs) -> Result<Plan, u8> {
    let inputs = inputs(args)?;
    let mut files = batch::discover(&inputs);
    if files.is_empty() {
        eprintln!("baocao: note: no supported files found");
    }
    let mut earlier = None;
    if args.resume {
        let (done, todo) = resume_plan(args, &files).map_err(usage)?;
        eprintln!(
            "baocao: resuming: {} of {} inputs already done",
            files.len() - todo.len(),
            files.len()
        );
        files = todo;
        earlier = Some(done);
    }
    let dest = match (&args.output, &args.output_dir) {
        (Some(file), _) => Destination::File(file.clone()),
        (None, Some(dir)) => Destination::Dir(dir.clone()),
        (None, None) => Destination::Stdout,
    };
    // A single object only for exactly one named file: a directory always
    // gives JSON Lines, however many files it holds.
    let single = !args.resume && inputs.len() == 1 && files.len() == 1 && !inputs[0].is_dir();
    let wanted = if args.resume {
        Some(args.format.unwrap_or(Format::Jsonl))
    } else {
        args.format
    };
    let format = resolve_format(wanted, &dest, files.len(), single).map_err(usage)?;
    let mut writer = Writer::open(&dest, format, &files).map_err(usage)?;
    let journal = match (&earlier, &args.output) {
        (Some(done), Some(out)) => Some(resume_into(done, out, &files, &mut writer)?),
        _ => None,
    };
    Ok(Plan {
        files,
        dest,
        format,
        writer,
        journal,
    })
}

/// Prints a usage error; its exit code.
fn usage(message: impl std::fmt::Display) -> u8 {
    eprintln!("baocao: {message}");
    EXIT_USAGE
}

/// The paths given and those of `--files-from`.
fn inputs(args: &ExtractArgs) -> Result<Vec<PathBuf>, u8> {
    let mut inputs = args.paths.clone();
    if let Some(list) = &args.files_from {
        let more = read_list(list).map_err(|e| {
            eprintln!("baocao: cannot read --files-from {}: {e}", list.display());
            EXIT_USAGE
        })?;
        inputs.extend(more);
    }
    Ok(inputs)
}

/// With `--resume`: the records kept from earlier runs go first, and each
/// new one also goes to the journal, so a killed run keeps its progress.
fn resume_into(
    done: &Done,
    out: &Path,
    files: &[PathBuf],
    writer: &mut Writer,
) -> Result<Journal, u8> {
    let redone: BTreeSet<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let kept = done.copy_kept(&redone, |line| {
        writer
            .write_line(line)
            .map_err(|e| std::io::Error::other(e.to_string()))
    });
    kept.and_then(|()| Journal::open(&journal_path(out)))
        .map_err(|e| {
            eprintln!("baocao: resuming into {}: {e}", out.display());
            EXIT_USAGE
        })
}

/// Each document in a worker process under the time limit, unless asked to
/// stay in this process (or the executable cannot be found).
fn isolation(args: &ExtractArgs, options: &Options) -> Option<Isolation> {
    (!args.in_process)
        .then(|| std::env::current_exe().ok())
        .flatten()
        .map(|program| Isolation {
            program,
            timeout: Duration::from_secs_f64(args.timeout),
            env: options.to_env(),
        })
}

/// The extraction options the command line chose.
fn options(args: &ExtractArgs) -> Options {
    let cache = if args.no_ocr_cache {
        None
    } else {
        args.ocr_cache.clone().or_else(default_ocr_cache)
    };
    Options {
        ocr: args.ocr.parse().unwrap_or_default(),
        ocr_cache: cache,
        on_ocr_page: None,
        ocr_in_process: false,
    }
}

/// `$XDG_CACHE_HOME/baocao/ocr`, else `~/.cache/baocao/ocr`.
fn default_ocr_cache() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("baocao").join("ocr"))
}

/// Says on stderr what a record's reader should know: its error, a report
/// without rows for a tabular output, or (with `--verbose`) no table.
fn announce(
    record: &Record,
    bar: &indicatif::ProgressBar,
    format: Format,
    verbose: bool,
    rowless: &mut Notes,
) {
    if let Some(error) = &record.error {
        bar.suspend(|| {
            eprintln!(
                "baocao: {}: {} ({})",
                record.source.path, error.message, error.code
            )
        });
    } else if format.is_tabular() && record.tables.iter().all(|t| t.rows.is_empty()) {
        // Tabular output has no place for a report without rows: say so.
        rowless.push(format!(
            "{}: no table rows, nothing written to the {}",
            record.source.path,
            format.name()
        ));
    } else if record.tables.is_empty() && verbose {
        // Counted in the summary; named only on request.
        bar.suspend(|| {
            eprintln!(
                "baocao: note: {}: no indicator table found",
                record.source.path
            )
        });
    }
}

/// Writes a record to the output and, when resuming, to the journal. A
/// record that came from a worker is written as the worker wrote its line
/// wherever JSON Lines go; others are serialised once for both.
fn write_record(
    writer: &mut Writer,
    journal: Option<&mut Journal>,
    index: usize,
    done: &Extracted,
) -> Result<(), OutputError> {
    match (journal, &done.line) {
        (Some(j), line) => {
            let line = line.clone().unwrap_or_else(|| to_json_line(&done.record));
            writer.write_line(&line)?;
            j.append(&line).map_err(|e| OutputError {
                path: j.path().to_path_buf(),
                source: e,
            })
        }
        (None, Some(line)) if writer.is_json_lines() => writer.write_line(line),
        (None, _) => writer.write(index, &done.record),
    }
}

/// Once the output is complete, the journal's records are in it.
fn remove_journal(journal: Option<Journal>) -> Result<(), OutputError> {
    match journal {
        Some(j) => {
            let path = j.path().to_path_buf();
            j.remove().map_err(|e| OutputError { path, source: e })
        }
        None => Ok(()),
    }
}

/// The summary line and the exit code.
fn finish(
    written: Result<(), OutputError>,
    dest: &Destination,
    summary: &Summary,
    started: Instant,
) -> u8 {
    let seconds = started.elapsed().as_secs_f64();
    if let Err(e) = written {
        if e.source.kind() == std::io::ErrorKind::BrokenPipe && *dest == Destination::Stdout {
            // The reader went away (`| head`): stop quietly, like other filters.
            return EXIT_OK;
        }
        eprintln!("baocao: {e}");
        eprintln!("baocao: stopped after {summary} in {seconds:.2} s");
        return EXIT_USAGE;
    }
    eprintln!("baocao: {summary} in {seconds:.2} s");
    if summary.failed > 0 {
        EXIT_FAILED_INPUT
    } else {
        EXIT_OK
    }
}

/// One note per input whose output name is not its stem (`--output-dir`).
fn stem_notes(writer: &Writer) -> Notes {
    let mut notes = Notes::default();
    for renamed in writer.renamed() {
        notes.push(format!(
            "several inputs have the stem \"{}\"; one is written as {}.json",
            renamed.stem, renamed.name
        ));
    }
    notes
}

/// The paths listed in `list` ("-": standard input), one per line, blank
/// lines skipped, surrounding spaces and a trailing CR kept out.
fn read_list(list: &Path) -> std::io::Result<Vec<PathBuf>> {
    let text = if list == Path::new("-") {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(list)?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect())
}

/// For `--resume`: the records of earlier runs (the output and, after a
/// killed run, its journal) and the inputs still to do (those without a
/// good record of the same path and bytes).
fn resume_plan(args: &ExtractArgs, files: &[PathBuf]) -> Result<(Done, Vec<PathBuf>), String> {
    let Some(out) = &args.output else {
        return Err("--resume needs --output FILE".into());
    };
    if args.format.is_some_and(|f| f != Format::Jsonl) {
        return Err("--resume keeps JSON Lines only (--format jsonl)".into());
    }
    if let Some(named) = format_of_extension(out).filter(|f| f.is_tabular()) {
        return Err(format!(
            "--resume keeps JSON Lines only, but {} names {} (use .jsonl)",
            out.display(),
            named.name()
        ));
    }
    match crate::output::atomic::writes_in_place(out) {
        Ok(false) => {}
        Ok(true) => {
            return Err(format!(
                "--resume keeps its records in a regular file; {} is a device, FIFO or descriptor",
                out.display()
            ))
        }
        Err(e) => return Err(format!("cannot write {}: {e}", out.display())),
    }
    let journal = journal_path(out);
    let done = Done::read(&[out.as_path(), journal.as_path()])
        .map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    let todo = files
        .iter()
        .filter(|f| {
            let path = f.to_string_lossy();
            // Only inputs with an earlier record are read to be hashed.
            !done.knows(&path)
                || !std::fs::read(f)
                    .map(|b| crate::pipeline::hex_sha256(&b))
                    .is_ok_and(|sha| done.has(&path, &sha))
        })
        .cloned()
        .collect();
    Ok((done, todo))
}
