//! Finds where tables are: caption, header and body line ranges.

use super::lines::{caption_keyword, folded, is_caption_skip, is_header_start};
use super::patterns::PATTERNS;
use crate::ingest::Line;
use crate::normalize::{collapse_ws, strip_markup};
use std::ops::Range;

/// One table's place in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Caption joined to one line ("Biểu mẫu 2 - Cải cách thể chế").
    pub title: String,
    /// Indices of every header start (first one and repeats after page breaks).
    pub headers: Vec<usize>,
    /// Line indices of the table: from the first header to the table's end.
    pub span: Range<usize>,
    /// True when the table came as tab-separated cells.
    pub tabbed: bool,
}

/// How far back from a header a caption is looked for (non-blank lines).
const CAPTION_LOOKBACK: usize = 8;

/// Finds every table region in document order.
pub fn find(lines: &[Line]) -> Vec<Region> {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_header_start(lines, i))
        .collect();
    let mut regions: Vec<Region> = Vec::new();
    let mut prev_header: Option<usize> = None;
    for &h in &starts {
        let floor = prev_header.map_or(0, |p| p + 1);
        let caption = find_caption(lines, floor, h, regions.is_empty());
        match (caption, regions.last_mut()) {
            (None, Some(last)) => {
                last.headers.push(h);
            }
            (caption, _) => {
                if let Some(last) = regions.last_mut() {
                    last.span.end = caption.as_ref().map_or(h, |c| c.first_line);
                }
                regions.push(Region {
                    title: caption.map(|c| c.title).unwrap_or_default(),
                    headers: vec![h],
                    span: h..lines.len(),
                    tabbed: lines[h].cells.is_some(),
                });
            }
        }
        prev_header = Some(h);
    }
    regions
}

struct Caption {
    title: String,
    first_line: usize,
}

/// Looks back from header `h` (not before `floor`) for the caption lines.
fn find_caption(lines: &[Line], floor: usize, h: usize, first: bool) -> Option<Caption> {
    let window: Vec<usize> = (floor..h)
        .rev()
        .filter(|&i| !lines[i].text.trim().is_empty())
        .take(CAPTION_LOOKBACK)
        .collect();
    // Nearest keyword line ("Biểu mẫu 1", "Phụ lục 2").
    for &i in &window {
        if let Some((head, rest)) = caption_keyword(&lines[i]) {
            let tail = caption_tail(lines, i + 1, h);
            let sub = collapse_ws(&format!("{rest} {tail}"));
            let title = if sub.is_empty() {
                head
            } else {
                format!("{head} - {sub}")
            };
            return Some(Caption {
                title,
                first_line: i,
            });
        }
    }
    // A stand-alone head ("THỐNG KÊ") when there is no keyword line; only for
    // the first table after prose.
    for &i in window.iter().filter(|_| first) {
        let f = folded(&lines[i]);
        if PATTERNS
            .caption_heads
            .iter()
            .any(|hd| f.starts_with(hd.as_str()))
        {
            return Some(Caption {
                title: caption_tail(lines, i, h),
                first_line: i,
            });
        }
    }
    None
}

/// Joins caption lines `from..to`, leaving out parentheticals and period lines.
fn caption_tail(lines: &[Line], from: usize, to: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut in_paren = false;
    for line in &lines[from..to] {
        let text = collapse_ws(&strip_markup(&line.text).text);
        if text.is_empty() {
            continue;
        }
        if in_paren || text.starts_with('(') {
            in_paren = !text.contains(')');
            continue;
        }
        if is_caption_skip(&folded(line)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::split_lines;

    #[test]
    fn two_tables_and_a_continuation() {
        let text = "Biểu mẫu 1\nChỉ đạo\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\tA\tVăn bản\t1\n\
                    STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n2\tB\tVăn bản\t2\n\
                    Biểu mẫu 2\n(Kèm theo báo cáo)\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\tC\t%\t3";
        let lines = split_lines(text);
        let r = find(&lines);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].title, "Biểu mẫu 1 - Chỉ đạo");
        assert_eq!(r[0].headers.len(), 2);
        assert_eq!(r[0].span, 2..6);
        assert_eq!(r[1].title, "Biểu mẫu 2");
    }
}
