//! The checks of one row, with the rows around it.

use super::vocab::VOCAB;
use super::Relations;
use crate::diagnostics;
use crate::model::{Row, Table, ValueKind, Warning};
use crate::value;

/// A table with each row's sub-rows found once.
pub(super) struct TableView<'a> {
    table: &'a Table,
    /// For each row, the indices of its direct sub-rows.
    children: Vec<Vec<usize>>,
}

impl<'a> TableView<'a> {
    /// Finds the sub-rows: the rows after a row that name it as parent, up
    /// to the next row at its depth or above (STTs may repeat).
    pub fn new(table: &'a Table) -> TableView<'a> {
        let rows = &table.rows;
        let children = (0..rows.len())
            .map(|i| {
                let row = &rows[i];
                if row.stt.is_empty() {
                    return Vec::new();
                }
                rows.iter()
                    .enumerate()
                    .skip(i + 1)
                    .take_while(|(_, r)| r.stt.is_empty() || r.depth > row.depth)
                    .filter(|(_, r)| r.parent.as_deref() == Some(row.stt.as_str()))
                    .map(|(j, _)| j)
                    .collect()
            })
            .collect();
        TableView { table, children }
    }

    fn row(&self, i: usize) -> &Row {
        &self.table.rows[i]
    }

    fn warn(&self, code: &str, row: &Row, what: String) -> Warning {
        Warning::new(
            code,
            format!("table \"{}\", STT {}: {what}", self.table.title, shown(row)),
        )
    }
}

/// The warnings about row `i`.
pub(super) fn check_row(view: &TableView, i: usize, relations: &dyn Relations) -> Vec<Warning> {
    let row = view.row(i);
    let mut out = Vec::new();
    let Some(n) = row.value.number else {
        return out;
    };
    let percent = is_percent(row);
    if percent && !(0.0..=100.0).contains(&n) {
        out.push(view.warn(
            diagnostics::PERCENT_OUT_OF_RANGE,
            row,
            format!("{} % is outside 0–100", num(n)),
        ));
    }
    let codes = value::code_numbers(&row.unit);
    if !codes.is_empty() && row.value.kind != ValueKind::Code {
        out.push(view.warn(
            diagnostics::CODE_OUT_OF_RANGE,
            row,
            format!(
                "{} is none of the codes of \"{}\"",
                row.value.raw.trim(),
                row.unit
            ),
        ));
    }
    if row.value.kind == ValueKind::Number
        && VOCAB.is_count_unit(&row.unit)
        && (n < 0.0 || n.fract() != 0.0)
    {
        out.push(view.warn(
            diagnostics::INVALID_COUNT,
            row,
            format!("a count of \"{}\" is {}", row.unit, num(n)),
        ));
    }
    if percent {
        out.extend(percentage_against_parts(view, i, n, relations));
    }
    if let Some(id) = &row.indicator_id {
        if relations.sum_of_children(id) {
            out.extend(parts_against_total(view, i, n));
        }
    }
    out
}

/// A percentage row against part / total × 100.
fn percentage_against_parts(
    view: &TableView,
    i: usize,
    pct: f64,
    relations: &dyn Relations,
) -> Option<Warning> {
    let row = view.row(i);
    let kids = &view.children[i];
    let by_id = |id: &str| {
        kids.iter()
            .copied()
            .find(|&k| view.row(k).indicator_id.as_deref() == Some(id))
    };
    let (part, total) = match row
        .indicator_id
        .as_deref()
        .and_then(|id| relations.ratio(id))
    {
        Some((num_id, den_id)) => (by_id(&num_id)?, by_id(&den_id)?),
        None => two_counted_parts(view, kids)?,
    };
    let (p, t) = (view.row(part).value.number?, view.row(total).value.number?);
    if t <= 0.0 {
        return None;
    }
    let expected = p / t * 100.0;
    ((pct - expected).abs() > precision(pct)).then(|| {
        view.warn(
            diagnostics::INCONSISTENT_PERCENTAGE,
            row,
            format!(
                "{} % is printed, but {} / {} = {} / {} = {} %",
                num(pct),
                shown(view.row(part)),
                shown(view.row(total)),
                num(p),
                num(t),
                num(expected)
            ),
        )
    })
}

/// Exactly two sub-rows holding counts: (part, total), the total being the
/// one whose label names a total, else the first.
fn two_counted_parts(view: &TableView, kids: &[usize]) -> Option<(usize, usize)> {
    let [a, b] = kids else { return None };
    let counted = |k: usize| {
        let r = view.row(k);
        r.value.kind == ValueKind::Number && !is_percent(r)
    };
    if !counted(*a) || !counted(*b) {
        return None;
    }
    if VOCAB.is_total(&view.row(*b).label) && !VOCAB.is_total(&view.row(*a).label) {
        Some((*a, *b))
    } else {
        Some((*b, *a))
    }
}

/// A total against the sum of its sub-rows (when all have numbers).
fn parts_against_total(view: &TableView, i: usize, total: f64) -> Option<Warning> {
    let kids = &view.children[i];
    if kids.is_empty() {
        return None;
    }
    let parts: Option<Vec<f64>> = kids.iter().map(|&k| view.row(k).value.number).collect();
    let sum: f64 = parts?.iter().sum();
    ((sum - total).abs() > 1e-6).then(|| {
        let names: Vec<String> = kids.iter().map(|&k| shown(view.row(k))).collect();
        view.warn(
            diagnostics::PARTS_DO_NOT_ADD_UP,
            view.row(i),
            format!(
                "{} is printed, but {} add up to {}",
                num(total),
                names.join(" + "),
                num(sum)
            ),
        )
    })
}

/// One unit of the last decimal place printed (1 for "90", 0.1 for "98,8"):
/// how far a percentage rounded or cut to that place can be from the truth.
fn precision(printed: f64) -> f64 {
    (0..4)
        .map(|d| 10f64.powi(-d))
        .find(|unit| ((printed / unit).round() * unit - printed).abs() < 1e-9)
        .unwrap_or(1e-4)
}

fn is_percent(row: &Row) -> bool {
    row.value.kind == ValueKind::Percent || value::is_percent_unit(&row.unit)
}

/// A row's STT, or its label when it has none.
fn shown(row: &Row) -> String {
    if row.stt.is_empty() {
        format!("\"{}\"", row.label)
    } else {
        row.stt.clone()
    }
}

/// A number for messages: at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_tables, NoRelations};

    fn row(stt: &str, parent: Option<&str>, label: &str, unit: &str, raw: &str) -> Row {
        Row::sample(stt, parent, label, unit, raw)
    }

    /// An on-time rate printed as `pct` over 2245 of 2445 files.
    fn on_time(pct: &str) -> Vec<Row> {
        vec![
            row("3.3", Some("3"), "Tỷ lệ hồ sơ đúng hạn", "%", pct),
            row(
                "3.3.1",
                Some("3.3"),
                "Tổng số hồ sơ đã giải quyết",
                "Hồ sơ",
                "2445",
            ),
            row(
                "3.3.2",
                Some("3.3"),
                "Số hồ sơ giải quyết đúng hạn",
                "Hồ sơ",
                "2245",
            ),
        ]
    }

    fn codes(rows: Vec<Row>) -> Vec<String> {
        let table = Table {
            title: "Biểu mẫu 3".into(),
            page: None,
            columns: Vec::new(),
            rows,
        };
        check_tables(&[table], &NoRelations)
            .into_iter()
            .map(|w| w.code)
            .collect()
    }

    #[test]
    fn a_percentage_off_its_parts_is_flagged() {
        assert_eq!(codes(on_time("100")), ["inconsistent_percentage"]);
    }

    #[test]
    fn a_rounded_percentage_passes() {
        let mut rows = on_time("91,82");
        rows.extend(vec![
            row("3.4", Some("3"), "Tỷ lệ cắt bớt", "%", "91"),
            row("3.4.1", Some("3.4"), "Số hồ sơ đúng hạn", "Hồ sơ", "2245"),
            row("3.4.2", Some("3.4"), "Tổng số hồ sơ", "Hồ sơ", "2445"),
            row("3.5", Some("3"), "Tỷ lệ không có số", "%", "0"),
            row("3.5.1", Some("3.5"), "Tổng số", "Hồ sơ", "0"),
            row("3.5.2", Some("3.5"), "Số", "Hồ sơ", "0"),
        ]);
        assert!(codes(rows).is_empty());
    }

    #[test]
    fn printed_decimals_set_the_tolerance() {
        assert_eq!(precision(90.0), 1.0);
        assert_eq!(precision(98.8), 0.1);
        assert_eq!(precision(83.94), 0.01);
        let rows = vec![
            row("3.3", Some("3"), "Tỷ lệ", "%", "98,8"),
            row("3.3.1", Some("3.3"), "Tổng số hồ sơ", "Hồ sơ", "8632"),
            row("3.3.2", Some("3.3"), "Số hồ sơ đúng hạn", "Hồ sơ", "8589"),
        ];
        assert_eq!(codes(rows), ["inconsistent_percentage"]);
    }

    #[test]
    fn out_of_range_values_and_bad_counts() {
        let rows = vec![
            row("1", None, "Tỷ lệ", "%", "120"),
            row("2", None, "Có kế hoạch", "Có = 1; Không = 0", "3"),
            row("3", None, "Số văn bản", "Văn bản", "2,5"),
            row("4", None, "Số người", "Người", "-1"),
            row("5", None, "Số văn bản", "Văn bản", "4"),
            row("6", None, "Có kế hoạch", "Có = 1; Không = 0", "1"),
        ];
        assert_eq!(
            codes(rows),
            [
                "percent_out_of_range",
                "code_out_of_range",
                "invalid_count",
                "invalid_count"
            ]
        );
    }

    struct Sums;
    impl Relations for Sums {
        fn sum_of_children(&self, id: &str) -> bool {
            id == "total"
        }
        fn ratio(&self, _: &str) -> Option<(String, String)> {
            None
        }
    }

    #[test]
    fn parts_against_their_total_when_the_catalogue_says_so() {
        let mut total = row("1", None, "Tổng số TTHC", "Thủ tục", "77");
        total.indicator_id = Some("total".into());
        let rows = vec![
            total,
            row("1.1", Some("1"), "cấp tỉnh", "Thủ tục", "54"),
            row("1.2", Some("1"), "cấp huyện", "Thủ tục", "20"),
        ];
        let table = Table {
            title: "t".into(),
            page: None,
            columns: Vec::new(),
            rows,
        };
        let w = check_tables(std::slice::from_ref(&table), &Sums);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, "parts_do_not_add_up");
        assert!(check_tables(&[table], &NoRelations).is_empty());
    }
}
