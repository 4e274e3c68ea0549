//! The header block: title after "BÁO CÁO", document number and the
//! place-date line, all printed above the title.

use super::vocab::VOCAB;
use super::Clean;
use crate::normalize::fold;
use regex::Regex;
use std::sync::LazyLock;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bSố\s*:?\s*(\d[0-9A-Za-z.]*)\s*/\s*([A-ZĐ][A-ZĐa-zđ0-9&.\-–]*)")
        .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("valid regex")
});

/// Where the title head ("BÁO CÁO") is, among the first lines.
pub fn title_head(lines: &[Clean]) -> Option<usize> {
    lines
        .iter()
        .take(60)
        .position(|l| VOCAB.title.heads.contains(&fold(&l.text)))
}

/// The title: the lines after the head, up to the first body line.
pub fn title(lines: &[Clean], head: usize) -> Option<String> {
    let t = &VOCAB.title;
    let mut parts: Vec<&str> = Vec::new();
    for l in lines.iter().skip(head + 1).take(t.max_lines) {
        let f = fold(&l.text);
        if t.body_starts.iter().any(|s| f.starts_with(s.as_str())) {
            break;
        }
        parts.push(&l.text);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The document number ("769/BC-UBND"); `None` when left blank.
pub fn number(header: &[Clean]) -> Option<String> {
    header.iter().find_map(|l| {
        let c = NUMBER.captures(&l.text)?;
        Some(format!("{}/{}", &c[1], &c[2]))
    })
}

/// The ISO date of the place-date line, only when day, month and year are
/// all printed.
pub fn date(header: &[Clean]) -> Option<String> {
    header.iter().find_map(|l| {
        let c = DATE.captures(&l.text)?;
        let (d, m, y): (u32, u32, u32) =
            (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        ((1..=31).contains(&d) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_date() {
        let h = Clean::from_texts(&["Số: 599 /BC-SXD Quảng Bình, ngày 19 tháng 3 năm 2021"]);
        assert_eq!(number(&h).as_deref(), Some("599/BC-SXD"));
        assert_eq!(date(&h).as_deref(), Some("2021-03-19"));
        let blank = Clean::from_texts(&["Số: /BC-UBND Kbang, ngày tháng 3 năm 2023"]);
        assert_eq!(number(&blank), None);
        assert_eq!(date(&blank), None);
    }

    #[test]
    fn title_stops_at_body() {
        let l = Clean::from_texts(&[
            "BÁO CÁO",
            "Tình hình quý I",
            "và phương hướng quý II năm 2023",
            "Thực hiện Công văn số 359",
        ]);
        let h = title_head(&l).unwrap();
        assert_eq!(
            title(&l, h).as_deref(),
            Some("Tình hình quý I và phương hướng quý II năm 2023")
        );
    }
}
