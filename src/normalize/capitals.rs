//! Capitals lost to TCVN3. The encoding has no codes for toned capitals, so
//! a heading typed in the ordinary font (not .VnTimeH) decodes to words
//! such as "ủY", "Xã" or "Hạ" between real capitals ("ỦY BAN NHÂN DÂN").
//! In a line whose words are capitals (at least two, and none in lower
//! case) such mixed words are set in capitals.

/// Fewest all-capital words that make a line a line of capitals.
const MIN_CAPITAL_WORDS: usize = 2;

/// The line with its mixed-case words in capitals, when it is a line of
/// capitals; `None` when nothing changes. Every character keeps its byte
/// length, so byte offsets into the line stay true.
pub fn restore(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let upper = words
        .iter()
        .filter(|w| w.chars().all(char::is_uppercase))
        .count();
    let lower = words
        .iter()
        .filter(|w| w.chars().all(char::is_lowercase))
        .count();
    if upper < MIN_CAPITAL_WORDS || lower > 0 || upper == words.len() {
        return None;
    }
    let out: String = line
        .chars()
        .map(|c| {
            let mut up = c.to_uppercase();
            match (up.next(), up.next()) {
                (Some(u), None) if u.len_utf8() == c.len_utf8() => u,
                _ => c,
            }
        })
        .collect();
    (out != line).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_their_capitals_back() {
        assert_eq!(
            restore("TM. ủY BAN NHÂN DÂN").as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN")
        );
        assert_eq!(
            restore("CỘNG HÒA Xã HỘI CHỦ NGHĨA VIỆT NAM").as_deref(),
            Some("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        );
        assert_eq!(restore("HUYỆN Hạ HÒA").as_deref(), Some("HUYỆN HẠ HÒA"));
    }

    #[test]
    fn other_lines_are_left_alone() {
        for s in [
            "Nguyễn Văn Dũng",
            "Độc lập - Tự do - Hạnh phúc",
            "Số TTHC cấp tỉnh",
            "UBND huyện Hạ Hòa",
            "BÁO CÁO",
            "Hà Nội",
        ] {
            assert_eq!(restore(s), None, "{s}");
        }
    }
}
