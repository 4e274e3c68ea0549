//! Punctuation the engine read that the page does not show: Tesseract now
//! and then ends a word with a comma ("Rà soát VBQPPL,") where the page
//! has none. A trailing comma or semicolon is kept when there is ink for
//! it: right of the word's box before the next word (the engine's box
//! usually ends before a real comma), or a narrow stroke at the box's end
//! apart from the letters, or a tail there below their baseline. Periods
//! are not judged: on a blurred scan a real one runs into its letter.

use super::tsv::OcrWord;
use crate::ingest::image::Gray;

/// Marks checked when they end a word.
const TRAILING: [char; 2] = [',', ';'];
/// Widest a trailing mark's ink may be, as a share of the word's height
/// (a comma is narrow; a letter's foot is not).
const MARK_WIDTH: f32 = 0.45;
/// How far right of the word's box a mark it left out is looked for, and
/// how far below it a comma's tail reaches, as shares of its height.
const AFTER: f32 = 0.6;
const BELOW: f32 = 0.4;
/// Columns right of the box still taken as the letters' (an anti-aliased
/// serif's edge), as a share of its height.
const EDGE: f32 = 0.06;
/// How far below the baseline a comma's tail reaches inside the box, as a
/// share of the word's height.
const TAIL: f32 = 0.1;

/// Removes from `words` the trailing marks the image of `page` (whose ink
/// is at or below `ink_level`) does not show.
pub(crate) fn drop_unseen_marks(words: &mut [OcrWord], page: &Gray, ink_level: u8) {
    // Faint ink counts: a thin comma of a grey scan is lighter than the
    // threshold between ink and paper.
    let threshold = ((u16::from(ink_level) + 255) / 2) as u8;
    for i in 0..words.len() {
        if !judged(&words[i].text) {
            continue;
        }
        let next = words
            .get(i + 1)
            .filter(|n| n.line == words[i].line)
            .map(|n| n.left as usize);
        if !shows_a_mark(&words[i], next, page, threshold) {
            words[i].text.pop();
        }
    }
}

/// Whether a word's last character is a mark to check: after two letters
/// (a number's "12," and a lone "a," are left alone).
fn judged(text: &str) -> bool {
    let mut back = text.chars().rev();
    back.next().is_some_and(|c| TRAILING.contains(&c))
        && back.clone().take(2).count() == 2
        && back.take(2).all(char::is_alphabetic)
}

/// The word's box: columns `x0..x1`, rows `y0..y1` (clipped to the page).
struct Area {
    x0: usize,
    x1: usize,
    y0: usize,
    y1: usize,
}

impl Area {
    fn of(word: &OcrWord, page: &Gray) -> Area {
        let (x0, y0) = (word.left as usize, word.top as usize);
        Area {
            x0: x0.min(page.width),
            x1: (x0 + word.width as usize).min(page.width),
            y0: y0.min(page.height),
            y1: (y0 + word.height as usize).min(page.height),
        }
    }

    /// The lower half's first row.
    fn half(&self) -> usize {
        self.y0 + (self.y1 - self.y0) / 2
    }
}

/// The lowest inked row of column `x` among `rows`.
fn bottom(page: &Gray, threshold: u8, x: usize, rows: std::ops::Range<usize>) -> Option<usize> {
    rows.rev()
        .find(|&y| page.pixels[y * page.width + x] <= threshold)
}

/// Whether the page shows a mark at the word's end (see the module).
fn shows_a_mark(word: &OcrWord, next: Option<usize>, page: &Gray, threshold: u8) -> bool {
    let area = Area::of(word, page);
    let height = word.height as f32;
    let below = (area.y1 + (BELOW * height) as usize).min(page.height);
    let reach = (area.x1 + (AFTER * height) as usize).min(page.width);
    let edge = ((EDGE * height).ceil() as usize).max(2);
    let after = (area.x1 + edge).min(reach)..next.map_or(reach, |n| n.min(reach));
    if after
        .into_iter()
        .any(|x| bottom(page, threshold, x, area.half()..below).is_some())
    {
        return true;
    }
    mark_inside(&area, word, page, threshold)
}

/// Whether the lower half of the box (below the horn of "ơ" or an accent)
/// ends in a narrow run of ink columns apart from the letters, or in ink
/// below their baseline; a box without ink is not judged.
fn mark_inside(area: &Area, word: &OcrWord, page: &Gray, threshold: u8) -> bool {
    let bottoms: Vec<Option<usize>> = (area.x0..area.x1)
        .map(|x| bottom(page, threshold, x, area.half()..area.y1))
        .collect();
    let end = bottoms
        .iter()
        .rposition(Option::is_some)
        .map_or(0, |i| i + 1);
    let start = bottoms[..end]
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |i| i + 1);
    let widest = (MARK_WIDTH * word.height as f32).ceil() as usize;
    if end == 0 || (start > 0 && end - start <= widest) {
        return true;
    }
    let mut inked: Vec<usize> = bottoms.iter().flatten().copied().collect();
    inked.sort_unstable();
    let baseline = inked[inked.len() / 2];
    let tail = ((TAIL * word.height as f32).ceil() as usize).max(2);
    let at_end = &bottoms[end.saturating_sub(widest)..end];
    at_end
        .iter()
        .flatten()
        .max()
        .is_some_and(|&y| y >= baseline + tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, width: u32) -> OcrWord {
        OcrWord {
            text: text.into(),
            left: 0,
            top: 0,
            width,
            height: 20,
            confidence: 90.0,
            line: (1, 1, 1),
        }
    }

    /// The marks `page` does not show dropped, at its own ink threshold.
    fn drop_marks(words: &mut [OcrWord], page: &Gray) {
        drop_unseen_marks(words, page, page.ink_threshold());
    }

    /// A page with ink columns `[from, to)` over the word's height.
    fn page(inked: &[(usize, usize)]) -> Gray {
        inked_rows(inked, 0..20)
    }

    fn inked_rows(inked: &[(usize, usize)], rows: std::ops::Range<usize>) -> Gray {
        let mut g = Gray::blank(60, 20, 300);
        for &(from, to) in inked {
            for y in rows.clone() {
                for x in from..to {
                    g.pixels[y * 60 + x] = 0;
                }
            }
        }
        g
    }

    #[test]
    fn a_comma_the_letters_end_in_is_dropped() {
        // Letters to the box's right edge, white up to the next word.
        let mut words = vec![word("VBQPPL,", 40), word("đã", 10)];
        words[1].left = 50;
        drop_marks(&mut words, &page(&[(2, 40), (50, 58)]));
        assert_eq!(words[0].text, "VBQPPL");
    }

    #[test]
    fn a_comma_apart_from_the_letters_stays() {
        // Inside the box, after a white column.
        let mut words = vec![word("tỉnh,", 40)];
        drop_marks(&mut words, &page(&[(2, 30), (34, 38)]));
        assert_eq!(words[0].text, "tỉnh,");
        // Right of the box, which ends with the letters.
        let mut words = vec![word("tra,", 30)];
        drop_marks(&mut words, &inked_rows(&[(2, 30), (34, 37)], 12..20));
        assert_eq!(words[0].text, "tra,");
    }

    #[test]
    fn ink_over_the_mark_is_not_the_letters() {
        // A horn ("sở,") over the comma's columns, in the upper half.
        let mut g = page(&[(2, 30), (34, 38)]);
        for y in 0..6 {
            for x in 30..36 {
                g.pixels[y * 60 + x] = 0;
            }
        }
        let mut words = vec![word("sở,", 40)];
        drop_marks(&mut words, &g);
        assert_eq!(words[0].text, "sở,");
    }

    #[test]
    fn numbers_and_short_words_are_not_judged() {
        let mut words = vec![word("12.", 40), word("a.", 40), word("1a.", 40)];
        drop_marks(&mut words, &page(&[(2, 40)]));
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["12.", "a.", "1a."]);
    }
}
