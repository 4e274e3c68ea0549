//! OCR of page images with Tesseract: the page brought to about 300 dpi,
//! straightened, its table rulings found (for the cell grid) and whitened
//! (so the engine reads cells, not rules), then read word by word with
//! boxes and confidences, through the cache.

mod cache;
mod engine;
mod library;
mod missed;
mod punctuation;
mod tsv;

use engine::Segmentation;
pub(crate) use engine::{engine, Engine};
pub(crate) use tsv::OcrWord;

use super::image::{self, Gray, PixelRule};
use crate::options::{OcrMode, Options};

/// The resolution pages are read at: Tesseract's best.
pub(crate) const TARGET_DPI: u32 = 300;
/// Below this resolution a page is scaled up to [`TARGET_DPI`].
const UPSCALE_BELOW: u32 = 250;

/// A page as the OCR read it, in the pixels of the prepared image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OcrPage {
    /// Recognised words.
    pub words: Vec<OcrWord>,
    /// Table rulings of the image.
    pub rules: Vec<PixelRule>,
    /// Width of the prepared image (pixels).
    pub width: usize,
    /// Height of the prepared image (pixels).
    pub height: usize,
    /// Its resolution.
    pub dpi: u32,
}

/// Why a page was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OcrFailure {
    /// OCR is turned off (`--ocr never`).
    Disabled,
    /// Tesseract or its Vietnamese model is not installed.
    Missing,
    /// The engine failed on the page.
    Failed(String),
}

impl OcrFailure {
    /// Why a page was not read, and what a user does about it.
    pub fn explain(&self) -> String {
        match self {
            OcrFailure::Disabled => "OCR is off (--ocr never)".into(),
            OcrFailure::Missing => "OCR needs Tesseract with its Vietnamese model \
                 (apt-get install tesseract-ocr tesseract-ocr-vie)"
                .into(),
            OcrFailure::Failed(reason) => format!("OCR failed: {reason}"),
        }
    }
}

/// The warning for page `number` the engine failed on.
pub(crate) fn page_failed(number: u32, reason: &str) -> crate::model::Warning {
    crate::model::Warning::new(
        crate::diagnostics::OCR_FAILED,
        format!("page {number} could not be read by OCR: {reason}"),
    )
}

/// The engine to use under `options`, or why none.
pub(crate) fn available(options: &Options) -> Result<&'static Engine, OcrFailure> {
    if options.ocr == OcrMode::Never {
        return Err(OcrFailure::Disabled);
    }
    engine().ok_or(OcrFailure::Missing)
}

/// Reads one page image.
pub(crate) fn read_page(
    engine: &Engine,
    page: Gray,
    options: &Options,
) -> Result<OcrPage, OcrFailure> {
    let scaled = if page.dpi < UPSCALE_BELOW {
        scale(&page, TARGET_DPI)
    } else {
        page
    };
    let (mut level, _) = image::straighten(scaled);
    let rules = image::rulings(&level);
    image::erase(&mut level, &rules);
    image::whiten_paper(&mut level);
    dump(&level);
    let cache = options.ocr_cache.as_deref();
    let in_process = options.ocr_in_process;
    let read = |image: &Gray, how| {
        cache::tsv(cache, engine, image, how, in_process).map_err(OcrFailure::Failed)
    };
    let mut words = tsv::words(&read(&level, Segmentation::Page)?);
    let ink_level = level.ink_threshold();
    punctuation::drop_unseen_marks(&mut words, &level, ink_level);
    let patches = missed::patches(&level, ink_level, &words);
    if !patches.is_empty() {
        let (strip, tops) = missed::strip(&level, &patches);
        let found = tsv::words(&read(&strip, Segmentation::Block)?);
        words.extend(missed::place(found, &patches, &tops, &level));
    }
    if let Some(hook) = options.on_ocr_page {
        hook();
    }
    Ok(OcrPage {
        words,
        rules,
        width: level.width,
        height: level.height,
        dpi: level.dpi,
    })
}

/// Environment variable naming a directory where every prepared page image
/// is written (TIFF, by its SHA-256) before OCR: a debugging aid.
const DUMP_VAR: &str = "BAOCAO_OCR_DUMP";

fn dump(page: &Gray) {
    let Some(dir) = std::env::var_os(DUMP_VAR) else {
        return;
    };
    use sha2::{Digest, Sha256};
    let tiff = page.to_tiff();
    let hex: String = Sha256::digest(&tiff)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{hex}.tif")), tiff);
}

/// The page resampled (bilinear) to `dpi`.
fn scale(page: &Gray, dpi: u32) -> Gray {
    let factor = dpi as f32 / page.dpi.max(1) as f32;
    let width = ((page.width as f32 * factor).round() as usize).max(1);
    let height = ((page.height as f32 * factor).round() as usize).max(1);
    let mut out = Gray::blank(width, height, dpi);
    for y in 0..height {
        let sy = (y as f32 + 0.5) / factor - 0.5;
        for x in 0..width {
            let sx = (x as f32 + 0.5) / factor - 0.5;
            out.pixels[y * width + x] = page.sample(sx, sy);
        }
    }
    out
}

/// A summary of the OCR of a document, for `source.ocr`.
pub(crate) fn summary(engine: &Engine, pages: &[OcrPage]) -> crate::model::OcrInfo {
    let confidences: Vec<f64> = pages
        .iter()
        .flat_map(|p| &p.words)
        .map(|w| f64::from(w.confidence))
        .collect();
    let mean = if confidences.is_empty() {
        0.0
    } else {
        confidences.iter().sum::<f64>() / confidences.len() as f64
    };
    crate::model::OcrInfo {
        engine: "tesseract".into(),
        version: engine.version.clone(),
        languages: engine.languages.split('+').map(str::to_string).collect(),
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        mean_confidence: (mean / 100.0 * 1000.0).round() / 1000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_keeps_the_picture() {
        let mut g = Gray::blank(20, 10, 200);
        for y in 0..10 {
            for x in 0..10 {
                g.pixels[y * 20 + x] = 0;
            }
        }
        let s = scale(&g, 300);
        assert_eq!((s.width, s.height, s.dpi), (30, 15, 300));
        assert_eq!(s.at(5, 5), 0);
        assert_eq!(s.at(25, 5), 255);
    }
}
