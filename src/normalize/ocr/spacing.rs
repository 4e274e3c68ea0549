//! Word spacing the engine guesses wrong. Tesseract joins a sign to the
//! figure beside it when the gap is narrow ("Có =1", "Đạt=2"), while the
//! forms these reports fill in set the sign off ("Không = 0; Có = 1"); a
//! sign read by OCR is set off by single spaces.

use super::{rewrite, Edit};
use crate::ingest::Line;

/// Signs set off by spaces.
const SIGNS: [char; 1] = ['='];

/// Sets every sign between two words of the line's OCR runs off by a space
/// each side.
pub(super) fn space_signs(line: &mut Line) {
    let text = &line.text;
    let mut edits = Vec::new();
    for (i, c) in text.char_indices().filter(|(_, c)| SIGNS.contains(c)) {
        let ocr = line.read_by_ocr(i, i + c.len_utf8());
        let before = text[..i].chars().next_back();
        let after = text[i + c.len_utf8()..].chars().next();
        if !ocr || !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            continue;
        }
        if before.is_some_and(|b| b != ' ' && b != '\t') {
            edits.push(Edit::insert(i, " "));
        }
        if after.is_some_and(|a| a != ' ' && a != '\t') {
            edits.push(Edit::insert(i + c.len_utf8(), " "));
        }
    }
    if !edits.is_empty() {
        rewrite(line, &edits);
    }
}

/// A letter or a digit.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{after, ocr_line};
    use super::*;

    fn spaced(text: &str) -> String {
        after(text, space_signs)
    }

    #[test]
    fn signs_are_set_off() {
        assert_eq!(spaced("Không = 0; Có =1"), "Không = 0; Có = 1");
        assert_eq!(spaced("Đạt=2"), "Đạt = 2");
        assert_eq!(spaced("Có = 1"), "Có = 1");
    }

    #[test]
    fn text_from_the_file_keeps_its_spacing() {
        let mut line = ocr_line("Có =1");
        line.runs.iter_mut().for_each(|r| r.confidence = None);
        space_signs(&mut line);
        assert_eq!(line.text, "Có =1");
    }

    #[test]
    fn the_moved_runs_still_cover_their_words() {
        let mut line = ocr_line("Có =1");
        space_signs(&mut line);
        let words: Vec<&str> = line
            .runs
            .iter()
            .map(|r| &line.text[r.start..r.end])
            .collect();
        assert_eq!(words, ["Có", "= 1"]);
    }
}
