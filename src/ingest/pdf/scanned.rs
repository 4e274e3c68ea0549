//! Which pages of a PDF are scans, and their reading by OCR: a page that
//! draws images but no text, or one image covering the page under at most
//! a stamp's worth of text ("SAO Y", a signing tool's name). A page whose
//! text layer is a scanner's own (invisible) OCR keeps it, unless that
//! layer is a poor reading ([`damaged`]) which ours reads clearly better,
//! or the caller asks for `--ocr always`.

use super::damaged;
use super::interp::Marks;
use super::raster::Raster;
use super::scan;
use crate::diagnostics;
use crate::ingest::image::Gray;
use crate::ingest::ocr::{self, Engine, OcrFailure, OcrPage};
use crate::ingest::Line;
use crate::model::Warning;
use crate::options::{OcrMode, Options};

/// Share of the page an image must cover to be the page (a scan).
const COVERING: f32 = 0.5;
/// Most visible characters a scanned page may carry and still be read by
/// OCR: a certified-copy stamp, a signature box, a signing tool's name.
const STAMP_CHARS: usize = 200;

/// The image of page `number` (1-based), rendered at the OCR resolution.
fn render(raster: Option<&Raster>, number: u32) -> Result<Gray, OcrFailure> {
    raster
        .and_then(|r| r.page(number.saturating_sub(1) as usize, ocr::TARGET_DPI))
        .ok_or_else(|| OcrFailure::Failed("the page could not be rendered".into()))
}

/// Pages `numbers` rendered and read, one per core at a time: each thread
/// takes the next page as it finishes one, so no page waits for another.
fn read_in_parallel(
    raster: Option<&Raster>,
    engine: &Engine,
    options: &Options,
    numbers: &[u32],
) -> Vec<Result<OcrPage, OcrFailure>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let read_one = |number| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ocr::read_page(engine, render(raster, number)?, options)
        }))
        .ok()
    };
    let mut done: Vec<Option<Result<OcrPage, OcrFailure>>> = numbers.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..parallel().min(numbers.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&number) = numbers.get(i) else {
                            break mine;
                        };
                        mine.push((i, read_one(number)));
                    }
                })
            })
            .collect();
        for (i, read) in threads
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_default())
        {
            done[i] = read;
        }
    });
    // A page whose reading panicked is a failed page.
    done.into_iter()
        .map(|read| read.unwrap_or_else(|| Err(OcrFailure::Failed("the OCR stage failed".into()))))
        .collect()
}

/// Pages read by OCR at a time: the cores available.
fn parallel() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Why a page is read by OCR.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Reason {
    /// A scan without a text layer worth keeping: no text, a stamp's
    /// words, or (under `always`) a scanner's layer.
    Scan,
    /// A scan whose own text layer is poor ([`damaged`]), with the share
    /// of its words that spell no syllable.
    PoorLayer(f32),
}

impl Reason {
    /// Whether our reading, `lines`, replaces the page's glyph layer: a
    /// poor layer only when ours is clearly better.
    pub fn ours_replaces(self, lines: &[Line]) -> bool {
        match self {
            Reason::Scan => true,
            Reason::PoorLayer(layer) => {
                damaged::invalid_share(lines) <= layer - damaged::CLEARLY_BETTER
            }
        }
    }
}

/// Why the page, whose glyph layer gave `lines`, is to be read by OCR under
/// `mode`, if it is (under `never`, the pages `auto` would read: their
/// reading is then refused, and said). A scan whose text layer is poor
/// ([`damaged`]) is read again.
pub(super) fn ocr_reason(
    marks: &Marks,
    lines: &[Line],
    page_box: Option<[f32; 4]>,
    mode: OcrMode,
) -> Option<Reason> {
    if marks.images.is_empty() {
        return None;
    }
    let visible: usize = marks
        .glyphs
        .iter()
        .map(|g| g.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let area = page_box.map_or(0.0, |[x0, y0, x1, y1]| (x1 - x0) * (y1 - y0));
    let covering = area > 0.0 && marks.images.iter().any(|i| i.area() >= COVERING * area);
    let poor = (covering && visible > 0)
        .then(|| damaged::invalid_share(lines))
        .filter(|&share| share >= damaged::POOR_LAYER);
    let read = match mode {
        OcrMode::Always => covering || visible == 0,
        OcrMode::Auto | OcrMode::Never => {
            visible == 0 || (covering && (visible <= STAMP_CHARS || poor.is_some()))
        }
    };
    read.then(|| poor.map_or(Reason::Scan, Reason::PoorLayer))
}

/// The scanned pages of one document as they are read.
pub(super) struct Scans<'a> {
    bytes: &'a [u8],
    options: &'a Options,
    raster: Option<Option<Raster>>,
    /// Pages read.
    pub read: Vec<OcrPage>,
    /// Pages that needed OCR and were not read, with why.
    pub unread: Vec<(u32, OcrFailure)>,
}

impl<'a> Scans<'a> {
    /// Scans of the document `bytes`.
    pub fn new(bytes: &'a [u8], options: &'a Options) -> Self {
        Scans {
            bytes,
            options,
            raster: None,
            read: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// The lines of pages `numbers` (from 1) read by OCR, in order; `None`
    /// (noted in `unread`) for a page that cannot be. Pages are rendered and
    /// read [`parallel`] at a time: a long scan uses every core even when it
    /// is the last document of a run.
    pub fn read_pages(&mut self, numbers: &[u32]) -> Vec<Option<Vec<Line>>> {
        let engine = match ocr::available(self.options) {
            Ok(engine) => engine,
            Err(why) => {
                // Nothing is rendered when nothing can be read.
                let unread = numbers.iter().map(|&n| (n, why.clone()));
                self.unread.extend(unread);
                return vec![None; numbers.len()];
            }
        };
        // Out of `self` while pages are read (it is put back after).
        let held = self
            .raster
            .take()
            .unwrap_or_else(|| Raster::open(self.bytes));
        let pages = read_in_parallel(held.as_ref(), engine, self.options, numbers);
        self.raster = Some(held);
        numbers
            .iter()
            .zip(pages)
            .map(|(&number, page)| self.keep(number, page))
            .collect()
    }

    /// The lines of a page read, noted in `read`; or its failure, noted.
    fn keep(&mut self, number: u32, page: Result<OcrPage, OcrFailure>) -> Option<Vec<Line>> {
        match page {
            Ok(page) => {
                let lines = scan::lines(&page, number);
                self.read.push(page);
                Some(lines)
            }
            Err(why) => {
                self.unread.push((number, why));
                None
            }
        }
    }

    /// When pages are OCR'd.
    pub fn mode(&self) -> OcrMode {
        self.options.ocr
    }

    /// The engine, when any page was read.
    pub fn engine(&self) -> Option<&'static Engine> {
        (!self.read.is_empty()).then(ocr::engine).flatten()
    }

    /// Warnings for pages that needed OCR but were not read, when the
    /// document has text otherwise.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let pages = |want: fn(&OcrFailure) -> bool| -> Vec<String> {
            self.unread
                .iter()
                .filter(|(_, why)| want(why))
                .map(|(n, _)| n.to_string())
                .collect()
        };
        let missing = pages(|w| matches!(w, OcrFailure::Missing | OcrFailure::Disabled));
        if !missing.is_empty() {
            out.push(Warning::new(
                diagnostics::OCR_UNAVAILABLE,
                format!(
                    "scanned page(s) {} not read: {}",
                    missing.join(", "),
                    self.how_to_enable()
                ),
            ));
        }
        for (n, why) in &self.unread {
            if let OcrFailure::Failed(reason) = why {
                out.push(ocr::page_failed(*n, reason));
            }
        }
        out
    }

    /// What a user does to have scanned pages read.
    pub fn how_to_enable(&self) -> String {
        let why = if self.options.ocr == OcrMode::Never {
            OcrFailure::Disabled
        } else {
            OcrFailure::Missing
        };
        why.explain()
    }
}
