//! Glyphs → text lines that keep the page layout: glyphs grouped by
//! baseline, sorted by position (not drawing order), words placed at a
//! character column proportional to their x position, so table columns line
//! up as in a layout-preserving dump. Small raised digits glued to a word
//! become `<sup>n</sup>` footnote marks.

use super::interp::{Marks, PlacedGlyph, Rule};
use crate::ingest::{Line, Run};
use std::rc::Rc;

/// Baselines closer than this share a line (share of the font size).
const SAME_LINE: f32 = 0.45;
/// A gap wider than this starts a new word (share of the font size).
const WORD_GAP: f32 = 0.12;
/// One character column is this share of the page's common font size.
const COLUMN_WIDTH: f32 = 0.45;
/// A gap wider than this (share of the font size) separates cells: the
/// next word goes to its own column; narrower gaps are one space.
const CELL_GAP: f32 = 0.9;
/// Spaces written at least across a cell gap (more than the layout reader's
/// in-cell gap of two).
const MIN_CELL_PAD: usize = 3;
/// A glyph this much smaller than its line and raised is a superscript.
const SUPERSCRIPT_SIZE: f32 = 0.8;
/// Rightmost character column a word is placed at. Real pages are a few
/// hundred columns wide; a glyph drawn absurdly far right (x = 1e9) would
/// otherwise pad its line with a billion spaces.
const MAX_COLUMN: f32 = 2000.0;

struct Word {
    x: f32,
    end: f32,
    text: String,
    font: Rc<str>,
    superscript: bool,
}

/// Lines of one page, numbered from `first_no`.
pub fn page_lines(marks: &Marks, page: u32, first_no: usize) -> Vec<Line> {
    let mut gs: Vec<&PlacedGlyph> = marks
        .glyphs
        .iter()
        .filter(|g| !g.text.is_empty() && g.size > 0.0)
        .collect();
    if gs.is_empty() {
        return Vec::new();
    }
    let common = common_size(&gs);
    let left = gs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    // Cluster baselines from the top of the page down.
    let mut rows: Vec<(f32, f32, Vec<&PlacedGlyph>)> = Vec::new();
    for g in gs {
        match rows.last_mut() {
            Some((y, size, members))
                if (*y - g.y).abs() < SAME_LINE * size.max(g.size) || is_raised(g, *y, *size) =>
            {
                if g.size > *size {
                    *size = g.size;
                    *y = g.y;
                }
                members.push(g);
            }
            _ => rows.push((g.y, g.size, vec![g])),
        }
    }
    let lines: Vec<(Vec<Word>, f32, f32)> = rows
        .into_iter()
        .map(|(y, size, mut members)| {
            members.sort_by(|a, b| a.x.total_cmp(&b.x));
            (words(&members, y, size), size, y)
        })
        .collect();
    let column = (common * COLUMN_WIDTH).max(1.0);
    let (vertical, horizontal): (Vec<Rule>, Vec<Rule>) =
        marks.rules.iter().partition(|r| !r.is_horizontal());
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

fn is_raised(g: &PlacedGlyph, line_y: f32, line_size: f32) -> bool {
    g.size < SUPERSCRIPT_SIZE * line_size && g.y > line_y && g.y - line_y < line_size
}

/// The most common glyph size on the page (to 0.5 pt).
fn common_size(gs: &[&PlacedGlyph]) -> f32 {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for g in gs {
        *counts.entry((g.size * 2.0).round() as i32).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .map_or(12.0, |(s, _)| s as f32 / 2.0)
}

fn words(members: &[&PlacedGlyph], line_y: f32, line_size: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for g in members {
        // A diacritic drawn as its own glyph sits on the letter before it.
        if let Some(mark) = as_combining(&g.text) {
            if let Some(w) = out.last_mut() {
                w.text.push(mark);
                continue;
            }
        }
        let sup = is_raised(g, line_y, line_size) && g.text.chars().all(|c| c.is_ascii_digit());
        let blank = g.text.trim().is_empty();
        match out.last_mut() {
            Some(w)
                if !blank
                    && w.superscript == sup
                    && g.x - w.end < WORD_GAP * line_size
                    && !w.text.ends_with(' ') =>
            {
                w.text.push_str(&g.text);
                w.end = g.x + g.width;
            }
            Some(w) if blank => {
                w.text.push(' ');
                w.end = g.x + g.width;
            }
            _ if blank => {}
            _ => out.push(Word {
                x: g.x,
                end: g.x + g.width,
                text: g.text.to_string(),
                font: g.font.clone(),
                superscript: sup,
            }),
        }
    }
    for w in &mut out {
        let t = w.text.trim_end().to_string();
        w.text = t;
    }
    out
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
                1
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
