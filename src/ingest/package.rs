//! Zip packages (DOCX, XLSX, OpenDocument), read with limits: an entry may
//! not claim or produce more than [`MAX_PART_BYTES`], nor expand more than
//! [`MAX_RATIO`] times its compressed size, so a zip bomb costs nothing.
//! The one owner of these limits for every zip-based reader.

use crate::diagnostics;
use crate::ingest::IngestError;
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Largest uncompressed part accepted (real `document.xml` files are a few MB).
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Largest expansion accepted beyond [`RATIO_FLOOR`] bytes.
pub const MAX_RATIO: u64 = 100;
/// Parts smaller than this are never judged by their ratio.
const RATIO_FLOOR: u64 = 4 * 1024 * 1024;
/// Most entries a package may hold.
const MAX_ENTRIES: usize = 10_000;

/// What a zip package holds, judged by its part names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// WordprocessingML (`word/document.xml`).
    Word,
    /// SpreadsheetML (`xl/workbook.xml` or `xl/workbook.bin`).
    Workbook,
    /// OpenDocument text (`content.xml`, mimetype `…opendocument.text`).
    OdfText,
    /// OpenDocument spreadsheet.
    OdfSheet,
    /// None of these.
    Unknown,
}

/// An opened package.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

fn zip_bomb(message: String) -> IngestError {
    IngestError {
        code: diagnostics::ZIP_BOMB,
        message,
    }
}

fn encrypted() -> IngestError {
    IngestError {
        code: diagnostics::ENCRYPTED,
        message: "the document is password-protected".into(),
    }
}

impl<'a> Package<'a> {
    /// Opens the zip's central directory. The bytes start like a zip, so a
    /// failure here is a damaged or cut-off package.
    pub fn open(bytes: &'a [u8]) -> Result<Self, IngestError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| IngestError {
            code: diagnostics::CORRUPT_ZIP,
            message: format!("the zip package is damaged or cut off: {e}"),
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(zip_bomb(format!(
                "the package holds {} entries (limit {MAX_ENTRIES})",
                zip.len()
            )));
        }
        Ok(Package { zip })
    }

    /// What the package holds.
    pub fn content(&mut self) -> Content {
        let has = |zip: &ZipArchive<_>, name: &str| zip.index_for_name(name).is_some();
        if has(&self.zip, "word/document.xml") {
            return Content::Word;
        }
        if has(&self.zip, "xl/workbook.xml") || has(&self.zip, "xl/workbook.bin") {
            return Content::Workbook;
        }
        let mut mime = String::new();
        if let Ok(f) = self.zip.by_name("mimetype") {
            let _ = f.take(200).read_to_string(&mut mime);
        }
        let odf = mime.contains("opendocument") || has(&self.zip, "content.xml");
        if !odf {
            Content::Unknown
        } else if mime.contains("spreadsheet") {
            Content::OdfSheet
        } else {
            Content::OdfText
        }
    }

    /// The part `name` as a bounded stream; `missing` is the error when the
    /// package has no such part.
    pub fn part(&mut self, name: &str, missing: IngestError) -> Result<Part<'_>, IngestError> {
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Err(missing),
            Err(ZipError::UnsupportedArchive(m)) if m.to_lowercase().contains("password") => {
                return Err(encrypted())
            }
            Err(e) => {
                return Err(IngestError {
                    code: diagnostics::CORRUPT_ZIP,
                    message: format!("cannot open {name}: {e}"),
                })
            }
        };
        if file.encrypted() {
            return Err(encrypted());
        }
        let (declared, compressed) = (file.size(), file.compressed_size());
        check_sizes(name, declared, compressed)?;
        Ok(Part {
            name: name.to_string(),
            file: Box::new(file),
            read: 0,
            compressed,
            over: None,
        })
    }

    /// Reads every part through the limits, for packages handed whole to a
    /// reader that has none of its own (calamine), showing each part's
    /// bytes to `visit` (name, chunk) as they stream by. A damaged entry is
    /// `corrupt_zip`; one past a limit `zip_bomb`.
    pub fn check_all(&mut self, visit: &mut dyn FnMut(&str, &[u8])) -> Result<(), IngestError> {
        let names: Vec<String> = self
            .zip
            .file_names()
            .flatten()
            .map(|n| n.into_owned())
            .collect();
        let mut total: u64 = 0;
        for name in names.iter().filter(|n| !n.ends_with('/')) {
            let missing = IngestError {
                code: diagnostics::CORRUPT_ZIP,
                message: format!("cannot open {name}"),
            };
            let mut part = self.part(name, missing)?;
            let copied = std::io::copy(
                &mut part,
                &mut Visit {
                    name,
                    visit: &mut *visit,
                },
            );
            part.check()?;
            total = total.saturating_add(copied.map_err(|e| IngestError {
                code: diagnostics::CORRUPT_ZIP,
                message: format!("{name} is damaged: {e}"),
            })?);
            if total > MAX_PART_BYTES {
                return Err(zip_bomb(format!(
                    "the package expands past {MAX_PART_BYTES} bytes in all"
                )));
            }
        }
        Ok(())
    }
}

/// A writer that shows what it is given to a visitor.
struct Visit<'v> {
    name: &'v str,
    visit: &'v mut dyn FnMut(&str, &[u8]),
}

impl std::io::Write for Visit<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        (self.visit)(self.name, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Refuses a part whose header claims too much.
fn check_sizes(name: &str, declared: u64, compressed: u64) -> Result<(), IngestError> {
    if declared > MAX_PART_BYTES {
        return Err(zip_bomb(format!(
            "{name} claims {declared} bytes uncompressed (limit {MAX_PART_BYTES})"
        )));
    }
    if declared > RATIO_FLOOR && declared > compressed.saturating_mul(MAX_RATIO) {
        return Err(zip_bomb(format!(
            "{name} expands {compressed} bytes to {declared} (ratio limit {MAX_RATIO})"
        )));
    }
    Ok(())
}

/// A part being read, stopping at the size and ratio limits.
pub struct Part<'a> {
    name: String,
    file: Box<dyn Read + 'a>,
    read: u64,
    compressed: u64,
    over: Option<String>,
}

impl Part<'_> {
    /// A buffered reader over the part.
    pub fn reader(&mut self) -> std::io::BufReader<&mut Self> {
        std::io::BufReader::new(self)
    }

    /// Fails when reading went past a limit (whatever the parser said).
    pub fn check(&self) -> Result<(), IngestError> {
        match &self.over {
            Some(m) => Err(zip_bomb(m.clone())),
            None => Ok(()),
        }
    }
}

impl Read for Part<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.over.is_some() {
            return Err(std::io::Error::other("part size limit reached"));
        }
        let n = self.file.read(buf).inspect_err(|e| {
            // zip 9 stops a part that outgrows the size its header declares.
            if e.to_string().contains("larger than its declared") {
                self.over = Some(format!("{} expands past its declared size", self.name));
            }
        })?;
        self.read += n as u64;
        if self.read > MAX_PART_BYTES {
            self.over = Some(format!("{} expands past {MAX_PART_BYTES} bytes", self.name));
        } else if self.read > RATIO_FLOOR && self.read > self.compressed.saturating_mul(MAX_RATIO) {
            self.over = Some(format!(
                "{} expands {} compressed bytes past ratio {MAX_RATIO}",
                self.name, self.compressed
            ));
        }
        if self.over.is_some() {
            return Err(std::io::Error::other("part size limit reached"));
        }
        Ok(n)
    }
}
