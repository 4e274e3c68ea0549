//! Inputs that are not reports: every one still yields exactly one record.

use baocao::extract_bytes;
use proptest::prelude::*;

#[test]
fn empty_file_is_an_error_record() {
    let rec = extract_bytes("empty.txt", b"");
    assert_eq!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("empty_input")
    );
    assert!(rec.tables.is_empty());
}

#[test]
fn binary_junk_is_an_error_record() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let rec = extract_bytes("junk.txt", &junk);
    assert_eq!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("binary_input")
    );
}

#[test]
fn letter_without_tables_warns() {
    let text = "UBND HUYỆN X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính gửi: Sở Nội vụ\nNội dung công văn.\n";
    let rec = extract_bytes("letter.txt", text.as_bytes());
    assert!(rec.error.is_none());
    assert!(rec.tables.is_empty());
    assert!(rec.warnings.iter().any(|w| w.code == "no_indicator_table"));
}

#[test]
fn unsupported_extension_is_an_error_record() {
    let rec = extract_bytes("report.xyz", b"hello");
    assert_eq!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("unsupported_format")
    );
}

#[test]
fn invalid_utf8_is_decoded_and_warned() {
    let mut bytes = "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\tSố văn bản\tVăn bản\t3\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"2\tS\xe1 \xff\tV\xe3n\t4\n");
    let rec = extract_bytes("mixed.txt", &bytes);
    assert!(rec.error.is_none());
    assert!(rec.warnings.iter().any(|w| w.code == "invalid_utf8"));
    assert_eq!(rec.tables[0].rows.len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary UTF-8 never panics (the pipeline would report `internal`).
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        let rec = extract_bytes("any.txt", s.as_bytes());
        prop_assert!(rec.error.as_ref().is_none_or(|e| e.code != "internal"));
    }

    /// Table-shaped noise: STT tokens, tabs, codes and units in any order.
    #[test]
    fn table_like_noise_never_panics(parts in prop::collection::vec(
        prop::sample::select(vec!["STT", "1.", "1.2.", "II", "\t", "\n", " ", "  ", "Văn bản", "=", "0",
            "Có = 1;", "%", "Chỉ tiêu", "Đơn vị tính", "Ghi chú", "Biểu mẫu 1", "Trong", "đó", "(", ")",
            "<b>", "**", "<sup>1</sup>", "99,62%", "523/525", "Cấp huyện báo", "x"]), 0..200)) {
        let s: String = parts.concat();
        let rec = extract_bytes("noise.txt", s.as_bytes());
        prop_assert!(rec.error.as_ref().is_none_or(|e| e.code != "internal"));
    }
}
