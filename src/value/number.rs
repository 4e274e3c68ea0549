//! Vietnamese numbers (CLDR vi: "." groups thousands, "," marks decimals) and
//! the scan of a cell for numbers, percentages and ratios.
//!
//! Reading rules for one digit run such as "1.453" or "97,57":
//! - digits only: an integer, leading zeros ignored ("05" = 5);
//! - dots only: thousands groups when the first group has 1–3 digits without a
//!   leading zero and every later group exactly 3 ("1.453" = 1453,
//!   "1.234.567"); otherwise a single dot is a decimal point ("12.4" = 12.4,
//!   "0.500" = 0.5) and several dots are no number ("1.2.3.4");
//! - commas only: a single comma is the decimal comma ("97,57" = 97.57, so
//!   "1,453" = 1.453); several commas are thousands groups when well grouped
//!   ("1,234,567"), else no number;
//! - both: "1.234,5" (dots group, one final comma) = 1234.5 and the English
//!   "1,234.5" (commas group, one final dot) = 1234.5; anything else is no number;
//! - a result that is not a finite `f64` (hundreds of digits) is no number.

use super::vocab::VOCAB;
use regex::Regex;
use std::sync::LazyLock;

/// A run of ASCII digits joined by single dots or commas.
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:[.,][0-9]+)*").expect("valid regex"));

/// Reads one digit run by the rules in the module documentation.
pub(super) fn read(token: &str) -> Option<f64> {
    if token.is_empty()
        || !token
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    if token.split(['.', ',']).any(str::is_empty) {
        return None;
    }
    let dots = token.matches('.').count();
    let commas = token.matches(',').count();
    let text = match (dots, commas) {
        (0, 0) => token.to_string(),
        (_, 0) => grouped(token, '.').or_else(|| (dots == 1).then(|| token.to_string()))?,
        (0, _) if commas == 1 => token.replace(',', "."),
        (0, _) => grouped(token, ',')?,
        _ => mixed(token, dots, commas)?,
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Digits of a well-grouped thousands number ("1.234.567" → "1234567").
fn grouped(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || first.starts_with('0') {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// "1.234,5" (vi) or "1,234.5" (en) as a plain decimal string.
fn mixed(s: &str, dots: usize, commas: usize) -> Option<String> {
    let cut = s.rfind(['.', ','])?;
    let (head, tail) = (&s[..cut], &s[cut + 1..]);
    let int = match &s[cut..=cut] {
        "," if commas == 1 => grouped(head, '.')?,
        "." if dots == 1 => grouped(head, ',')?,
        _ => return None,
    };
    Some(format!("{int}.{tail}"))
}

/// What one number found in a cell is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    /// A bare number.
    Plain(f64),
    /// A number followed by a percent sign.
    Percent(f64),
    /// Two numbers joined by "/".
    Ratio(f64, f64),
}

impl Item {
    /// The item's numbers in order.
    pub fn numbers(self) -> Vec<f64> {
        match self {
            Item::Plain(v) | Item::Percent(v) => vec![v],
            Item::Ratio(a, b) => vec![a, b],
        }
    }
}

/// An item and the byte span it covers in the scanned text (percent sign included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Found {
    /// The reading.
    pub item: Item,
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset just past the item.
    pub end: usize,
}

/// Finds the numbers of a cell in order.
///
/// A digit run glued to a letter on its left ("HĐ68") is part of a name and
/// skipped. Runs joined by a lone "/" (spaces allowed) form a ratio when
/// there are exactly two of them; longer chains ("14/10/2021") are dates or
/// references and skipped. A percent sign after a number (spaces allowed)
/// makes it a percentage. Runs that are no number ("1.2.3.4") are skipped.
pub(super) fn scan(text: &str) -> Vec<Found> {
    let runs: Vec<(usize, usize)> = DIGITS
        .find_iter(text)
        .filter(|m| {
            !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        })
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let mut j = i;
        while j + 1 < runs.len() && text[runs[j].1..runs[j + 1].0].trim() == "/" {
            j += 1;
        }
        let (start, end) = (runs[i].0, runs[j].1);
        let read_at = |k: usize| read(&text[runs[k].0..runs[k].1]);
        match j - i {
            0 => {
                if let Some(v) = read_at(i) {
                    out.push(match percent_end(text, end) {
                        Some(e) => Found {
                            item: Item::Percent(v),
                            start,
                            end: e,
                        },
                        None => Found {
                            item: Item::Plain(v),
                            start,
                            end,
                        },
                    });
                }
            }
            1 => {
                if let (Some(a), Some(b)) = (read_at(i), read_at(j)) {
                    out.push(Found {
                        item: Item::Ratio(a, b),
                        start,
                        end,
                    });
                }
            }
            _ => {}
        }
        i = j + 1;
    }
    out
}

/// End of a percent sign following `at` (after optional white space).
fn percent_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    VOCAB
        .percent_signs
        .iter()
        .find(|s| !s.is_empty() && trimmed.starts_with(s.as_str()))
        .map(|s| at + skipped + s.len())
}

/// Number cells as printed and their values, shared by the number grammar's
/// tests and the cell reader's tests.
#[cfg(test)]
pub(super) const VIETNAMESE_NUMBERS: &[(&str, f64)] = &[
    ("1.453", 1453.0),
    ("97,57", 97.57),
    ("05", 5.0),
    ("01", 1.0),
    ("403.186", 403186.0),
    ("2.949", 2949.0),
    ("15.999", 15999.0),
    ("8.582", 8582.0),
    ("0", 0.0),
    ("12.4", 12.4),
    ("1.234.567", 1234567.0),
    ("1.234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("1,234,567", 1234567.0),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        for &(s, v) in VIETNAMESE_NUMBERS {
            assert_eq!(read(s), Some(v), "{s}");
        }
    }

    #[test]
    fn ambiguous_forms() {
        assert_eq!(read("12.4"), Some(12.4));
        assert_eq!(read("1.45"), Some(1.45));
        assert_eq!(read("0.500"), Some(0.5));
        assert_eq!(read("1234.567"), Some(1234.567));
        assert_eq!(read("1,453"), Some(1.453));
    }

    #[test]
    fn not_numbers() {
        for s in [
            "",
            "1.2.3.4",
            "1,2,3",
            "1.",
            ",5",
            "1..2",
            "1.234,5,6",
            "1,2.3",
            "abc",
            "١٢",
        ] {
            assert_eq!(read(s), None, "{s}");
        }
        assert_eq!(read(&"9".repeat(400)), None);
        assert!(read(&"9".repeat(300)).is_some_and(f64::is_finite));
    }

    #[test]
    fn scan_items() {
        let f = scan("99,62% (523/525)");
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0],
            Found {
                item: Item::Percent(99.62),
                start: 0,
                end: 6
            }
        );
        assert_eq!(f[1].item, Item::Ratio(523.0, 525.0));
        let items: Vec<Item> = scan("Cấp huyện 289, cấp xã 159")
            .iter()
            .map(|f| f.item)
            .collect();
        assert_eq!(items, vec![Item::Plain(289.0), Item::Plain(159.0)]);
        assert_eq!(scan("100 %")[0].end, 5);
        assert_eq!(scan("523 / 525")[0].item, Item::Ratio(523.0, 525.0));
    }

    #[test]
    fn scan_skips_names_and_dates() {
        let items: Vec<Item> = scan("4 HĐ68").iter().map(|f| f.item).collect();
        assert_eq!(items, vec![Item::Plain(4.0)]);
        assert!(scan("ngày 14/10/2021").is_empty());
        assert!(scan("1.2.3.4").is_empty());
        assert!(scan("%%% /").is_empty());
    }
}
