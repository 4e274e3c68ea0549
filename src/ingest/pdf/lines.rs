//! Glyphs → text lines that keep the page layout.
//!
//! Each glyph run is read in its own direction: glyphs are grouped by the
//! direction their text runs in (rotated tables, vertical text) and laid out
//! in that direction's frame. Within a frame, glyphs are first joined into
//! chunks in content-stream order (a space glyph or a gap wider than the
//! font's space ends one; letter-spacing under a space wide does not), so
//! glyphs that overlap keep their drawing order and space glyphs never land
//! in other words. Chunks are grouped into lines by vertical overlap
//! relative to the smaller one (never stacking two same-size lines),
//! ordered by position, glued into words and placed at a character column
//! proportional to their x position, so table columns line up as in a
//! layout-preserving dump. Digits smaller than their line's body size and
//! raised against its baseline become `<sup>n</sup>` footnote marks.

use super::interp::{Marks, PlacedGlyph, Rule};
use crate::ingest::{Line, Run};
use std::rc::Rc;

/// One character column is this share of the page's common font size.
const COLUMN_WIDTH: f32 = 0.45;
/// A gap wider than this (share of the font size) separates cells: the
/// next word goes to its own column; narrower gaps are one space.
const CELL_GAP: f32 = 0.9;
/// Spaces written at least across a cell gap (more than the layout reader's
/// in-cell gap of two).
const MIN_CELL_PAD: usize = 3;
/// A chunk this much smaller than its line's body size and raised is a
/// superscript.
const SUPERSCRIPT_SIZE: f32 = 0.8;
/// ... and raised at least this share of the body size (less is jitter).
const SUPERSCRIPT_RISE: f32 = 0.2;
/// Rightmost character column a word is placed at. Real pages are a few
/// hundred columns wide; a glyph drawn absurdly far right (x = 1e9) would
/// otherwise pad its line with a billion spaces.
const MAX_COLUMN: f32 = 2000.0;
/// A word gap is at least this share of the space's advance...
const SPACE_SHARE: f32 = 0.45;
/// ... within these shares of the font size.
const MIN_WORD_GAP: f32 = 0.1;
/// See [`MIN_WORD_GAP`].
const MAX_WORD_GAP: f32 = 0.3;
/// Baselines of one chunk differ by at most this share of the size.
const BASELINE_JITTER: f32 = 0.2;
/// A glyph drawn back over its chunk by more than this share of the size
/// starts a new chunk (overprinting, a jump back on the line).
const MAX_OVERLAP: f32 = 0.6;
/// Two chunks share a line when their boxes overlap by this share of the
/// smaller one's height.
const LINE_OVERLAP: f32 = 0.5;
/// A glyph box reaches this share of the size below the baseline...
const DESCENT: f32 = 0.25;
/// ... and this share above it.
const ASCENT: f32 = 0.75;
/// Chunks of about one size (this ratio at most) that share some x range
/// and whose baselines are this share of the size apart are two lines
/// (not a sub- or superscript, an accent, a doubled glyph).
const STACK_SIZE_RATIO: f32 = 1.2;
/// See [`STACK_SIZE_RATIO`].
const STACK_DISTANCE: f32 = 0.6;
/// Chunks of a row checked for stacking.
const STACK_LOOKBACK: usize = 64;
/// Chunks of a row whose baselines differ by more than this share of the
/// earlier one's size are separate words (text raised with `Ts`).
const SHIFT_GLUE: f32 = 0.3;
/// Rows looked back at when placing a chunk (rows come top-down).
const ROW_LOOKBACK: usize = 8;

struct Word {
    x: f32,
    end: f32,
    text: String,
    font: Rc<str>,
    /// Lowest OCR confidence of its glyphs (`None`: not OCR'd).
    confidence: Option<u8>,
    superscript: bool,
    /// Touches the word before: only a superscript's start or end parts
    /// them ("2004<sup>1</sup>.").
    attached: bool,
}

/// Glyphs drawn in one go: consecutive in content order, on one baseline,
/// without a word gap, in the frame of their direction.
struct Chunk {
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    /// Widest gap that is not a word break.
    word_gap: f32,
    /// Letter-spacing (`Tc`) and space width of its first glyph.
    spacing: (f32, f32),
    text: String,
    font: Rc<str>,
    /// Lowest OCR confidence of its glyphs (`None`: not OCR'd).
    confidence: Option<u8>,
    /// Index in content order.
    order: usize,
    /// A space glyph came right before it in content order.
    space_before: bool,
}

impl Chunk {
    fn top(&self) -> f32 {
        self.y + ASCENT * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - DESCENT * self.size
    }
}

/// Chunks sharing a line.
struct Row {
    /// Index of the row's largest chunk (its extent decides membership).
    main: usize,
    chunks: Vec<Chunk>,
}

/// A position in the frame of text running at `rotation` degrees:
/// x along the run, y up from it.
pub(super) fn to_frame(rotation: u16, mirrored: bool, x: f32, y: f32) -> (f32, f32) {
    let (fx, fy) = match rotation {
        90 => (y, -x),
        180 => (-x, -y),
        270 => (-y, x),
        _ => (x, y),
    };
    if mirrored {
        (fx, -fy)
    } else {
        (fx, fy)
    }
}

/// Lines of one page, numbered from `first_no`: the main direction's
/// lines first, then those of each other direction.
pub fn page_lines(marks: &Marks, page: u32, first_no: usize) -> Vec<Line> {
    let frames = frames(&marks.glyphs);
    let mut out = Vec::new();
    for ((rotation, mirrored), gs) in frames {
        let rules: Vec<Rule> = marks
            .rules
            .iter()
            .map(|r| rule_in_frame(r, rotation, mirrored))
            .collect();
        let lines = frame_lines(
            &gs,
            &rules,
            (rotation, mirrored),
            page,
            first_no + out.len(),
        );
        out.extend(lines);
    }
    out
}

/// The drawable glyphs grouped by the direction their text runs in
/// (rotation, mirrored), the direction with the most glyphs first.
pub(super) fn frames(glyphs: &[PlacedGlyph]) -> Vec<((u16, bool), Vec<&PlacedGlyph>)> {
    let mut frames: Vec<((u16, bool), Vec<&PlacedGlyph>)> = Vec::new();
    for g in glyphs {
        if g.text.is_empty()
            || g.size.is_nan()
            || g.size <= 0.0
            || !g.x.is_finite()
            || !g.y.is_finite()
        {
            continue;
        }
        let key = (g.rotation, g.mirrored);
        match frames.iter_mut().find(|(k, _)| *k == key) {
            Some((_, gs)) => gs.push(g),
            None => frames.push((key, vec![g])),
        }
    }
    frames.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    frames
}

/// A rule in the frame of text running at `rotation` degrees.
pub(super) fn rule_in_frame(r: &Rule, rotation: u16, mirrored: bool) -> Rule {
    let (ax, ay) = to_frame(rotation, mirrored, r.x0, r.y0);
    let (bx, by) = to_frame(rotation, mirrored, r.x1, r.y1);
    Rule {
        x0: ax.min(bx),
        y0: ay.min(by),
        x1: ax.max(bx),
        y1: ay.max(by),
    }
}

/// Lines of the glyphs of one direction.
fn frame_lines(
    gs: &[&PlacedGlyph],
    rules: &[Rule],
    (rotation, mirrored): (u16, bool),
    page: u32,
    first_no: usize,
) -> Vec<Line> {
    let chunks = chunks(gs, rotation, mirrored);
    if chunks.is_empty() {
        return Vec::new();
    }
    let common = common_size(&chunks);
    let left = chunks.iter().map(|c| c.x).fold(f32::INFINITY, f32::min);
    let rows = rows(chunks);
    let lines: Vec<(Vec<Word>, f32, f32)> = rows.into_iter().map(row_words).collect();
    let column = (common * COLUMN_WIDTH).max(1.0);
    let (vertical, horizontal): (Vec<&Rule>, Vec<&Rule>) =
        rules.iter().partition(|r| !r.is_horizontal());
    lines
        .iter()
        .enumerate()
        .map(|(i, (ws, size, y))| {
            // Vertical rules crossing this line split it into cells.
            let walls: Vec<f32> = vertical
                .iter()
                .filter(|r| r.y0 - size * 0.5 <= *y && *y <= r.y1 + size * 0.5)
                .map(|r| r.x0)
                .collect();
            let mut line = render(ws, left, column, *size, &walls, first_no + i, page);
            if !horizontal.is_empty() {
                let first_x = ws.first().map_or(0.0, |w| w.x + 1.0);
                let above = i.checked_sub(1).map(|p| lines[p].2);
                line.rule_above = above.map(|top| {
                    horizontal
                        .iter()
                        .any(|r| r.y0 > *y && r.y0 < top && r.x0 <= first_x && first_x <= r.x1)
                });
            }
            line
        })
        .collect()
}

/// The widest gap inside a word for a glyph: a share of its font's space,
/// bounded by shares of its size.
fn word_gap(g: &PlacedGlyph) -> f32 {
    let lo = MIN_WORD_GAP * g.size;
    let hi = MAX_WORD_GAP * g.size;
    let by_space = SPACE_SHARE * g.space_width;
    if by_space.is_finite() && by_space > 0.0 {
        by_space.clamp(lo, hi)
    } else {
        lo
    }
}

/// The letter-spacing (`Tc`) between two letters or digits, when it is
/// less than a space: a spaced heading stays whole. Dot leaders and wider
/// spacing part every glyph, as poppler reads them.
fn letter_spacing(before: Option<char>, after: Option<char>, tc: f32, space: f32) -> f32 {
    let letters =
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
    if letters && tc > 0.0 && tc <= space {
        tc
    } else {
        0.0
    }
}

/// The lower of two OCR confidences (either may be absent).
fn lowest(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Joins glyphs into chunks in content order. Space glyphs only end chunks.
fn chunks(gs: &[&PlacedGlyph], rotation: u16, mirrored: bool) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let (mut open, mut spaced) = (false, false);
    for g in gs {
        if g.text.trim().is_empty() {
            (open, spaced) = (false, true);
            continue;
        }
        let (x, y) = to_frame(rotation, mirrored, g.x, g.y);
        let end = x + g.width.max(0.0);
        if let Some(c) = out.last_mut() {
            let near = (y - c.y).abs() < c.size && x > c.x - c.size && x < c.end + c.size;
            if let Some(mark) = as_combining(&g.text).filter(|_| near) {
                c.text.push(mark);
                continue;
            }
            let small = c.size.min(g.size);
            let gap = x - c.end;
            let spacing = letter_spacing(
                c.text.chars().last(),
                g.text.chars().next(),
                g.char_spacing,
                g.space_width,
            );
            if open
                && (y - c.y).abs() <= BASELINE_JITTER * small
                && gap <= c.word_gap.min(word_gap(g)) + spacing
                && gap >= -MAX_OVERLAP * small
            {
                c.text.push_str(&g.text);
                c.end = end;
                c.confidence = lowest(c.confidence, g.confidence);
                continue;
            }
        }
        let order = out.len();
        out.push(Chunk {
            x,
            end,
            y,
            size: g.size,
            word_gap: word_gap(g),
            spacing: (g.char_spacing, g.space_width),
            text: g.text.to_string(),
            font: g.font.clone(),
            confidence: g.confidence,
            order,
            space_before: spaced,
        });
        (open, spaced) = (true, false);
    }
    out
}

/// Share of the smaller box's height two chunks' boxes overlap by.
fn overlap(a: &Chunk, b: &Chunk) -> f32 {
    let shared = a.top().min(b.top()) - a.bottom().max(b.bottom());
    let h = (a.top() - a.bottom()).min(b.top() - b.bottom());
    if h > 0.0 {
        shared / h
    } else {
        0.0
    }
}

/// The row already holds a chunk above or below this one (sharing some of
/// its x range on another baseline): two lines of a column, not one line,
/// though both overlap a taller chunk beside them.
fn stacked(row: &Row, c: &Chunk) -> bool {
    // The row's latest chunks (a bound on work for rows of thousands).
    row.chunks.iter().rev().take(STACK_LOOKBACK).any(|k| {
        let (small, large) = (k.size.min(c.size), k.size.max(c.size));
        k.x < c.end
            && c.x < k.end
            && large <= STACK_SIZE_RATIO * small
            && (k.y - c.y).abs() > STACK_DISTANCE * small
    })
}

/// Groups chunks into rows, top of the frame first.
fn rows(mut chunks: Vec<Chunk>) -> Vec<Row> {
    chunks.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Row> = Vec::new();
    for c in chunks {
        let n = rows.len();
        let best = rows[n.saturating_sub(ROW_LOOKBACK)..]
            .iter()
            .enumerate()
            .filter(|(_, r)| !stacked(r, &c))
            .map(|(i, r)| {
                (
                    n.saturating_sub(ROW_LOOKBACK) + i,
                    overlap(&r.chunks[r.main], &c),
                )
            })
            .filter(|(_, o)| *o >= LINE_OVERLAP)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => {
                let row = &mut rows[i];
                if c.size > row.chunks[row.main].size {
                    row.main = row.chunks.len();
                }
                row.chunks.push(c);
            }
            None => rows.push(Row {
                main: 0,
                chunks: vec![c],
            }),
        }
    }
    rows.sort_by(|a, b| b.chunks[b.main].y.total_cmp(&a.chunks[a.main].y));
    rows
}

/// The body size and baseline of a row: the size most characters have,
/// and the baseline of its longest chunk of that size.
fn body(row: &Row) -> (f32, f32) {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for c in &row.chunks {
        let k = (c.size * 2.0).round() as i32;
        let n = c.text.chars().count();
        match counts.iter_mut().find(|(s, _)| *s == k) {
            Some((_, m)) => *m += n,
            None => counts.push((k, n)),
        }
    }
    let key = counts.iter().max_by_key(|(_, n)| *n).map_or(0, |(k, _)| *k);
    let main = row
        .chunks
        .iter()
        .filter(|c| (c.size * 2.0).round() as i32 == key)
        .max_by_key(|c| c.text.chars().count())
        .unwrap_or(&row.chunks[row.main]);
    (main.size, main.y)
}

/// The words of a row (left to right), its body size and baseline.
fn row_words(mut row: Row) -> (Vec<Word>, f32, f32) {
    let (size, base) = body(&row);
    row.chunks.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut out: Vec<Word> = Vec::new();
    let mut last: Option<&Chunk> = None;
    let mut kept: Vec<&Chunk> = Vec::new();
    for c in &row.chunks {
        // The same text drawn again at (almost) the same place: fake bold.
        let twin = kept.iter().rev().take(4).any(|k| {
            k.text == c.text && (k.x - c.x).abs() < 0.3 * c.size && (k.y - c.y).abs() < 0.3 * c.size
        });
        if twin {
            continue;
        }
        kept.push(c);
        let sup = c.size < SUPERSCRIPT_SIZE * size
            && c.y - base > SUPERSCRIPT_RISE * size
            && c.y - base < size
            && c.text.chars().all(|ch| ch.is_ascii_digit());
        let close = match (out.last(), last) {
            (Some(w), Some(p)) => {
                let gap = c.x - w.end;
                let spaced = c.space_before && p.order + 1 == c.order;
                // A raised or lowered run of the same size is its own word.
                let same_size = c.size.max(p.size) <= STACK_SIZE_RATIO * c.size.min(p.size);
                let shifted = !sup && same_size && (c.y - p.y).abs() > SHIFT_GLUE * p.size;
                !spaced
                    && !shifted
                    && gap
                        <= c.word_gap.min(p.word_gap)
                            + letter_spacing(
                                w.text.chars().last(),
                                c.text.chars().next(),
                                c.spacing.0,
                                c.spacing.1,
                            )
                    && gap >= -MAX_OVERLAP * c.size.min(p.size)
            }
            _ => false,
        };
        let same_kind = out.last().is_some_and(|w| w.superscript == sup);
        match out.last_mut() {
            Some(w) if close && same_kind => {
                w.text.push_str(&c.text);
                w.end = w.end.max(c.end);
                w.confidence = lowest(w.confidence, c.confidence);
            }
            _ => out.push(Word {
                x: c.x,
                end: c.end,
                text: c.text.clone(),
                font: c.font.clone(),
                confidence: c.confidence,
                superscript: sup,
                attached: close,
            }),
        }
        last = Some(c);
    }
    (out, size, base)
}

/// The most common chunk size in the frame (to 0.5 pt, by characters).
fn common_size(chunks: &[Chunk]) -> f32 {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for c in chunks {
        *counts.entry((c.size * 2.0).round() as i32).or_default() += c.text.chars().count();
    }
    counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .map_or(12.0, |(s, _)| s as f32 / 2.0)
}

/// A glyph that is only a diacritic, as the combining mark to attach:
/// combining marks as they are, spacing accents (´ ` ˜ ˆ ˘ ˙) mapped.
fn as_combining(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    match c {
        '\u{0300}'..='\u{036F}' => Some(c),
        '\u{00B4}' | '\u{02CA}' => Some('\u{0301}'),
        '\u{0060}' | '\u{02CB}' => Some('\u{0300}'),
        '\u{02DC}' => Some('\u{0303}'),
        '\u{02C6}' => Some('\u{0302}'),
        '\u{02D8}' => Some('\u{0306}'),
        '\u{02D9}' => Some('\u{0323}'),
        _ => None,
    }
}

/// Writes a line. `walls` are the x positions of vertical rules crossing
/// it: where there are any, a cell gap is exactly a rule between two words;
/// elsewhere it is a wide gap.
fn render(
    words: &[Word],
    left: f32,
    column: f32,
    size: f32,
    walls: &[f32],
    no: usize,
    page: u32,
) -> Line {
    let mut text = String::new();
    let mut runs = Vec::new();
    let mut cols = 0usize;
    for (k, w) in words.iter().enumerate() {
        let target = ((w.x - left) / column).round().clamp(0.0, MAX_COLUMN) as usize;
        if w.superscript {
            text.push_str("<sup>");
        } else if k > 0 {
            let gap = w.x - words[k - 1].end;
            let prev_end = words[k - 1].end;
            let cell_gap = if walls.is_empty() {
                gap > CELL_GAP * size
            } else {
                walls.iter().any(|&x| x > prev_end - 1.0 && x < w.x + 1.0)
            };
            let pad = if cell_gap {
                target.saturating_sub(cols).max(MIN_CELL_PAD)
            } else {
                usize::from(!w.attached)
            };
            text.extend(std::iter::repeat_n(' ', pad));
            cols += pad;
        } else {
            text.extend(std::iter::repeat_n(' ', target));
            cols = target;
        }
        let start = text.len();
        text.push_str(&w.text);
        runs.push(Run {
            start,
            end: text.len(),
            font: Some(w.font.to_string()),
            column: Some(target),
            confidence: w.confidence,
            ..Run::default()
        });
        if w.superscript {
            text.push_str("</sup>");
        }
        cols += w.text.chars().count();
    }
    Line {
        no,
        text,
        cells: None,
        runs,
        page: Some(page),
        rule_above: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from (x, y), 0.5 em each, running at `rotation`.
    fn run(text: &str, x: f32, y: f32, size: f32, rotation: u16) -> Vec<PlacedGlyph> {
        let (dx, dy) = match rotation {
            90 => (0.0, 1.0),
            180 => (-1.0, 0.0),
            270 => (0.0, -1.0),
            _ => (1.0, 0.0),
        };
        text.chars()
            .enumerate()
            .map(|(i, c)| PlacedGlyph {
                x: x + dx * i as f32 * size * 0.5,
                y: y + dy * i as f32 * size * 0.5,
                width: size * 0.5,
                size,
                text: c.to_string().into(),
                font: "F".into(),
                rotation,
                mirrored: false,
                space_width: size * 0.25,
                char_spacing: 0.0,
                show: 1,
                confidence: None,
            })
            .collect()
    }

    fn texts(glyphs: Vec<PlacedGlyph>) -> Vec<String> {
        let marks = Marks {
            glyphs,
            ..Marks::default()
        };
        page_lines(&marks, 1, 1)
            .into_iter()
            .map(|l| l.text.trim().to_string())
            .collect()
    }

    /// The words of each line.
    fn words_of(lines: &[String]) -> Vec<Vec<&str>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().collect())
            .collect()
    }

    #[test]
    fn space_glyphs_drawn_elsewhere_stay_out_of_words() {
        // "BC-UBND" in one cell, then a run of spaces drawn over the next
        // cell's text ("Nguyễn Ngọc Phúc") before that text is drawn.
        let mut g = run("BC-UBND", 0.0, 700.0, 10.0, 0);
        let mut spaces = run("                    ", 35.0, 700.0, 10.0, 0);
        spaces.iter_mut().for_each(|s| s.text = " ".into());
        g.extend(spaces);
        g.extend(run("Nguyễn Ngọc Phúc", 60.0, 700.0, 10.0, 0));
        let lines = texts(g);
        assert_eq!(
            words_of(&lines),
            vec![vec!["BC-UBND", "Nguyễn", "Ngọc", "Phúc"]]
        );
    }

    #[test]
    fn a_large_empty_paragraph_does_not_merge_lines() {
        let mut g = run("a) first", 0.0, 700.0, 12.0, 0);
        // An empty paragraph: one 30-pt space between the two list lines.
        let mut big = run(" ", 0.0, 692.0, 30.0, 0);
        big[0].text = " ".into();
        g.extend(big);
        g.extend(run("b) second", 0.0, 686.0, 12.0, 0));
        assert_eq!(texts(g), vec!["a) first", "b) second"]);
    }

    #[test]
    fn rotated_text_reads_in_its_own_direction() {
        // A table turned a quarter: each line runs up the page.
        let mut g = run("Last Name", 100.0, 100.0, 10.0, 90);
        // Text running up has its top to the left: the next line is to the right.
        g.extend(run("Lidstad", 112.0, 100.0, 10.0, 90));
        g.extend(run("down here", 300.0, 500.0, 10.0, 270));
        let lines = texts(g);
        assert_eq!(
            words_of(&lines),
            vec![vec!["Last", "Name"], vec!["Lidstad"], vec!["down", "here"]]
        );
    }

    #[test]
    fn overlapping_glyphs_keep_content_order() {
        // Widths too wide for the drawn positions: glyphs overlap.
        let mut g = run("thorpis", 0.0, 700.0, 10.0, 0);
        for (i, x) in [0.0, 3.5, 6.0, 8.0, 11.5, 14.0, 15.5].iter().enumerate() {
            g[i].x = *x;
            g[i].width = 5.0;
        }
        g[2].x = 7.0;
        g[3].x = 6.5;
        assert_eq!(texts(g), vec!["thorpis"]);
    }

    #[test]
    fn two_lines_beside_a_taller_one_stay_two_lines() {
        // 11-pt list lines 12.65 pt apart beside a 13.5-pt signature block.
        let mut g = run("- PCT. UBND", 85.0, 636.04, 11.0, 0);
        g.extend(run("- Phòng HCQT;", 85.0, 623.39, 11.0, 0));
        g.extend(run("PHÓ CHÁNH", 344.0, 629.11, 13.5, 0));
        let lines = texts(g);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].starts_with("- Phòng HCQT;"), "{lines:?}");
    }

    #[test]
    fn raised_text_of_the_same_size_is_its_own_word() {
        let mut g = run("Hello", 0.0, 700.0, 48.0, 0);
        g.extend(run("Hello", 120.0, 724.0, 48.0, 0));
        let lines = texts(g);
        assert_eq!(words_of(&lines), vec![vec!["Hello", "Hello"]]);
    }

    #[test]
    fn letter_spaced_words_stay_whole_and_dot_leaders_part() {
        // "QUYẾT ĐỊNH" with 2 pt of Tc at 14 pt (less than a space).
        let spaced = |text: &str, x: f32, tc: f32| -> Vec<PlacedGlyph> {
            run(text, x, 700.0, 14.0, 0)
                .into_iter()
                .enumerate()
                .map(|(i, mut g)| {
                    g.x += i as f32 * tc;
                    g.char_spacing = tc;
                    g
                })
                .collect()
        };
        let mut g = spaced("QUYẾT", 0.0, 2.0);
        g.extend(spaced("ĐỊNH", 60.0, 2.0));
        assert_eq!(words_of(&texts(g)), vec![vec!["QUYẾT", "ĐỊNH"]]);
        // Dot leaders spaced wider than a space are separate dots.
        let g = spaced("....", 0.0, 5.0);
        assert_eq!(words_of(&texts(g)), vec![vec![".", ".", ".", "."]]);
    }

    #[test]
    fn jitter_is_not_a_superscript() {
        // A 1-pt raised digit of the same size, and a chart label "5,63".
        let mut g = run("tỉnh", 0.0, 700.0, 10.0, 0);
        g.extend(run("6", 20.0, 701.0, 10.0, 0));
        g.extend(
            run("5,63", 100.0, 700.0, 8.0, 0)
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c.y += [0.6, 0.0, 0.9, 0.3][i];
                    c
                }),
        );
        let lines = texts(g);
        assert_eq!(words_of(&lines), vec![vec!["tỉnh6", "5,63"]]);
        let mut g = run("Điều", 0.0, 700.0, 10.0, 0);
        g.extend(run("12", 20.0, 704.0, 6.0, 0));
        g.extend(run(".", 26.0, 700.0, 10.0, 0));
        assert_eq!(texts(g), vec!["Điều<sup>12</sup>."]);
    }
}
