//! OLE compound files: an encrypted OOXML package, or a Word 97-2003 `.doc`
//! read in-process, else converted to DOCX with LibreOffice when installed.

use crate::diagnostics;
use crate::ingest::sniff::{is_encrypted_ooxml, is_word97};
use crate::ingest::{IngestError, SourceDoc};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long one conversion may take.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);
/// Programs that convert `.doc` to `.docx`, looked up on `PATH`.
const CONVERTERS: &[&str] = &["soffice", "libreoffice"];

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Reads an OLE file: encrypted packages are refused, Word 97-2003 files
/// are read in-process or converted.
pub fn read_ole(bytes: &[u8]) -> Result<SourceDoc, IngestError> {
    if is_encrypted_ooxml(bytes) {
        return Err(IngestError {
            code: diagnostics::ENCRYPTED,
            message: "the file is an encrypted (password-protected) Office package".into(),
        });
    }
    if !is_word97(bytes) {
        return Err(IngestError {
            code: diagnostics::NOT_WORD,
            message: "the OLE file holds no WordDocument stream: not a Word 97-2003 document \
                      (an Excel or PowerPoint file, or damaged)"
                .into(),
        });
    }
    let in_process = match super::read_word97(bytes) {
        Ok(doc) => return Ok(doc),
        Err(e) => e,
    };
    let Some(converter) = find_converter() else {
        return Err(IngestError {
            code: diagnostics::UNSUPPORTED_FORMAT,
            message: format!(
                "this Word 97-2003 (.doc) file could not be read in-process ({in_process}); \
                 install LibreOffice so that `soffice` is on PATH to convert it, or save it as .docx"
            ),
        });
    };
    let docx = convert(&converter, bytes)?;
    let mut doc = super::read(&docx)?;
    doc.format = "doc".into();
    Ok(doc)
}

fn find_converter() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CONVERTERS.iter().map(move |c| dir.join(c)))
        .find(|p| p.is_file())
}

fn failed(message: String) -> IngestError {
    IngestError {
        code: diagnostics::CONVERSION_FAILED,
        message,
    }
}

/// Converts `.doc` bytes to `.docx` bytes in a private temporary directory.
fn convert(converter: &Path, bytes: &[u8]) -> Result<Vec<u8>, IngestError> {
    let dir = std::env::temp_dir().join(format!(
        "baocao-doc-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = convert_in(converter, bytes, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn convert_in(converter: &Path, bytes: &[u8], dir: &Path) -> Result<Vec<u8>, IngestError> {
    let io = |e: std::io::Error| failed(format!("cannot prepare the conversion: {e}"));
    std::fs::create_dir_all(dir).map_err(io)?;
    let input = dir.join("input.doc");
    std::fs::write(&input, bytes).map_err(io)?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let mut child = Command::new(converter)
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("cannot start {}: {e}", converter.display())))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > CONVERT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "LibreOffice did not finish within {CONVERT_TIMEOUT:?}"
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("waiting for LibreOffice failed: {e}"))),
        }
    }
    std::fs::read(dir.join("input.docx"))
        .map_err(|_| failed("LibreOffice could not convert the .doc file".into()))
}
