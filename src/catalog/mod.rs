//! The catalog stage: every table row gets a stable indicator id from the
//! catalogue in `patterns/indicators.toml`, so the same indicator can be
//! compared across units and periods however a report numbers and words
//! its tables.
//!
//! A row is matched by its folded label against the catalogue's wordings
//! (exact wordings first, else token-set overlap), and candidates are
//! weighed by where the row stands: the indicator of its enclosing row (by
//! the row's `parent` STT, or an unnumbered sub-heading between them), the
//! table's area (from the title, else the majority of the rows matched)
//! and the unit. Ties are broken by id, so results never depend on map
//! order.

mod load;
mod matcher;
mod text;

pub use load::Catalog;

use crate::diagnostics;
use crate::model::{Table, Warning};
use std::sync::LazyLock;

/// The shipped catalogue, parsed on first use.
pub static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::parse(load::SOURCE).expect("patterns/indicators.toml is valid (checked by its tests)")
});

/// Sets every row's `indicator_id` and `indicator_confidence` from the
/// catalogue (the shipped one is [`CATALOG`]). Returns one `unknown_indicator` warning per table
/// with rows that match no indicator, listing their STTs.
pub fn assign(cat: &Catalog, tables: &mut [Table]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for table in tables.iter_mut() {
        let title_area = cat.title_area(&table.title);
        let mut matches = matcher::match_rows(cat, &table.rows, title_area);
        if title_area.is_none() {
            if let Some(area) = majority_area(cat, &matches) {
                matches = matcher::match_rows(cat, &table.rows, Some(area));
            }
        }
        let mut unknown = Vec::new();
        for (row, m) in table.rows.iter_mut().zip(matches) {
            row.indicator_id = m.map(|(i, _)| cat.indicators[i].id.clone());
            row.indicator_confidence = m.map(|(_, c)| c);
            if m.is_none() {
                unknown.push(if row.stt.is_empty() {
                    format!("\"{}\"", short(&row.label))
                } else {
                    row.stt.clone()
                });
            }
        }
        if !unknown.is_empty() {
            warnings.push(Warning::new(
                diagnostics::UNKNOWN_INDICATOR,
                format!(
                    "{} row(s) of table \"{}\" match no indicator of the catalogue: {}",
                    unknown.len(),
                    short(&table.title),
                    unknown.join(", ")
                ),
            ));
        }
    }
    warnings
}

/// The area most matched rows belong to (ties: the first area by id);
/// area sections themselves do not vote.
fn majority_area(cat: &Catalog, matches: &[matcher::Match]) -> Option<usize> {
    let mut counts = vec![0usize; cat.areas.len()];
    for &(i, _) in matches.iter().flatten() {
        if cat.indicators[i].parent.is_some() {
            counts[cat.area_of[i]] += 1;
        }
    }
    let max = *counts.iter().max()?;
    (max > 0)
        .then(|| counts.iter().position(|&n| n == max))
        .flatten()
}

/// At most 60 characters of a label or title, for messages.
fn short(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Row;

    fn row(stt: &str, parent: Option<&str>, label: &str, unit: &str) -> Row {
        Row {
            depth: 1,
            ..Row::sample(stt, parent, label, unit, "")
        }
    }

    fn table(title: &str, rows: Vec<Row>) -> Table {
        Table {
            title: title.to_string(),
            page: None,
            columns: Vec::new(),
            rows,
        }
    }

    fn ids(t: &Table) -> Vec<Option<&str>> {
        t.rows.iter().map(|r| r.indicator_id.as_deref()).collect()
    }

    /// The same wording under different parents gets different ids, told
    /// apart by the enclosing row, whatever the numbering.
    #[test]
    fn context_tells_equal_wordings_apart() {
        let mut tables = vec![table(
            "Bảng 9 - Kết quả",
            vec![
                row("A", None, "Kết quả giải quyết TTHC", ""),
                row(
                    "A.1",
                    Some("A"),
                    "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
                    "%",
                ),
                row(
                    "a",
                    Some("A.1"),
                    "Tổng số hồ sơ TTHC đã giải quyết xong",
                    "Hồ sơ",
                ),
                row(
                    "A.2",
                    Some("A"),
                    "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hẹn",
                    "%",
                ),
                row(
                    "",
                    Some("A.2"),
                    "Tổng số hồ sơ TTHC đã giải quyết xong",
                    "Hồ sơ",
                ),
            ],
        )];
        let warnings = assign(&CATALOG, &mut tables);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            ids(&tables[0]),
            [
                Some("tthc.ket_qua"),
                Some("tthc.ket_qua.cap_xa"),
                Some("tthc.ket_qua.cap_xa.tong_so"),
                Some("tthc.ket_qua.cap_huyen"),
                Some("tthc.ket_qua.cap_huyen.tong_so"),
            ]
        );
        assert_eq!(tables[0].rows[2].indicator_confidence, Some(1.0));
    }

    /// An unnumbered sub-heading between a row and its parent row decides.
    #[test]
    fn unnumbered_sub_headings_give_context() {
        let mut tables = vec![table(
            "Biểu mẫu 1 - Công tác chỉ đạo điều hành CCHC",
            vec![
                row("5", None, "Thực hiện nhiệm vụ Chính phủ, Thủ tướng Chính phủ, UBND, Chủ tịch UBND tỉnh giao", ""),
                row("", Some("5"), "Thực hiện nhiệm vụ UBND, Chủ tịch UBND tỉnh giao", ""),
                row("5.1", Some("5"), "Tổng số nhiệm vụ được giao", "Nhiệm vụ"),
                row("", Some("5"), "Thực hiện nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao", ""),
                row("5.2", Some("5"), "Tổng số nhiệm vụ được giao", "Nhiệm vụ"),
            ],
        )];
        assign(&CATALOG, &mut tables);
        let ids = ids(&tables[0]);
        assert_eq!(ids[2], Some("chi_dao.nhiem_vu_giao.ubnd_tinh.tong_so"));
        assert_eq!(ids[4], Some("chi_dao.nhiem_vu_giao.chinh_phu.tong_so"));
    }

    /// Close wordings match with less confidence; unrelated labels match
    /// nothing and are listed in one warning per table.
    #[test]
    fn fuzzy_matches_and_unknown_rows() {
        let mut tables = vec![table(
            "Phụ lục 3 - Cải cách thủ tục hành chính",
            vec![
                row("1", None, "Thống kê TTHC", ""),
                row(
                    "1.1",
                    Some("1"),
                    "Số TTHC được công bố mới trong kỳ",
                    "Thủ tục",
                ),
                row("1.2", Some("1"), "Số cây xanh được trồng", "Cây"),
                row("", Some("1"), "Diện tích rừng", "ha"),
            ],
        )];
        let warnings = assign(&CATALOG, &mut tables);
        let r = &tables[0].rows;
        assert_eq!(
            r[1].indicator_id.as_deref(),
            Some("tthc.thong_ke.cong_bo_moi")
        );
        let c = r[1].indicator_confidence.unwrap();
        assert!(c > 0.6 && c < 1.0, "{c}");
        assert_eq!(
            (r[2].indicator_id.as_ref(), r[2].indicator_confidence),
            (None, None)
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "unknown_indicator");
        assert!(
            warnings[0].message.contains("1.2, \"Diện tích rừng\""),
            "{}",
            warnings[0].message
        );
    }

    /// A table whose title names no area takes it from its rows; empty
    /// tables and labels are harmless.
    #[test]
    fn untitled_tables_and_empty_input() {
        let mut tables = vec![
            table(
                "THỐNG KÊ SỐ LIỆU",
                vec![row("1", None, "Số TTHC liên thông cùng cấp", "Thủ tục")],
            ),
            table("", vec![]),
            table("", vec![row("1", Some("9"), "", "")]),
        ];
        let warnings = assign(&CATALOG, &mut tables);
        assert_eq!(
            tables[0].rows[0].indicator_id.as_deref(),
            Some("tthc.mot_cua.lien_thong_cung_cap")
        );
        assert_eq!(warnings.len(), 1);
    }
}
