//! Unit cells the OCR misread, put right from the known units
//! (`patterns/table.toml`): a letter with its marks read as a digit ("H6
//! so" for "Hồ sơ"), or all marks lost ("Ho so"). A cell is respelt only
//! when it reads like exactly one known unit, letter for letter, and only
//! on rows read by OCR: a printed unit stays as printed.

use super::patterns::PATTERNS;
use super::raw::RawRow;
use crate::normalize::fold;

/// Most digits a cell may have read for letters.
const MAX_DIGITS: usize = 1;
/// Fewest letters a unit needs to be matched letter for letter.
const MIN_LETTERS: usize = 3;

/// Respells the unit cells of OCR'd rows (`by_ocr` of a row's line) that
/// read like one known unit.
pub fn restore(rows: &mut [RawRow], by_ocr: impl Fn(usize) -> bool) {
    for row in rows.iter_mut().filter(|r| !r.unit.is_empty()) {
        if !by_ocr(row.line) {
            continue;
        }
        if let Some(unit) = known_unit(&row.unit) {
            row.unit = unit.to_string();
        }
    }
}

/// The one known unit `read` stands for, when it is none itself.
fn known_unit(read: &str) -> Option<&'static str> {
    if PATTERNS.units.iter().any(|u| u == read) {
        return None;
    }
    let folded_text = fold(read);
    // Marks lost: the cell folds to itself (lower case aside).
    let unmarked = folded_text == read.to_lowercase();
    let folded: Vec<char> = folded_text.chars().collect();
    let digits = folded.iter().filter(|c| c.is_ascii_digit()).count();
    if digits > MAX_DIGITS || (digits == 0 && !unmarked) {
        return None;
    }
    let mut matches = PATTERNS.units.iter().filter(|unit| {
        let known: Vec<char> = fold(unit).chars().collect();
        known.iter().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS
            && known.len() == folded.len()
            && known
                .iter()
                .zip(&folded)
                .all(|(k, r)| k == r || (r.is_ascii_digit() && k.is_alphabetic()))
    });
    let unit = matches.next()?;
    matches.next().is_none().then_some(unit.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_or_lost_marks_read_in_a_unit() {
        assert_eq!(known_unit("H6 so"), Some("Hồ sơ"));
        assert_eq!(known_unit("Ho so"), Some("Hồ sơ"));
        assert_eq!(known_unit("Van ban"), Some("Văn bản"));
    }

    #[test]
    fn units_and_other_words_stay() {
        assert_eq!(known_unit("Hồ sơ"), None);
        // Marks read are the engine's: "Bản" is no "Ban".
        assert_eq!(known_unit("Bản"), None);
        assert_eq!(known_unit("H6 s0"), None);
        assert_eq!(known_unit("Có = 1"), None);
        assert_eq!(known_unit("Hộ"), None);
    }

    #[test]
    fn only_rows_read_by_ocr() {
        let row = |line| RawRow {
            unit: "H6 so".into(),
            line,
            ..RawRow::default()
        };
        let mut rows = vec![row(1), row(2)];
        restore(&mut rows, |line| line == 2);
        assert_eq!(rows[0].unit, "H6 so");
        assert_eq!(rows[1].unit, "Hồ sơ");
    }
}
