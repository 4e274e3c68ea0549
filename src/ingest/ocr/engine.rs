//! The Tesseract engine, run as a subprocess (`tesseract stdin stdout …
//! tsv`), so that a crash of the engine costs one page, never this process.

use crate::ingest::image::Gray;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Environment variable naming the Tesseract program (default `tesseract`
/// on the `PATH`).
pub(crate) const PROGRAM_VAR: &str = "BAOCAO_TESSERACT";
/// Languages asked for, best first; those installed are used.
const LANGUAGES: [&str; 2] = ["vie", "eng"];
/// How the engine is to segment an image (Tesseract's `--psm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segmentation {
    /// A page read as sparse text (`--psm 11`): every stretch of text
    /// wherever it stands, with no column or paragraph layout, which the
    /// glyph-layout reader rebuilds from the word boxes. Tesseract's own
    /// page layout (`--psm 3`) merges the lines of a wrapped table cell
    /// into one word and skips short cell text.
    Page,
    /// One uniform block of lines (`--psm 6`): the strips of text the page
    /// reading left out, stacked one under another.
    Block,
}

impl Segmentation {
    /// Tesseract's number for it (`TessPageSegMode`).
    pub fn psm_number(self) -> i32 {
        match self {
            Segmentation::Page => 11,
            Segmentation::Block => 6,
        }
    }
}

/// An installed engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Engine {
    /// The program run.
    pub program: PathBuf,
    /// Its version ("5.3.0").
    pub version: String,
    /// The languages used, `+`-joined as Tesseract takes them ("vie+eng").
    pub languages: String,
}

/// The installed engine, looked up once per process; `None` when Tesseract
/// or its Vietnamese model is missing.
pub(crate) fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE.get_or_init(find).as_ref()
}

fn find() -> Option<Engine> {
    let program = std::env::var_os(PROGRAM_VAR).map_or_else(|| "tesseract".into(), PathBuf::from);
    let version = run_capture(&program, &["--version"])?;
    let version = version
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .trim_start_matches('v')
        .to_string();
    let listed = run_capture(&program, &["--list-langs"])?;
    let installed: Vec<&str> = listed.lines().skip(1).map(str::trim).collect();
    if !installed.contains(&LANGUAGES[0]) {
        return None;
    }
    let languages: Vec<&str> = LANGUAGES
        .iter()
        .copied()
        .filter(|l| installed.contains(l))
        .collect();
    Some(Engine {
        program,
        version,
        languages: languages.join("+"),
    })
}

/// The standard output (or, as old versions print there, standard error)
/// of a short command.
fn run_capture(program: &PathBuf, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    String::from_utf8(text).ok()
}

impl Engine {
    /// The arguments of one recognition, the page on standard input.
    pub fn arguments(&self, dpi: u32, segmentation: Segmentation) -> Vec<String> {
        [
            "stdin",
            "stdout",
            "-l",
            &self.languages,
            "--dpi",
            &dpi.to_string(),
            "--psm",
            &segmentation.psm_number().to_string(),
            "tsv",
        ]
        .map(str::to_string)
        .to_vec()
    }

    /// Tesseract's TSV for a page image: read by the library loaded into
    /// this process when `in_process` and it is there, else by the program.
    pub fn recognise_tsv(
        &self,
        page: &Gray,
        segmentation: Segmentation,
        in_process: bool,
    ) -> Result<String, String> {
        match in_process.then(|| super::library::shared(self)).flatten() {
            Some(library) => library.recognise_tsv(page, segmentation),
            None => self.run_program(page, segmentation),
        }
    }

    /// Tesseract's TSV for a page image, from a run of the program.
    fn run_program(&self, page: &Gray, segmentation: Segmentation) -> Result<String, String> {
        let mut child = Command::new(&self.program)
            .args(self.arguments(page.dpi, segmentation))
            // Documents run in parallel already: one thread per engine.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.program.display()))?;
        let mut stdin = child.stdin.take().ok_or("no pipe to the engine")?;
        let image = page.to_tiff();
        let writer = std::thread::spawn(move || stdin.write_all(&image));
        let mut tsv = String::new();
        if let Some(mut out) = child.stdout.take() {
            out.read_to_string(&mut tsv)
                .map_err(|e| format!("engine output unreadable: {e}"))?;
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        let _ = writer.join();
        if !status.success() {
            return Err(format!("the OCR engine failed ({status})"));
        }
        Ok(tsv)
    }
}
