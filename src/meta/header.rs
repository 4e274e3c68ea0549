//! The header block: title after "BÁO CÁO", document number and the
//! place-date line, all printed above the title.

use super::vocab::VOCAB;
use super::Clean;
use crate::normalize::fold;
use regex::Regex;
use std::sync::LazyLock;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&VOCAB.header.number).expect("patterns/meta.toml: header.number is a regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&VOCAB.header.date).expect("patterns/meta.toml: header.date is a regex")
});

/// Where the title head ("BÁO CÁO") is, among the first lines.
pub fn title_head(lines: &[Clean]) -> Option<usize> {
    lines
        .iter()
        .take(60)
        .position(|l| VOCAB.title.heads.contains(&fold(&l.text)))
}

/// Where the header block ends: at the title head, or, in a document
/// without one, at its first body line (at most `header.max_lines` in).
pub fn header_end(lines: &[Clean], head: Option<usize>) -> usize {
    head.unwrap_or_else(|| {
        let starts = &VOCAB.title.body_starts;
        lines
            .iter()
            .take(VOCAB.header.max_lines)
            .position(|l| {
                let f = fold(&l.text);
                starts.iter().any(|s| f.starts_with(s.as_str()))
            })
            .unwrap_or(lines.len().min(VOCAB.header.max_lines))
    })
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
        // Signing stamps print "CCHC&amp;VTLT" for "CCHC&VTLT".
        let text = l.text.replace("&amp;", "&");
        let c = NUMBER.captures(&text)?;
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        Some(format!("{}/{}", squeeze(&c["n"]), squeeze(&c["sym"])))
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
    fn number_forms() {
        let n = |t: &str| number(&Clean::from_texts(&[t]));
        assert_eq!(n("SỐ: 45/2026/NĐ-CP").as_deref(), Some("45/2026/NĐ-CP"));
        assert_eq!(
            n("Số: 156 -CV/TĐTN-BCTĐ&TTN Lâm Đồng").as_deref(),
            Some("156-CV/TĐTN-BCTĐ&TTN")
        );
        assert_eq!(n("Số 12/BC-UBND").as_deref(), Some("12/BC-UBND"));
        assert_eq!(
            n("Số: 1925 /STC- HTDN Bình Thuận, ngày 19").as_deref(),
            Some("1925/STC-HTDN")
        );
        assert_eq!(
            n("Số: 12/BC-UBND Lâm Đồng, ngày").as_deref(),
            Some("12/BC-UBND")
        );
        assert_eq!(n("Số: 2319/QĐ-TTg").as_deref(), Some("2319/QĐ-TTg"));
        assert_eq!(
            n("Số: 2775/SNV-CCHC&amp;VTLT; 10/11/2025").as_deref(),
            Some("2775/SNV-CCHC&VTLT")
        );
        assert_eq!(
            n("UBND HUYỆN KBANG Số: 7/BC-UBND").as_deref(),
            Some("7/BC-UBND")
        );
        // Running text, and digits a stamp left apart, are not numbers.
        assert_eq!(n("quyết số 76/NQ-CP của Chính phủ"), None);
        assert_eq!(n("Số: 2 2 8 /BC-SNV"), None);
        assert_eq!(n("Số: ..228.. /BC-UBND").as_deref(), Some("228/BC-UBND"));
        assert_eq!(n("Số:……../BC-K4"), None);
        let d = |t: &str| date(&Clean::from_texts(&[t]));
        assert_eq!(
            d("Lâm Đồng, ngày15tháng 01năm2026").as_deref(),
            Some("2026-01-15")
        );
        assert_eq!(d("Lâm Đồng, ngày 2 8 tháng 11 năm 2025"), None);
        assert_eq!(
            d("Huế, ngày ..12.. tháng ..3.. năm 2025").as_deref(),
            Some("2025-03-12")
        );
        assert_eq!(
            d("(kèm theo Quyết định số 1187/QĐ-BNV ngày 15 tháng 10 năm 2025)"),
            None
        );
    }

    #[test]
    fn header_without_title_head_ends_at_the_body() {
        let l = Clean::from_texts(&[
            "SỞ NỘI VỤ",
            "Số: /TTr-SNV Lâm Đồng, ngày tháng 3 năm 2025",
            "TỜ TRÌNH",
            "Kính gửi: Ủy ban nhân dân tỉnh",
            "Căn cứ Luật ngày 19 tháng 6 năm 2015; Số: 5/QĐ-UBND",
        ]);
        let end = header_end(&l, title_head(&l));
        assert_eq!(end, 3);
        assert_eq!(number(&l[..end]), None);
        assert_eq!(date(&l[..end]), None);
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
