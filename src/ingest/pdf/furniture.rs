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

/// Removes repeated first and last lines of pages (blank lines aside: the
/// edge is a page's first or last line with text).
pub fn strip(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    if pages.len() < MIN_PAGES {
        return pages;
    }
    let needed = (pages.len() as f64 * REPEAT_SHARE).ceil() as usize;
    for take_first in [true, false] {
        // A table row (a ruled table's cells) is never furniture: a header
        // repeated on every page is part of its table.
        let edge = |page: &[Line]| {
            let mut with_text = page
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.text.trim().is_empty());
            let edge = if take_first {
                with_text.next()
            } else {
                with_text.next_back()
            };
            edge.filter(|(_, l)| l.cells.is_none()).map(|(i, _)| i)
        };
        let mut counts: HashMap<String, usize> = HashMap::new();
        for page in &pages {
            if let Some(i) = edge(page) {
                *counts.entry(key(&page[i])).or_default() += 1;
            }
        }
        for page in &mut pages {
            let repeated =
                edge(page).filter(|&i| counts.get(&key(&page[i])).is_some_and(|&c| c >= needed));
            if let Some(i) = repeated {
                page.remove(i);
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
                "\nUBND huyện X - Báo cáo CCHC\nNội dung {n}\nTrang {n}\n "
            ))
        };
        let pages = strip((8..=11).map(page).collect());
        for (i, p) in pages.iter().enumerate() {
            let texts: Vec<&str> = p
                .iter()
                .map(|l| l.text.trim())
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(texts, [format!("Nội dung {}", i + 8)]);
        }
        // Too few pages: nothing is judged.
        let two = strip((1..=2).map(page).collect());
        assert_eq!(two[0].len(), 5);
    }
}
