//! The DOCX zip package, read with limits: an entry may not claim or
//! produce more than [`MAX_PART_BYTES`], nor expand more than [`MAX_RATIO`]
//! times its compressed size, so a zip bomb costs nothing.

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

const DOCUMENT: &str = "word/document.xml";

/// An opened package.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

fn zip_bomb(message: String) -> IngestError {
    IngestError {
        code: "zip_bomb",
        message,
    }
}

impl<'a> Package<'a> {
    /// Opens the zip's central directory. The bytes start like a zip, so a
    /// failure here is a damaged or cut-off package.
    pub fn open(bytes: &'a [u8]) -> Result<Self, IngestError> {
        ZipArchive::new(Cursor::new(bytes))
            .map(|zip| Package { zip })
            .map_err(|e| IngestError {
                code: "corrupt_zip",
                message: format!("the zip package is damaged or cut off: {e}"),
            })
    }

    /// The main document part, as a bounded stream.
    pub fn document(&mut self) -> Result<Part<'_>, IngestError> {
        let file = match self.zip.by_name(DOCUMENT) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => {
                return Err(IngestError {
                    code: "no_document_xml",
                    message: format!("the zip holds no {DOCUMENT}: not a Word document"),
                })
            }
            Err(ZipError::UnsupportedArchive(m)) if m.to_lowercase().contains("password") => {
                return Err(IngestError {
                    code: "encrypted",
                    message: "the document is password-protected".into(),
                })
            }
            Err(e) => {
                return Err(IngestError {
                    code: "corrupt_zip",
                    message: format!("cannot open {DOCUMENT}: {e}"),
                })
            }
        };
        if file.encrypted() {
            return Err(IngestError {
                code: "encrypted",
                message: "the document is password-protected".into(),
            });
        }
        let (declared, compressed) = (file.size(), file.compressed_size());
        if declared > MAX_PART_BYTES {
            return Err(zip_bomb(format!(
                "{DOCUMENT} claims {declared} bytes uncompressed (limit {MAX_PART_BYTES})"
            )));
        }
        if declared > RATIO_FLOOR && declared > compressed.saturating_mul(MAX_RATIO) {
            return Err(zip_bomb(format!(
                "{DOCUMENT} expands {compressed} bytes to {declared} (ratio limit {MAX_RATIO})"
            )));
        }
        Ok(Part {
            file: Box::new(file),
            read: 0,
            compressed,
            over: None,
        })
    }
}

/// A part being read, stopping at the size and ratio limits.
pub struct Part<'a> {
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
        let n = self.file.read(buf)?;
        self.read += n as u64;
        if self.read > MAX_PART_BYTES {
            self.over = Some(format!("{DOCUMENT} expands past {MAX_PART_BYTES} bytes"));
        } else if self.read > RATIO_FLOOR && self.read > self.compressed.saturating_mul(MAX_RATIO) {
            self.over = Some(format!(
                "{DOCUMENT} expands {} compressed bytes past ratio {MAX_RATIO}",
                self.compressed
            ));
        }
        if self.over.is_some() {
            return Err(std::io::Error::other("part size limit reached"));
        }
        Ok(n)
    }
}
