//! Lines → plain text for `baocao text`.

use crate::ingest::Line;

/// Page separator: a form feed at the start of a new page's first line.
pub const PAGE_BREAK: char = '\u{C}';

/// One output line per line (its text, tabs between table cells kept),
/// each ended by `\n`; the first line of a page starts with one
/// [`PAGE_BREAK`] per page passed since the line before it, so pages
/// without lines keep their place (text split at form feeds is page by
/// page, as with `pdftotext`).
pub fn render(lines: &[Line]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    let mut page = lines.first().and_then(|l| l.page.map(|_| 1));
    for line in lines {
        if line.page != page {
            let passed = match (page, line.page) {
                (Some(a), Some(b)) if b > a => (b - a) as usize,
                _ => 1,
            };
            out.extend(std::iter::repeat_n(PAGE_BREAK, passed));
            page = line.page;
        }
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(no: usize, text: &str, page: Option<u32>) -> Line {
        Line {
            no,
            text: text.to_string(),
            cells: text
                .contains('\t')
                .then(|| text.split('\t').map(str::to_string).collect()),
            runs: Vec::new(),
            page,
            rule_above: None,
        }
    }

    #[test]
    fn lines_tabs_and_page_breaks() {
        let lines = [
            line(1, "BÁO CÁO", Some(1)),
            line(2, "1\tSố văn bản\t3", Some(1)),
            line(3, "Trang hai", Some(2)),
            line(4, "", Some(2)),
        ];
        assert_eq!(
            render(&lines),
            "BÁO CÁO\n1\tSố văn bản\t3\n\u{C}Trang hai\n\n"
        );
    }

    #[test]
    fn pages_without_lines_keep_their_place() {
        let lines = [line(1, "hai", Some(2)), line(2, "năm", Some(5))];
        assert_eq!(render(&lines), "\u{C}hai\n\u{C}\u{C}\u{C}năm\n");
    }

    #[test]
    fn text_without_pages_has_no_breaks() {
        let lines = [line(1, "a", None), line(2, "b", None)];
        assert_eq!(render(&lines), "a\nb\n");
        assert_eq!(render(&[]), "");
    }
}
