//! Coded units: "Có = 1; Không = 0", "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2".

use crate::value::{assign_class, is_assign_sign};
use regex::Regex;
use std::sync::LazyLock;

/// A code item: an assignment sign and its number ("= 1").
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{}\s*\d+", assign_class(false))).expect("valid regex"));
/// A whole list of `label = n` items.
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    let (sign, other) = (assign_class(false), assign_class(true));
    Regex::new(&format!(r"^(?:{other}+?{sign}\s*\d+\s*[;,.]?\s*)+$")).expect("valid regex")
});

/// Most words between two code items ("; Phát phiếu =").
const MAX_ITEM_WORDS: usize = 5;

/// True when the whole text is a list of `label = n` codes.
pub fn is_code_list(s: &str) -> bool {
    LIST.is_match(s.trim())
}

/// True when the text ends with a code item (`… = 1`) or with a dangling `=`.
pub fn ends_with_code(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(is_assign_sign)
        || ITEM.find_iter(t).last().is_some_and(|m| {
            t[m.end()..]
                .trim_matches(|c: char| c == ';' || c == ',' || c.is_whitespace())
                .is_empty()
        })
}

/// Finds a coded unit inside flattened row text: `(start, end)` byte range of
/// the code list; the label lies before it and the value after it.
pub fn find_code_span(s: &str) -> Option<(usize, usize)> {
    let first = ITEM.find(s)?;
    let before = &s[..first.start()];
    let start = code_label_start(before);
    let mut end = first.end();
    for m in ITEM.find_iter(s).skip(1) {
        let gap = &s[end..m.start()];
        if gap.split_whitespace().count() > MAX_ITEM_WORDS || gap.contains(is_assign_sign) {
            break;
        }
        end = m.end();
    }
    Some((start, end))
}

/// Where the first code's label starts: the last capitalised word before "="
/// (within a few words), else the last word.
fn code_label_start(before: &str) -> usize {
    let tokens: Vec<usize> = before
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || before[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    let capital = tokens
        .iter()
        .rev()
        .take(MAX_ITEM_WORDS)
        .find(|&&i| before[i..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    capital.or(tokens.last()).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (&str, &str, &str) {
        let (a, b) = find_code_span(s).unwrap();
        (s[..a].trim(), s[a..b].trim(), s[b..].trim())
    }

    #[test]
    fn code_spans() {
        assert_eq!(
            split("Hình thức khảo sát Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2 2"),
            (
                "Hình thức khảo sát",
                "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2",
                "2"
            )
        );
        assert_eq!(
            split("Tổ chức đối thoại với người dân Không = 0; Có = 1 1"),
            ("Tổ chức đối thoại với người dân", "Không = 0; Có = 1", "1")
        );
        assert_eq!(
            split("Đã hoàn thành Hoàn thành = 1 1"),
            ("Đã hoàn thành", "Hoàn thành = 1", "1")
        );
        assert_eq!(
            split("Chưa hoàn thành Chưa hoàn thành = 2"),
            ("Chưa hoàn thành", "Chưa hoàn thành = 2", "")
        );
    }

    #[test]
    fn lists() {
        assert!(is_code_list("Chưa có = 0"));
        assert!(is_code_list("Trực tuyến = 0; Phát phiếu = 1;"));
        assert!(!is_code_list("Văn bản"));
        assert!(ends_with_code("Hình thức Trực tuyến = 0"));
        assert!(ends_with_code("Chưa hoàn thành ="));
        assert!(!ends_with_code("Kết hợp = 2 2"));
    }

    /// Every assignment sign of the vocabulary reads like "=" (text that
    /// skipped normalisation keeps its full-width "＝").
    #[test]
    fn every_assignment_sign() {
        for sign in ["=", "＝"] {
            let list = format!("Không {sign} 0; Có {sign} 1");
            assert!(is_code_list(&list), "{sign}");
            assert!(ends_with_code(&format!("Chưa hoàn thành {sign}")), "{sign}");
            let row = format!("Tổ chức đối thoại với người dân {list} 1");
            let (a, b) = find_code_span(&row).expect("a code span");
            assert_eq!(&row[a..b], list, "{sign}");
        }
    }
}
