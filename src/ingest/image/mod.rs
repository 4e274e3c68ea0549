//! Page images: grey pixels with a resolution, from a rendered PDF page or
//! an image file (PNG, JPEG, TIFF with its pages), cleaned for OCR
//! (deskewed, paper whitened) and searched for table rulings.

mod deskew;
mod files;
mod levels;
mod rules;

pub(crate) use deskew::straighten;
pub(crate) use files::{is_image, pages as file_pages};
pub(crate) use levels::whiten_paper;
pub(crate) use rules::{erase, rulings, PixelRule};

/// An 8-bit grey image, row by row, 0 black and 255 white.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height` grey levels.
    pub pixels: Vec<u8>,
    /// Pixels per inch (as scanned, or as rendered).
    pub dpi: u32,
}

impl Gray {
    /// A white image.
    pub fn blank(width: usize, height: usize, dpi: u32) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![255; width * height],
            dpi,
        }
    }

    /// Grey levels from interleaved colour samples of `channels` bytes per
    /// pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA). Colour keeps only its
    /// red channel: the "drop-out colour" of document scanners, which makes
    /// a red seal over the text as light as the paper while black and blue
    /// ink stay dark.
    pub fn from_samples(
        width: usize,
        height: usize,
        channels: usize,
        data: &[u8],
        dpi: u32,
    ) -> Gray {
        let channels = channels.max(1);
        let pixels: Vec<u8> = data
            .chunks_exact(channels)
            .take(width * height)
            .map(|p| p[0])
            .collect();
        let mut out = Gray::blank(width, height, dpi);
        out.pixels[..pixels.len()].copy_from_slice(&pixels);
        out
    }

    /// The level at (x, y); white outside the image.
    pub fn at(&self, x: isize, y: isize) -> u8 {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return 255;
        }
        self.pixels[y as usize * self.width + x as usize]
    }

    /// The level at (x, y) interpolated between the four nearest pixels
    /// (bilinear); white outside the image.
    pub fn sample(&self, x: f32, y: f32) -> u8 {
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (xi, yi) = (x0 as isize, y0 as isize);
        let p = |dx: isize, dy: isize| f32::from(self.at(xi + dx, yi + dy));
        let top = p(0, 0) * (1.0 - fx) + p(1, 0) * fx;
        let bottom = p(0, 1) * (1.0 - fx) + p(1, 1) * fx;
        (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
    }

    /// The level that parts ink from paper (Otsu's threshold over the
    /// histogram): pixels at or below it are ink.
    pub fn ink_threshold(&self) -> u8 {
        otsu(&self.histogram())
    }

    /// How many pixels have each grey level.
    pub fn histogram(&self) -> [u64; 256] {
        let mut hist = [0u64; 256];
        for &p in &self.pixels {
            hist[p as usize] += 1;
        }
        hist
    }

    /// The image as an uncompressed grey TIFF: the format Tesseract
    /// (Leptonica) reads from memory fastest (a PGM it reads byte by byte).
    pub fn to_tiff(&self) -> Vec<u8> {
        use tiff::encoder::{colortype::Gray8, TiffEncoder};
        let mut out = std::io::Cursor::new(Vec::with_capacity(self.pixels.len() + 512));
        let written = TiffEncoder::new(&mut out).and_then(|mut e| {
            let (w, h) = (self.width as u32, self.height as u32);
            e.write_image::<Gray8>(w, h, &self.pixels)
        });
        match written {
            Ok(()) => out.into_inner(),
            Err(_) => Vec::new(),
        }
    }
}

/// Otsu's threshold of a grey-level histogram.
fn otsu(hist: &[u64; 256]) -> u8 {
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut below, mut sum_below) = (0u64, 0f64);
    let (mut best, mut best_t) = (-1f64, 127u8);
    for (t, &n) in hist.iter().enumerate() {
        below += n;
        sum_below += t as f64 * n as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let mean_below = sum_below / below as f64;
        let mean_above = (sum_all - sum_below) / above as f64;
        let between = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if between > best {
            (best, best_t) = (between, t as u8);
        }
    }
    best_t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otsu_parts_ink_from_paper() {
        let mut g = Gray::blank(10, 10, 300);
        for p in g.pixels.iter_mut().take(30) {
            *p = 20;
        }
        for p in g.pixels.iter_mut().skip(30) {
            *p = 230;
        }
        let t = g.ink_threshold();
        assert!((20..230).contains(&t), "{t}");
    }

    #[test]
    fn red_seal_is_dropped_blue_ink_kept() {
        let rgb = [200u8, 30, 40, 20, 30, 200, 240, 236, 222];
        let g = Gray::from_samples(3, 1, 3, &rgb, 200);
        assert_eq!(g.pixels, vec![200, 20, 240]);
    }

    #[test]
    fn tiff_round_trip() {
        let mut g = Gray::blank(4, 2, 300);
        g.pixels[5] = 7;
        let pages = files::pages(&g.to_tiff()).expect("reads back");
        assert_eq!(pages[0].pixels, g.pixels);
    }
}
