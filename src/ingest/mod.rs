//! Ingest stage: turns an input file into lines (and cells, where the format
//! has them) with their positions in the source.

pub(crate) mod blocks;
pub mod decode;
pub mod docx;
pub(crate) mod html;
pub(crate) mod image;
pub(crate) mod ocr;
pub(crate) mod odf;
pub(crate) mod office_patterns;
pub(crate) mod package;
pub mod pdf;
pub(crate) mod picture;
pub(crate) mod rtf;
pub(crate) mod sheet;
pub mod sniff;
pub mod text;
pub(crate) mod xml;

use crate::diagnostics;
use crate::model::{OcrInfo, Repair, Warning};
use crate::options::Options;

/// One line of a document, as the front end read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source text.
    pub no: usize,
    /// The whole line, tabs kept.
    pub text: String,
    /// Tab-separated cells when the line came from a table rendering
    /// (a line holding at least one tab), else `None`. Always equal to
    /// `text` split at tabs.
    pub cells: Option<Vec<String>>,
    /// Font runs of the text, for formats that name fonts (DOCX); empty for
    /// plain text. Superscript runs are written into `text` as
    /// `<sup>…</sup>`, the markup text renderings use.
    pub runs: Vec<Run>,
    /// 1-based page of paginated formats (PDF).
    pub page: Option<u32>,
    /// On a page with drawn table rules (PDF lattice): whether a horizontal
    /// rule runs between this line and the line above it, under its first
    /// word. `None` when the page draws no rules.
    pub rule_above: Option<bool>,
}

/// A stretch of a line's text set in one font and style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// Byte offset of the run's start in [`Line::text`].
    pub start: usize,
    /// Byte offset just past the run's end.
    pub end: usize,
    /// Font name as the document names it (`w:rFonts`), e.g. ".VnTime".
    pub font: Option<String>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Character column where the run starts on a layout-preserving page
    /// (PDF: its x position in units of a character width), when known;
    /// the run's text may sit elsewhere in `text` when glyphs are wider.
    pub column: Option<usize>,
    /// For text read by OCR: the lowest confidence of the run's words, in
    /// [0, 100]; `None` for text the file holds.
    pub confidence: Option<u8>,
}

/// A document as read by a front end, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// Format name written to `source.format`.
    pub format: String,
    /// Lines in reading order.
    pub lines: Vec<Line>,
    /// Page count for paginated formats.
    pub pages: Option<u32>,
    /// Problems met while reading.
    pub warnings: Vec<Warning>,
    /// Words whose lost letters the normalise stage restored (empty until then).
    pub repairs: Vec<Repair>,
    /// How scanned pages were read by OCR, when any was.
    pub ocr: Option<OcrInfo>,
}

/// Why a front end could not read an input at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// Stable error code (`empty_input`, `binary_input`, `unsupported_format`).
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
}

impl Line {
    /// Whether some of the line's text was read by OCR (a run carries a
    /// word confidence).
    pub fn has_ocr_text(&self) -> bool {
        self.runs.iter().any(|r| r.confidence.is_some())
    }

    /// Whether bytes `start..end` of `text` lie in one run read by OCR.
    pub fn read_by_ocr(&self, start: usize, end: usize) -> bool {
        self.runs
            .iter()
            .any(|r| r.start <= start && end <= r.end && r.confidence.is_some())
    }

    /// The page column of every character of `text`: from the runs'
    /// `column` where known, else the character's index.
    pub fn char_columns(&self) -> Vec<usize> {
        let mut cols: Vec<usize> = (0..self.text.chars().count()).collect();
        for run in self.runs.iter().filter(|r| r.column.is_some()) {
            let (Some(col), Some(before)) = (run.column, self.text.get(..run.start)) else {
                continue;
            };
            let first = before.chars().count();
            let len = self
                .text
                .get(run.start..run.end)
                .map_or(0, |t| t.chars().count());
            for (k, slot) in cols.iter_mut().skip(first).take(len).enumerate() {
                *slot = col + k;
            }
        }
        cols
    }
}

/// Formats this build can read, by file extension (lower case).
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "docm", "doc", "pdf", "xlsx", "xlsm", "xlsb", "xls", "ods", "odt", "rtf",
    "htm", "html", "png", "jpg", "jpeg", "tif", "tiff",
];

/// Reads `bytes` of a file named with extension `ext` into a [`SourceDoc`]
/// with the default [`Options`].
pub fn read(bytes: &[u8], ext: &str) -> Result<SourceDoc, IngestError> {
    read_with(bytes, ext, &Options::default())
}

/// Reads `bytes` of a file named with extension `ext` into a [`SourceDoc`].
/// Office files are recognised by their signature whatever their name; the
/// record's format is the one the bytes hold.
pub fn read_with(bytes: &[u8], ext: &str, options: &Options) -> Result<SourceDoc, IngestError> {
    if bytes.is_empty() && SUPPORTED_EXTENSIONS.contains(&ext) {
        return Err(IngestError {
            code: diagnostics::EMPTY_INPUT,
            message: "the file is empty (0 bytes)".into(),
        });
    }
    match sniff::kind(bytes) {
        sniff::Kind::Zip => read_zip(bytes, ext),
        sniff::Kind::Ole if sniff::is_workbook97(bytes) => sheet::read(bytes, "xls"),
        sniff::Kind::Ole => docx::read_ole(bytes),
        sniff::Kind::Pdf => pdf::read(bytes, options),
        sniff::Kind::Other if image::is_image(bytes) => {
            picture::read(bytes, image_format(bytes), options)
        }
        sniff::Kind::Other if rtf::is_rtf(bytes) => rtf::read(bytes),
        // Text files keep their markup for the normalise stage to strip.
        sniff::Kind::Other if !matches!(ext, "txt" | "md") && html::is_html(bytes) => {
            html::read(bytes, if ext == "doc" { "doc" } else { "html" })
        }
        sniff::Kind::Other => match ext {
            "rtf" => rtf::read(bytes),
            "htm" | "html" => html::read(bytes, "html"),
            "txt" | "md" => text::read(bytes, ext),
            "docx" | "docm" => Err(IngestError {
                code: diagnostics::NOT_ZIP,
                message: "the file is named .docx but is not a zip package".into(),
            }),
            "pdf" => Err(IngestError {
                code: diagnostics::NOT_PDF,
                message: "the file is named .pdf but has no PDF header".into(),
            }),
            "doc" => Err(IngestError {
                code: diagnostics::NOT_OLE,
                message: "the file is named .doc but is not a Word 97-2003 (OLE) file".into(),
            }),
            other => Err(IngestError {
                code: diagnostics::UNSUPPORTED_FORMAT,
                message: format!("no front end reads .{other} files"),
            }),
        },
    }
}

/// The format name of an image file, by its signature.
fn image_format(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        "jpeg"
    } else {
        "tiff"
    }
}

/// A zip package, by what it holds: a Word document, a workbook, an
/// OpenDocument file.
fn read_zip(bytes: &[u8], ext: &str) -> Result<SourceDoc, IngestError> {
    let mut pkg = package::Package::open(bytes)?;
    match pkg.content() {
        package::Content::Workbook => {
            let format = if ext == "xlsm" || ext == "xlsb" {
                ext
            } else {
                "xlsx"
            };
            sheet::read(bytes, format)
        }
        package::Content::OdfSheet => odf::read(&mut pkg, odf::Kind::Spreadsheet),
        package::Content::OdfText => odf::read(&mut pkg, odf::Kind::Text),
        package::Content::Word | package::Content::Unknown => docx::read_package(&mut pkg),
    }
}
