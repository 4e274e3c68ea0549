//! A page read by OCR, laid out like a page the file draws: every word
//! becomes glyphs at its box (in points, y up), its rulings become rules,
//! so the cell grid and the layout reader serve scans as they serve the
//! glyph layer.

use super::interp::{Marks, PlacedGlyph, Rule};
use super::page;
use crate::ingest::image::PixelRule;
use crate::ingest::ocr::{OcrPage, OcrWord};
use crate::ingest::Line;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The font name given to recognised text.
const OCR_FONT: &str = "OCR";
/// A word box's height (ascender, tone mark and descender) over the size
/// of its font.
const BOX_PER_SIZE: f32 = 1.05;

/// A word whose bottom is further than this share of its line's height
/// from the line's baseline is not on that line.
const OFF_LINE: f32 = 0.45;

/// The lines of an OCR'd page.
pub(crate) fn lines(page: &OcrPage, number: u32) -> Vec<Line> {
    page::page_lines(&marks(page), number)
}

/// The page's words and rulings as marks.
pub(crate) fn marks(page: &OcrPage) -> Marks {
    let scale = 72.0 / page.dpi.max(1) as f32;
    let height = page.height as f32;
    let mut by_line: BTreeMap<(u32, u32, u32), Vec<&OcrWord>> = BTreeMap::new();
    for w in &page.words {
        by_line.entry(w.line).or_default().push(w);
    }
    let font: Rc<str> = Rc::from(OCR_FONT);
    let mut glyphs = Vec::new();
    let mut show = 0u32;
    for words in by_line.values() {
        let tallest = words.iter().map(|w| w.height).max().unwrap_or(1) as f32;
        let size = tallest * scale / BOX_PER_SIZE;
        let median = median_bottom(words);
        for w in words {
            show += 1;
            // A word the engine put on a line it does not sit on keeps its
            // own bottom (a wrapped cell's next line read as one line).
            let bottom = (w.top + w.height) as f32;
            let own = (bottom - median).abs() > OFF_LINE * tallest;
            let baseline = (height - if own { bottom } else { median }) * scale;
            glyphs.extend(word_glyphs(w, scale, baseline, size, &font, show));
        }
    }
    let rules = page.rules.iter().map(|r| rule(r, scale, height)).collect();
    Marks {
        glyphs,
        rules,
        ..Marks::default()
    }
}

/// The baseline of a line's words: the middle of their bottoms (most
/// words have no descender).
fn median_bottom(words: &[&OcrWord]) -> f32 {
    let mut bottoms: Vec<u32> = words.iter().map(|w| w.top + w.height).collect();
    bottoms.sort_unstable();
    bottoms[bottoms.len() / 2] as f32
}

/// A word's letters spread evenly over its box; combining marks stay with
/// the letter before them.
fn word_glyphs(
    w: &OcrWord,
    scale: f32,
    baseline: f32,
    size: f32,
    font: &Rc<str>,
    show: u32,
) -> Vec<PlacedGlyph> {
    let mut letters: Vec<String> = Vec::new();
    for c in w.text.chars() {
        match letters.last_mut() {
            Some(last) if is_combining(c) => last.push(c),
            _ => letters.push(c.to_string()),
        }
    }
    let advance = w.width as f32 * scale / letters.len().max(1) as f32;
    let confidence = Some(w.confidence.round().clamp(0.0, 100.0) as u8);
    letters
        .into_iter()
        .enumerate()
        .map(|(i, text)| PlacedGlyph {
            x: w.left as f32 * scale + i as f32 * advance,
            y: baseline,
            width: advance,
            size,
            text: Rc::from(text.as_str()),
            font: font.clone(),
            rotation: 0,
            mirrored: false,
            space_width: size * 0.25,
            char_spacing: 0.0,
            show,
            confidence,
        })
        .collect()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// A ruling as a rule along its middle line, in points, y up.
fn rule(r: &PixelRule, scale: f32, height: f32) -> Rule {
    let (x0, x1) = (r.x0 as f32 * scale, r.x1 as f32 * scale);
    let (top, bottom) = (
        (height - r.y0 as f32) * scale,
        (height - r.y1 as f32) * scale,
    );
    if r.is_horizontal() {
        let y = (top + bottom) / 2.0;
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    } else {
        let x = (x0 + x1) / 2.0;
        Rule {
            x0: x,
            y0: bottom,
            x1: x,
            y1: top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, left: u32, top: u32, line: u32) -> OcrWord {
        OcrWord {
            text: text.into(),
            left,
            top,
            width: 40 * text.chars().count() as u32,
            height: 60,
            confidence: 90.0,
            line: (1, 1, line),
        }
    }

    #[test]
    fn words_in_a_ruled_table_become_cells() {
        // 300 dpi: a three-column, two-row table; rows 0.5 in high.
        let h = |y| PixelRule {
            x0: 300,
            y0: y,
            x1: 2100,
            y1: y + 3,
        };
        let v = |x| PixelRule {
            x0: x,
            y0: 300,
            x1: x + 3,
            y1: 603,
        };
        let page = OcrPage {
            words: vec![
                word("1.", 330, 330, 1),
                word("Số", 930, 330, 2),
                word("văn", 1060, 330, 2),
                word("12", 1700, 330, 3),
                word("2.", 330, 480, 4),
                word("Tỷ", 930, 480, 5),
                word("5", 1700, 480, 6),
            ],
            rules: vec![h(300), h(450), h(600), v(300), v(900), v(1600), v(2097)],
            width: 2480,
            height: 3508,
            dpi: 300,
        };
        let lines = lines(&page, 1);
        let cells: Vec<_> = lines.iter().filter_map(|l| l.cells.clone()).collect();
        let want = |a: &str, b: &str, c: &str| vec![a.to_string(), b.to_string(), c.to_string()];
        assert_eq!(
            cells,
            vec![want("1.", "Số văn", "12"), want("2.", "Tỷ", "5")],
            "{lines:?}"
        );
        assert!(lines[0].runs.iter().all(|r| r.confidence == Some(90)));
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        let w = word("to\u{0301}m", 0, 0, 1);
        let g = word_glyphs(&w, 0.24, 100.0, 12.0, &Rc::from("OCR"), 1);
        assert_eq!(g.len(), 3);
        assert_eq!(&*g[1].text, "o\u{0301}");
    }
}
