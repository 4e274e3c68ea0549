//! Page images of a PDF, rendered with hayro (a pure-Rust rasteriser that
//! decodes every image filter: DCT, CCITT fax, JBIG2, JPEG 2000, Flate),
//! for the OCR of scanned pages.

use crate::ingest::image::Gray;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Largest side of a rendered page, in pixels (a poster-sized page is
/// rendered at a lower resolution).
const MAX_SIDE: f32 = 12_000.0;

/// A document opened for rendering.
pub(crate) struct Raster {
    pdf: Pdf,
}

impl Raster {
    /// Opens the document; `None` when the rasteriser cannot read it.
    pub fn open(bytes: &[u8]) -> Option<Raster> {
        let data = Arc::new(bytes.to_vec());
        catch_unwind(AssertUnwindSafe(|| Pdf::new(data)))
            .ok()?
            .ok()
            .map(|pdf| Raster { pdf })
    }

    /// Page `index` (from 0) rendered at `dpi` (less for a huge page), its
    /// colour reduced to grey by [`Gray::from_samples`]; `None` when the
    /// page is missing or the rasteriser fails on it.
    pub fn page(&self, index: usize, dpi: u32) -> Option<Gray> {
        catch_unwind(AssertUnwindSafe(|| self.render(index, dpi))).ok()?
    }

    fn render(&self, index: usize, dpi: u32) -> Option<Gray> {
        let page = self.pdf.pages().get(index)?;
        let (w, h) = page.render_dimensions();
        let mut scale = dpi as f32 / 72.0;
        if w.max(h) * scale > MAX_SIDE {
            scale = MAX_SIDE / w.max(h);
        }
        if !(w > 0.0 && h > 0.0) {
            return None;
        }
        let cache = RenderCache::new();
        let pixmap = hayro::render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        let (pw, ph) = (pixmap.width() as usize, pixmap.height() as usize);
        let dpi = (scale * 72.0).round() as u32;
        Some(Gray::from_samples(
            pw,
            ph,
            4,
            pixmap.data_as_u8_slice(),
            dpi,
        ))
    }
}
