//! Splits the joined text of a flattened row ("Số nhiệm vụ đề ra Nhiệm vụ 22
//! Cấp huyện báo") into label, unit, value and note, using the unit
//! vocabulary, coded-unit shapes and value shapes.

use super::codes;
use super::patterns::PATTERNS;
use regex::Regex;
use std::sync::LazyLock;

static TRAILING_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)((?:\d[\d.,]*\s?%?(?:\s*\(\s*\d[\d.,]*\s*/\s*\d[\d.,]*\s*\))?)|\d+\s*/\s*\d+)$",
    )
    .expect("valid regex")
});
static GLUED_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L}{2,})(\d{1,2})([\s,.;:)]|$)").expect("valid regex"));

/// Most words of a composite value after its unit ("Cấp huyện 289, cấp xã 159").
const MAX_COMPOSITE_WORDS: usize = 8;

/// Most words of a text value after a symbol unit.
const MAX_TEXT_VALUE_WORDS: usize = 4;

/// The cells of a flattened row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields {
    /// Indicator text.
    pub label: String,
    /// Unit cell.
    pub unit: String,
    /// Value cell.
    pub value: String,
    /// Note cell.
    pub note: String,
}

/// Splits a row's joined, white-space-collapsed text.
pub fn split(text: &str) -> Fields {
    let (rest, note) = take_note(text.trim());
    let mut f = split_body(rest);
    if !note.is_empty() {
        f.note = note.to_string();
    }
    f
}

fn split_body(s: &str) -> Fields {
    let fields = |label: &str, unit: &str, value: &str| Fields {
        label: label.trim().to_string(),
        unit: unit.trim().to_string(),
        value: value.trim().to_string(),
        note: String::new(),
    };
    if let Some((a, b)) = codes::find_code_span(s) {
        return fields(&s[..a], &s[a..b], &s[b..]);
    }
    if let Some(c) = TRAILING_VALUE.captures(s) {
        let v = c.get(1).map_or(s.len(), |m| m.start());
        let before = s[..v].trim_end();
        if let Some(u) = unit_suffix(before) {
            return fields(&before[..u], &before[u..], &s[v..]);
        }
        if let Some((u, t)) = composite(s) {
            return value_then_note(fields(&s[..u], &s[u..t], &s[t..]));
        }
        if !before.is_empty() && !ends_with_number_word(before) {
            return fields(before, "", &s[v..]);
        }
    }
    if let Some(u) = unit_suffix(s) {
        return fields(&s[..u], &s[u..], "");
    }
    if let Some((u, t)) = composite(s) {
        return fields(&s[..u], &s[u..t], &s[t..]);
    }
    fields(s, "", "")
}

/// True when the text holds only cell material (unit, value, codes, note)
/// and no label: the trailing cells of a row printed on their own line.
pub fn is_cells_only(s: &str) -> bool {
    const PROBE: &str = "\u{1}";
    let f = split(&format!("{PROBE} {s}"));
    f.label == PROBE
}

/// True when the text is exactly one note phrase ("Cấp huyện báo").
pub fn is_note_phrase(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && take_note(t).0.is_empty()
}

/// "119 Cấp huyện 81; cấp xã 38": a number, then a capitalised note.
fn value_then_note(mut f: Fields) -> Fields {
    let v = f.value.clone();
    if let Some((num, rest)) = v.split_once(' ') {
        let numeric = num
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if numeric && rest.starts_with(char::is_uppercase) {
            f.value = num.to_string();
            f.note = rest.to_string();
        }
    }
    f
}

/// Splits a note phrase off the end of the text.
fn take_note(s: &str) -> (&str, &str) {
    for phrase in &PATTERNS.note_phrases {
        if let Some(rest) = s.strip_suffix(phrase.as_str()) {
            if rest.is_empty() || rest.ends_with(char::is_whitespace) {
                return (rest.trim_end(), &s[rest.len()..]);
            }
        }
    }
    (s, "")
}

/// Byte offset where a unit of the vocabulary ends the text (word-bounded).
fn unit_suffix(s: &str) -> Option<usize> {
    PATTERNS.units.iter().find_map(|u| {
        let rest = s.strip_suffix(u.as_str())?;
        let bounded = rest.is_empty() || rest.ends_with(char::is_whitespace);
        (bounded && !rest.trim().is_empty()).then_some(rest.len())
    })
}

/// A unit followed by a short text holding numbers: `(unit start, value start)`.
fn composite(s: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for u in &PATTERNS.units {
        for (i, _) in s.match_indices(u.as_str()) {
            let end = i + u.len();
            let bounded_left = i > 0 && s[..i].ends_with(char::is_whitespace);
            let tail = s[end..].trim();
            let bounded_right = s[end..].starts_with(char::is_whitespace);
            if !(bounded_left && bounded_right) || tail.is_empty() {
                continue;
            }
            let starts_well = tail.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
            let words = tail.split_whitespace().count();
            let numbers =
                tail.contains(|c: char| c.is_ascii_digit()) && words <= MAX_COMPOSITE_WORDS;
            // After a symbol unit ("%") no label word can follow: a short
            // capitalised phrase there is a text value ("Đã kết nối").
            let symbol = !u.chars().any(char::is_alphabetic);
            let text_value = symbol && words <= MAX_TEXT_VALUE_WORDS;
            if starts_well && (numbers || text_value) {
                let value_start = end + (s[end..].len() - s[end..].trim_start().len());
                if best.is_none_or(|(b, _)| i > b) {
                    best = Some((i, value_start));
                }
            }
        }
    }
    best
}

/// True when the text ends with a word that takes a number ("năm", "mức độ").
fn ends_with_number_word(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("").to_lowercase();
    PATTERNS.label_number_words.contains(&last)
}

/// Removes footnote digits glued to a word ("VBQPPL3 do" → "VBQPPL do", [3]).
pub fn take_glued_footnotes(label: &str) -> (String, Vec<u32>) {
    let mut notes = Vec::new();
    let text = GLUED_FOOTNOTE.replace_all(label, |c: &regex::Captures| {
        if let Ok(n) = c[2].parse::<u32>() {
            notes.push(n);
        }
        format!("{}{}", &c[1], &c[3])
    });
    (text.into_owned(), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> (String, String, String, String) {
        let f = split(t);
        (f.label, f.unit, f.value, f.note)
    }

    #[test]
    fn unit_value_note() {
        assert_eq!(
            s("Số phòng chuyên môn, UBND cấp xã đã kiểm tra Cơ quan, đơn vị 0 Cấp huyện báo"),
            (
                "Số phòng chuyên môn, UBND cấp xã đã kiểm tra".into(),
                "Cơ quan, đơn vị".into(),
                "0".into(),
                "Cấp huyện báo".into()
            )
        );
        assert_eq!(
            s("Số nhiệm vụ đề ra trong kế hoạch Nhiệm vụ 22").1,
            "Nhiệm vụ"
        );
        assert_eq!(s("Tỷ lệ % đã tinh giản so với năm 2015 %").1, "%");
        assert_eq!(s("Kiểm tra CCHC").0, "Kiểm tra CCHC");
        assert_eq!(
            s("Tỷ lệ hồ sơ đúng hẹn % 99,62% (523/525)").2,
            "99,62% (523/525)"
        );
    }

    #[test]
    fn cells_only_lines() {
        assert!(is_cells_only("%"));
        assert!(is_cells_only("Văn bản 5337"));
        assert!(is_cells_only("100"));
        assert!(is_cells_only("Không báo"));
        assert!(!is_cells_only("Đã hoàn thành Hoàn thành = 1"));
        assert!(!is_cells_only("hạn"));
    }

    #[test]
    fn value_and_note_after_unit() {
        let f = split("Tổng số TTHC có yêu cầu Thủ tục 119 Cấp huyện 81; cấp xã 38");
        assert_eq!(
            (f.value.as_str(), f.note.as_str()),
            ("119", "Cấp huyện 81; cấp xã 38")
        );
    }

    #[test]
    fn text_value_after_percent() {
        let f = split("Tỷ lệ sở, ngành đã kết nối % Đã kết nối");
        assert_eq!((f.unit.as_str(), f.value.as_str()), ("%", "Đã kết nối"));
        assert_eq!(
            split("Tỷ lệ % đã tinh giản so với năm 2015 %").label,
            "Tỷ lệ % đã tinh giản so với năm 2015"
        );
    }

    #[test]
    fn composite_values() {
        let f = split("Số TTHC công bố mới (Theo QĐ) Thủ tục Cấp huyện 289, cấp xã 159");
        assert_eq!(
            (f.unit.as_str(), f.value.as_str()),
            ("Thủ tục", "Cấp huyện 289, cấp xã 159")
        );
    }

    #[test]
    fn numbers_of_the_label_stay() {
        let f = split("Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015");
        assert_eq!(
            (f.label.as_str(), f.value.as_str()),
            ("Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015", "")
        );
    }

    #[test]
    fn glued_footnotes() {
        assert_eq!(
            take_glued_footnotes("Tổng số VBQPPL3 do địa phương"),
            ("Tổng số VBQPPL do địa phương".into(), vec![3])
        );
        assert_eq!(
            take_glued_footnotes("mức độ 3"),
            ("mức độ 3".into(), vec![])
        );
    }
}
