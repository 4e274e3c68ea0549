//! STT numbers the OCR misread, put right from the numbering around them:
//! a digit taken for a look-alike ("7.9" between 7.4.2 and 7.5.1), a
//! number read as letters and so left at the head of the label ("Z1 Tỷ
//! lệ…" for 7.1, "S.1.3" for 5.1.3, "H" and "IH" for II and III), or a
//! first child whose dot was lost ("11" between 1 and 1.2). A reading is
//! changed only when exactly one look-alike follows the row before and is
//! followed by the row after, and only on rows read by OCR: a printed
//! numbering, odd or not, stays as printed.

use super::raw::RawRow;
use super::stt::{self, Stt};

/// Characters the engine reads for a digit, and the digits they may be.
const LOOK_ALIKES: [(char, &str); 16] = [
    ('Z', "72"),
    ('z', "72"),
    ('S', "5"),
    ('s', "5"),
    ('l', "1"),
    ('I', "1"),
    ('i', "1"),
    ('|', "1"),
    ('O', "0"),
    ('o', "0"),
    ('B', "8"),
    ('G', "6"),
    ('g', "9"),
    ('5', "936"),
    ('9', "5"),
    ('3', "58"),
];
/// Characters the engine reads for Roman numeral strokes, with how many
/// strokes each stands for.
const ROMAN_STROKES: [(char, u32); 5] = [('I', 1), ('l', 1), ('1', 1), ('|', 1), ('H', 2)];
/// Longest token taken for a misread STT.
const MAX_TOKEN: usize = 7;

/// Puts right the STT numbers of OCR'd rows (`by_ocr` of a row's line)
/// that the numbering shows misread.
pub fn restore(rows: &mut [RawRow], by_ocr: impl Fn(usize) -> bool) {
    let mut last: Option<Vec<u32>> = None;
    let mut last_roman: Option<u32> = None;
    for i in 0..rows.len() {
        let next_stt = rows.get(i + 1).and_then(|r| stt::parse(&r.stt));
        let next_numbered = next_stt.is_some();
        let next = match next_stt {
            Some((_, Stt::Numeric(parts))) => Some(parts),
            _ => None,
        };
        let row = &mut rows[i];
        match stt::parse(&row.stt).map(|(_, s)| s) {
            Some(Stt::Numeric(parts)) => {
                let fits = last.as_deref().is_none_or(|l| stt::is_successor(&parts, l));
                if !fits && by_ocr(row.line) {
                    if let Some(found) = one_fit(digit_readings(&row.stt), &last, &next) {
                        row.stt = stt::printed(&found);
                        last = Some(found);
                        continue;
                    }
                }
                last = Some(parts);
            }
            Some(Stt::Roman(v)) => (last, last_roman) = (None, Some(v)),
            Some(Stt::Sub(..)) => last = None,
            None if by_ocr(row.line) => {
                // The misread number stands in the STT cell, or, with that
                // cell empty, at the head of the label.
                let (token, rest) = if row.stt.is_empty() {
                    match leading_token(&row.label) {
                        Some((t, rest)) => (t.to_string(), rest.to_string()),
                        None => continue,
                    }
                } else {
                    (row.stt.clone(), row.label.clone())
                };
                if let Some(found) = one_fit(digit_readings(&token), &last, &next) {
                    (row.stt, row.label) = (stt::printed(&found), rest);
                    last = Some(found);
                } else if let Some(v) = roman_reading(&token, last_roman).filter(|_| next_numbered)
                {
                    (row.stt, row.label) = (roman(v), rest);
                    (last, last_roman) = (None, Some(v));
                }
            }
            None => {}
        }
    }
}

/// The label's first word and the rest, when that word is short.
fn leading_token(label: &str) -> Option<(&str, &str)> {
    let label = label.trim_start();
    let (token, rest) = label.split_once(' ')?;
    (token.chars().count() <= MAX_TOKEN).then_some((token, rest.trim_start()))
}

/// The one reading of `readings` that follows `last` and that `next`
/// follows (when there is a row after).
fn one_fit(
    readings: Vec<Vec<u32>>,
    last: &Option<Vec<u32>>,
    next: &Option<Vec<u32>>,
) -> Option<Vec<u32>> {
    let last = last.as_deref()?;
    let mut found: Vec<Vec<u32>> = readings
        .into_iter()
        .filter(|r| stt::is_successor(r, last))
        .filter(|r| next.as_deref().is_none_or(|n| stt::is_successor(n, r)))
        .collect();
    found.sort();
    found.dedup();
    (found.len() == 1).then(|| found.remove(0))
}

/// The dotted numbers `token` may be: as read or with one look-alike
/// changed, each also with the dots between its digits put back.
fn digit_readings(token: &str) -> Vec<Vec<u32>> {
    let token = token.trim_end_matches('.');
    let chars: Vec<char> = token.chars().collect();
    let mut texts: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        for d in look_alikes(*c).chars() {
            let mut t = chars.clone();
            t[i] = d;
            texts.push(t.into_iter().collect());
        }
    }
    texts.push(token.to_string());
    texts
        .iter()
        .flat_map(|t| [stt::numeric(t), single_digit_parts(t)])
        .flatten()
        .collect()
}

fn look_alikes(c: char) -> &'static str {
    LOOK_ALIKES
        .iter()
        .find(|(k, _)| *k == c)
        .map_or("", |(_, v)| v)
}

/// Digits and dots read as one-digit parts ("11" as 1.1, "76.1" as
/// 7.6.1): dots lost between digits.
fn single_digit_parts(token: &str) -> Option<Vec<u32>> {
    let digits: Vec<u32> = token.chars().filter_map(|c| c.to_digit(10)).collect();
    let only_digits_and_dots = token.chars().all(|c| c.is_ascii_digit() || c == '.');
    (only_digits_and_dots && (2..=4).contains(&digits.len())).then_some(digits)
}

/// The Roman section `token` stands for: the one after `last_roman` when
/// the token is made of stroke look-alikes counting that many strokes, give
/// or take one, and holds a capital I or H (a lone "|" or "l" is as often
/// what is left of a ruling).
fn roman_reading(token: &str, last_roman: Option<u32>) -> Option<u32> {
    let expected = last_roman.map_or(1, |v| v + 1);
    if expected > 3 || !token.contains(['I', 'H']) {
        return None;
    }
    let mut strokes = 0;
    for c in token.chars() {
        strokes += ROMAN_STROKES.iter().find(|(k, _)| *k == c)?.1;
    }
    (strokes.abs_diff(expected) <= 1).then_some(expected)
}

fn roman(v: u32) -> String {
    "I".repeat(v as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[(&str, &str)]) -> Vec<RawRow> {
        cells
            .iter()
            .enumerate()
            .map(|(i, (stt, label))| RawRow {
                stt: stt.to_string(),
                label: label.to_string(),
                line: i + 1,
                ..RawRow::default()
            })
            .collect()
    }

    fn restored(cells: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut r = rows(cells);
        restore(&mut r, |_| true);
        r.into_iter().map(|r| (r.stt, r.label)).collect()
    }

    fn stts(cells: &[(&str, &str)]) -> Vec<String> {
        restored(cells).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn look_alike_digits_follow_the_numbering() {
        let got = stts(&[("7.4.2", "a"), ("7.9", "b"), ("7.5.1", "c")]);
        assert_eq!(got, ["7.4.2", "7.5", "7.5.1"]);
        let got = stts(&[("1", "a"), ("11", "b"), ("1.2", "c")]);
        assert_eq!(got, ["1", "1.1", "1.2"]);
        let got = stts(&[("7.6", "a"), ("76.1", "b"), ("7.6.2", "c")]);
        assert_eq!(got, ["7.6", "7.6.1", "7.6.2"]);
    }

    #[test]
    fn numbers_read_as_letters_leave_the_label() {
        let got = restored(&[("7", "a"), ("", "Z1 Tỷ lệ TTHC"), ("7.1.1", "c")]);
        assert_eq!(got[1], ("7.1".to_string(), "Tỷ lệ TTHC".to_string()));
        let got = restored(&[("5.1.2", "a"), ("", "S.1.3 Số cơ quan"), ("5.2", "c")]);
        assert_eq!(got[1].0, "5.1.3");
        let got = stts(&[("I", "a"), ("1", "b"), ("", "H Về tuyển dụng"), ("1", "d")]);
        assert_eq!(got[2], "II");
        let got = stts(&[("II", "a"), ("", "IH Số người"), ("1", "d")]);
        assert_eq!(got[1], "III");
    }

    #[test]
    fn ruling_remnants_are_not_sections() {
        let got = stts(&[("", "| Tổng số"), ("1", "b")]);
        assert_eq!(got[0], "");
        // A section heading is followed by numbered rows.
        let got = stts(&[("I", "a"), ("1", "b"), ("", "H Về tuyển dụng"), ("", "d")]);
        assert_eq!(got[2], "");
    }

    #[test]
    fn printed_numbering_stays() {
        let mut r = rows(&[("7.4.2", "a"), ("7.9", "b"), ("7.5.1", "c")]);
        restore(&mut r, |_| false);
        assert_eq!(r[1].stt, "7.9");
        // Two look-alikes fit: nothing is guessed.
        assert_eq!(stts(&[("2.1", "a"), ("", "Z Tỷ lệ")]), ["2.1", ""]);
        // A label that starts with an ordinary word keeps it.
        assert_eq!(
            restored(&[("2.1", "a"), ("", "Số TTHC"), ("2.2", "c")])[1],
            (String::new(), "Số TTHC".to_string())
        );
    }
}
