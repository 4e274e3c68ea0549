//! STT numbers whose dots were lost ("22" read for "2.2", "321" for
//! "3.2.1": OCR drops small dots): a bare number that does not follow the
//! row before takes the dotted reading that does, when exactly one does.

use super::raw::RawRow;
use super::stt::{self, Stt};

/// Longest bare number looked at (digits).
const MAX_DIGITS: usize = 4;

/// Puts back the dots of the rows' STT numbers where the numbering shows
/// them lost.
pub fn restore(rows: &mut [RawRow]) {
    let mut last: Option<Vec<u32>> = None;
    for row in rows.iter_mut() {
        let Some((_, parsed)) = stt::parse(&row.stt) else {
            continue;
        };
        let Stt::Numeric(parts) = parsed else {
            last = None;
            continue;
        };
        if let Some(prev) = last.as_deref() {
            if let Some(dotted) = dotted_successor(&row.stt, prev) {
                row.stt = stt::printed(&dotted);
                last = Some(dotted);
                continue;
            }
        }
        last = Some(parts);
    }
}

/// The one dotted reading of bare digits `digits` that follows `prev`,
/// when the bare number does not (and `prev` is dotted: a table numbered
/// in levels).
fn dotted_successor(digits: &str, prev: &[u32]) -> Option<Vec<u32>> {
    let n = digits.chars().count();
    if !(2..=MAX_DIGITS).contains(&n)
        || !digits.chars().all(|c| c.is_ascii_digit())
        || prev.len() < 2
    {
        return None;
    }
    let bare: Vec<u32> = vec![digits.parse().ok()?];
    if stt::is_successor(&bare, prev) {
        return None;
    }
    let mut found: Vec<Vec<u32>> = splits(digits)
        .into_iter()
        .filter(|c| stt::is_successor(c, prev))
        .collect();
    found.dedup();
    (found.len() == 1).then(|| found.remove(0))
}

/// Every way to cut the digits into parts of one or two digits (no part
/// with a leading zero).
fn splits(digits: &str) -> Vec<Vec<u32>> {
    if digits.is_empty() {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for take in 1..=2.min(digits.len()) {
        let (head, rest) = digits.split_at(take);
        if head.len() > 1 && head.starts_with('0') {
            continue;
        }
        let Ok(value) = head.parse::<u32>() else {
            continue;
        };
        for mut tail in splits(rest) {
            tail.insert(0, value);
            out.push(tail);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(stts: &[&str]) -> Vec<RawRow> {
        stts.iter()
            .map(|s| RawRow {
                stt: s.to_string(),
                ..RawRow::default()
            })
            .collect()
    }

    fn restored(stts: &[&str]) -> Vec<String> {
        let mut r = rows(stts);
        restore(&mut r);
        r.into_iter().map(|r| r.stt).collect()
    }

    #[test]
    fn lost_dots_come_back_from_the_numbering() {
        assert_eq!(
            restored(&["2", "2.1", "22", "2.3"]),
            ["2", "2.1", "2.2", "2.3"]
        );
        assert_eq!(restored(&["3.2", "321", "322"]), ["3.2", "3.2.1", "3.2.2"]);
        assert_eq!(restored(&["3.1.4", "32"]), ["3.1.4", "3.2"]);
    }

    #[test]
    fn real_numbers_stay() {
        // A flat numbering: 10 follows 9.
        assert_eq!(restored(&["9", "10", "11"]), ["9", "10", "11"]);
        // No dotted reading follows 2.1 (23 could be 2.3, which does not).
        assert_eq!(restored(&["2.1", "45"]), ["2.1", "45"]);
    }
}
