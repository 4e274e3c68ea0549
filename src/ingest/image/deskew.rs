//! Straightening a scanned page: the skew angle is the one whose sheared
//! row profile of ink pixels is sharpest (text lines and rules fall into
//! few rows), and the page is turned back by it.

use super::Gray;

/// Largest skew searched, in degrees either way.
const MAX_SKEW: f32 = 4.0;
/// Coarse and fine search steps, in degrees.
const STEPS: [f32; 2] = [0.25, 0.025];
/// A skew smaller than this (degrees) is left alone.
const MIN_SKEW: f32 = 0.08;
/// Every how many ink samples the coarse search looks at one.
const COARSE_THINNING: usize = 4;
/// Every how many pixels ink is sampled (both directions) for the profile.
const SAMPLE: usize = 2;

/// The page turned so that its text lines run level, and the skew (in
/// degrees, see [`skew_angle`]) it was turned back by; 0 when level.
pub(crate) fn straighten(page: Gray) -> (Gray, f32) {
    let angle = skew_angle(&page);
    if angle.abs() < MIN_SKEW {
        return (page, 0.0);
    }
    (rotate(&page, -angle), angle)
}

/// The skew of the page's lines, in degrees: positive when they rise to
/// the right.
pub(crate) fn skew_angle(page: &Gray) -> f32 {
    let threshold = page.ink_threshold();
    let mut ink: Vec<(f32, f32)> = Vec::new();
    for y in (0..page.height).step_by(SAMPLE) {
        let row = &page.pixels[y * page.width..(y + 1) * page.width];
        for x in (0..page.width).step_by(SAMPLE) {
            if row[x] <= threshold {
                ink.push((x as f32, y as f32));
            }
        }
    }
    if ink.len() < 100 {
        return 0.0;
    }
    // The coarse search looks at a quarter of the ink: enough to find the
    // neighbourhood the fine search then settles on all of it.
    let coarse: Vec<(f32, f32)> = ink.iter().step_by(COARSE_THINNING).copied().collect();
    let mut best = 0.0f32;
    let mut span = MAX_SKEW;
    for (pass, step) in STEPS.into_iter().enumerate() {
        let ink = if pass == 0 { &coarse } else { &ink };
        let centre = best;
        let n = (span / step).round() as i32;
        // Nearest to level first, so that a tie keeps the smaller turn.
        let mut angles: Vec<f32> = (-n..=n).map(|k| centre + k as f32 * step).collect();
        angles.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
        let mut best_score = f64::MIN;
        for a in angles {
            let score = sharpness(ink, a, page.height);
            if score > best_score {
                (best_score, best) = (score, a);
            }
        }
        span = step;
    }
    best
}

/// Sum of squared ink counts per row after shearing by `angle`: larger
/// when lines are level in the sheared frame.
fn sharpness(ink: &[(f32, f32)], angle: f32, height: usize) -> f64 {
    let tan = angle.to_radians().tan();
    let mut rows = vec![0u32; height * 2 + 2];
    let offset = height as f32;
    for &(x, y) in ink {
        // A line rising to the right has smaller y further right.
        let level = y + x * tan + offset;
        if level >= 0.0 {
            if let Some(slot) = rows.get_mut(level as usize / SAMPLE) {
                *slot += 1;
            }
        }
    }
    rows.iter().map(|&n| f64::from(n) * f64::from(n)).sum()
}

/// The page's content turned by `angle` degrees counter-clockwise as seen,
/// about its centre (bilinear), the corners brought in filled with white.
fn rotate(page: &Gray, angle: f32) -> Gray {
    let (sin, cos) = angle.to_radians().sin_cos();
    let (cx, cy) = (page.width as f32 / 2.0, page.height as f32 / 2.0);
    let mut out = Gray::blank(page.width, page.height, page.dpi);
    for y in 0..page.height {
        let dy = y as f32 - cy;
        for x in 0..page.width {
            let dx = x as f32 - cx;
            // Where this output pixel was on the skewed page.
            let sx = cos * dx - sin * dy + cx;
            let sy = sin * dx + cos * dy + cy;
            out.pixels[y * page.width + x] = page.sample(sx, sy);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of level dark bars (text lines), turned by `angle`.
    fn lined_page(angle: f32) -> Gray {
        let mut g = Gray::blank(600, 400, 100);
        for line in 0..10 {
            let y0 = 40 + line * 30;
            for y in y0..y0 + 6 {
                for x in 60..540 {
                    g.pixels[y * 600 + x] = 10;
                }
            }
        }
        rotate(&g, angle)
    }

    #[test]
    fn finds_the_skew_of_tilted_lines() {
        for angle in [-1.5f32, -0.6, 0.9, 2.0] {
            let found = skew_angle(&lined_page(angle));
            assert!((found - angle).abs() < 0.1, "{angle} → {found}");
        }
    }

    #[test]
    fn straightening_levels_the_lines() {
        let (level, turned) = straighten(lined_page(1.2));
        assert!((turned - 1.2).abs() < 0.1, "{turned}");
        assert!(skew_angle(&level).abs() < 0.1);
    }

    #[test]
    fn a_level_page_is_left_alone() {
        let page = lined_page(0.0);
        let (same, turned) = straighten(page.clone());
        assert_eq!(turned, 0.0);
        assert_eq!(same, page);
    }
}
