//! Depth and parent of every row from its STT, document order breaking ties;
//! warnings for duplicated and out-of-order numbers.

use super::raw::RawRow;
use super::stt::{self, Stt};
use crate::diagnostics;
use crate::model::Warning;
use std::collections::HashSet;

/// A row's place in the numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1 for top-level rows.
    pub depth: u32,
    /// STT of the enclosing row.
    pub parent: Option<String>,
}

/// Numbers the rows of one table.
pub fn number(rows: &[RawRow], table: &str, warnings: &mut Vec<Warning>) -> Vec<Place> {
    let mut out = Vec::with_capacity(rows.len());
    // The enclosing Roman section ("III", or its part "III.1") and its depth.
    let mut section: Option<(String, u32)> = None;
    let mut seen: HashSet<(Option<String>, String)> = HashSet::new();
    let mut last_numeric: Option<Vec<u32>> = None;
    let mut last_numbered: Option<Place> = None;
    let mut last_stt = String::new();
    for row in rows {
        let place = match stt::parse(&row.stt) {
            Some((printed, Stt::Roman(_))) => {
                section = Some((printed, 1));
                last_numeric = None;
                Place {
                    depth: 1,
                    parent: None,
                }
            }
            Some((printed, Stt::Sub(_, parts))) => {
                let parent = printed.rsplit_once('.').map(|(p, _)| p.to_string());
                let depth = 1 + u32::try_from(parts.len()).unwrap_or(u32::MAX);
                section = Some((printed, depth));
                last_numeric = None;
                Place { depth, parent }
            }
            Some((printed, Stt::Numeric(parts))) => {
                if let Some(prev) = &last_numeric {
                    let restart = parts.len() == 1 && parts[0] == 1;
                    if !(stt::is_successor(&parts, prev) || restart) {
                        warnings.push(Warning::new(
                            diagnostics::STT_OUT_OF_ORDER,
                            format!(
                                "table \"{table}\": STT {printed} follows {last_stt} (line {})",
                                row.line
                            ),
                        ));
                    }
                }
                let base = section.as_ref().map_or(0, |s| s.1);
                let parent = match printed.rsplit_once('.') {
                    Some((prefix, _)) => Some(prefix.to_string()),
                    None => section.as_ref().map(|s| s.0.clone()),
                };
                last_numeric = Some(parts.clone());
                Place {
                    depth: base + u32::try_from(parts.len()).unwrap_or(u32::MAX),
                    parent,
                }
            }
            None => {
                let (depth, parent) = match &last_numbered {
                    Some(p) => (p.depth + 1, Some(last_stt.clone())),
                    None => (1, None),
                };
                out.push(Place { depth, parent });
                continue;
            }
        };
        if !seen.insert((section.as_ref().map(|s| s.0.clone()), row.stt.clone())) {
            warnings.push(Warning::new(
                diagnostics::DUPLICATE_STT,
                format!(
                    "table \"{table}\": STT {} appears more than once (line {})",
                    row.stt, row.line
                ),
            ));
        }
        last_stt = row.stt.clone();
        last_numbered = Some(place.clone());
        out.push(place);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(stt: &str) -> RawRow {
        RawRow {
            stt: stt.into(),
            ..RawRow::default()
        }
    }

    #[test]
    fn depth_and_parent() {
        let rows = [row("I"), row("1"), row("1.1"), row(""), row("II"), row("1")];
        let mut w = Vec::new();
        let p = number(&rows, "t", &mut w);
        assert_eq!(
            p[0],
            Place {
                depth: 1,
                parent: None
            }
        );
        assert_eq!(
            p[1],
            Place {
                depth: 2,
                parent: Some("I".into())
            }
        );
        assert_eq!(
            p[2],
            Place {
                depth: 3,
                parent: Some("1".into())
            }
        );
        assert_eq!(
            p[3],
            Place {
                depth: 4,
                parent: Some("1.1".into())
            }
        );
        assert_eq!(
            p[5],
            Place {
                depth: 2,
                parent: Some("II".into())
            }
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn parts_of_a_roman_section_nest_under_it() {
        let rows = [
            row("III"),
            row("III.1"),
            row("1"),
            row("2"),
            row("III.2"),
            row("1"),
        ];
        let mut w = Vec::new();
        let p = number(&rows, "t", &mut w);
        let got: Vec<(u32, Option<&str>)> =
            p.iter().map(|p| (p.depth, p.parent.as_deref())).collect();
        assert_eq!(
            got,
            [
                (1, None),
                (2, Some("III")),
                (3, Some("III.1")),
                (3, Some("III.1")),
                (2, Some("III")),
                (3, Some("III.2")),
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn duplicates_and_disorder_warn() {
        let rows = [row("1"), row("1.1"), row("1.2"), row("1.1"), row("1.2")];
        let mut w = Vec::new();
        number(&rows, "t", &mut w);
        assert!(w.iter().any(|w| w.code == "duplicate_stt"));
        assert!(w.iter().any(|w| w.code == "stt_out_of_order"));
    }
}
