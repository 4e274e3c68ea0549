//! Grey levels made plain for the recogniser: paper white, ink spread
//! over the dark range. Tesseract's layout pass works on a binary image,
//! but its line recogniser reads the grey one, where a scanner's grey
//! paper, JPEG noise and the faint edges of whitened rulings read as
//! strokes ("2.1" as "Z1"); a hard black-and-white image loses the soft
//! letter edges a clean page gives it. Whitening the paper and keeping
//! the ink's shades serves both.

use super::Gray;

/// The level the lightest ink is mapped to: ink stays visibly grey at its
/// edges, well apart from white paper.
const LIGHTEST_INK: f32 = 200.0;
/// Share of pixels darker than the level taken as full black (a speck of
/// noise is not the darkest ink).
const BLACK_SHARE: f64 = 0.005;

/// Whitens every pixel lighter than the page's ink threshold and spreads
/// the rest from black to [`LIGHTEST_INK`].
pub(crate) fn whiten_paper(page: &mut Gray) {
    let hist = page.histogram();
    let threshold = super::otsu(&hist);
    let black = darkest_level(&hist, BLACK_SHARE).min(threshold);
    let span = f32::from(threshold - black).max(1.0);
    let mut map = [255u8; 256];
    for (level, out) in map.iter_mut().enumerate().take(threshold as usize + 1) {
        let depth = (level as f32 - f32::from(black)).max(0.0) / span;
        *out = (depth * LIGHTEST_INK).round() as u8;
    }
    for p in &mut page.pixels {
        *p = map[*p as usize];
    }
}

/// The level below which `share` of the pixels lie.
fn darkest_level(hist: &[u64; 256], share: f64) -> u8 {
    let total: u64 = hist.iter().sum();
    let wanted = (total as f64 * share).ceil() as u64;
    let mut seen = 0;
    for (level, &n) in hist.iter().enumerate() {
        seen += n;
        if seen >= wanted {
            return level as u8;
        }
    }
    255
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_turns_white_and_ink_keeps_its_shades() {
        let mut g = Gray::blank(100, 10, 300);
        for (i, p) in g.pixels.iter_mut().enumerate() {
            *p = match i % 10 {
                0 => 30,
                1 => 90,
                _ => 225 + (i % 7) as u8,
            };
        }
        whiten_paper(&mut g);
        assert!(g.pixels.iter().enumerate().all(|(i, &p)| match i % 10 {
            0 => p == 0,
            1 => (100..=LIGHTEST_INK as u8).contains(&p),
            _ => p == 255,
        }));
    }

    #[test]
    fn darkest_level_skips_specks() {
        let mut hist = [0u64; 256];
        hist[0] = 1;
        hist[40] = 999;
        hist[250] = 9000;
        assert_eq!(darkest_level(&hist, BLACK_SHARE), 40);
    }
}
