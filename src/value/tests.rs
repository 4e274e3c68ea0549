use super::parse;
use crate::model::{Value, ValueKind as K};
use proptest::prelude::*;

fn check(raw: &str, unit: &str, kind: K, number: Option<f64>, numbers: &[f64]) -> Value {
    let v = parse(raw, unit);
    assert_eq!(v.raw, raw);
    assert_eq!(v.kind, kind, "{raw:?} | {unit:?}");
    assert_eq!(v.number, number, "{raw:?} | {unit:?}");
    assert_eq!(v.numbers, numbers, "{raw:?} | {unit:?}");
    v
}

#[test]
fn vietnamese_numbers() {
    for &(raw, n) in super::number::VIETNAMESE_NUMBERS
        .iter()
        .chain(&[(" 17 ", 17.0)])
    {
        check(raw, "Văn bản", K::Number, Some(n), &[]);
    }
}

#[test]
fn signed_numbers() {
    check("-5", "Văn bản", K::Number, Some(-5.0), &[]);
    check("−2,5", "", K::Number, Some(-2.5), &[]);
    let zero = parse("-0", "").number.unwrap_or(f64::NAN);
    assert!(zero == 0.0 && zero.is_sign_positive());
}

#[test]
fn percentages() {
    check("100%", "%", K::Percent, Some(100.0), &[]);
    check("99,62%", "%", K::Percent, Some(99.62), &[]);
    check("100 %", "%", K::Percent, Some(100.0), &[]);
    check("4,7%", "", K::Percent, Some(4.7), &[]);
    check("97,2", "%", K::Percent, Some(97.2), &[]);
    check("12,4", "Tỷ lệ", K::Percent, Some(12.4), &[]);
    check("85", "Tỷ lệ (%)", K::Percent, Some(85.0), &[]);
}

#[test]
fn percent_with_ratio() {
    let v = check(
        "99,62% (523/525)",
        "%",
        K::Percent,
        Some(99.62),
        &[99.62, 523.0, 525.0],
    );
    assert_eq!((v.numerator, v.denominator), (Some(523.0), Some(525.0)));
    let v = check(
        "100 (01 hồ sơ)",
        "%",
        K::Percent,
        Some(100.0),
        &[100.0, 1.0],
    );
    assert_eq!(v.numerator, None);
}

#[test]
fn ratios() {
    for (raw, a, b) in [
        ("523/525", 523.0, 525.0),
        ("549/8", 549.0, 8.0),
        ("22/36", 22.0, 36.0),
    ] {
        let v = check(raw, "Lượt người/lớp", K::Ratio, None, &[a, b]);
        assert_eq!((v.numerator, v.denominator), (Some(a), Some(b)));
    }
    let v = check("1/0", "", K::Ratio, None, &[1.0, 0.0]);
    assert_eq!(v.denominator, Some(0.0));
    check("523 / 525", "%", K::Ratio, None, &[523.0, 525.0]);
    check("549/8 lượt", "", K::Ratio, None, &[549.0, 8.0]);
}

#[test]
fn composites() {
    check(
        "Cấp huyện 289, cấp xã 159",
        "Thủ tục",
        K::Composite,
        None,
        &[289.0, 159.0],
    );
    check(
        "13 (cấp tỉnh 07, huyện 6)",
        "Thủ tục",
        K::Composite,
        Some(13.0),
        &[13.0, 7.0, 6.0],
    );
    check(
        "Cấp huyện 02, cấp xã 0",
        "Thủ tục",
        K::Composite,
        None,
        &[2.0, 0.0],
    );
    check(
        "77 (cấp tỉnh 54, huyện 23)",
        "TTHC",
        K::Composite,
        Some(77.0),
        &[77.0, 54.0, 23.0],
    );
    check("4 HĐ68", "Người", K::Composite, Some(4.0), &[4.0]);
    let v = check(
        "Cấp huyện 3/5, 2 xã",
        "",
        K::Composite,
        None,
        &[3.0, 5.0, 2.0],
    );
    assert_eq!((v.numerator, v.denominator), (Some(3.0), Some(5.0)));
    check("Đạt 1.453 chỉ tiêu", "", K::Composite, None, &[1453.0]);
}

#[test]
fn coded_units() {
    let v = check(
        "1",
        "Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2",
        K::Code,
        Some(1.0),
        &[],
    );
    assert_eq!(v.meaning.as_deref(), Some("Phát phiếu"));
    assert_eq!(v.boolean, None);
    let v = check(
        "2",
        "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2",
        K::Code,
        Some(2.0),
        &[],
    );
    assert_eq!(v.meaning.as_deref(), Some("Kết hợp"));
    let v = check("1", "Không = 0; Có = 1", K::Code, Some(1.0), &[]);
    assert_eq!((v.meaning.as_deref(), v.boolean), (Some("Có"), Some(true)));
    let v = check("0", "Có = 1; Không = 0", K::Code, Some(0.0), &[]);
    assert_eq!(
        (v.meaning.as_deref(), v.boolean),
        (Some("Không"), Some(false))
    );
    let v = check(
        "2",
        "Chưa có = 0 2 cấp = 1 3 cấp = 2",
        K::Code,
        Some(2.0),
        &[],
    );
    assert_eq!(v.meaning.as_deref(), Some("3 cấp"));
    let v = check("1", "Hoàn thành = 1", K::Code, Some(1.0), &[]);
    assert_eq!(v.meaning.as_deref(), Some("Hoàn thành"));
    let v = check("01", "Chưa = 0 Hoàn thành = 1", K::Code, Some(1.0), &[]);
    assert_eq!(v.meaning.as_deref(), Some("Hoàn thành"));
}

#[test]
fn coded_unit_misses_keep_the_number() {
    check("3", "Chưa = 0 Hoàn thành = 1", K::Number, Some(3.0), &[]);
    check("0,5", "Chưa = 0 Hoàn thành = 1", K::Number, Some(0.5), &[]);
    check("", "Chưa = 0 Hoàn thành = 1", K::Empty, None, &[]);
}

#[test]
fn coded_unit_by_label() {
    let v = check("Có", "Có = 1; Không = 0", K::Code, Some(1.0), &[]);
    assert_eq!(v.boolean, Some(true));
    let v = check(
        "đã kết nối",
        "Đã kết nối = 1 Chưa kết nối = 2",
        K::Code,
        Some(1.0),
        &[],
    );
    assert_eq!(v.meaning.as_deref(), Some("Đã kết nối"));
}

#[test]
fn booleans() {
    for (raw, b) in [
        ("Có", true),
        ("CÓ", true),
        ("có", true),
        ("Đã có", true),
        ("Không", false),
        ("không", false),
        ("Không có", false),
        ("Chưa", false),
        ("Chưa có", false),
    ] {
        let v = check(raw, "Có hoặc không", K::Boolean, None, &[]);
        assert_eq!(v.boolean, Some(b), "{raw}");
    }
    let v = check("1", "Có hoặc không", K::Boolean, Some(1.0), &[]);
    assert_eq!(v.boolean, Some(true));
    let v = check("0", "Có hoặc không", K::Boolean, Some(0.0), &[]);
    assert_eq!(v.boolean, Some(false));
    check("2", "Có hoặc không", K::Number, Some(2.0), &[]);
}

#[test]
fn empties() {
    for raw in ["", " ", "\t \u{a0}", "-", "–", "—", " - ", "...", "…"] {
        check(raw, "Nhiệm vụ", K::Empty, None, &[]);
    }
}

#[test]
fn texts() {
    for raw in [
        "Đã được cấp",
        "Đã kết nối",
        "%%%",
        "/",
        "1.2.3.4",
        "ngày 14/10/2021",
        "x",
        "HĐ68",
    ] {
        check(raw, "%", K::Text, None, &[]);
    }
}

#[test]
fn hostile_inputs() {
    let long = "9".repeat(5000);
    check(&long, "", K::Text, None, &[]);
    check(&format!("{long}%"), "%", K::Text, None, &[]);
    check("1/0/0", "", K::Text, None, &[]);
    check("-", "Có = 1", K::Empty, None, &[]);
    check(
        "1",
        &format!("Có = {}", "1".repeat(100)),
        K::Number,
        Some(1.0),
        &[],
    );
    check("٣", "", K::Text, None, &[]);
    check("１２", "", K::Text, None, &[]);
}

#[test]
fn deterministic() {
    let a = parse("99,62% (523/525)", "%");
    assert_eq!(a, parse("99,62% (523/525)", "%"));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(raw in ".*", unit in ".*") {
        let v = parse(&raw, &unit);
        prop_assert_eq!(&v.raw, &raw);
        prop_assert!(v.number.is_none_or(f64::is_finite));
        prop_assert!(v.numbers.iter().all(|n| n.is_finite()));
        prop_assert!(v.numerator.is_none_or(f64::is_finite));
        prop_assert!(v.denominator.is_none_or(f64::is_finite));
    }

    #[test]
    fn never_panics_on_numeric_text(
        raw in "[0-9.,%/ ()\\-–a-zà-ỹ]{0,40}",
        unit in "[0-9=;, a-zĐđàáâãèéêìíòóôõùúýăơư%]{0,40}",
    ) {
        let v = parse(&raw, &unit);
        prop_assert_eq!(&v.raw, &raw);
        prop_assert!(v.number.is_none_or(f64::is_finite));
        prop_assert!(v.numbers.iter().all(|n| n.is_finite()));
        prop_assert_eq!(v.clone(), parse(&raw, &unit));
    }
}
