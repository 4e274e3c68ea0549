//! The signer: the name printed under the signature titles ("TM. ỦY BAN NHÂN
//! DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "GIÁM ĐỐC") at the end of the body.

use super::vocab::VOCAB;
use super::Clean;
use crate::normalize::fold;

/// Lines after the last signature title in which the name is looked for.
const NAME_WINDOW: usize = 12;

/// The signer's name, looked for after the last signature title before
/// `end` (where the appendix starts).
pub fn extract(lines: &[Clean], end: usize) -> Option<String> {
    let body = &lines[..end.min(lines.len())];
    let is_title = |l: &Clean| {
        let f = fold(&l.text);
        VOCAB
            .signature
            .titles
            .iter()
            .any(|t| f.starts_with(t.as_str()) || f.ends_with(t.as_str()))
            && !l.text.chars().any(char::is_lowercase)
    };
    let last = body
        .iter()
        .rposition(|l| is_title(l) || has_title_tail(l))?;
    body[last + 1..]
        .iter()
        .take(NAME_WINDOW)
        .map(|l| without_signed_mark(&l.text))
        .find(|t| is_name(t))
}

/// The line without a copy's signature mark at its start or end
/// ("Nguyễn Tấn Dũng đã ký" → "Nguyễn Tấn Dũng").
fn without_signed_mark(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let marks = &VOCAB.signature.signed_marks;
    for n in (1..=words.len().min(4)).rev() {
        if marks.contains(&fold(&words[words.len() - n..].join(" "))) {
            return words[..words.len() - n].join(" ");
        }
        if marks.contains(&fold(&words[..n].join(" "))) {
            return words[n..].join(" ");
        }
    }
    text.to_string()
}

/// A line ending in a capitalised signature title ("Nơi nhận: GIÁM ĐỐC").
fn has_title_tail(l: &Clean) -> bool {
    let f = fold(&l.text);
    VOCAB
        .signature
        .titles
        .iter()
        .any(|t| f.ends_with(t.as_str()))
        && l.text
            .split_whitespace()
            .last()
            .is_some_and(|w| !w.chars().any(char::is_lowercase))
}

/// A personal name: 2 to 5 capitalised words, letters only, not all capitals.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let f = fold(text);
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        })
        && !VOCAB
            .signature
            .not_names
            .iter()
            .any(|n| f.starts_with(n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_after_titles() {
        let l = Clean::from_texts(&[
            "Nơi nhận:",
            "- Sở Nội vụ;",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Ngô Anh Vũ",
            "Phụ lục 1",
        ]);
        assert_eq!(extract(&l, l.len()).as_deref(), Some("Ngô Anh Vũ"));
        let l = Clean::from_texts(&[
            "Nơi nhận: GIÁM ĐỐC",
            "- Sở Nội Vụ;",
            "- Lưu: VT, VP.",
            "Lê Anh Tuấn",
        ]);
        assert_eq!(extract(&l, l.len()).as_deref(), Some("Lê Anh Tuấn"));
        assert_eq!(extract(&Clean::from_texts(&["Không có chữ ký"]), 1), None);
        let l = Clean::from_texts(&["TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Nguyễn Tấn Dũng đã ký"]);
        assert_eq!(extract(&l, l.len()).as_deref(), Some("Nguyễn Tấn Dũng"));
        let l = Clean::from_texts(&["CHỦ TỊCH", "(Đã ký)", "Nguyễn Phong Quang"]);
        assert_eq!(extract(&l, l.len()).as_deref(), Some("Nguyễn Phong Quang"));
    }
}
