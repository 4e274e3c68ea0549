//! Whether a word is a valid Vietnamese syllable, for judging decodings:
//! the syllable structure of [`crate::normalize::syllable`].

/// Whether `word` (any case, NFC or NFD) is one Vietnamese syllable.
pub(super) fn is_syllable(word: &str) -> bool {
    crate::normalize::syllable::is_valid(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_syllables_pass() {
        for w in [
            "Báo",
            "cáo",
            "người",
            "Việt",
            "quốc",
            "giữa",
            "gì",
            "quý",
            "khuyến",
            "nghiêng",
            "ĐƯỜNG",
            "hoà",
            "hòa",
            "thuở",
            "xoong",
            "a",
            "ở",
            "yêu",
            "tuyệt",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn damaged_words_fail() {
        for w in [
            "Bỏo", "cäi", "hµnh", "viêòt", "ngýõi", "báó", "cát̀", "họcs", "mát̃", "ẹg",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
        // Stop finals take only sắc or nặng.
        assert!(is_syllable("học") && is_syllable("mát"));
        assert!(!is_syllable("hòc") && !is_syllable("mảt"));
    }
}
