//! Coded unit cells: "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2".

use super::vocab::{lower_words, VOCAB};
use regex::Regex;
use std::sync::LazyLock;

/// An assignment sign followed by a code number: "= 1".
static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{}\s*([0-9]+)", super::assign_class(false))).expect("valid regex")
});

/// One code of a unit cell.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Code {
    /// The label as printed ("Kết hợp").
    pub label: String,
    /// The code number.
    pub number: u64,
}

/// Reads the codes of a unit cell; empty when the unit is not coded.
///
/// Each label is the text between the previous code number (or the start)
/// and its assignment sign, trimmed of white space and the separators in
/// `patterns/values.toml`; so "Chưa có = 0 2 cấp = 1" gives "Chưa có" = 0 and
/// "2 cấp" = 1. Labels without a letter are dropped.
pub(super) fn parse(unit: &str) -> Vec<Code> {
    let mut codes = Vec::new();
    let mut from = 0;
    for caps in ASSIGN.captures_iter(unit) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let label = unit
            .get(from..whole.start())
            .unwrap_or("")
            .trim_matches(|c: char| c.is_whitespace() || VOCAB.label_trim.contains(&c));
        from = whole.end();
        if let (true, Ok(number)) = (label.chars().any(char::is_alphabetic), num.as_str().parse()) {
            codes.push(Code {
                label: label.split_whitespace().collect::<Vec<_>>().join(" "),
                number,
            });
        }
    }
    codes
}

/// The first code with this number, when `value` is a whole non-negative number.
pub(super) fn by_number(codes: &[Code], value: f64) -> Option<&Code> {
    codes.iter().find(|c| c.number as f64 == value)
}

/// The first code whose label is the (folded) cell text.
pub(super) fn by_label<'a>(codes: &'a [Code], folded: &str) -> Option<&'a Code> {
    codes.iter().find(|c| lower_words(&c.label) == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(unit: &str) -> Vec<(String, u64)> {
        parse(unit)
            .into_iter()
            .map(|c| (c.label, c.number))
            .collect()
    }

    fn p(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(l, n)| (l.to_string(), *n)).collect()
    }

    #[test]
    fn separators() {
        let want = p(&[("Trực tuyến", 0), ("Phát phiếu", 1), ("Kết hợp", 2)]);
        assert_eq!(pairs("Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"), want);
        assert_eq!(pairs("Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2"), want);
        assert_eq!(pairs("Trực tuyến = 0,\nPhát phiếu = 1, Kết hợp=2"), want);
        assert_eq!(pairs("Có = 1; Không = 0"), p(&[("Có", 1), ("Không", 0)]));
        assert_eq!(pairs("(Không = 0; Có = 1)"), p(&[("Không", 0), ("Có", 1)]));
    }

    #[test]
    fn labels_starting_with_digits() {
        assert_eq!(
            pairs("Chưa có = 0 2 cấp = 1 3 cấp = 2"),
            p(&[("Chưa có", 0), ("2 cấp", 1), ("3 cấp", 2)])
        );
    }

    #[test]
    fn not_coded() {
        assert!(parse("Văn bản").is_empty());
        assert!(parse("%").is_empty());
        assert!(parse("= 1").is_empty());
        assert!(parse("Có hoặc không").is_empty());
        assert!(parse(&format!("Có = {}", "9".repeat(40))).is_empty());
    }

    #[test]
    fn lookups() {
        let codes = parse("Chưa = 0 Hoàn thành = 1");
        assert_eq!(
            by_number(&codes, 1.0).map(|c| c.label.as_str()),
            Some("Hoàn thành")
        );
        assert!(by_number(&codes, 1.5).is_none());
        assert!(by_number(&codes, 3.0).is_none());
        assert_eq!(by_label(&codes, "hoàn thành").map(|c| c.number), Some(1));
    }
}
