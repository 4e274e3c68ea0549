//! DOCX front end: reads the package (zip) and `word/document.xml` as a
//! stream, and turns its paragraphs and table grids into lines and cells for
//! the same stages as the text path. Word 97-2003 `.doc` files are read
//! in-process with `office_oxide`, or converted with LibreOffice when that
//! fails and LibreOffice is installed.

mod body;
mod ole;
mod word97;

pub use ole::read_ole;

use super::blocks;
use super::package::Package;
use super::xml::XmlError;
use super::{IngestError, SourceDoc};
use crate::diagnostics;
use body::BodyReader;

/// Reads a DOCX package.
pub fn read(bytes: &[u8]) -> Result<SourceDoc, IngestError> {
    read_package(&mut Package::open(bytes)?)
}

/// Reads the main document part of an opened WordprocessingML package.
pub(crate) fn read_package(pkg: &mut Package) -> Result<SourceDoc, IngestError> {
    let missing = IngestError {
        code: diagnostics::NO_DOCUMENT_XML,
        message: "the zip holds no word/document.xml: not a Word document".into(),
    };
    let mut part = pkg.part("word/document.xml", missing)?;
    let body = BodyReader::new(part.reader()).read_document();
    part.check()?;
    let body = body.map_err(|e| match e {
        XmlError::Malformed(m) => IngestError {
            code: diagnostics::MALFORMED_XML,
            message: format!("word/document.xml is not well-formed XML: {m}"),
        },
        XmlError::Dtd => IngestError {
            code: diagnostics::XML_DTD,
            message: "word/document.xml declares a DTD; its entities are never expanded".into(),
        },
        XmlError::TooDeep => IngestError {
            code: diagnostics::MALFORMED_XML,
            message: "tables or text boxes are nested too deep".into(),
        },
    })?;
    Ok(blocks::to_source("docx", &body))
}

/// Reads a Word 97-2003 document in-process.
fn read_word97(bytes: &[u8]) -> Result<SourceDoc, String> {
    word97::blocks(bytes).map(|b| blocks::to_source("doc", &b))
}
