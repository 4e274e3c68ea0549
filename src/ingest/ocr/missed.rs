//! The ink a page reading left out. Tesseract's page layout drops short,
//! isolated text — a lone "4" in a value cell, an STT "1" in its column —
//! so the ink no recognised word covers is found (connected ink tiles),
//! each patch cut out and stacked on a strip, one patch a line, and the
//! strip read as a block of lines; its words are put back where their
//! patch came from.

use super::tsv::OcrWord;
use crate::ingest::image::Gray;

/// Tile side, in inches: ink is looked at tile by tile.
const TILE: f32 = 0.02;
/// Ink pixels a tile needs (a speck of scanner noise has fewer).
const TILE_INK: usize = 2;
/// Margin around a recognised word's box still taken as covered, in inches.
const COVER_MARGIN: f32 = 0.015;
/// A patch this near a word's box (inches) is part of that word.
const TOUCH: f32 = 0.02;
/// Patches on one line nearer than this (inches) are one patch ("4.2.1").
const JOIN_GAP: f32 = 0.12;
/// Height of a patch kept, in inches: text, not a speck or a picture.
const MIN_HEIGHT: f32 = 0.06;
const MAX_HEIGHT: f32 = 0.6;
/// Ink pixels a patch needs, per square inch of the page's resolution.
const MIN_INK: f32 = 0.0012;
/// Most patches read from one page.
const MAX_PATCHES: usize = 300;
/// White kept around a patch on the strip, and between patches (pixels at
/// 300 dpi, scaled).
const PAD: usize = 10;
const SPACING: usize = 28;

/// A box of pixels, `x1`/`y1` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Patch {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

/// The patches of ink (levels at or below `ink`, the page's threshold) no
/// word of `words` covers.
pub(crate) fn patches(page: &Gray, ink_level: u8, words: &[OcrWord]) -> Vec<Patch> {
    let inch = page.dpi as f32;
    let tile = ((TILE * inch).round() as usize).max(2);
    let (tw, th) = (page.width.div_ceil(tile), page.height.div_ceil(tile));
    let mut ink = vec![0u16; tw * th];
    for y in 0..page.height {
        let row = &page.pixels[y * page.width..(y + 1) * page.width];
        for (x, &p) in row.iter().enumerate() {
            if p <= ink_level {
                ink[(y / tile) * tw + x / tile] += 1;
            }
        }
    }
    let margin = (COVER_MARGIN * inch) as usize;
    for w in words {
        let (x0, y0) = (
            (w.left as usize).saturating_sub(margin) / tile,
            (w.top as usize).saturating_sub(margin) / tile,
        );
        let x1 = ((w.left + w.width) as usize + margin)
            .div_ceil(tile)
            .min(tw);
        let y1 = ((w.top + w.height) as usize + margin)
            .div_ceil(tile)
            .min(th);
        for ty in y0..y1 {
            ink[ty * tw + x0.min(x1)..ty * tw + x1].fill(0);
        }
    }
    let found = components(&ink, tw, th, tile);
    let joined = join(found, (JOIN_GAP * inch) as usize);
    let min_ink = (MIN_INK * inch * inch) as usize;
    let (lo, hi) = ((MIN_HEIGHT * inch) as usize, (MAX_HEIGHT * inch) as usize);
    let mut kept: Vec<Patch> = joined
        .into_iter()
        .filter(|(p, n)| (lo..=hi).contains(&(p.y1 - p.y0)) && *n >= min_ink)
        .map(|(p, _)| Patch {
            x1: p.x1.min(page.width),
            y1: p.y1.min(page.height),
            ..p
        })
        .collect();
    let touch = (TOUCH * inch) as usize;
    kept.retain(|p| !words.iter().any(|w| touches(p, w, touch)));
    kept.truncate(MAX_PATCHES);
    kept
}

/// Whether a patch sits on a word's line within `gap` pixels of its box:
/// ink of that word its box left out (the last stroke of "UBND", half a
/// "3"), which read again would double the word.
fn touches(p: &Patch, w: &OcrWord, gap: usize) -> bool {
    let (left, top) = (w.left as usize, w.top as usize);
    let (right, bottom) = (left + w.width as usize, top + w.height as usize);
    let shared = bottom.min(p.y1).saturating_sub(top.max(p.y0));
    let beside = p.x0 <= right + gap && left <= p.x1 + gap;
    beside && shared * 2 >= (p.y1 - p.y0).min(bottom - top)
}

/// Connected (8-neighbour) inked tiles: their pixel boxes and ink counts.
fn components(ink: &[u16], tw: usize, th: usize, tile: usize) -> Vec<(Patch, usize)> {
    let mut seen = vec![false; ink.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..ink.len() {
        if seen[start] || (ink[start] as usize) < TILE_INK {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1, mut n) = (usize::MAX, usize::MAX, 0, 0, 0usize);
        seen[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % tw, i / tw);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            n += ink[i] as usize;
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                if nx < 0 || ny < 0 || nx as usize >= tw || ny as usize >= th {
                    continue;
                }
                let j = ny as usize * tw + nx as usize;
                if !seen[j] && ink[j] as usize >= TILE_INK {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let patch = Patch {
            x0: x0 * tile,
            y0: y0 * tile,
            x1: (x1 + 1) * tile,
            y1: (y1 + 1) * tile,
        };
        out.push((patch, n));
    }
    out
}

/// Patches on one line (overlapping rows) within `gap` of each other
/// joined, ink counts added; top-down, left to right.
fn join(mut parts: Vec<(Patch, usize)>, gap: usize) -> Vec<(Patch, usize)> {
    parts.sort_by_key(|(p, _)| (p.x0, p.y0));
    let mut out: Vec<(Patch, usize)> = Vec::new();
    for (p, n) in parts {
        let same_line = |q: &Patch| {
            let overlap = q.y1.min(p.y1).saturating_sub(q.y0.max(p.y0));
            overlap * 2 >= (q.y1 - q.y0).min(p.y1 - p.y0) && p.x0 <= q.x1 + gap
        };
        match out.iter_mut().rev().find(|(q, _)| same_line(q)) {
            Some((q, m)) => {
                *q = Patch {
                    x0: q.x0.min(p.x0),
                    y0: q.y0.min(p.y0),
                    x1: q.x1.max(p.x1),
                    y1: q.y1.max(p.y1),
                };
                *m += n;
            }
            None => out.push((p, n)),
        }
    }
    out.sort_by_key(|(p, _)| (p.y0, p.x0));
    out
}

/// The strip the patches are stacked on, and where each patch sits on it
/// (its top on the strip).
pub(crate) fn strip(page: &Gray, patches: &[Patch]) -> (Gray, Vec<usize>) {
    let scale = |v: usize| v * page.dpi as usize / 300;
    let (pad, spacing) = (scale(PAD), scale(SPACING));
    let width = patches.iter().map(|p| p.x1 - p.x0).max().unwrap_or(0) + 2 * (pad + spacing);
    let height: usize = patches
        .iter()
        .map(|p| p.y1 - p.y0 + 2 * pad + spacing)
        .sum::<usize>()
        + spacing;
    let mut out = Gray::blank(width, height, page.dpi);
    let mut tops = Vec::with_capacity(patches.len());
    let mut y = spacing;
    for p in patches {
        let (x0, y0) = (p.x0.saturating_sub(pad), p.y0.saturating_sub(pad));
        let (x1, y1) = ((p.x1 + pad).min(page.width), (p.y1 + pad).min(page.height));
        for (k, sy) in (y0..y1).enumerate() {
            let from = &page.pixels[sy * page.width + x0..sy * page.width + x1];
            let at = (y + k) * width + spacing;
            out.pixels[at..at + from.len()].copy_from_slice(from);
        }
        tops.push(y);
        y += y1 - y0 + spacing;
    }
    (out, tops)
}

/// The strip's words put back on the page: each by the patch whose place
/// on the strip holds its middle; a line of its own per patch.
pub(crate) fn place(
    words: Vec<OcrWord>,
    patches: &[Patch],
    tops: &[usize],
    page: &Gray,
) -> Vec<OcrWord> {
    let pad = PAD * page.dpi as usize / 300;
    let spacing = SPACING * page.dpi as usize / 300;
    let mut out = Vec::new();
    for w in words {
        let middle = (w.top + w.height / 2) as usize;
        let Some(k) = tops.iter().rposition(|&t| t <= middle) else {
            continue;
        };
        let p = patches[k];
        let (x0, y0) = (p.x0.saturating_sub(pad), p.y0.saturating_sub(pad));
        let left = (w.left as usize + x0).saturating_sub(spacing);
        let top = (w.top as usize + y0).saturating_sub(tops[k]);
        out.push(OcrWord {
            left: left as u32,
            top: top as u32,
            line: (u32::MAX - k as u32, 0, 0),
            ..w
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink_box(g: &mut Gray, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0..y1 {
            for x in x0..x1 {
                g.pixels[y * g.width + x] = 0;
            }
        }
    }

    fn word(left: u32, top: u32, width: u32, height: u32) -> OcrWord {
        OcrWord {
            text: "x".into(),
            left,
            top,
            width,
            height,
            confidence: 90.0,
            line: (1, 1, 1),
        }
    }

    #[test]
    fn ink_beside_a_word_is_that_words() {
        let p = Patch {
            x0: 305,
            y0: 100,
            x1: 320,
            y1: 135,
        };
        assert!(touches(&p, &word(200, 98, 100, 38), 6));
        // A word space away, or on another line: text of its own.
        assert!(!touches(&p, &word(200, 98, 90, 38), 6));
        assert!(!touches(&p, &word(200, 160, 100, 38), 6));
    }

    #[test]
    fn uncovered_ink_is_found_covered_ink_is_not() {
        let mut g = Gray::blank(1200, 800, 300);
        ink_box(&mut g, 100, 100, 400, 140); // read
        ink_box(&mut g, 900, 300, 915, 340); // a lone "1", missed
        ink_box(&mut g, 600, 600, 602, 602); // a speck
        let found = patches(&g, g.ink_threshold(), &[word(100, 100, 300, 40)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].x0 <= 900 && found[0].x1 >= 915 && found[0].y0 <= 300);
    }

    #[test]
    fn pieces_of_one_number_are_one_patch() {
        let mut g = Gray::blank(1200, 800, 300);
        ink_box(&mut g, 100, 300, 118, 340); // "4"
        ink_box(&mut g, 124, 334, 130, 340); // "."
        ink_box(&mut g, 138, 300, 156, 340); // "2"
        assert_eq!(patches(&g, g.ink_threshold(), &[]).len(), 1);
    }

    #[test]
    fn words_of_the_strip_go_back_to_their_patch() {
        let mut g = Gray::blank(1200, 800, 300);
        ink_box(&mut g, 900, 300, 915, 340);
        ink_box(&mut g, 200, 600, 260, 640);
        let found = patches(&g, g.ink_threshold(), &[]);
        let (strip, tops) = strip(&g, &found);
        assert_eq!(
            strip.at((SPACING + PAD + 2) as isize, (tops[0] + PAD + 2) as isize),
            0
        );
        // A word read on the strip exactly where the second patch sits.
        let at = word((SPACING + PAD) as u32, (tops[1] + PAD) as u32, 60, 40);
        let placed = place(vec![at], &found, &tops, &g);
        let p = found[1];
        assert_eq!(
            (placed[0].left as usize, placed[0].top as usize),
            (p.x0, p.y0)
        );
    }
}
