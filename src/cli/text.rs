//! `baocao text`: one document's plain text on stdout.

use super::{TextArgs, EXIT_FAILED_INPUT, EXIT_OK};
use crate::diagnostics;
use crate::pipeline;
use std::io::Write;

/// Prints the text and returns the process exit code: 0, or 1 when the
/// file cannot be read or its text extracted (the error on stderr).
pub fn run(args: &TextArgs) -> u8 {
    let path = args.path.to_string_lossy();
    let text = std::fs::read(&args.path)
        .map_err(|e| {
            (
                diagnostics::IO.to_string(),
                format!("cannot read the file: {e}"),
            )
        })
        .and_then(|bytes| {
            pipeline::document_text(&path, &bytes, args.raw).map_err(|e| (e.code, e.message))
        });
    let text = match text {
        Ok(text) => text,
        Err((code, message)) => {
            eprintln!("baocao: {path}: {message} ({code})");
            return EXIT_FAILED_INPUT;
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => EXIT_OK,
        // The reader went away (`| head`): stop quietly, like other filters.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("baocao: cannot write the text: {e}");
            EXIT_FAILED_INPUT
        }
    }
}
