//! The reporting period from a phrase: "quý I năm 2023", "quý I/2023",
//! "6 tháng đầu năm 2022", "9 tháng năm 2021", "năm 2021".

use super::vocab::VOCAB;
use crate::model::{Period, PeriodKind};
use crate::normalize::fold;
use regex::Regex;
use std::sync::LazyLock;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid regex"));
static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:i{1,3}|iv|[1-4])\b").expect("valid regex"));

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&VOCAB.period.date).expect("patterns/meta.toml: period.date is a regex")
});

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// The first period a phrase names, with the year printed after it. The
/// first mention wins: titles name the reported period before the planned one
/// ("quý I và phương hướng quý II năm 2023" reports on quarter I).
pub fn parse(text: &str) -> Option<Period> {
    let f = DATE.replace_all(&fold(text), "$1").into_owned();
    let words = &VOCAB.period;
    let mut best: Option<(usize, PeriodKind, Option<u8>)> = None;
    let mut consider = |pos: usize, kind: PeriodKind, quarter: Option<u8>| {
        if best.is_none_or(|(p, _, _)| pos < p) {
            best = Some((pos, kind, quarter));
        }
    };
    for (pos, _) in f.match_indices(&format!("{} ", words.quarter)) {
        if pos > 0 && !f[..pos].ends_with(' ') {
            continue;
        }
        let rest = &f[pos + words.quarter.len() + 1..];
        if let Some(m) = QUARTER.find(rest).filter(|m| m.start() == 0) {
            consider(pos, PeriodKind::Quarter, quarter_number(m.as_str()));
        }
    }
    for (list, kind) in [
        (&words.half, PeriodKind::Half),
        (&words.nine_months, PeriodKind::NineMonths),
    ] {
        for w in list {
            // At a word's start: "16 tháng" is no "6 tháng".
            let at_word = |&(pos, _): &(usize, &str)| {
                !f[..pos]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            };
            if let Some((pos, _)) = f.match_indices(w.as_str()).find(at_word) {
                consider(pos, kind, None);
            }
        }
    }
    for m in YEAR.find_iter(&f) {
        let before = f[..m.start()].trim_end();
        if before.ends_with(&words.year) || before.ends_with('/') {
            consider(
                before.len().saturating_sub(words.year.len()),
                PeriodKind::Year,
                None,
            );
        }
    }
    let (pos, kind, quarter) = best?;
    let year = YEAR
        .captures(&f[pos..])
        .and_then(|c| c[1].parse::<i32>().ok());
    Some(Period {
        kind,
        year,
        quarter,
        label: label(kind, year, quarter),
    })
}

fn quarter_number(s: &str) -> Option<u8> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn label(kind: PeriodKind, year: Option<i32>, quarter: Option<u8>) -> String {
    let year = year.map(|y| format!(" năm {y}")).unwrap_or_default();
    match kind {
        PeriodKind::Quarter => {
            let q = quarter
                .and_then(|q| ROMAN.get(usize::from(q).saturating_sub(1)))
                .unwrap_or(&"");
            format!("quý {q}{year}")
        }
        PeriodKind::Half => format!(
            "6 tháng đầu{}",
            if year.is_empty() {
                " năm".into()
            } else {
                year
            }
        ),
        PeriodKind::NineMonths => format!("9 tháng{year}"),
        PeriodKind::Year => year.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, Option<i32>, Option<u8>, String) {
        let p = parse(s).unwrap();
        (p.kind.as_str().to_string(), p.year, p.quarter, p.label)
    }

    #[test]
    fn phrases() {
        assert_eq!(
            p("quý I năm 2023"),
            (
                "quarter".into(),
                Some(2023),
                Some(1),
                "quý I năm 2023".into()
            )
        );
        assert_eq!(p("Báo cáo quý I/2023").2, Some(1));
        assert_eq!(p("Báo cáo quý I/2023").1, Some(2023));
        assert_eq!(
            p("6 tháng đầu năm 2022"),
            (
                "half".into(),
                Some(2022),
                None,
                "6 tháng đầu năm 2022".into()
            )
        );
        assert_eq!(p("kết quả 9 tháng năm 2021").0, "nine_months");
        assert_eq!(
            p("Kết quả thực hiện công tác cải cách hành chính năm 2021"),
            ("year".into(), Some(2021), None, "năm 2021".into())
        );
    }

    #[test]
    fn reported_period_comes_first() {
        let t = "Tình hình thực hiện công tác cải cách hành chính quý I và phương hướng, nhiệm vụ quý II năm 2023";
        assert_eq!(
            p(t),
            (
                "quarter".into(),
                Some(2023),
                Some(1),
                "quý I năm 2023".into()
            )
        );
        let t = "Kết quả thực hiện công tác Cải cách hành chính năm 2023, phương hướng nhiệm vụ năm 2024";
        assert_eq!(p(t).1, Some(2023));
        assert!(parse("Kính gửi Sở Nội vụ").is_none());
        // A date names no period but its year.
        let t = "Lâm Đồng, ngày 06 tháng 11 năm 2025";
        assert_eq!(p(t), ("year".into(), Some(2025), None, "năm 2025".into()));
        assert_eq!(
            p("đến ngày 19 tháng 3, kết quả 16 tháng năm 2024").0,
            "year"
        );
    }
}
