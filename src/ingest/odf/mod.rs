//! OpenDocument front end (`.odt`, `.ods`): `content.xml` read as a stream
//! from the package (the zip limits of `crate::ingest::package`) through
//! the shared XML plumbing. Text documents give paragraphs and tables
//! (`table:number-columns-spanned`, `table:number-rows-spanned`, covered
//! cells as merge continuations) as DOCX does; spreadsheets give one grid
//! per sheet, the cells' shown text (`text:p`) kept, as workbooks do.

mod content;
mod styles;
mod tables;

use super::package::Package;
use super::sheet::{self, Sheet};
use super::xml::XmlError;
use super::{blocks, IngestError, SourceDoc};
use crate::diagnostics;
use content::ContentReader;

/// Which OpenDocument the package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A text document.
    Text,
    /// A spreadsheet.
    Spreadsheet,
}

/// Reads an opened OpenDocument package.
pub fn read(pkg: &mut Package, kind: Kind) -> Result<SourceDoc, IngestError> {
    let missing = IngestError {
        code: diagnostics::NO_CONTENT_XML,
        message: "the OpenDocument package holds no content.xml".into(),
    };
    let mut part = pkg.part("content.xml", missing)?;
    let body = ContentReader::new(part.reader(), kind == Kind::Spreadsheet).read();
    part.check()?;
    let body = body.map_err(|e| match e {
        XmlError::Malformed(m) => IngestError {
            code: diagnostics::MALFORMED_XML,
            message: format!("content.xml is not well-formed XML: {m}"),
        },
        XmlError::Dtd => IngestError {
            code: diagnostics::XML_DTD,
            message: "content.xml declares a DTD; its entities are never expanded".into(),
        },
        XmlError::TooDeep => IngestError {
            code: diagnostics::MALFORMED_XML,
            message: "tables or frames are nested too deep".into(),
        },
    })?;
    match kind {
        Kind::Text => Ok(blocks::to_source("odt", &body.blocks)),
        Kind::Spreadsheet => {
            let sheets = body
                .tables
                .into_iter()
                .map(|t| {
                    let name = t.name.clone();
                    tables::to_grid(t).map(|grid| Sheet {
                        name,
                        grid: Some(grid),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|t| IngestError {
                    code: diagnostics::SHEET_TOO_LARGE,
                    message: format!(
                        "a sheet spreads its cells over {} rows and {} columns (limit {} cells)",
                        t.rows,
                        t.columns,
                        sheet::grid::MAX_SLOTS
                    ),
                })?;
            Ok(sheet::to_source("ods", &sheets))
        }
    }
}
