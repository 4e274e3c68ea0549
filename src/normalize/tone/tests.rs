use super::{canonical, is_tone_mark};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Input → canonical placement.
const PAIRS: &[(&str, &str)] = &[
    // oa / oe / uy open rhymes: the mark on the first vowel.
    ("hoà", "hòa"),
    ("Hoà", "Hòa"),
    ("HOÀ", "HÒA"),
    ("hoá", "hóa"),
    ("hoạ", "họa"),
    ("hoả", "hỏa"),
    ("khoẻ", "khỏe"),
    ("KHOẺ", "KHỎE"),
    ("loè", "lòe"),
    ("thuỷ", "thủy"),
    ("Thuỷ", "Thủy"),
    ("tuỳ", "tùy"),
    ("luỹ", "lũy"),
    ("huỷ", "hủy"),
    ("Uỷ ban", "Ủy ban"),
    ("UỶ BAN", "ỦY BAN"),
    // Already canonical.
    ("hòa", "hòa"),
    ("thủy", "thủy"),
    ("khỏe", "khỏe"),
    // qu and gi are initials.
    ("quý", "quý"),
    ("qúy", "quý"),
    ("Quý", "Quý"),
    ("QÚY", "QUÝ"),
    ("quả", "quả"),
    ("qủa", "quả"),
    ("quốc", "quốc"),
    ("quyết", "quyết"),
    ("quỳnh", "quỳnh"),
    ("gìn", "gìn"),
    ("giữ", "giữ"),
    ("già", "già"),
    ("gìa", "già"),
    ("giữa", "giữa"),
    // Other open rhymes: the first vowel, or the middle of three.
    ("của", "của"),
    ("cuả", "của"),
    ("mùa", "mùa"),
    ("kìa", "kìa"),
    ("kià", "kìa"),
    ("cái", "cái"),
    ("caí", "cái"),
    ("ngoài", "ngoài"),
    ("ngòai", "ngoài"),
    ("xoáy", "xoáy"),
    ("khuỷu", "khuỷu"),
    // Modified vowels take the mark; ươ / iê / yê / uô the second.
    ("người", "người"),
    ("ngừơi", "người"),
    ("được", "được"),
    ("đựơc", "được"),
    ("tiếng", "tiếng"),
    ("tíêng", "tiếng"),
    ("chuyển", "chuyển"),
    ("chủyên", "chuyển"),
    ("muốn", "muốn"),
    ("cửa", "cửa"),
    ("rượu", "rượu"),
    ("hoặc", "hoặc"),
    ("họăc", "hoặc"),
    // Closed rhymes: the vowel before the final consonant.
    ("hoàng", "hoàng"),
    ("hòang", "hoàng"),
    ("hoạch", "hoạch"),
    ("họach", "hoạch"),
    ("toán", "toán"),
    ("huỳnh", "huỳnh"),
    ("Đắk Lắk", "Đắk Lắk"),
    // Left alone: no tone, not Vietnamese, two marks, digits.
    ("CCHC", "CCHC"),
    ("UBND", "UBND"),
    ("online", "online"),
    ("Số 769/BC-UBND", "Số 769/BC-UBND"),
    ("hòà", "hòà"),
    ("", ""),
    // Whole phrases, spaces kept as they are.
    (
        "Kế hoạch  thuỷ lợi, hoà giải",
        "Kế hoạch  thủy lợi, hòa giải",
    ),
    ("Tỷ lệ hồ sơ (%)", "Tỷ lệ hồ sơ (%)"),
];

#[test]
fn table_of_pairs() {
    assert!(PAIRS.len() >= 40);
    for &(input, expected) in PAIRS {
        assert_eq!(canonical(input), expected, "{input:?}");
        assert_eq!(canonical(expected), expected, "idempotent on {expected:?}");
        let nfd: String = input.nfd().collect();
        assert_eq!(canonical(&nfd), expected, "decomposed {input:?}");
    }
}

#[test]
fn output_is_nfc() {
    let out = canonical("tho\u{309}a thu\u{323}y");
    assert_eq!(out, "thỏa thụy");
    assert_eq!(out, out.nfc().collect::<String>());
}

#[test]
fn mark_on_a_consonant_is_left_alone() {
    assert_eq!(canonical("n\u{303}a"), "ña");
}

/// Text without tone marks, decomposed: what must not change.
fn toneless(s: &str) -> String {
    s.nfd().filter(|&c| !is_tone_mark(c)).collect()
}

/// Letters, tone marks and vowel modifiers (decomposed and precomposed),
/// spaces and punctuation, with now and then any character.
fn vietnamese_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select(
            "aăâeêioôơuưyqgđhcnkmptrslAOUYQGĐHNICT"
                .chars()
                .collect::<Vec<_>>()
        ),
        3 => prop::sample::select(vec![
            '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31B}'
        ]),
        3 => prop::sample::select("àáảãạờớởỡợừứửữựềếểễệỳýỷỹỵìíỉĩị".chars().collect::<Vec<_>>()),
        2 => prop::sample::select(vec![' ', ' ', '\t', ',', '-', '1']),
        1 => any::<char>(),
    ]
}

proptest! {
    #[test]
    fn idempotent_and_only_moves_marks(chars in prop::collection::vec(vietnamese_char(), 0..40)) {
        let s: String = chars.into_iter().collect();
        let once = canonical(&s);
        prop_assert_eq!(canonical(&once), once.clone());
        prop_assert_eq!(toneless(&once), toneless(&s));
        prop_assert_eq!(crate::normalize::fold(&once), crate::normalize::fold(&s));
    }
}
