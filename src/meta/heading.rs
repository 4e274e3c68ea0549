//! The heading block of an official document: the issuing organ printed at
//! the top left ("ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG", then "SỞ NỘI VỤ" under
//! its parent), the national motto at the top right, the number and the
//! place-date line. Only this block, the opening paragraph and a caption's
//! owner may name the issuing unit (see [`super::unit`]).

use super::vocab::VOCAB;
use super::Clean;
use crate::normalize::fold;
use regex::Regex;
use std::sync::LazyLock;

static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&VOCAB.heading.stamp).expect("patterns/meta.toml: heading.stamp is a regex")
});
static SIGNING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&VOCAB.heading.signing_time)
        .expect("patterns/meta.toml: heading.signing_time is a regex")
});

/// Is line `i` a signing stamp's: one line with number, date and time, or
/// a number over a signing-time line?
fn is_stamp(lines: &[Clean], i: usize) -> bool {
    let time_below = lines
        .get(i + 1)
        .is_some_and(|l| SIGNING_TIME.is_match(&l.text));
    STAMP.is_match(&lines[i].text)
        || SIGNING_TIME.is_match(&lines[i].text)
        || (time_below && starts_number(&lines[i].text))
}

/// What the heading block prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Heading {
    /// The organs printed at the top left, highest first, each as printed
    /// with its wrapped lines joined ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG").
    pub organs: Vec<String>,
    /// The place of the place-date line, folded ("lam dong").
    pub place: Option<String>,
    /// The block prints an organ, the motto, a number or a place-date line.
    pub found: bool,
}

/// Reads the heading block from the lines above the title (`end`).
pub fn read(lines: &[Clean], end: usize) -> Heading {
    let mut heading = Heading::default();
    let mut organs_done = false;
    for (i, line) in lines[..end.min(lines.len())].iter().enumerate() {
        // A signing stamp is no part of the heading (an annex carries its
        // parent's stamp).
        if is_stamp(lines, i) {
            continue;
        }
        let folded = fold(&line.text);
        if heading.place.is_none() {
            heading.place = place(&folded);
        }
        if is_type_line(line, &folded) {
            break;
        }
        let tokens: Vec<&str> = line.text.split_whitespace().collect();
        let stop = stop_at(&tokens);
        heading.found |= heading.place.is_some() || stop.is_some_and(|i| frames(&tokens, i));
        let part = organ_part(&tokens[..stop.unwrap_or(tokens.len())]);
        if organs_done {
            continue;
        }
        if is_organ(&part) {
            push_organ(&mut heading.organs, &part.join(" "));
        }
        // Organs are printed above the number; what follows is not one.
        organs_done = starts_number(&line.text);
    }
    // Capitals above a title without motto, number or place-date line are
    // a title or a form's caption, not an organ.
    if !heading.found {
        heading.organs.clear();
    }
    heading
}

/// Where a heading line's organ part ends: at the motto, the number or
/// the summary.
fn stop_at(tokens: &[&str]) -> Option<usize> {
    let folded: Vec<String> = tokens.iter().map(|t| fold(t)).collect();
    (0..tokens.len()).find(|&i| {
        is_cut(tokens[i])
            || VOCAB
                .heading
                .motto
                .iter()
                .any(|m| starts_phrase(&folded[i..], m))
    })
}

/// Does the cut at token `i` show a heading block: the motto, or the number
/// ("Số:" with its colon, or "Số" opening the line), not a "số" or "V/v" in
/// running text?
fn frames(tokens: &[&str], i: usize) -> bool {
    let lower = tokens[i].to_lowercase();
    let number = lower.starts_with("số:") || (i == 0 && lower == "số");
    number || !is_cut(tokens[i])
}

/// The organ's part of a heading line: its tokens when all are capitals.
fn organ_part<'a>(part: &[&'a str]) -> Vec<&'a str> {
    if part.iter().any(|t| t.chars().any(char::is_lowercase)) {
        return Vec::new();
    }
    part.to_vec()
}

/// Does the token sequence start with the folded phrase?
fn starts_phrase(tokens: &[String], phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split(' ').collect();
    words.len() <= tokens.len() && words.iter().zip(tokens).all(|(w, t)| t == w)
}

/// Could the capitals name an organ? Not a mark ("DỰ THẢO"), nor a signing
/// stamp's fields ("SAO Y; CÔNG AN TỈNH …; 06/01/2026; 16:42:26").
fn is_organ(part: &[&str]) -> bool {
    let text = part.join(" ");
    text.chars().any(char::is_alphabetic)
        && !text.contains([';', ':'])
        && !VOCAB.heading.marks.contains(&fold(&text))
}

/// An all-capitals line naming the document's type ("QUYẾT ĐỊNH", "BÁO CÁO").
fn is_type_line(line: &Clean, folded: &str) -> bool {
    !line.text.chars().any(char::is_lowercase)
        && VOCAB
            .heading
            .types
            .iter()
            .any(|t| folded == t || folded.starts_with(&format!("{t} ")))
}

/// A token that ends an organ's part: the number's "Số:" (maybe touching
/// its digits) or the summary's "V/v"; compared in lower case, since "SỞ"
/// and "SỐ" fold alike.
fn is_cut(token: &str) -> bool {
    let lower = token.to_lowercase();
    VOCAB
        .heading
        .cuts
        .iter()
        .any(|c| lower == *c || (c.ends_with(':') && lower.starts_with(c.as_str())))
}

/// Does the line start with the number ("Số: 12/BC-UBND", "Số 12")?
fn starts_number(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|t| t.starts_with(['S', 's']) && is_cut(t))
}

/// Adds a heading segment: it continues the organ above when it starts
/// with a level word ("TỈNH LÂM ĐỒNG" under "ỦY BAN NHÂN DÂN"), when the
/// organ above is a bare committee word or ends in a connector ("… VÀ").
fn push_organ(organs: &mut Vec<String>, segment: &str) {
    let folded = fold(segment);
    let starts_level = VOCAB
        .levels
        .iter()
        .any(|l| folded == l.word || folded.starts_with(&format!("{} ", l.word)));
    let continues = organs.last().is_some_and(|above| {
        let above_folded = fold(above);
        starts_level
            || VOCAB.committee_words.contains(&above_folded)
            || above_folded.ends_with(" va")
            || above.ends_with([',', '-', '–'])
    });
    match organs.last_mut() {
        Some(above) if continues => {
            above.push(' ');
            above.push_str(segment);
        }
        _ => organs.push(segment.to_string()),
    }
}

/// The place of a place-date line ("Lâm Đồng, ngày 12 …" → "lam dong"):
/// up to four words before ", ngày".
fn place(folded: &str) -> Option<String> {
    let at = folded.find(", ngay").or_else(|| folded.find(",ngay"))?;
    let words: Vec<&str> = folded[..at].split_whitespace().collect();
    let from = words.len().saturating_sub(4);
    (!words.is_empty()).then(|| words[from..].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(texts: &[&str]) -> Heading {
        let lines = Clean::from_texts(texts);
        read(&lines, lines.len())
    }

    #[test]
    fn organs_under_their_parent_from_merged_lines() {
        let h = read_all(&[
            "UBND TỈNH QUẢNG BÌNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ XÂY DỰNG Độc lập - Tự do - Hạnh phúc",
            "Số: 599 /BC-SXD Quảng Bình, ngày 19 tháng 3 năm 2021",
            "BÁO CÁO",
        ]);
        assert_eq!(h.organs, ["UBND TỈNH QUẢNG BÌNH", "SỞ XÂY DỰNG"]);
        assert_eq!(h.place.as_deref(), Some("599 /bc-sxd quang binh"));
        assert!(h.found);
    }

    #[test]
    fn wrapped_committee_and_nothing_after_the_number() {
        let h = read_all(&[
            "ỦY BAN NHÂN DÂN",
            "TỈNH LÂM ĐỒNG",
            "Số: /KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập – Tự do – Hạnh phúc",
            "DỰ THẢO",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        ]);
        assert_eq!(h.organs, ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"]);
    }

    #[test]
    fn a_signing_stamp_is_no_heading() {
        let h = read_all(&["Số: 666/TTr-SNV; 22/12/2025; 18:56:39; +07:00", "Phụ lục"]);
        assert!(!h.found);
        let h = read_all(&[
            "Số: 2003/CĐ-VPCP",
            "Thời gian ký: 07/10/2025 20:43:19 +07:00",
            "CHƯƠNG TRÌNH",
        ]);
        assert!(!h.found);
    }

    #[test]
    fn no_heading_in_a_bare_title() {
        let h = read_all(&["Tình hình thực hiện", "quý I năm 2023"]);
        assert_eq!(h, Heading::default());
        let h = read_all(&["PHỤ LỤC I", "UBND TỈNH LÂM ĐỒNG"]);
        assert!(!h.found);
    }
}
