//! Whether a scan's text layer is a poor reading: the invisible text a
//! scanner's OCR laid over the image, read by an engine that knows no
//! Vietnamese ("Cdn c* LuQt Tii ch*c chinh quyin") or written in a broken
//! code page ("vi ph¡m hành chính vÁ cai nghiÇn"). A layer is judged by
//! its words: the share that spell no Vietnamese syllable. Our OCR reads
//! such a page again, and its reading replaces the layer when it is
//! clearly better by the same measure.

use crate::ingest::Line;
use crate::normalize::syllable;

/// Share of a layer's words that spell no syllable, from which the page is
/// read again by OCR. On the real corpus: Vietnamese text, digital or a
/// good scanner layer, at most 0.16 (English words, names, codes); the
/// poor scanner layers 0.35 to 0.57.
pub(super) const POOR_LAYER: f32 = 0.25;

/// How much lower that share must be in our reading to replace the layer.
pub(super) const CLEARLY_BETTER: f32 = 0.10;

/// Fewest words a layer needs before it is judged.
const MIN_WORDS: usize = 20;

/// Signs that may wrap a word ("(cũ)", "“không", "ma túy”,").
const WRAPPING: &[char] = &[
    '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\'', '“', '”', '‘', '’', '-', '–', '—',
    '/', '…',
];

/// The share of the words of `lines` that spell no Vietnamese syllable;
/// 0 for a text too short to judge. Words with a digit and words in
/// capitals (abbreviations: "UBND", "TTHC") are not judged.
pub(super) fn invalid_share(lines: &[Line]) -> f32 {
    let mut judged = 0usize;
    let mut invalid = 0usize;
    for token in lines.iter().flat_map(|l| l.text.split_whitespace()) {
        let word = token.trim_matches(WRAPPING);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = word.chars().all(char::is_uppercase);
        if letters == 0 || word.chars().any(char::is_numeric) || (letters > 1 && capitals) {
            continue;
        }
        judged += 1;
        if letters != word.chars().count() || !syllable::is_valid(word) {
            invalid += 1;
        }
    }
    if judged < MIN_WORDS {
        return 0.0;
    }
    invalid as f32 / judged as f32
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
    fn poor_scanner_layers_are_poor() {
        for layer in [
            "Xí lý vi ph¡m hành chính vÁ cai nghiÇn ma túy và qu£n lý sau \
             cai nghiÇn ma tçy °ãc sça Õi, bÕ sung t¡i Kho£n 13 iÁu 20 NghË Ënh",
            "Cdn c* LuQt Tii ch*c chinh quyin dia phucrng ngdy 16 thdng 6 ndm \
             2025; Cdn c* Lugt C6ng chilmg ngdy 26 thdng l1 ndm 2024; thdrnh HQi",
        ] {
            assert!(invalid_share(&lines(layer)) >= POOR_LAYER, "{layer}");
        }
    }

    #[test]
    fn vietnamese_text_is_not() {
        let text = "Ủy ban nhân dân tỉnh Lâm Đồng (UBND) báo cáo kết quả thực hiện \
                    công tác cải cách hành chính năm 2025, với sự hỗ trợ của tổ chức \
                    “Müller” và chuyên gia François, theo Kế hoạch số 12/KH-UBND.";
        assert!(invalid_share(&lines(text)) < POOR_LAYER);
        assert_eq!(
            invalid_share(&lines("ph¡m nghiÇn")),
            0.0,
            "too short to judge"
        );
    }
}
