//! `baocao extract`: discover inputs, extract in parallel, write in order.

use super::notes::Notes;
use super::{progress, ExtractArgs, EXIT_FAILED_INPUT, EXIT_OK, EXIT_USAGE};
use crate::batch::{self, Summary};
use crate::isolate::Isolation;
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
    let mut inputs = args.paths.clone();
    if let Some(list) = &args.files_from {
        match read_list(list) {
            Ok(more) => inputs.extend(more),
            Err(e) => {
                eprintln!("baocao: cannot read --files-from {}: {e}", list.display());
                return EXIT_USAGE;
            }
        }
    }
    let mut files = batch::discover(&inputs);
    if files.is_empty() {
        eprintln!("baocao: note: no supported files found");
    }
    let mut earlier = None;
    if args.resume {
        match resume_plan(args, &files) {
            Ok((done, todo)) => {
                eprintln!(
                    "baocao: resuming: {} of {} inputs already done",
                    files.len() - todo.len(),
                    files.len()
                );
                files = todo;
                earlier = Some(done);
            }
            Err(message) => {
                eprintln!("baocao: {message}");
                return EXIT_USAGE;
            }
        }
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
    let format = match resolve_format(wanted, &dest, files.len(), single) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("baocao: {message}");
            return EXIT_USAGE;
        }
    };
    let mut writer = match Writer::open(&dest, format, &files) {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!("baocao: {e}");
            return EXIT_USAGE;
        }
    };
    // With --resume: the records kept from earlier runs go first, and each
    // new one also goes to the journal, so a killed run keeps its progress.
    let mut journal = None;
    if let (Some(done), Some(out)) = (&earlier, &args.output) {
        let redone: BTreeSet<String> = files
            .iter()
            .map(|f| f.to_string_lossy().into_owned())
            .collect();
        let kept = done.copy_kept(&redone, |line| {
            writer
                .write_line(line)
                .map_err(|e| std::io::Error::other(e.to_string()))
        });
        match kept.and_then(|()| Journal::open(&journal_path(out))) {
            Ok(j) => journal = Some(j),
            Err(e) => {
                eprintln!("baocao: resuming into {}: {e}", out.display());
                return EXIT_USAGE;
            }
        }
    }
    stem_notes(&writer).print(args.verbose, |n| {
        format!(
            "{n} inputs share a stem with an earlier one; written as <stem>-2.json … \
             (--verbose lists them)"
        )
    });
    let jobs = args.jobs.map(|j| j as usize);
    let pool = match batch::pool(jobs) {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("baocao: cannot start worker threads: {e}");
            return EXIT_USAGE;
        }
    };

    // Each document in a worker process under the time limit, unless asked
    // to stay in this process (or the executable cannot be found).
    let isolation = (!args.in_process)
        .then(|| std::env::current_exe().ok())
        .flatten()
        .map(|program| Isolation {
            program,
            timeout: Duration::from_secs_f64(args.timeout),
        });
    let bar = progress::bar(files.len(), !args.no_progress);
    let mut summary = Summary::default();
    let mut rowless = Notes::default();
    let written = batch::run(&files, &pool, isolation.as_ref(), |index, record| {
        summary.add(&record);
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
        } else if record.tables.is_empty() && args.verbose {
            // Counted in the summary; named only on request.
            bar.suspend(|| {
                eprintln!(
                    "baocao: note: {}: no indicator table found",
                    record.source.path
                )
            });
        }
        bar.inc(1);
        match journal.as_mut() {
            // Serialised once, for the output and the journal alike.
            Some(j) => {
                let line = to_json_line(&record);
                writer.write_line(&line)?;
                j.append(&line).map_err(|e| OutputError {
                    path: j.path().to_path_buf(),
                    source: e,
                })
            }
            None => writer.write(index, &record),
        }
    })
    .and_then(|()| writer.finish())
    .and_then(|()| match journal {
        // The journal's records are now in the output.
        Some(j) => {
            let path = j.path().to_path_buf();
            j.remove().map_err(|e| OutputError { path, source: e })
        }
        None => Ok(()),
    });
    bar.finish_and_clear();
    rowless.print(args.verbose, |n| {
        format!(
            "{n} reports have no table rows, nothing written to the {} for them \
             (--verbose lists them)",
            format.name()
        )
    });

    let seconds = started.elapsed().as_secs_f64();
    if let Err(e) = written {
        if e.source.kind() == std::io::ErrorKind::BrokenPipe && dest == Destination::Stdout {
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
