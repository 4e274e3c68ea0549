//! Line-level tests shared by the table finders: header lines, captions,
//! page furniture.

use super::patterns::PATTERNS;
use crate::ingest::Line;
use crate::normalize::{fold, strip_markup};

/// Folded, markup-free text of a line.
pub fn folded(line: &Line) -> String {
    fold(&strip_markup(&line.text).text)
}

/// True when every word of a line comes from the header words: a piece of
/// a header whose cells wrapped ("Đơn vị Số" / "tính liệu").
pub fn is_header_fragment(line: &Line) -> bool {
    let f = folded(line);
    let known = |w: &str| {
        w == "stt"
            || PATTERNS
                .header_words
                .iter()
                .any(|h| h.split(' ').any(|hw| hw == w))
    };
    !f.is_empty() && f.split(' ').all(known)
}

/// True when a folded text is one of the header words.
fn is_header_word(f: &str) -> bool {
    PATTERNS
        .header_words
        .iter()
        .any(|w| f.starts_with(w.as_str()))
}

/// True when a folded cell names a column: a header word, the head of a
/// value column ("Hiện có", "Kế hoạch") or a period ("2025", "Năm 2025").
fn is_column_word(c: &str) -> bool {
    let cols = &PATTERNS.columns;
    is_header_word(c)
        || cols.value_heads.iter().any(|w| c.starts_with(w.as_str()))
        || cols.header_period.is_match(c)
}

/// True when the line opens a table header: an "STT" cell or token with
/// header words beside it (in the line, or in the next few lines).
pub fn is_header_start(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    if let Some(cells) = &line.cells {
        let folded: Vec<String> = cells.iter().map(|c| fold(&strip_markup(c).text)).collect();
        let has_stt = folded.iter().any(|c| PATTERNS.columns.stt.contains(c));
        let words = folded.iter().filter(|c| is_column_word(c)).count();
        if has_stt {
            return words >= PATTERNS.header_min_words;
        }
        // A header whose STT cell was left blank (or OCR misread it): under
        // a caption, with a blank or short unnamed first cell and at least
        // two column words.
        let first = cells.first().map_or("", |c| c.trim());
        if first.is_empty() {
            return words >= 2 && caption_above(lines, i);
        }
        return words >= 2 && super::columns::stt_like(first) && numbered_rows_follow(lines, i);
    }
    let f = folded(line);
    let Some(rest) = f.strip_prefix("stt") else {
        return false;
    };
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return false;
    }
    let rest = rest.trim();
    if !rest.is_empty() {
        return is_header_word(rest);
    }
    lines[i + 1..]
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(3)
        .any(|l| is_header_word(&folded(l)))
}

/// Non-blank lines above a header looked at for its caption.
const CAPTION_GAP: usize = 3;

/// True when one of the few non-blank lines above line `i` is a caption
/// ("Biểu mẫu 2 …").
fn caption_above(lines: &[Line], i: usize) -> bool {
    lines[..i]
        .iter()
        .rev()
        .filter(|l| !l.text.trim().is_empty())
        .take(CAPTION_GAP)
        .any(|l| caption_keyword(l).is_some())
}

/// Lines after a header looked at for numbered rows.
const ROWS_LOOKED_AT: usize = 6;

/// True when at least two of the tab rows after line `i` open with an STT
/// ("1", "1.1"): the rows of a table whose STT header was misread.
fn numbered_rows_follow(lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .filter_map(|l| l.cells.as_ref()?.first())
        .take(ROWS_LOOKED_AT)
        .filter(|c| super::stt::parse(c.trim()).is_some())
        .count()
        >= 2
}

/// True when a flattened line is part of a (repeated) header block.
pub fn is_header_line(line: &Line) -> bool {
    let f = folded(line);
    !f.is_empty() && PATTERNS.header_lines.iter().any(|r| r.is_match(&f))
}

/// For a caption line ("Biểu mẫu 2", "Phụ lục 1**Thống kê …**"), the caption
/// head ("Biểu mẫu 2") and the rest of the line.
pub fn caption_keyword(line: &Line) -> Option<(String, String)> {
    let text = strip_markup(&line.text.replace("**", " ** ")).text;
    let text = text.trim();
    let f = fold(text);
    if text.chars().count() > 200 {
        return None;
    }
    let numbered = PATTERNS
        .caption_numbered
        .iter()
        .find(|k| f.starts_with(&format!("{k} ")));
    let kw = PATTERNS
        .caption_keywords
        .iter()
        .find(|k| f.starts_with(k.as_str()))
        .or(numbered)?;
    let kw_chars = kw.chars().count();
    let mut chars = text.char_indices().skip(kw_chars);
    let mut end = chars.next().map_or(text.len(), |(i, _)| i);
    // The keyword's number: digits or a Roman numeral.
    let after = &text[end..];
    let trimmed = after.trim_start();
    let num_len = trimmed
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')))
        .unwrap_or(trimmed.len());
    let is_number = num_len > 0
        && (trimmed[..num_len].chars().all(|c| c.is_ascii_digit())
            || trimmed[num_len..].is_empty()
            || !trimmed[num_len..].starts_with(|c: char| c.is_alphabetic() && c.is_lowercase()));
    if is_number {
        end += after.len() - trimmed.len() + num_len;
    } else if numbered.is_some_and(|n| n == kw) {
        return None;
    }
    let head = crate::normalize::collapse_ws(&text[..end]);
    let rest = crate::normalize::collapse_ws(&text[end..]);
    // "Bảng 2: Cơ cấu …", "Bảng 3 - Dự kiến …": the separator is no title.
    let rest = ["- ", "– ", ". ", ":"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .map_or(rest.clone(), |r| r.trim_start().to_string());
    Some((head, rest))
}

/// True when a caption line is not part of the title (period, "(Kèm theo …)").
pub fn is_caption_skip(f: &str) -> bool {
    PATTERNS.caption_skip.iter().any(|r| r.is_match(f))
}

/// True for a bare page number line.
pub fn is_page_number(line: &Line) -> bool {
    let t = line.text.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// True when the next non-blank line from `from` (before `end`) is a header
/// line, or there is none: a bare number there is a page number.
pub fn next_is_header(lines: &[Line], from: usize, end: usize) -> bool {
    (from..end)
        .find(|&j| !lines[j].text.trim().is_empty())
        .is_none_or(|j| is_header_start(lines, j) || is_header_line(&lines[j]))
}

/// True for a line that is only a URL (a browser's print footer).
pub fn is_url_line(line: &Line) -> bool {
    let t = line.text.trim();
    (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ')
}

/// True for a long run of spaces: the footnote separator of PDF dumps.
pub fn is_footnote_rule(line: &Line) -> bool {
    line.text.len() >= 20 && line.text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::split_lines;

    #[test]
    fn captions() {
        let l = &split_lines("Phụ lục 1**Thông kê các chỉ tiêu**")[0];
        assert_eq!(
            caption_keyword(l),
            Some(("Phụ lục 1".into(), "Thông kê các chỉ tiêu".into()))
        );
        let l = &split_lines(" Biểu mẫu 3 ")[0];
        assert_eq!(
            caption_keyword(l),
            Some(("Biểu mẫu 3".into(), String::new()))
        );
        let l = &split_lines("Phụ lục ")[0];
        assert_eq!(caption_keyword(l), Some(("Phụ lục".into(), String::new())));
        let l = &split_lines("Theo phụ lục 1")[0];
        assert_eq!(caption_keyword(l), None);
        let l = &split_lines("Bảng 2: Cơ cấu trình độ")[0];
        assert_eq!(
            caption_keyword(l),
            Some(("Bảng 2".into(), "Cơ cấu trình độ".into()))
        );
        let l = &split_lines("Bảng 3 - Dự kiến")[0];
        assert_eq!(caption_keyword(l).map(|c| c.1), Some("Dự kiến".into()));
        // "Bảng" needs its number; "Bằng việc …" is a sentence.
        assert_eq!(caption_keyword(&split_lines("Bằng việc rà soát")[0]), None);
        assert_eq!(caption_keyword(&split_lines("Bảng tổng hợp")[0]), None);
        let l = &split_lines("Phụ lục I-8 DANH SÁCH")[0];
        assert_eq!(caption_keyword(l).map(|c| c.1), Some("-8 DANH SÁCH".into()));
    }

    #[test]
    fn headers() {
        let lines = split_lines("STT\tChỉ tiêu\tKết quả\t\tGhi chú\nSTT \nChỉ tiêu thống kê \nx");
        assert!(is_header_start(&lines, 0));
        assert!(is_header_start(&lines, 1));
        assert!(!is_header_start(&lines, 3));
    }
}
