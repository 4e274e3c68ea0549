//! Table rulings in a page image: long, thin runs of ink, horizontal or
//! vertical, found row by row (column by column) and joined across the
//! neighbouring rows a slightly tilted or thick line spreads over.

use super::Gray;

/// A ruling line found in an image: its pixel box, `x1`/`y1` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PixelRule {
    /// Left edge.
    pub x0: usize,
    /// Top edge.
    pub y0: usize,
    /// Right edge (exclusive).
    pub x1: usize,
    /// Bottom edge (exclusive).
    pub y1: usize,
}

impl PixelRule {
    /// True when the line runs across the page.
    pub fn is_horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// Shortest horizontal rule, in inches (table rules span the table; a
/// stroke of a letter is far shorter).
const MIN_HORIZONTAL: f32 = 0.35;
/// Shortest vertical rule, in inches (a one-line table row is about 0.25;
/// the tallest letter stem of body and title text about 0.15).
const MIN_VERTICAL: f32 = 0.18;
/// Thickest line, in inches (a bar thicker than this is a filled block).
const MAX_THICKNESS: f32 = 0.04;
/// Gap bridged inside a run (broken ink), in inches.
const GAP: f32 = 0.004;
/// Rows between two runs still joined into one line (a tilted line steps
/// from row to row), in pixels.
const JOIN_ROWS: usize = 2;

/// The horizontal and vertical rulings of a page.
pub(crate) fn rulings(page: &Gray) -> Vec<PixelRule> {
    let threshold = page.ink_threshold();
    let ink: Vec<bool> = page.pixels.iter().map(|&p| p <= threshold).collect();
    let inches = |v: f32| (v * page.dpi as f32).round() as usize;
    let gap = inches(GAP).max(1);
    let (w, h) = (page.width, page.height);
    let mut out = Vec::new();
    let across = runs(h, w, gap, inches(MIN_HORIZONTAL), |row, x| ink[row * w + x]);
    for s in join(across, inches(MAX_THICKNESS)) {
        out.push(PixelRule {
            x0: s.from,
            x1: s.to,
            y0: s.first,
            y1: s.last + 1,
        });
    }
    let down = runs(w, h, gap, inches(MIN_VERTICAL), |col, y| ink[y * w + col]);
    for s in join(down, inches(MAX_THICKNESS)) {
        out.push(PixelRule {
            x0: s.first,
            x1: s.last + 1,
            y0: s.from,
            y1: s.to,
        });
    }
    out
}

/// Whitens the rulings (and a pixel around them), so that the OCR engine
/// does not read a rule as a letter or join cells into one line.
pub(crate) fn erase(page: &mut Gray, rules: &[PixelRule]) {
    for r in rules {
        let (x0, y0) = (r.x0.saturating_sub(1), r.y0.saturating_sub(1));
        let (x1, y1) = ((r.x1 + 1).min(page.width), (r.y1 + 1).min(page.height));
        for y in y0..y1 {
            page.pixels[y * page.width + x0..y * page.width + x1].fill(255);
        }
    }
}

/// A run of ink along one line of pixels: `line` is the row (or column),
/// `from..to` the extent along it.
#[derive(Debug, Clone, Copy)]
struct Run {
    line: usize,
    from: usize,
    to: usize,
}

/// Runs of ink at least `min_len` long along each of `lines` lines of
/// `len` pixels, gaps up to `gap` bridged.
fn runs(
    lines: usize,
    len: usize,
    gap: usize,
    min_len: usize,
    ink: impl Fn(usize, usize) -> bool,
) -> Vec<Run> {
    let mut out = Vec::new();
    for line in 0..lines {
        let mut start: Option<usize> = None;
        let mut last_ink = 0usize;
        for i in 0..=len {
            let dark = i < len && ink(line, i);
            if dark {
                if start.is_some_and(|_| i - last_ink > gap + 1) {
                    push_run(&mut out, line, start, last_ink, min_len);
                    start = None;
                }
                start.get_or_insert(i);
                last_ink = i;
            } else if i == len || start.is_some_and(|_| i - last_ink > gap) {
                push_run(&mut out, line, start.take(), last_ink, min_len);
            }
        }
    }
    out
}

fn push_run(out: &mut Vec<Run>, line: usize, start: Option<usize>, last: usize, min_len: usize) {
    if let Some(from) = start {
        if last + 1 - from >= min_len {
            out.push(Run {
                line,
                from,
                to: last + 1,
            });
        }
    }
}

/// Runs joined across neighbouring lines: `first..=last` lines,
/// `from..to` along them.
#[derive(Debug, Clone, Copy)]
struct Segment {
    first: usize,
    last: usize,
    from: usize,
    to: usize,
}

/// Runs (in line order) joined where they overlap along and lie within
/// [`JOIN_ROWS`] lines of each other; kept when no thicker than
/// `max_thick` (plus what a tilt of about a quarter degree adds).
fn join(runs: Vec<Run>, max_thick: usize) -> Vec<Segment> {
    let mut done: Vec<Segment> = Vec::new();
    let mut open: Vec<Segment> = Vec::new();
    for r in runs {
        let (near, far): (Vec<Segment>, Vec<Segment>) =
            open.into_iter().partition(|s| s.last + JOIN_ROWS >= r.line);
        done.extend(far);
        open = near;
        match open.iter_mut().find(|s| s.from < r.to && r.from < s.to) {
            Some(s) => {
                s.last = r.line;
                s.from = s.from.min(r.from);
                s.to = s.to.max(r.to);
            }
            None => open.push(Segment {
                first: r.line,
                last: r.line,
                from: r.from,
                to: r.to,
            }),
        }
    }
    done.extend(open);
    done.retain(|s| s.last + 1 - s.first <= max_thick.max(2) + (s.to - s.from) / 200);
    done.sort_by_key(|s| (s.first, s.from));
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(g: &mut Gray, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0..y1 {
            g.pixels[y * g.width + x0..y * g.width + x1].fill(0);
        }
    }

    /// A 300-dpi page with a 3×2 ruled table and a word of text.
    fn table_page() -> Gray {
        let mut g = Gray::blank(900, 600, 300);
        for y in [100, 200, 300, 400] {
            fill(&mut g, 100, y, 800, y + 2);
        }
        for x in [100, 400, 798] {
            fill(&mut g, x, 100, x + 2, 402);
        }
        // Letters: short strokes, never a rule.
        for k in 0..8 {
            fill(&mut g, 150 + k * 20, 140, 160 + k * 20, 175);
        }
        g
    }

    #[test]
    fn finds_the_rules_of_a_table_and_no_letters() {
        let rules = rulings(&table_page());
        let across = rules.iter().filter(|r| r.is_horizontal()).count();
        let down = rules.iter().filter(|r| !r.is_horizontal()).count();
        assert_eq!((across, down), (4, 3), "{rules:?}");
        assert!(rules
            .iter()
            .all(|r| r.is_horizontal() || (r.x0 >= 100 && r.y1 - r.y0 >= 300)));
    }

    #[test]
    fn a_tilted_broken_rule_is_one_line() {
        let mut g = Gray::blank(900, 300, 300);
        // Steps down one pixel every 150 pixels, with a 1-pixel break.
        for x in 50..850 {
            if x == 400 {
                continue;
            }
            let y = 100 + (x - 50) / 150;
            g.pixels[y * 900 + x] = 0;
            g.pixels[(y + 1) * 900 + x] = 0;
        }
        let rules = rulings(&g);
        assert_eq!(rules.len(), 1, "{rules:?}");
        assert_eq!((rules[0].x0, rules[0].x1), (50, 850));
    }

    #[test]
    fn a_filled_block_is_not_a_rule() {
        let mut g = Gray::blank(600, 400, 300);
        fill(&mut g, 50, 50, 550, 150);
        assert!(rulings(&g).is_empty());
    }

    #[test]
    fn erasing_whitens_the_rules_only() {
        let mut g = table_page();
        let rules = rulings(&g);
        erase(&mut g, &rules);
        assert_eq!(g.at(300, 100), 255);
        assert_eq!(g.at(155, 150), 0, "letters stay");
    }
}
