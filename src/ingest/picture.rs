//! Image files (PNG, JPEG, TIFF with its pages) as documents: every page
//! read by OCR and laid out as a scanned PDF page is.

use super::image::file_pages;
use super::{ocr, pdf, IngestError, SourceDoc};
use crate::diagnostics;
use crate::ingest::ocr::OcrFailure;
use crate::options::Options;

/// Reads an image file.
pub fn read(bytes: &[u8], format: &str, options: &Options) -> Result<SourceDoc, IngestError> {
    let images = file_pages(bytes).map_err(|e| IngestError {
        code: diagnostics::MALFORMED_IMAGE,
        message: format!("the image cannot be decoded: {e}"),
    })?;
    let engine = ocr::available(options).map_err(|why| unreadable(&why, images.len()))?;
    let mut lines = Vec::new();
    let mut read = Vec::new();
    let mut warnings = Vec::new();
    let count = images.len();
    for (i, image) in images.into_iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match ocr::read_page(engine, image, options) {
            Ok(page) => {
                lines.extend(pdf::ocr_lines(&page, number));
                read.push(page);
            }
            Err(OcrFailure::Failed(reason)) => warnings.push(ocr::page_failed(number, &reason)),
            Err(why) => return Err(unreadable(&why, count)),
        }
    }
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(IngestError {
            code: diagnostics::NO_TEXT_LAYER,
            message: format!("OCR found no text on the {count} page(s) of the image"),
        });
    }
    for (i, line) in lines.iter_mut().enumerate() {
        line.no = i + 1;
    }
    Ok(SourceDoc {
        format: format.to_string(),
        lines,
        pages: Some(u32::try_from(count).unwrap_or(u32::MAX)),
        warnings,
        repairs: Vec::new(),
        ocr: Some(ocr::summary(engine, &read)),
    })
}

/// The error of an image that OCR cannot read at all.
fn unreadable(why: &OcrFailure, pages: usize) -> IngestError {
    let how = why.explain();
    IngestError {
        code: diagnostics::NO_TEXT_LAYER,
        message: format!("an image of {pages} page(s) has no text layer: {how}"),
    }
}
