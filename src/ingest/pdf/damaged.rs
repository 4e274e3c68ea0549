//! Whether a scan's text layer is a broken reading: the invisible text a
//! scanner's OCR laid over the image, written in a Vietnamese code page and
//! read back as Windows-1252 ("vi ph¡m", "nghiÇn", "tr°¡ng" for "vi phạm",
//! "nghiện", "trương"). Such a layer is judged by its words: one that holds
//! a letter no Vietnamese text uses (Ç ñ å ë …), or a sign between two
//! letters, is damaged.

use crate::ingest::Line;

/// Share of a layer's words that must be damaged for the layer to be read
/// again by OCR (a real scan's broken layer: a third; the odd French or
/// German name in a Vietnamese page: a few words in a hundred).
pub(super) const DAMAGED_LAYER: f32 = 0.10;

/// Fewest words a layer needs before it is judged.
const MIN_WORDS: usize = 20;

/// Latin-1 letters that Vietnamese writes (the rest of its letters lie
/// beyond Latin-1).
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// The share of the words of `lines` that are damaged; 0 for a text too
/// short to judge.
pub(super) fn damaged_share(lines: &[Line]) -> f32 {
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.text.split_whitespace())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < MIN_WORDS {
        return 0.0;
    }
    let damaged = words.iter().filter(|w| is_damaged(w)).count();
    damaged as f32 / words.len() as f32
}

/// Whether `word` holds a foreign Latin-1 letter, or Latin-1 signs (¡ £ °
/// ¥ soft hyphen …) between two letters.
fn is_damaged(word: &str) -> bool {
    let foreign = |c: char| {
        ('\u{C0}'..='\u{FF}').contains(&c) && c.is_alphabetic() && !VIETNAMESE_LATIN1.contains(c)
    };
    let sign = |c: char| ('\u{A1}'..='\u{BF}').contains(&c) && !c.is_alphabetic();
    // After a letter: whether signs have followed it since.
    let mut after_letter: Option<bool> = None;
    for c in word.chars() {
        if foreign(c) || (c.is_alphabetic() && after_letter == Some(true)) {
            return true;
        }
        after_letter = if c.is_alphabetic() {
            Some(false)
        } else if sign(c) {
            after_letter.map(|_| true)
        } else {
            None
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        vec![Line {
            no: 1,
            text: text.to_string(),
            cells: None,
            runs: Vec::new(),
            page: Some(1),
            rule_above: None,
        }]
    }

    #[test]
    fn a_broken_scanner_layer_is_damaged() {
        let layer = "Xí lý vi ph¡m hành chính vÁ cai nghiÇn ma túy và qu£n lý sau \
                     cai nghiÇn ma tçy °ãc sça Õi, bÕ sung t¡i Kho£n 13 iÁu 20 NghË Ënh";
        assert!(damaged_share(&lines(layer)) >= DAMAGED_LAYER);
    }

    #[test]
    fn vietnamese_and_foreign_names_are_not() {
        let text = "Ủy ban nhân dân tỉnh Lâm Đồng báo cáo kết quả thực hiện công tác \
                    cải cách hành chính năm 2025 với sự hỗ trợ của tổ chức Müller und \
                    Söhne (CHLB Đức) và chuyên gia François";
        assert!(damaged_share(&lines(text)) < DAMAGED_LAYER);
        assert_eq!(
            damaged_share(&lines("ph¡m nghiÇn")),
            0.0,
            "too short to judge"
        );
    }

    #[test]
    fn signs_count_only_between_letters() {
        assert!(is_damaged("tr°¡ng"));
        assert!(is_damaged("Lu\u{AD}t"));
        assert!(!is_damaged("25°C"));
        assert!(!is_damaged("«Báo"));
        assert!(!is_damaged("§1"));
    }
}
