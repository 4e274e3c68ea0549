//! Running headers and footers: a first or last line of a page that comes
//! back (numbers aside, so "Trang 3" matches "Trang 12") on most pages is
//! page furniture, not content.

use crate::ingest::Line;
use std::collections::HashMap;

/// Share of pages a line must repeat on to count as furniture.
const REPEAT_SHARE: f64 = 0.8;
/// Fewest pages before running headers and footers are looked for.
const MIN_PAGES: usize = 3;

/// A line with each run of digits as one `#`, so page numbers of any width
/// ("9", "26", "103", "Trang 3" and "Trang 12") are one running element.
fn key(line: &Line) -> String {
    let mut out = String::new();
    for w in line.text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut in_number = false;
        for c in w.chars() {
            let digit = c.is_ascii_digit();
            if !(digit && in_number) {
                out.push(if digit { '#' } else { c });
            }
            in_number = digit;
        }
    }
    out
}

/// Removes repeated first and last lines of pages.
pub fn strip(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    if pages.len() < MIN_PAGES {
        return pages;
    }
    let needed = (pages.len() as f64 * REPEAT_SHARE).ceil() as usize;
    for take_first in [true, false] {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for page in &pages {
            let edge = if take_first {
                page.first()
            } else {
                page.last()
            };
            if let Some(l) = edge {
                *counts.entry(key(l)).or_default() += 1;
            }
        }
        for page in &mut pages {
            let edge = if take_first {
                page.first()
            } else {
                page.last()
            };
            let repeated = edge.is_some_and(|l| counts.get(&key(l)).is_some_and(|&c| c >= needed));
            if repeated {
                if take_first {
                    page.remove(0);
                } else {
                    page.pop();
                }
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::split_lines;

    #[test]
    fn repeated_edges_go() {
        let page = |n: usize| {
            split_lines(&format!(
                "UBND huyện X - Báo cáo CCHC\nNội dung {n}\nTrang {n}"
            ))
        };
        let pages = strip((8..=11).map(page).collect());
        for (i, p) in pages.iter().enumerate() {
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].text, format!("Nội dung {}", i + 8));
        }
        // Too few pages: nothing is judged.
        let two = strip((1..=2).map(page).collect());
        assert_eq!(two[0].len(), 3);
    }
}
